// swift-tools-version:6.1
// eduetl: batch ETL of Chinese school statistical returns (XLSX, XLS, CSV) into a SQLite warehouse.
// Stages depend one way: readers → normaliser → warehouse → reports → CLI.
// C libraries are reached only through the thin system-library shims below.
import PackageDescription

let package = Package(
    name: "eduetl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "eduetl", targets: ["eduetl"]),
        .library(name: "EduXLSX", targets: ["EduXLSX"]),
        .library(name: "EduXLS", targets: ["EduXLS"]),
        .library(name: "EduCSV", targets: ["EduCSV"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.0"),
    ],
    targets: [
        // C shims: one per system library, named by pkg-config and apt package.
        .systemLibrary(name: "CEduZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CEduXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CEduSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        // Shared cell model: positions, typed cells, rows, the row-source contract. No dependencies.
        .target(name: "EduCore"),
        // ZIP archives over zlib raw inflate, with guards against hostile archives.
        .target(name: "EduZip", dependencies: ["EduCore", "CEduZlib"]),
        // XLSX workbooks: OOXML parts streamed through libxml2's SAX2 push parser.
        .target(name: "EduXLSX", dependencies: ["EduCore", "EduZip", "CEduXML2"]),
        // Legacy .xls workbooks: BIFF8/BIFF5 records in an OLE2 compound file ([MS-CFB], [MS-XLS]), BIFF5 text
        // through iconv, with guards against hostile files.
        .target(name: "EduXLS", dependencies: ["EduCore"]),
        // CSV files: encoding (BOM, UTF-8, GB18030 through iconv) and dialect sniffed, records streamed.
        .target(name: "EduCSV", dependencies: ["EduCore"]),
        // The normaliser: header blocks and forms found, headers mapped to the catalogue's fields, values parsed.
        // The editable YAML files (catalogue, standards, pipelines): read and composed in one place.
        .target(name: "EduConfig", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "EduNormalise", dependencies: ["EduCore", "EduConfig"]),
        // The balance standards (standards.yml): CV limits, quality minimums, exclusions, county targets.
        .target(name: "EduStandards", dependencies: ["EduConfig", "EduNormalise"]),
        // The checks (审核, Pipelines/checks.yml): the figures a return cannot hold, or should confirm.
        .target(name: "EduAudit", dependencies: ["EduConfig"]),
        // The SQLite warehouse: migrations, one transaction per file, provenance, rejects, conflicts.
        .target(name: "EduWarehouse", dependencies: ["EduCore", "EduNormalise", "EduStandards", "EduAudit", "CEduSQLite"]),
        // Ingest: files found, read and normalised in parallel, their year and county settled, loaded by one writer.
        .target(name: "EduIngest", dependencies: [
            "EduCore", "EduXLSX", "EduXLS", "EduCSV", "EduNormalise", "EduStandards", "EduAudit", "EduWarehouse", .product(name: "Crypto", package: "swift-crypto"),
        ]),

        // Reports: county summaries and their exporters (XLSX through EduZip's writer).
        .target(name: "EduReports", dependencies: ["EduCore", "EduZip", "EduNormalise", "EduStandards", "EduAudit", "EduWarehouse"]),
        .target(name: "EduPipelines", dependencies: [
            "EduAudit", "EduCore", "EduConfig", "EduIngest", "EduReports", "EduStandards", "EduWarehouse", "EduNormalise",
        ]),

        // The local web page (eduetl serve): pages rendered on the server over the same modules, on Hummingbird.
        .target(name: "EduWeb", dependencies: [
            "EduAudit", "EduConfig", "EduIngest", "EduNormalise", "EduPipelines", "EduReports", "EduStandards", "EduWarehouse", "EduZip",
            .product(name: "Hummingbird", package: "hummingbird"), .product(name: "MultipartKit", package: "multipart-kit"),
        ]),

        .executableTarget(name: "eduetl", dependencies: [
            "EduCore", "EduXLSX", "EduXLS", "EduCSV", "EduNormalise", "EduStandards", "EduAudit", "EduWarehouse", "EduIngest", "EduReports",
            "EduPipelines", "EduWeb",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Throughput and memory against the bare zlib and libxml2 floors (make bench).
        // It reaches zlib and libxml2 directly only to time the bare inflate and empty-callback floors.
        .executableTarget(name: "EduBench", dependencies: ["EduCore", "EduZip", "EduXLSX", "EduXLS", "CEduZlib", "CEduXML2", "EduWarehouse", "CEduSQLite"]),

        .testTarget(name: "EduCoreTests", dependencies: ["EduCore"]),
        .testTarget(name: "EduZipTests", dependencies: ["EduZip", "EduCore"], resources: [.copy("Fixtures")]),
        // What several test targets share: cell dump comparison, known differences, repository paths.
        .target(name: "EduTestSupport", path: "Tests/Support"),
        .testTarget(name: "EduXLSXTests", dependencies: ["EduXLSX", "EduZip", "EduCore", "EduTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EduXLSTests", dependencies: ["EduXLS", "EduCore", "EduTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EduCSVTests", dependencies: ["EduCSV", "EduCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "EduNormaliseTests", dependencies: ["EduNormalise", "EduCore", "EduXLSX", "EduXLS", "EduCSV"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "EduWarehouseTests", dependencies: ["EduWarehouse", "EduIngest", "EduNormalise", "EduStandards", "EduAudit"]),
        .testTarget(name: "EduReportsTests", dependencies: [
            "EduReports", "EduZip", "EduXLSX", "EduCore", "EduIngest", "EduWarehouse", "EduNormalise", "EduStandards", "EduAudit",
        ]),
        .testTarget(name: "EduAuditTests", dependencies: ["EduAudit", "EduConfig"]),
        .testTarget(name: "EduIngestTests", dependencies: ["EduIngest", "EduNormalise", "EduWarehouse"]),
        .testTarget(name: "EndToEndTests", dependencies: ["EduCore"]),
        .testTarget(name: "EduPipelinesTests", dependencies: ["EduPipelines", "EduWarehouse", "EduIngest", "EduStandards"]),
        .testTarget(name: "EduWebTests", dependencies: [
            "EduWeb", "EduWarehouse", "EduIngest", "EduStandards", "EduNormalise",
            .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
    ]
)
