import ArgumentParser
import DiagnosticRules
import Foundation

/// The `keywizard` command: with no subcommand it starts the interactive wizard.
@main
struct KeyWizardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keywizard",
        abstract: "Find out why an IIS / ASP.NET server's machine keys broke, and fix it.",
        subcommands: [
            // The wizard
            RunCommand.self,
            ResumeCommand.self,
            // Playbooks
            LintCommand.self,
            TestCommand.self,
            ExplainCommand.self,
            DiagnoseCommand.self,
            // Windows knowledge
            DecodeCommand.self,
            SidCommand.self,
            ContainerCommand.self,
            IdentifyCommand.self,
            CompareKeysCommand.self,
            // Evidence
            ParseCommand.self,
            // Sessions
            SessionsCommand.self,
            ReplayCommand.self,
            ChecklistCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )

    /// Like ArgumentParser's own `main`, with two differences: a usage error exits 1 (the
    /// status every other bad input gets), and messages pass through `SecretScrubber`, since
    /// ArgumentParser quotes unexpected arguments, and an argument may be a machine key.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = SecretScrubber.scrub(fullMessage(for: error))
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            if !message.isEmpty { writeStandardError((message + "\n")) }
            Foundation.exit(code == .validationFailure ? 1 : code.rawValue)
        }
    }
}
