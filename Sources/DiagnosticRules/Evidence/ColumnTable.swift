import Foundation

/// Fixed-width console tables (eventquery /fo table, wmic, PowerShell Format-Table): a
/// header line, optionally a line of dashes under it, then rows cut at the same columns.
///
/// Columns come from the dash groups when there are dashes (PowerShell, eventquery), else
/// from where each header word starts (wmic). A cell is the text from its column's start
/// to the next column's start, trimmed; the last cell runs to the end of the line.
struct ColumnTable {
    var names: [String]
    var starts: [Int]
    /// Line number of the header.
    var headerLine: Int

    /// Builds columns from `header` and an optional `dashes` line.
    init?(header: EvidenceLines.Line, dashes: Substring?) {
        let chars = Array(header.text)
        var starts: [Int] = []
        if let dashes {
            let d = Array(dashes)
            for (i, c) in d.enumerated() where c == "-" && (i == 0 || d[i - 1] == " ") { starts.append(i) }
        } else {
            for (i, c) in chars.enumerated() where !c.isWhitespace && (i == 0 || chars[i - 1].isWhitespace) {
                starts.append(i)
            }
        }
        guard starts.count >= 2 else { return nil }
        var names: [String] = []
        for (k, start) in starts.enumerated() {
            let end = k + 1 < starts.count ? starts[k + 1] : chars.count
            // Right-aligned headers sit right of their dash start: take the text of the span.
            let from = k == 0 ? 0 : min(start, chars.count)
            let cell = from < min(end, chars.count) ? String(chars[from..<min(end, chars.count)]) : ""
            names.append(cell.trimmingCharacters(in: .whitespaces))
        }
        self.names = names
        self.starts = starts
        self.headerLine = header.number
    }

    /// The cells of `text`, keyed by column name.
    func cells(_ text: Substring) -> [String: String] {
        let chars = Array(text)
        var out: [String: String] = [:]
        for (k, start) in starts.enumerated() {
            let from = k == 0 ? 0 : start
            let end = k + 1 < starts.count ? starts[k + 1] : chars.count
            guard from < chars.count else {
                out[names[k]] = ""
                continue
            }
            out[names[k]] = String(chars[from..<min(end, chars.count)]).trimmingCharacters(in: .whitespaces)
        }
        return out
    }

    /// True for a line of dashes and spaces (the rule under a header).
    static func isRule(_ t: Substring) -> Bool {
        t.count >= 3 && t.allSatisfy { $0 == "-" || $0 == " " } && t.contains("---")
    }
}

/// `"a","b","c"` (eventquery /fo csv): fields with doubled quotes inside.
enum CSVLine {
    static func fields(_ t: Substring) -> [String]? {
        guard t.first == "\"" else { return nil }
        var out: [String] = []
        var current = ""
        var quoted = false
        var index = t.startIndex
        while index < t.endIndex {
            let c = t[index]
            if quoted {
                if c == "\"" {
                    let next = t.index(after: index)
                    if next < t.endIndex, t[next] == "\"" {
                        current.append("\"")
                        index = t.index(after: next)
                        continue
                    }
                    quoted = false
                } else {
                    current.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                out.append(current)
                current = ""
            }
            index = t.index(after: index)
        }
        guard !quoted else { return nil }
        out.append(current)
        return out
    }
}
