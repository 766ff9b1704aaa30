import ArgumentParser
import DiagnosticRules
import Foundation
import KeyWizardUI

/// One start of the interactive wizard: what `keywizard run` was asked for, whichever way
/// its arguments were read (ArgumentParser for `RunCommand`, or `QuickStart` for the common
/// starts), and the code that starts it.
struct WizardLaunch: Equatable {
    /// `--playbook ID`: start this playbook directly.
    var playbook: String?
    /// `--plain`: the line dialogue.
    var plain = false
    /// `--no-color`.
    var noColor = false
    /// `--session FILE`.
    var session: String?
    /// `--keep-evidence-text`.
    var keepEvidenceText = false
    /// `--host LABEL`.
    var host: String?
    /// `--crlf`.
    var crlf = false
    /// `--playbooks DIR`, or the default folder.
    var folder = PlaybookFolder()

    /// Start the wizard; a `Failure` is printed and becomes an `ExitCode`.
    func start() throws {
        try runGuarded {
            if plain { return try startPlain() }
            try startFullScreen()
        }
    }

    /// The full-screen wizard.
    private func startFullScreen() throws {
        let env = ProcessEnvironment.current()
        // The menu needs only each playbook's header; the chosen one is loaded whole (and the
        // disclosed-key list read) when it is chosen, so the first screen is up at once.
        let catalog = try folder.catalog()
        var start: Playbook?
        if let id = playbook {
            guard let header = catalog.headers.first(where: { $0.id == id }) else {
                throw Failure(
                    RunCommand.noPlaybook(id, in: catalog.directory, available: catalog.headers.map(\.id))
                )
            }
            switch catalog.open(header) {
            case .success(let p): start = p
            case .failure(let e):
                throw Failure(e.description + "\nfix the playbook above; `keywizard lint` lists every problem")
            }
        }
        let recorder = JournalSessionRecorder(
            explicit: session, keepRawText: keepEvidenceText, hostLabel: host, environment: env)
        do { try recorder.prepare() } catch { throw Failure("\(error)") }
        let knownKeys = KnownKeysOnDemand(playbooks: folder.explicit)
        let context = start == nil ? EvidenceContext() : try knownKeys.context()
        let app = WizardApp(menu: catalog.headers, start: start, context: context) { header in
            switch catalog.open(header) {
            case .failure(let e): return .failure(PlaybookOpenFailure(e.diagnostics.map(\.description)))
            case .success(let p):
                do { return .success(OpenedPlaybook(playbook: p, context: try knownKeys.context())) } catch {
                    return .failure(PlaybookOpenFailure(["\(error)"]))
                }
            }
        }
        try RunCommand.runFullScreen(
            app: app, recorder: recorder, monochrome: noColor || RunCommand.monochrome(env), host: host, crlf: crlf,
            environment: env)
    }

    /// `--plain`: the line dialogue, with every playbook loaded up front (it lists them as text).
    private func startPlain() throws {
        let lib = try folder.library()
        var start: Playbook?
        if let id = playbook {
            guard let p = lib.playbook(id) else {
                throw Failure(
                    RunCommand.noPlaybook(id, in: lib.directory, available: lib.playbooks.map(\.id))
                )
            }
            start = p
        }
        let recorder = JournalSessionRecorder(explicit: session, keepRawText: keepEvidenceText, hostLabel: host)
        let known = try KnownKeysLoading.load(explicit: nil, playbooks: folder.explicit)
        do { try recorder.prepare() } catch { throw Failure("\(error)") }
        var dialogue = PlainDialogue(
            playbooks: lib.playbooks, start: start, recorder: recorder,
            input: StandardInputLines(),
            output: {
                print($0)
                fflush(nil)
            })
        dialogue.context = known.context
        dialogue.host = host
        dialogue.crlf = crlf
        let status = dialogue.run()
        if recorder.failed { throw ExitCode(1) }
        try PlainDialogue<StandardInputLines>.exit(status)
    }
}
