import ArgumentParser
import DiagnosticRules
import Foundation

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print a playbook as a readable tree (steps, derived facts, rules, diagnoses) for review.",
        discussion:
            "`keywizard explain --functions` lists the built-in functions conditions may call; `keywizard explain --parsers` lists the evidence parsers and the typed fields each one gives (what `parser:` and `fields:` in a playbook may name)."
    )

    @Argument(
        help: "Playbook id (see the start menu or `keywizard explain` without an id).",
        completion: Completions.playbookIds) var playbook: String?
    @Flag(help: "List the built-in functions of the condition language.") var functions = false
    @Flag(help: "List the evidence parsers, their fields (name, type, meaning) and an example input.") var parsers =
        false
    @OptionGroup var options: PlaybookOptions

    func run() throws {
        try guarded {
            if functions {
                for f in Builtins.all.values.sorted(by: { $0.name < $1.name }) {
                    print("\(f.name)(\(f.parameters.map(\.description).joined(separator: ", "))) -> \(f.returns)")
                    print("    \(f.summary)")
                }
                return
            }
            if parsers {
                for line in ParserCatalog.lines() { print(line) }
                return
            }
            let lib = try options.library()
            guard let playbook else {
                for p in lib.playbooks { print("\(p.id)  \(p.menuLabel)") }
                return
            }
            guard let p = lib.playbook(playbook) else {
                throw Failure(
                    "no playbook '\(playbook)' in \(PlaybookLibrary.displayPath(lib.directory)); available: \(lib.playbooks.map(\.id).joined(separator: ", "))"
                )
            }
            print(PlaybookOutline.render(p))
        }
    }
}
