import ArgumentParser
import EduNormalise
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
