import Foundation

/// What `keywizard replay` prints: the replayed conclusion and, when the playbook changed
/// since the recording, what that did to the verdict. Pure, so the command and tests share it.
public enum ReplayReport {
    /// JSON form (`format`: `keywizard-replay/1`).
    public struct Summary: Codable, Equatable, Sendable {
        public var format = "keywizard-replay/1"
        public var session: String
        public var playbook: PlaybookIdentity
        public var recordedPlaybook: PlaybookIdentity
        public var playbookChanged: Bool
        public var answers: Int
        public var recordedStatus: String?
        public var recordedDiagnoses: [String]?
        public var status: String
        public var diagnoses: [String]
        public var gained: [String]
        public var lost: [String]
        public var uncoveredSteps: [String]
        public var unknownSteps: [String]
        public var damagedLines: [DamageNote]
        public var result: String
        public var exitCode: Int32
    }

    public static func summary(_ o: ReplayOutcome) -> Summary {
        Summary(
            session: PlaybookLibrary.displayPath(o.session.url), playbook: PlaybookIdentity(o.conclusion.playbook),
            recordedPlaybook: o.recordedPlaybook, playbookChanged: o.playbookChanged, answers: o.session.answers.count,
            recordedStatus: o.recorded?.status.rawValue, recordedDiagnoses: o.recorded?.diagnoses,
            status: o.replayed.status.rawValue, diagnoses: o.replayed.diagnoses, gained: o.gained, lost: o.lost,
            uncoveredSteps: o.uncoveredSteps, unknownSteps: o.unknownSteps, damagedLines: o.session.damage,
            result: o.status.rawValue, exitCode: o.status.exitCode)
    }

    public static func json(_ o: ReplayOutcome) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return OutputSanitizer.text(String(decoding: try encoder.encode(summary(o)), as: UTF8.self) + "\n")
    }

    /// Plain text, or Markdown when `markdown` (same lines, with headings and lists).
    public static func text(_ o: ReplayOutcome, markdown: Bool = false) -> String {
        let c = o.conclusion
        let p = c.playbook
        var out: [String] = []
        func field(_ label: String, _ value: String) {
            out +=
                markdown
                ? ["- **\(label)** \(ChecklistMarkdown.escape(value))"] : TextWrap.field(label, value, labelWidth: 11)
        }
        func verdict(_ status: String, _ diagnoses: [String]) -> String {
            "\(status)" + (diagnoses.isEmpty ? ", no diagnosis" : ": " + diagnoses.joined(separator: ", "))
        }
        if markdown { out += ["# Replay of \(ChecklistMarkdown.escape(o.session.url.lastPathComponent))", ""] }
        field("Session", PlaybookLibrary.displayPath(o.session.url))
        if o.playbookChanged {
            let r = o.recordedPlaybook
            var what: [String] = []
            if r.version != p.version { what.append("version \(r.version) -> \(p.version)") }
            if r.contentHash != p.contentHash {
                what.append("content \(r.contentHash.prefix(12)) -> \(p.contentHash.prefix(12))")
            }
            field("Playbook", "\(p.id) CHANGED since the recording: " + what.joined(separator: ", "))
        } else {
            field("Playbook", "\(p.id) \(p.version) (unchanged since the recording)")
        }
        field("Answers", "\(o.session.answers.count) recorded")
        if !o.session.damage.isEmpty {
            field("Damaged", o.session.damage.map(\.description).joined(separator: "; "))
        }
        field("Recorded", o.recorded.map { verdict($0.status.rawValue, $0.diagnoses) } ?? "no conclusion was saved")
        field("Replayed", verdict(o.replayed.status.rawValue, o.replayed.diagnoses))
        if !o.gained.isEmpty { field("Gained", o.gained.joined(separator: ", ")) }
        if !o.lost.isEmpty { field("Lost", o.lost.joined(separator: ", ")) }
        if !o.uncoveredSteps.isEmpty {
            field(
                "New asks", o.uncoveredSteps.map { id in "\(id) (\(p.step(id)?.prompt ?? id))" }.joined(separator: "; ")
            )
        }
        if !o.unknownSteps.isEmpty {
            field("Dropped", "answers to steps the playbook no longer has: " + o.unknownSteps.joined(separator: ", "))
        }
        let result: String
        switch o.status {
        case .same: result = "same conclusion as recorded"
        case .changed: result = "CHANGED conclusion"
        case .incomplete:
            result =
                o.recorded == nil
                ? "incomplete: the session never saved a conclusion"
                : "incomplete: the recorded answers do not reach a conclusion any more"
        case .unfinished:
            result = "unfinished: the recording never reached a conclusion, and the replay does not either"
        }
        field("Result", result)
        for d in c.diagnoses {
            out.append("")
            out.append(markdown ? "## \(ChecklistMarkdown.escape(d.diagnosis.title))" : d.diagnosis.title)
            if markdown {
                out.append("")
                out.append(ChecklistMarkdown.escape(d.summary))
                out.append("")
                out += ChecklistMarkdown.fence(Explainer(c).how(diagnosis: d.diagnosis.id).text, indent: "")
            } else {
                out += TextWrap.wrap(d.summary, width: 80, firstPrefix: "  ", prefix: "  ")
                out += Explainer(c).how(diagnosis: d.diagnosis.id).map {
                    "  " + String(repeating: "  ", count: $0.depth) + $0.text
                }
            }
        }
        return OutputSanitizer.text(out.map { $0.trailingSpacesTrimmed }.joined(separator: "\n") + "\n")
    }

    /// The table of `replay --all` and its last line, `N passed, N failed`.
    /// The batch table as one text (tests, small folders); `replay --all` prints the same
    /// lines as it goes, through `BatchTable`.
    public static func batch(_ entries: [SessionReplay.BatchEntry]) -> String {
        let table = BatchTable(
            files: entries.map(\.url), playbookIds: entries.compactMap { $0.outcome?.session.playbookId })
        var totals = SessionReplay.BatchTotals()
        var out = [table.header]
        for e in entries {
            totals.add(e)
            out += table.rows(e)
        }
        out += table.footer(totals)
        return out.joined(separator: "\n") + "\n"
    }

    /// The `replay --all` table, printable row by row: the column widths come from the file
    /// names and playbook ids known before any session is replayed, so nothing is kept to
    /// lay out the table at the end. The last line is `N passed, N failed[, N unfinished]`.
    public struct BatchTable: Sendable {
        var nameWidth: Int
        var playbookWidth: Int

        public init(files: [URL], playbookIds: [String]) {
            nameWidth = max("SESSION".count, files.map { OutputSanitizer.line($0.lastPathComponent).count }.max() ?? 0)
            playbookWidth = max("PLAYBOOK".count, (playbookIds.map(\.count).max() ?? 0) + 1)
        }

        public var header: String { line(["RESULT", "SESSION", "PLAYBOOK", "RECORDED -> REPLAYED"]) }

        /// The row of one session, and for a session that could not be replayed the reason.
        public func rows(_ e: SessionReplay.BatchEntry) -> [String] {
            let name = e.url.lastPathComponent
            guard let o = e.outcome else {
                return [
                    line(["ERROR", name, "-", "-"]),
                    "  " + OutputSanitizer.line(e.problem ?? "\(name): could not be replayed")
                ]
            }
            let rec =
                o.recorded.map { $0.diagnoses.isEmpty ? $0.status.rawValue : $0.diagnoses.joined(separator: ",") }
                ?? "(none)"
            let rep =
                o.replayed.diagnoses.isEmpty ? o.replayed.status.rawValue : o.replayed.diagnoses.joined(separator: ",")
            let result = o.status == .same ? "pass" : o.status.rawValue.uppercased()
            return [line([result, name, o.session.playbookId + (o.playbookChanged ? "*" : ""), "\(rec) -> \(rep)"])]
        }

        public func footer(_ totals: SessionReplay.BatchTotals) -> [String] {
            var out: [String] = []
            if totals.playbookChanged { out.append("* playbook changed since the recording") }
            var closing = "\(totals.passed) passed, \(totals.failed) failed"
            if totals.unfinished > 0 { closing += ", \(totals.unfinished) unfinished" }
            out.append(closing)
            return out
        }

        /// Cells come from file names and session files: each goes through the sanitiser.
        private func line(_ raw: [String]) -> String {
            let widths = [10, nameWidth, playbookWidth]
            let cells = raw.map(OutputSanitizer.line)
            return cells.enumerated().map { i, cell in
                i < widths.count
                    ? cell.padding(toLength: max(widths[i], cell.count), withPad: " ", startingAt: 0) : cell
            }.joined(separator: "  ").trailingSpacesTrimmed
        }
    }
}
