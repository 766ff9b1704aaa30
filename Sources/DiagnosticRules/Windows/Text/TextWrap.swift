/// Word wrapping for the Windows reports: terminal output must fit 80 columns, and registry
/// paths and hashes are long unbroken words, so those are split at `\` (or hard) when needed.
public enum TextWrap {
    /// Wraps `text` into lines of at most `width` characters. The first line starts with
    /// `firstPrefix`, the others with `prefix` (a hanging indent).
    public static func wrap(_ text: String, width: Int, firstPrefix: String = "", prefix: String = "") -> [String] {
        var lines: [String] = []
        var current = firstPrefix
        var currentHasWord = false
        func room() -> Int { width - current.count }
        for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
            let needed = word.count + (currentHasWord ? 1 : 0)
            if needed <= room() {
                current += (currentHasWord ? " " : "") + word
                currentHasWord = true
                continue
            }
            if currentHasWord {
                lines.append(current)
                current = prefix
                currentHasWord = false
            }
            // Counted once and kept up to date: recounting the rest on every cut made one
            // long unbroken token (a 1 MB service name) quadratic.
            var rest = Substring(word)
            var restCount = word.count
            while restCount > room(), room() > 0 {
                let cut = splitPoint(rest, limit: room())
                let head = rest[..<cut]
                lines.append(current + head)
                restCount -= head.count
                current = prefix
                rest = rest[cut...]
            }
            current += rest
            currentHasWord = true
        }
        if currentHasWord || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// `Label      value`, the value wrapped under a hanging indent of `labelWidth` columns.
    public static func field(_ label: String, _ value: String, labelWidth: Int = 11, width: Int = 80) -> [String] {
        let pad = String(repeating: " ", count: max(labelWidth - label.count, 1))
        return wrap(value, width: width, firstPrefix: label + pad, prefix: String(repeating: " ", count: labelWidth))
    }

    /// "1, 3-5, 9": positions as ranges, so a list of 56 differing bytes stays one line.
    public static func ranges(_ positions: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        let sorted = positions.sorted()
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(i == j ? "\(sorted[i])" : "\(sorted[i])-\(sorted[j])")
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }

    /// Where to break an over-long word: after the last `\` that fits, else at `limit`.
    private static func splitPoint(_ word: Substring, limit: Int) -> Substring.Index {
        let hard = word.index(word.startIndex, offsetBy: limit)
        if let slash = word[..<hard].lastIndex(of: "\\"), slash > word.startIndex {
            return word.index(after: slash)
        }
        return hard
    }
}
