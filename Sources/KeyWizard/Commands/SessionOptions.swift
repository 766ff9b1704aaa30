import ArgumentParser
import DiagnosticRules
import Foundation

/// Finding and loading session files, shared by `sessions`, `replay` and `checklist`.
struct SessionOptions: ParsableArguments {
    @Option(
        name: .customLong("dir"),
        help: "Session folder (default: $XDG_STATE_HOME/keywizard/sessions, i.e. ~/.local/state/keywizard/sessions).")
    var directory: String?

    var store: SessionStore {
        SessionStore(directory: directory.map { URL(fileURLWithPath: $0) } ?? SessionStore.defaultDirectory())
    }

    /// The session named on the command line, else the newest one in the store.
    func sessionURL(_ given: String?) throws -> URL {
        if let given { return URL(fileURLWithPath: given) }
        do { try store.checkDirectory() } catch { throw Failure("\(error)") }
        guard let newest = store.files().last else {
            throw Failure("no saved sessions in \(store.directory.path); pass the session FILE, or --dir DIR")
        }
        return newest
    }

    /// Load a session; damaged lines are reported on stderr, not fatal.
    func load(_ url: URL) throws -> LoadedSession {
        let session: LoadedSession
        do { session = try SessionFile.load(url) } catch { throw Failure("\(error)") }
        for d in session.damage {
            writeStandardError(
                "keywizard: warning: \(PlaybookLibrary.displayPath(url)):\(d.line): \(d.reason) (line skipped)\n")
        }
        return session
    }
}

/// Write command output to `-o FILE` (atomically) or stdout.
func writeOutput(_ text: String, to path: String?) throws {
    guard let path, path != "-" else { return print(text, terminator: "") }
    do { try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: path)) } catch { throw Failure("\(error)") }
}
