import ArgumentParser

/// `--format text|json|markdown`, shared by the subcommands: text for people, JSON for
/// scripts, markdown for tickets and wikis. Commands without a markdown renderer print their
/// text form for `markdown`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
    case markdown
}
