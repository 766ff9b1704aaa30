import DiagnosticRules
import Foundation

/// Where the wizard writes answers as they are given. The front ends only know this
/// protocol; the session journal of DiagnosticRules plugs in through one adapter.
protocol SessionRecording: InterviewJournal {
    /// A playbook was chosen: start a new session (or continue a resumed one).
    func begin(playbook: Playbook) throws
    /// The session file, for messages ("answers are kept in ...").
    var location: String? { get }
}

/// The session journal of DiagnosticRules (`SessionJournal`) behind `SessionRecording`:
/// every answer is written and fsync'ed before the next key is read, so a dropped SSH
/// connection loses nothing. `--session FILE` names the file; otherwise a new file in the
/// session store ($XDG_STATE_HOME/keywizard/sessions).
final class JournalSessionRecorder: SessionRecording {
    private(set) var journal: SessionJournal?
    private let explicit: URL?
    private let store: SessionStore
    /// The operator agreed to keep pasted text (never text with secrets in it).
    private let keepRawText: Bool
    private let hostLabel: String?

    init(
        explicit: String?, keepRawText: Bool = false, hostLabel: String? = nil,
        environment: [String: String] = ProcessEnvironment.current()
    ) {
        self.explicit = explicit.map { URL(fileURLWithPath: $0) }
        self.keepRawText = keepRawText
        self.hostLabel = hostLabel
        self.store = SessionStore(directory: SessionStore.defaultDirectory(environment: environment))
    }

    /// Continue an existing session (resume).
    init(resuming journal: SessionJournal) {
        self.journal = journal
        self.keepRawText = journal.keepRawText
        self.hostLabel = journal.header.hostLabel
        self.explicit = journal.url
        self.store = SessionStore(directory: journal.url.deletingLastPathComponent())
    }

    var location: String? { journal?.url.path }

    /// Set when the journal could not be created: the run must end non-zero, since answers
    /// given without a journal would be lost.
    private(set) var failed = false

    /// Before the interview: the session folder is private (or `--session FILE` is not
    /// taken, not even by a symlink), so a journal that cannot be created stops the run before
    /// the first question instead of losing every answer.
    func prepare() throws {
        guard journal == nil else { return }
        if let e = explicit {
            var st = stat()
            if lstat(e.path, &st) == 0 { throw SessionError.alreadyExists(path: e.path) }
        } else {
            try store.ensureDirectory()
        }
    }

    func begin(playbook: Playbook) throws {
        if let j = journal, j.header.playbook.id == playbook.id { return }
        journal?.close()
        let url: URL
        if let e = explicit, journal == nil {
            url = e
        } else {
            do { try store.ensureDirectory() } catch {
                failed = true
                throw error
            }
            url = store.newSessionURL(playbook: playbook.id)
        }
        do {
            let j = try SessionJournal.create(
                at: url, playbook: playbook, hostLabel: hostLabel, keepRawText: keepRawText)
            try j.recordSymptom(playbook.id)
            journal = j
        } catch {
            failed = true
            throw error
        }
    }

    func record(_ answer: Answer, rawText: String?) throws {
        try journal?.append(answer, rawText: rawText)
    }

    func finish(_ conclusion: Conclusion) {
        try? journal?.recordConclusion(conclusion)
    }
}
