import EduConfig

/// A catalogue file that cannot be used, with the line it broke on.
public typealias CatalogueError = ConfigError
