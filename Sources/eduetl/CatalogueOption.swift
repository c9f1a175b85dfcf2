import ArgumentParser
import EduAudit
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

/// `--checks FILE`: the flag, else $EDUETL_CHECKS, else Pipelines/checks.yml in the working
/// directory, else the built-in ones.
struct ChecksOption: ParsableArguments {
    @Option(help: ArgumentHelp("The checks (审核) run on the returns (default: $EDUETL_CHECKS, else Pipelines/checks.yml, else the built-in ones)."))
    var checks: String?

    func load() throws -> AuditRules {
        if let checks { return try AuditRulesLoader.load(path: checks) }
        return try AuditRulesLoader.loadDefault()
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
