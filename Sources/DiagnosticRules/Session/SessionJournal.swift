import Foundation

/// The session being recorded: an append-only JSON Lines file written one record at a time
/// with `write` + `fsync`, so that `kill -9`, a power cut or a dropped SSH link loses at most
/// the question that was on screen. Every method returns only once its record is on disk;
/// a front end acknowledges an answer to the operator only after `append` returns.
///
/// Order of calls: `create` (when the operator has chosen a symptom and gives the first
/// answer), `recordSymptom`, `append` after each accepted answer, `recordForget` when an
/// answer is withdrawn, `recordConclusion` on save and at the end, `close`.
/// Resume with `open(existing:)`.
public final class SessionJournal {
    public let url: URL
    public let header: SessionHeader
    /// Whether raw pasted text may be kept (the operator agreed); text with secrets never is.
    public let keepRawText: Bool
    public private(set) var symptomRecorded: Bool
    private var fd: Int32?
    private let clock: () -> Date

    private init(url: URL, header: SessionHeader, fd: Int32, symptomRecorded: Bool, clock: @escaping () -> Date) {
        self.url = url
        self.header = header
        self.keepRawText = header.keepsRawText
        self.fd = fd
        self.symptomRecorded = symptomRecorded
        self.clock = clock
    }

    deinit { close() }

    /// Start a new session file (mode 0600; missing folders are created 0700) and write its
    /// header. Refuses to replace an existing file.
    public static func create(
        at url: URL, playbook: Playbook, hostLabel: String? = nil, keepRawText: Bool = false,
        clock: @escaping () -> Date = Date.init
    ) throws -> SessionJournal {
        try create(
            at: url, identity: PlaybookIdentity(playbook), hostLabel: hostLabel, keepRawText: keepRawText, clock: clock)
    }

    /// `create` for callers that know the playbook only by identity (tools, tests).
    public static func create(
        at url: URL, identity: PlaybookIdentity, hostLabel: String? = nil, keepRawText: Bool = false,
        clock: @escaping () -> Date = Date.init
    ) throws -> SessionJournal {
        let path = url.path
        let shown = PlaybookLibrary.displayPath(url)
        let dir = url.deletingLastPathComponent().path
        let fd: Int32
        do {
            try POSIXFile.makeDirectories(dir)
            fd = try POSIXFile.openAppend(path, create: true, exclusive: true)
        } catch let f as POSIXFile.Failure {
            var st = stat()
            if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG { throw SessionError.alreadyExists(path: shown) }
            throw SessionError.cannotCreate(path: shown, reason: f.reason)
        }
        do { try POSIXFile.lockExclusive(fd) } catch let f as POSIXFile.Failure {
            POSIXFile.closeFile(fd)
            throw SessionError.cannotCreate(path: shown, reason: f.reason)
        }
        let header = SessionHeader(
            playbook: identity, started: clock(), hostLabel: hostLabel, keepsRawText: keepRawText)
        let journal = SessionJournal(url: url, header: header, fd: fd, symptomRecorded: false, clock: clock)
        try journal.write(.header(header))
        POSIXFile.syncDirectory(dir)
        return journal
    }

    /// Resume a session: load it and open it for appending. A damaged file is first copied to
    /// `<name>.damaged-<timestamp>` and rewritten with its valid records (`SessionFile.repair`),
    /// so nothing is ever appended after garbage and the original bytes are never lost.
    public static func open(
        existing url: URL, keepRawText: Bool? = nil,
        clock: @escaping () -> Date = Date.init
    ) throws -> (journal: SessionJournal, session: LoadedSession, backup: URL?) {
        var session = try SessionFile.load(url)
        let backup = try SessionFile.repair(session, now: clock())
        // The damage stays in `session` so the front end can say what was dropped.
        if backup != nil { session.endsWithNewline = true }
        let fd: Int32
        do {
            fd = try POSIXFile.openAppend(url.path, create: false, exclusive: false)
        } catch let f as POSIXFile.Failure {
            throw SessionError.cannotWrite(path: PlaybookLibrary.displayPath(url), reason: f.reason)
        }
        // Held until the journal closes: a second resume of this session refuses.
        do { try POSIXFile.lockExclusive(fd) } catch {
            POSIXFile.closeFile(fd)
            throw SessionError.inUse(path: PlaybookLibrary.displayPath(url))
        }
        var header = session.header
        if let keep = keepRawText { header.keepsRawText = keep }
        let hasSymptom = session.records.contains {
            if case .symptom = $0 { return true }
            return false
        }
        let journal = SessionJournal(url: url, header: header, fd: fd, symptomRecorded: hasSymptom, clock: clock)
        if !session.endsWithNewline {
            do { try POSIXFile.writeAll(fd, Data([0x0A])) } catch let f as POSIXFile.Failure {
                throw SessionError.cannotWrite(path: PlaybookLibrary.displayPath(url), reason: f.reason)
            }
        }
        return (journal, session, backup)
    }

    /// The operator chose a symptom (a playbook): the session has begun. Defaults to the
    /// header's playbook.
    public func recordSymptom(_ playbookId: String? = nil) throws {
        try write(.symptom(playbook: playbookId ?? header.playbook.id, time: clock()))
        symptomRecorded = true
    }

    /// Journal an accepted answer. `rawText` (what was pasted) is kept only when the operator
    /// agreed (`keepRawText`), the answer is evidence, and the parser found no secrets in it;
    /// typed answers are never kept raw (a sensitive one is already a fingerprint). Records
    /// the symptom first if the front end has not.
    public func append(_ answer: Answer, rawText: String? = nil) throws {
        if !symptomRecorded { try recordSymptom() }
        try write(
            .answer(
                RecordedAnswer(
                    answer: answer, rawText: SessionJournal.keepable(rawText, for: answer, allowed: keepRawText))))
    }

    /// Journal that the answer to `step` was withdrawn.
    public func recordForget(step: String) throws {
        try write(.forget(step: step, time: clock()))
    }

    /// Journal a snapshot of the conclusion (on save and when the interview ends).
    public func recordConclusion(_ conclusion: Conclusion) throws {
        try write(.conclusion(ConclusionSnapshot(conclusion, time: clock())))
    }

    /// Close the file. Everything was synced already; further writes throw.
    public func close() {
        if let fd { POSIXFile.closeFile(fd) }
        fd = nil
    }

    /// The raw-text policy, in one place so that it can be tested on its own.
    static func keepable(_ raw: String?, for answer: Answer, allowed: Bool) -> String? {
        guard allowed, let raw, case .evidence(let e) = answer.value, !e.containsSecrets,
            !SecretScrubber.containsSecret(raw)
        else { return nil }
        return raw
    }

    private func write(_ record: SessionRecord) throws {
        let shown = PlaybookLibrary.displayPath(url)
        guard let fd else { throw SessionError.closed(path: shown) }
        do {
            try POSIXFile.writeAll(fd, try SessionJSON.encodeLine(record))
        } catch let f as POSIXFile.Failure {
            throw SessionError.cannotWrite(path: shown, reason: f.reason)
        }
    }
}
