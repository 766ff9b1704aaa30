import ArgumentParser

/// `--format text|json`, shared by the subcommands: text for people, JSON for scripts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}
