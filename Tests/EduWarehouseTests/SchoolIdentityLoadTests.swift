@testable import EduWarehouse
import Testing

/// 性质/举办者 and 办学地址 stored on the school: the sponsor as written, who runs the school, and
/// the address; a later return without them keeps what is known.
struct SchoolIdentityLoadTests {
    typealias Part = HandMadeLoads.Part

    static func schools(_ warehouse: Warehouse) throws -> [[String]] {
        try HandMadeLoads.dump("SELECT code, name, ownership, sponsor, address FROM schools ORDER BY code", in: warehouse.connection)
    }

    @Test func ownershipSponsorAndAddressAreStoredAndKept() throws {
        let warehouse = try HandMadeLoads.newWarehouse("identity")
        try HandMadeLoads.load([
            Part(code: "2144009901", name: "某市某区东湖小学", type: "小学", stage: .primary, values: ["students": 512],
                 identity: ["ownership": "831县级教育部门", "address": "某市东湖路9号"]),
            Part(code: "2144009902", name: "某市某区育才学校", type: "小学", stage: .primary, values: ["students": 300],
                 identity: ["ownership": "999民办", "address": "某市育才街1号"]),
            Part(code: "2144009903", name: "某市某区新村小学", type: "小学", stage: .primary, values: ["students": 90],
                 identity: ["ownership": "其他"]),
        ], as: "东湖区2023.csv", into: warehouse)
        #expect(try Self.schools(warehouse) == [
            ["t2144009901", "t某市某区东湖小学", "tpublic", "t831县级教育部门", "t某市东湖路9号"],
            ["t2144009902", "t某市某区育才学校", "tprivate", "t999民办", "t某市育才街1号"],
            ["t2144009903", "t某市某区新村小学", "null", "t其他", "null"],
        ])

        // A later return without the columns (or with cells of spaces, as WPS writes them) keeps them.
        try HandMadeLoads.load([
            Part(code: "2144009901", name: "东湖小学", type: "小学", stage: .primary, values: ["classes": 12]),
            Part(code: "2144009902", name: "某市某区育才学校", type: "小学", stage: .primary, values: ["classes": 8],
                 identity: ["ownership": " ", "address": "  "]),
        ], as: "东湖区2023补报.csv", into: warehouse)
        #expect(try Self.schools(warehouse) == [
            ["t2144009901", "t东湖小学", "tpublic", "t831县级教育部门", "t某市东湖路9号"],
            ["t2144009902", "t某市某区育才学校", "tprivate", "t999民办", "t某市育才街1号"],
            ["t2144009903", "t某市某区新村小学", "null", "t其他", "null"],
        ])

        // One that says otherwise is taken: the later return is the newer word.
        try HandMadeLoads.load([
            Part(code: "2144009903", name: "某市某区新村小学", type: "小学", stage: .primary, values: ["classes": 4],
                 identity: ["ownership": "民办", "address": "新村"]),
        ], as: "东湖区2024.csv", into: warehouse)
        #expect(try Self.schools(warehouse).last == ["t2144009903", "t某市某区新村小学", "tprivate", "t民办", "t新村"])
    }

    @Test func theOwnershipCheckRefusesOtherWords() throws {
        let warehouse = try HandMadeLoads.newWarehouse("ownership-check")
        #expect(throws: WarehouseError.self) {
            try warehouse.connection.execute("INSERT INTO schools (code, ownership) VALUES ('1', 'state')")
        }
        try warehouse.connection.execute("INSERT INTO schools (code, ownership) VALUES ('2', 'private')")
    }
}
