import ArgumentParser
import DiagnosticRules

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
}
