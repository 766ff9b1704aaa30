import ArgumentParser
import DiagnosticRules
import Foundation

/// `keywizard known-keys`: which disclosed-key list is in use, and importing a newer copy of
/// Microsoft's list (it grows as more keys are found in public code).
struct KnownKeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "known-keys",
        abstract: "Show or update the list of publicly disclosed machine keys.",
        subcommands: [KnownKeysShowCommand.self, KnownKeysUpdateCommand.self],
        defaultSubcommand: KnownKeysShowCommand.self)
}

/// `keywizard known-keys show`: the list that `diagnose`, `scan-configs` and the wizard use.
struct KnownKeysShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print which disclosed-key list is in use and its version.")
    @Option(name: .customLong("known-keys"), help: "A list file to check instead of the default.") var knownKeys:
        String?
    @OptionGroup var options: PlaybookOptions

    func run() throws {
        try guarded {
            let loaded = try KnownKeysLoading.load(explicit: knownKeys, playbooks: options.playbooks)
            print(loaded.line)
        }
    }
}

/// `keywizard known-keys update FILE`: validates a newer copy of the list and installs it
/// in the user's data folder, where it takes precedence over the shipped list.
struct KnownKeysUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Import a newer copy of Microsoft's disclosed-key list (validated first).",
        discussion: """
            FILE is Microsoft's MachineKeys.csv as published (microsoft/mstic, \
            RapidReleaseTI/MachineKeys.csv, CC BY 4.0) or one SHA-256 digest a line. It is checked \
            line by line, then copied to $XDG_DATA_HOME/keywizard/known-keys (default \
            ~/.local/share/keywizard/known-keys), which every command then uses by default.
            """)

    @Argument(help: "The new list file.") var file: String
    @Option(help: "Date of the list (default: the file's modification day, UTC).") var date: String?
    @OptionGroup var options: PlaybookOptions

    func run() throws {
        try guarded {
            let source: KnownKeysSource
            do { source = try KnownKeysSource.load(URL(fileURLWithPath: file)) } catch let e
                as KnownKeysSource.LoadFailure
            {
                throw Failure(e.description + "; nothing was imported")
            }
            let previous = KnownKeysSource.locateDefault(playbooks: options.playbooks).flatMap {
                try? KnownKeysSource.load($0)
            }
            let folder = KnownKeysSource.userFolder()
            let target = folder.appendingPathComponent(KnownKeysSource.fileName)
            let day = date ?? source.date
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data(contentsOf: source.url).write(to: target, options: .atomic)
                try Data((day + "\n").utf8).write(to: target.appendingPathExtension("date"), options: .atomic)
            } catch {
                throw Failure(
                    "\(target.path): cannot write the list (\((error as NSError).localizedDescription)); check the folder is writable"
                )
            }
            let installed = try KnownKeysSource.load(target)
            print("imported \(file): \(installed.version)")
            print("installed as \(target.path); diagnose, scan-configs and the wizard use it from now on")
            if let previous {
                print("replaces \(PlaybookLibrary.displayPath(previous.url)) (\(previous.version))")
                if previous.list.rows > installed.list.rows {
                    print(
                        "warning: the new list has fewer rows (\(installed.list.rows)) than the one it replaces (\(previous.list.rows)); check it is the newer copy"
                    )
                }
            }
        }
    }
}
