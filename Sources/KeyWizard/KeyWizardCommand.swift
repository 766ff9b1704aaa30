import ArgumentParser
import CStartupMemory
import DiagnosticRules
import Foundation

/// The `keywizard` command: with no subcommand it starts the interactive wizard.
@main
struct KeyWizardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keywizard",
        abstract: "Find out why an IIS / ASP.NET server's machine keys broke, and fix it.",
        version: "keywizard \(KeyWizardVersion.current)",
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
            KnownKeysCommand.self,
            ScanConfigsCommand.self,
            ViewStateCommand.self,
            // Evidence
            ParseCommand.self,
            // Sessions
            SessionsCommand.self,
            ReplayCommand.self,
            ChecklistCommand.self
        ],
        defaultSubcommand: RunCommand.self
    )

    /// Names a first argument may have: every subcommand's name and aliases, and `help`.
    static var commandNames: [String] {
        configuration.subcommands.flatMap { [$0._commandName] + $0.configuration.aliases } + ["help"]
    }

    /// `commandNames` written out, so that checking the first argument of every start does
    /// not instantiate every subcommand's configuration (measurable before the first screen).
    /// Only a shortcut: a word not in it is still looked up in `commandNames` before it is
    /// called unknown, so a command added without updating this list still works.
    static let knownCommandNames: [String] = [
        "run", "resume", "lint", "test", "explain", "diagnose", "decode", "sid", "container", "identify",
        "compare-keys", "known-keys", "scan-configs", "viewstate", "parse", "sessions", "replay", "checklist", "help"
    ]

    /// With a default subcommand, ArgumentParser reads an unknown word as an argument of
    /// `run` and prints run's usage. A word where a command belongs is a mistyped command.
    static func unknownCommandMessage(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !knownCommandNames.contains(first),
            !commandNames.contains(first)
        else { return nil }
        let close = suggestion(first, among: commandNames)
        return "unknown command '\(first)'\(close); `keywizard help` lists the commands"
    }

    /// ArgumentParser's messages start with "Error: "; every message of this command starts
    /// with one prefix instead.
    static func prefixed(_ message: String) -> String {
        let body = message.hasPrefix("Error: ") ? String(message.dropFirst("Error: ".count)) : message
        return "keywizard: error: " + body
    }

    /// Like ArgumentParser's own `main`, with two differences: a usage error exits 1 (the
    /// status every other bad input gets), and messages pass through `SecretScrubber`, since
    /// ArgumentParser quotes unexpected arguments, and an argument may be a machine key.
    static func main() {
        // The relocation records the loader has applied are never read again (2 MB resident).
        _ = startup_release_applied_relocations()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments == ["--version"] || arguments == ["-V"] {
            print("keywizard \(KeyWizardVersion.current)")
            Foundation.exit(0)
        }
        if let message = unknownCommandMessage(arguments) {
            printError(SecretScrubber.scrub(message))
            Foundation.exit(1)
        }
        do {
            if let launch = QuickStart.launch(arguments) {
                try launch.start()
            } else {
                var command = try parseAsRoot(arguments)
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = SecretScrubber.scrub(fullMessage(for: error))
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            if !message.isEmpty { writeStandardError(prefixed(message) + "\n") }
            Foundation.exit(code == .validationFailure ? 1 : code.rawValue)
        }
    }
}
