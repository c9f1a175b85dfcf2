@testable import EduNormalise
import Foundation

/// The project's own catalogue, Pipelines/catalogue.yml, as the binary reads it.
enum CatalogueFixture {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let path = root.appendingPathComponent("Pipelines/catalogue.yml").path
    static let catalogue: Catalogue = try! CatalogueLoader.load(path: path)
    static let matcher = HeaderMatcher(catalogue: catalogue)
    static let fixtures = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
}
