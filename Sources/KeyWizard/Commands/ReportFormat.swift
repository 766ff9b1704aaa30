import ArgumentParser

/// `replay --format`: text for people, Markdown for tickets, JSON for scripts.
enum ReplayFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, json
}

/// `checklist --format`: text for a printer, Markdown, self-contained HTML, or JSON.
enum ChecklistFormat: String, ExpressibleByArgument, CaseIterable {
    case text, markdown, html, json
}
