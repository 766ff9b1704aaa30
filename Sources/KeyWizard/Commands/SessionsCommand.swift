import ArgumentParser
import DiagnosticRules
import Foundation

/// `keywizard sessions`: the saved sessions, to pick one to resume, replay or print.
struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List saved sessions (time, playbook, host, status, diagnosis).")

    @OptionGroup var sessions: SessionOptions
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text

    func run() throws {
        try guarded {
            let store = sessions.store
            var isDir: ObjCBool = false
            if sessions.directory != nil,
                !FileManager.default.fileExists(atPath: store.directory.path, isDirectory: &isDir) || !isDir.boolValue
            {
                throw Failure("\(store.directory.path): no such folder; check --dir")
            }
            if FileManager.default.fileExists(atPath: store.directory.path) {
                do { try store.checkDirectory() } catch { throw Failure("\(error)") }
            }
            let list = store.list()
            switch format {
            case .text: print(SessionListing.text(list, directory: store.directory), terminator: "")
            case .json: print(try SessionListing.json(list), terminator: "")
            }
        }
    }
}
