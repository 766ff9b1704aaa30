import ArgumentParser
import DiagnosticRules
import Foundation

/// `--playbooks DIR`, shared by every command that reads playbooks.
struct PlaybookOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "Playbook folder (default: $KEYWIZARD_PLAYBOOKS, the installed share folder, or ./Playbooks).")
    var playbooks: String?

    /// The folder these options name, for the code that does not need ArgumentParser.
    var folder: PlaybookFolder { PlaybookFolder(explicit: playbooks) }

    func directory(_ positional: String? = nil) throws -> URL { try folder.directory(positional) }
    func catalog() throws -> PlaybookCatalog { try folder.catalog() }
    func library(_ positional: String? = nil, allowBroken: Bool = false) throws -> PlaybookLibrary {
        try folder.library(positional, allowBroken: allowBroken)
    }
}

/// The playbook folder a command reads: `--playbooks DIR` when given, otherwise the default
/// `PlaybookLibrary.locate` finds. A plain value, so that the wizard's quick start can use
/// it without building `PlaybookOptions` through ArgumentParser.
struct PlaybookFolder: Equatable {
    /// `--playbooks`, when given.
    var explicit: String?

    func directory(_ positional: String? = nil) throws -> URL {
        switch PlaybookLibrary.locate(explicit: positional ?? explicit) {
        case .success(let url): return url
        case .failure(let e): throw Failure(e.description)
        }
    }

    /// The headers of the folder's playbooks, for the menu; fails when a file's header cannot
    /// be read or two files share an id (a file broken further down fails when it is opened).
    func catalog() throws -> PlaybookCatalog {
        let catalog = PlaybookCatalog.scan(directory: try directory())
        let errors = catalog.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            throw Failure(
                errors.map(\.description).joined(separator: "\n")
                    + "\nfix the playbook(s) above; `keywizard lint` lists every problem")
        }
        return catalog
    }

    /// The library, failing with every load error when a playbook is broken.
    func library(_ positional: String? = nil, allowBroken: Bool = false) throws -> PlaybookLibrary {
        let lib = PlaybookLibrary.load(directory: try directory(positional))
        let errors = lib.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty && !allowBroken {
            throw Failure(
                errors.map(\.description).joined(separator: "\n")
                    + "\nfix the playbook(s) above; `keywizard lint` lists every problem")
        }
        return lib
    }
}

/// A user-caused failure: printed as `keywizard: error: ...` and exit status 1 (or the
/// status given), never a crash or a stack trace.
struct Failure: Error, CustomStringConvertible {
    var message: String
    var status: Int32 = 1
    init(_ message: String, status: Int32 = 1) {
        self.message = message
        self.status = status
    }
    var description: String { message }
}

/// Print `keywizard: error: message` to stderr.
func printError(_ message: String) {
    writeStandardError("keywizard: error: \(message)\n")
}

extension ParsableCommand {
    /// Run a command body, turning `Failure` into a message and an exit status.
    func guarded(_ body: () throws -> Void) throws { try runGuarded(body) }
}

/// Run a body, turning `Failure` into a message on stderr and an exit status.
func runGuarded(_ body: () throws -> Void) throws {
    do { try body() } catch let f as Failure {
        printError(f.message)
        throw ExitCode(f.status)
    }
}
