@testable import EduWarehouse
import Testing

/// Migrations that shipped are never edited: a released warehouse recorded them as applied and
/// will never run them again. Their text (the computed 002 included) is pinned by length and an
/// FNV-1a digest taken when each was released (004 as of 44f1dbb, its only change; 005 to 015 as added).
struct ShippedMigrationsTests {
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    static let shipped: [(name: String, bytes: Int, digest: UInt64)] = [
        ("001-warehouse", 6841, 0xb126_1ba0_8626_4b15),
        ("002-balance", 11286, 0x204e_67ac_4442_1a0a),
        ("003-pipeline-runs", 577, 0xc051_d384_906c_e4e9),
        ("004-stages-and-schools", 6723, 0x5580_e6a3_4070_badc),
        ("005-run-files", 333, 0xf981_c8e6_588d_8aba),
        ("006-judged-balance", 21929, 0x2ccd_e2e8_604d_75c1),
        ("007-audit", 18691, 0x9628_7317_e87a_a17a),
        ("008-breakdowns", 14886, 0xec93_cd97_017c_5e49),
        ("009-county-names", 422, 0xb296_eb8f_4ee9_b5b4),
        ("010-school-parts", 23587, 0x0cca_b47b_38d4_4285),
        ("011-audit-by-county", 15123, 0x9f11_6408_ae5a_9f58),
        ("012-balance-by-county", 74577, 0xe623_6c45_b934_e737),
        ("013-balance-trend", 877, 0x1ccf_9056_815e_855c),
        ("014-county-overview", 3753, 0xd32a_62f4_06f8_6aa4),
        ("015-compact-values", 37246, 0x8dda_b9ac_0fa6_12a3),
    ]

    @Test(arguments: 0..<15)
    func shippedMigrationIsUnchanged(index: Int) throws {
        let want = Self.shipped[index]
        let migration = try #require(Schema.migrations.dropFirst(index).first)
        #expect(migration.name == want.name)
        #expect(migration.sql.utf8.count == want.bytes)
        #expect(Self.fnv1a(migration.sql) == want.digest)
    }
}

extension ShippedMigrationsTests {
    /// Every migration is pinned: one added without its length and digest here fails.
    @Test func everyMigrationIsPinned() {
        #expect(Schema.migrations.map(\.name) == Self.shipped.map(\.name))
    }
}
