import ArgumentParser
import DiagnosticRules
import Foundation

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check every playbook: YAML, schema, unknown facts and functions, types, dead logic.",
        discussion: "Prints findings like a compiler (file:line:col: error: ...). Exit status 1 on any error.")

    @Argument(help: "Playbook folder.") var directory: String?
    @OptionGroup var options: PlaybookOptions

    func run() throws {
        try guarded {
            let lib = try options.library(directory, allowBroken: true)
            var findings = lib.diagnostics
            for p in lib.playbooks { findings += PlaybookLinter.lint(p) }
            findings.sort {
                ($0.location.file, $0.location.line, $0.location.column) < (
                    $1.location.file, $1.location.line, $1.location.column
                )
            }
            for f in findings { print(f.description) }
            let errors = findings.filter { $0.severity == .error }.count
            let warnings = findings.count - errors
            let files = PlaybookLibrary.playbookFiles(in: lib.directory).count
            // The folder first: with `--playbooks`, `$KEYWIZARD_PLAYBOOKS` and the install
            // folder all in play, "0 errors" means little without saying where.
            print(
                "\(PlaybookLibrary.displayPath(lib.directory)): \(files) playbook\(files == 1 ? "" : "s"), \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
            )
            if errors > 0 { throw ExitCode(1) }
        }
    }
}
