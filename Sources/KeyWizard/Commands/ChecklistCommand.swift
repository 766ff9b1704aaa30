import ArgumentParser
import DiagnosticRules
import Foundation

/// `keywizard checklist`: the printed remediation checklist of a saved session, for the
/// change record and for the operator at the console.
struct ChecklistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checklist",
        abstract: "Print the remediation checklist of a saved session.",
        discussion:
            "Text is wrapped at 80 columns for lp; commands are never wrapped. HTML is self-contained and print-ready.")

    @Argument(help: "Session file (default: the newest in the session folder).", completion: Completions.sessionFiles)
    var session: String?
    @OptionGroup var options: PlaybookOptions
    @OptionGroup var sessions: SessionOptions
    @Option(help: "Output format: text, markdown, html or json.") var format: ChecklistFormat = .text
    @Option(name: .shortAndLong, help: "Write to FILE instead of standard output.") var output: String?

    func run() throws {
        try guarded {
            let lib = try options.library()
            let loaded = try sessions.load(try sessions.sessionURL(session))
            guard let playbook = lib.playbook(loaded.playbookId) else {
                throw Failure(
                    "\(PlaybookLibrary.displayPath(loaded.url)):1: playbook '\(loaded.playbookId)' is not in \(PlaybookLibrary.displayPath(lib.directory)); pass --playbooks DIR with that playbook"
                )
            }
            let checklist = Checklist(session: loaded, playbook: playbook, date: Date())
            let text: String
            switch format {
            case .text: text = ChecklistText.render(checklist)
            case .markdown: text = ChecklistMarkdown.render(checklist)
            case .html: text = ChecklistHTML.render(checklist)
            case .json: text = try ChecklistJSON.render(checklist)
            }
            try writeOutput(text, to: output)
        }
    }
}
