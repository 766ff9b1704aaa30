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
        Summary(session: PlaybookLibrary.displayPath(o.session.url), playbook: PlaybookIdentity(o.conclusion.playbook),
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
            out += markdown ? ["- **\(label)** \(ChecklistMarkdown.escape(value))"] : TextWrap.field(label, value, labelWidth: 11)
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
            if r.contentHash != p.contentHash { what.append("content \(r.contentHash.prefix(12)) -> \(p.contentHash.prefix(12))") }
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
            field("New asks", o.uncoveredSteps.map { id in "\(id) (\(p.step(id)?.prompt ?? id))" }.joined(separator: "; "))
        }
        if !o.unknownSteps.isEmpty { field("Dropped", "answers to steps the playbook no longer has: " + o.unknownSteps.joined(separator: ", ")) }
        let result: String
        switch o.status {
        case .same: result = "same conclusion as recorded"
        case .changed: result = "CHANGED conclusion"
        case .incomplete: result = o.recorded == nil ? "incomplete: the session never saved a conclusion" : "incomplete: the recorded answers do not reach a conclusion any more"
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
                out += Explainer(c).how(diagnosis: d.diagnosis.id).map { "  " + String(repeating: "  ", count: $0.depth) + $0.text }
            }
        }
        return OutputSanitizer.text(out.map { $0.trailingSpacesTrimmed }.joined(separator: "\n") + "\n")
    }

    /// The table of `replay --all` and its last line, `N passed, N failed`.
    public static func batch(_ entries: [SessionReplay.BatchEntry]) -> String {
        var rows: [[String]] = [["RESULT", "SESSION", "PLAYBOOK", "RECORDED", "REPLAYED"]]
        var problems: [String] = []
        for e in entries {
            let name = e.url.lastPathComponent
            guard let o = e.outcome else {
                rows.append(["ERROR", name, "-", "-", "-"])
                problems.append(e.problem ?? "\(name): could not be replayed")
                continue
            }
            let rec = o.recorded.map { $0.diagnoses.isEmpty ? $0.status.rawValue : $0.diagnoses.joined(separator: ",") } ?? "(none)"
            let rep = o.replayed.diagnoses.isEmpty ? o.replayed.status.rawValue : o.replayed.diagnoses.joined(separator: ",")
            rows.append([o.status == .same ? "pass" : o.status.rawValue.uppercased(), name, o.session.playbookId + (o.playbookChanged ? "*" : ""), rec, rep])
        }
        var widths = Array(repeating: 0, count: 5)
        for r in rows { for (i, cell) in r.enumerated() { widths[i] = max(widths[i], cell.count) } }
        var out = rows.map { r in
            r.enumerated().map { i, cell in i == r.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trailingSpacesTrimmed
        }
        if entries.contains(where: { $0.outcome?.playbookChanged == true }) { out.append("* playbook changed since the recording") }
        out += problems
        let passed = entries.filter(\.passed).count
        out.append("\(passed) passed, \(entries.count - passed) failed")
        return OutputSanitizer.text(out.joined(separator: "\n") + "\n")
    }
}
