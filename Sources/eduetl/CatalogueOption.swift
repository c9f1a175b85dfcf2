import ArgumentParser
import EduNormalise
import EduWarehouse
import Foundation

/// `--catalogue FILE`, shared by the commands that map headers: the flag, else
/// $EDUETL_CATALOGUE, else Pipelines/catalogue.yml in the working directory.
struct CatalogueOption: ParsableArguments {
    @Option(help: "The catalogue of fields and header aliases (default: $EDUETL_CATALOGUE, else Pipelines/catalogue.yml).")
    var catalogue: String?

    var path: String {
        catalogue ?? ProcessInfo.processInfo.environment["EDUETL_CATALOGUE"] ?? "Pipelines/catalogue.yml"
    }

    func load() throws -> Catalogue {
        try CatalogueLoader.load(path: path)
    }
}

/// `--standards FILE`: the flag, else $EDUETL_STANDARDS, else Pipelines/standards.yml (used
/// when there; only a file named on purpose must exist).
struct StandardsOption: ParsableArguments {
    @Option(help: "The standards (CV limits, minimums, exclusions, targets) (default: $EDUETL_STANDARDS, else Pipelines/standards.yml).")
    var standards: String?

    func load() throws -> Standards? {
        if let named = standards ?? ProcessInfo.processInfo.environment["EDUETL_STANDARDS"] {
            return try StandardsLoader.load(path: named)
        }
        let fallback = "Pipelines/standards.yml"
        return FileManager.default.fileExists(atPath: fallback) ? try StandardsLoader.load(path: fallback) : nil
    }
}
