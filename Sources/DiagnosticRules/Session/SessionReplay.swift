import Foundation

/// What replaying a recorded session through the current playbook gave, compared with what
/// was concluded when it was recorded. Replaying old incidents against a newer playbook
/// turns them into regression tests.
public struct ReplayOutcome: Sendable {
    public enum Status: String, Sendable, Codable {
        /// Same verdict as recorded (status and diagnoses).
        case same
        /// Another verdict: diagnoses gained or lost, or a different status.
        case changed
        /// The recording finished but the current playbook needs answers the recording does
        /// not have.
        case incomplete
        /// The recording never reached a conclusion (the operator stopped, or the link
        /// dropped) and replaying it does not either: nothing to compare, nothing broken.
        case unfinished

        /// `replay`'s exit status: 0 same, 3 changed, 2 incomplete, 4 unfinished.
        public var exitCode: Int32 {
            switch self {
            case .same: return 0
            case .changed: return 3
            case .incomplete: return 2
            case .unfinished: return 4
            }
        }
    }

    public var session: LoadedSession
    public var conclusion: Conclusion
    /// The verdict the session recorded last, if it was ever saved.
    public var recorded: ConclusionSnapshot?
    public var replayed: ConclusionSnapshot
    /// The playbook the recording was made with, when it differs from the current one.
    public var recordedPlaybook: PlaybookIdentity
    public var playbookChanged: Bool { recordedPlaybook != PlaybookIdentity(conclusion.playbook) }
    public var gained: [String]
    public var lost: [String]
    /// Steps the current playbook asks now that the recorded answers do not cover.
    public var uncoveredSteps: [String]
    /// Recorded answers to steps the current playbook no longer has.
    public var unknownSteps: [String]
    public var status: Status
}

/// Replays sessions without a terminal: the recorded answers, in order, through the engine.
public enum SessionReplay {
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// Replay against the playbook of the session's id in `library`.
    public static func replay(_ session: LoadedSession, library: PlaybookLibrary) throws -> ReplayOutcome {
        guard let playbook = library.playbook(session.playbookId) else {
            throw Problem(
                description:
                    "\(PlaybookLibrary.displayPath(session.url)):1: playbook '\(session.playbookId)' is not in \(PlaybookLibrary.displayPath(library.directory))"
                    + suggestion(session.playbookId, among: library.playbooks.map(\.id))
                    + "; pass --playbooks DIR with that playbook")
        }
        return replay(session, engine: Engine(playbook: playbook))
    }

    /// Replay with an engine built once for many sessions (`replay --all`).
    public static func replay(_ session: LoadedSession, engine: Engine, now: Date = Date()) -> ReplayOutcome {
        let playbook = engine.playbook
        let answers = session.answers
        let conclusion = engine.evaluate(answers)
        let replayed = ConclusionSnapshot(conclusion, time: now)
        let recorded = session.lastConclusion
        let answered = Set(answers.map(\.step))
        let uncovered = conclusion.finished ? [] : conclusion.relevantSteps.filter { !answered.contains($0) }
        var unknown: [String] = []
        for a in answers where playbook.step(a.step) == nil && !unknown.contains(a.step) { unknown.append(a.step) }

        let before = recorded?.diagnoses ?? []
        let gained = replayed.diagnoses.filter { !before.contains($0) }
        let lost = before.filter { !replayed.diagnoses.contains($0) }
        let status: ReplayOutcome.Status
        // A recording that stopped before anything was concluded, and still concludes
        // nothing: neither a pass (nothing was checked) nor a change (nothing was lost).
        let recordedNothing =
            recorded == nil || (recorded?.status == .unfinished && recorded?.diagnoses.isEmpty == true)
        if recordedNothing && replayed.status == .unfinished && replayed.diagnoses.isEmpty {
            status = .unfinished
        } else if let recorded, recorded.sameVerdict(as: replayed) {
            status = .same
        } else if let recorded {
            if replayed.status == .unfinished && recorded.status == .finished && gained.isEmpty {
                status = .incomplete
            } else {
                status = .changed
            }
        } else {
            // Never saved (the link dropped before the end): there is no verdict to compare.
            status = .incomplete
        }
        return ReplayOutcome(
            session: session, conclusion: conclusion, recorded: recorded, replayed: replayed,
            recordedPlaybook: recorded?.playbook ?? session.header.playbook,
            gained: gained, lost: lost, uncoveredSteps: uncovered, unknownSteps: unknown, status: status)
    }

    /// One row of `replay --all`.
    public struct BatchEntry: Sendable {
        public var url: URL
        public var outcome: ReplayOutcome?
        /// Why the session could not be replayed (it names the file).
        public var problem: String?
        public var passed: Bool { outcome?.status == .same }
    }

    /// The counts of a `replay --all` run, kept while the rows themselves are streamed out.
    public struct BatchTotals: Sendable, Equatable {
        public var passed = 0
        public var changed = 0
        public var incomplete = 0
        public var unfinished = 0
        /// Files that could not be read or whose playbook is missing.
        public var errors = 0
        public var playbookChanged = false
        public init() {}
        public var total: Int { passed + changed + incomplete + unfinished + errors }
        /// Failed: a verdict changed, answers are missing, or a file could not be replayed.
        public var failed: Int { changed + incomplete + errors }

        mutating func add(_ e: BatchEntry) {
            guard let o = e.outcome else {
                errors += 1
                return
            }
            if o.playbookChanged { playbookChanged = true }
            switch o.status {
            case .same: passed += 1
            case .changed: changed += 1
            case .incomplete: incomplete += 1
            case .unfinished: unfinished += 1
            }
        }

        /// 3 when a verdict changed or a file could not be replayed, else 2 when answers are
        /// missing, else 4 when only unfinished sessions stand out, else 0.
        public var exitCode: Int32 {
            if changed + errors > 0 { return 3 }
            if incomplete > 0 { return 2 }
            if unfinished > 0 { return 4 }
            return 0
        }
    }

    /// Replay every session file in `directory` (sorted by name) and collect the rows; for
    /// a few files (tests, small folders). `replayAll(files:library:each:)` streams.
    public static func replayAll(directory: URL, library: PlaybookLibrary) -> [BatchEntry] {
        var entries: [BatchEntry] = []
        _ = replayAll(files: SessionStore(directory: directory).files(), library: library) { entries.append($0) }
        return entries
    }

    /// Replay `files` in order, on every core, handing each row to `each` as soon as its
    /// chunk is done and then dropping it, so memory stays that of one chunk however many
    /// thousands of archived sessions are replayed (the regression run after a playbook
    /// edit). Loading and evaluating are independent per file; rows still come out in
    /// file order. `progress` is told (done, total) after each chunk.
    public static func replayAll(
        files: [URL], library: PlaybookLibrary, chunkSize: Int = 256,
        progress: ((Int, Int) -> Void)? = nil,
        each: (BatchEntry) -> Void
    ) -> BatchTotals {
        let engines = Dictionary(uniqueKeysWithValues: library.playbooks.map { ($0.id, Engine(playbook: $0)) })
        let now = Date()
        let folder = PlaybookLibrary.displayPath(library.directory)
        var totals = BatchTotals()
        var start = 0
        let size = max(1, chunkSize)
        while start < files.count {
            let chunk = Array(files[start..<min(files.count, start + size)])
            let results = ResultSlots<BatchEntry>(count: chunk.count)
            DispatchQueue.concurrentPerform(iterations: chunk.count) { i in
                let url = chunk[i]
                let entry: BatchEntry
                do {
                    let session = try SessionFile.load(url)
                    if let engine = engines[session.playbookId] {
                        entry = BatchEntry(url: url, outcome: replay(session, engine: engine, now: now), problem: nil)
                    } else {
                        entry = BatchEntry(
                            url: url, outcome: nil,
                            problem:
                                "\(PlaybookLibrary.displayPath(url)):1: playbook '\(session.playbookId)' is not in \(folder); pass --playbooks DIR with that playbook"
                        )
                    }
                } catch {
                    entry = BatchEntry(url: url, outcome: nil, problem: "\(error)")
                }
                results.set(i, entry)
            }
            for e in results.values {
                totals.add(e)
                each(e)
            }
            start += chunk.count
            progress?(start, files.count)
        }
        return totals
    }
}

/// Fixed slots filled from concurrent iterations, each slot written once by one iteration.
final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) {
        lock.lock()
        slots[i] = value
        lock.unlock()
    }
    var values: [T] {
        lock.lock()
        defer { lock.unlock() }
        return slots.compactMap { $0 }
    }
}
