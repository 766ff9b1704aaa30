import ArgumentParser
import DiagnosticRules
import Foundation

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print a playbook as a readable tree (steps, derived facts, rules, diagnoses) for review.")

    @Argument(help: "Playbook id (see `keywizard lint` or the start menu).") var playbook: String
    @OptionGroup var options: PlaybookOptions

    func run() throws {
        try guarded {
            let lib = try options.library()
            guard let p = lib.playbook(playbook) else {
                throw Failure("no playbook '\(playbook)' in \(PlaybookLibrary.displayPath(lib.directory)); available: \(lib.playbooks.map(\.id).joined(separator: ", "))")
            }
            print(PlaybookOutline.render(p))
        }
    }
}
