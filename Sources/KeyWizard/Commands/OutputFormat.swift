import ArgumentParser

/// `--format text|json` of the knowledge and listing commands: text for people, JSON for
/// scripts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// `--format text|markdown|json` of the commands that print a diagnosis: Markdown for
/// tickets and wikis as well.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case markdown
    case json
}
