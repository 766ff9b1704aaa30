import ArgumentParser

/// `--format text|json` of the knowledge and listing commands: text for people, JSON for
/// scripts.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// `--format text|markdown|json` of the commands that print a diagnosis (diagnose, replay):
/// Markdown for tickets and wikis as well.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case markdown
    case json
}

/// `checklist --format`: text for a printer, Markdown, self-contained HTML, or JSON.
enum ChecklistFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, html, json
}
