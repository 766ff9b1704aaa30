import Foundation

/// What `keywizard sessions` prints: one row per saved session, newest last.
public enum SessionListing {
    /// JSON form of one row (`keywizard sessions --format json` prints an array of these).
    public struct Row: Codable, Equatable, Sendable {
        public var file: String
        public var started: String?
        public var playbook: String?
        public var playbookVersion: String?
        public var host: String?
        public var status: String
        public var diagnoses: [String]
        public var answers: Int
        public var damagedLines: Int
        public var problem: String?
    }

    public static func rows(_ summaries: [SessionSummary]) -> [Row] {
        summaries.map { s in
            var problem: String?
            if case .unreadable(let m) = s.status { problem = m }
            return Row(
                file: s.url.path, started: s.started.map(SessionTime.format), playbook: s.playbook,
                playbookVersion: s.playbookVersion,
                host: s.hostLabel, status: s.status.label, diagnoses: s.diagnoses, answers: s.answerCount,
                damagedLines: s.damagedLines, problem: problem)
        }
    }

    public static func json(_ summaries: [SessionSummary]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return OutputSanitizer.text(String(decoding: try encoder.encode(rows(summaries)), as: UTF8.self) + "\n")
    }

    public static func text(_ summaries: [SessionSummary], directory: URL) -> String {
        guard !summaries.isEmpty else { return OutputSanitizer.text("No saved sessions in \(directory.path).\n") }
        var rows: [[String]] = [["STARTED", "PLAYBOOK", "HOST", "STATUS", "DIAGNOSIS", "FILE"]]
        for s in summaries {
            var status = s.status.label
            if s.damagedLines > 0 { status += " (damaged)" }
            rows.append([
                s.started.map(SessionTime.display) ?? "-", s.playbook ?? "-", s.hostLabel ?? "-", status,
                s.diagnoses.isEmpty ? "-" : s.diagnoses.joined(separator: ","), s.url.lastPathComponent
            ])
        }
        var widths = Array(repeating: 0, count: rows[0].count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        var out = rows.map { r in
            r.enumerated().map { i, c in
                i == r.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        for s in summaries { if case .unreadable(let m) = s.status { out.append(m) } }
        out.append("\(summaries.count) session\(summaries.count == 1 ? "" : "s") in \(directory.path)")
        return OutputSanitizer.text(out.joined(separator: "\n") + "\n")
    }
}
