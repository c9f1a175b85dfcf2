import ArgumentParser
import EduNormalise
import EduStandards
import EduWarehouse
import Foundation

/// `--catalogue FILE`, shared by the commands that map headers: the flag, else
/// $EDUETL_CATALOGUE, else Pipelines/catalogue.yml in the working directory, else the built-in one.
struct CatalogueOption: ParsableArguments {
    @Option(help: "The catalogue of fields and header aliases (default: $EDUETL_CATALOGUE, else Pipelines/catalogue.yml, else the built-in one).")
    var catalogue: String?

    func load() throws -> Catalogue {
        if let catalogue { return try CatalogueLoader.load(path: catalogue) }
        return try CatalogueLoader.loadDefault()
    }
}

/// `--standards FILE`: the flag, else $EDUETL_STANDARDS, else Pipelines/standards.yml in the
/// working directory, else the built-in ones.
struct StandardsOption: ParsableArguments {
    @Option(help: ArgumentHelp("The standards (CV limits, minimums, exclusions, targets) "
                               + "(default: $EDUETL_STANDARDS, else Pipelines/standards.yml, else the built-in ones)."))
    var standards: String?

    func load() throws -> Standards {
        if let standards { return try StandardsLoader.load(path: standards) }
        return try StandardsLoader.loadDefault()
    }
}
