import Foundation

/// The C library's wcwidth (Glibc's module map hides it behind _XOPEN_SOURCE).
@_silgen_name("wcwidth") private func c_wcwidth(_ c: Int32) -> Int32

/// Display width of text in terminal columns. East Asian wide characters take two columns,
/// combining marks none. The C library's `wcwidth` decides when the locale knows the
/// character (so we agree with ncurses); a built-in table covers the C locale and tests.
public enum TextWidth {
    public static func width(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return 1 }
        if v < 0x20 || v == 0x7F { return 0 }
        let w = c_wcwidth(Int32(bitPattern: v))
        if w >= 0 { return Int(w) }
        return tableWidth(v)
    }

    static func tableWidth(_ v: UInt32) -> Int {
        if v < 0xA0 { return 0 }
        if (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) || (0xFE00...0xFE0F).contains(v)
            || (0x1AB0...0x1AFF).contains(v) || (0x20D0...0x20FF).contains(v) || v == 0xFEFF
        {
            return 0
        }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD
        ]
        return wide.contains { $0.contains(v) } ? 2 : 1
    }

    public static func width(_ c: Character) -> Int {
        var w = 0
        for (i, s) in c.unicodeScalars.enumerated() {
            // A cluster is as wide as its base; later scalars combine (or are emoji joiners).
            if i == 0 { w = width(s) } else if w == 0 { w = width(s) }
        }
        return w
    }

    public static func width(_ s: String) -> Int {
        if isPrintableASCII(s) { return s.utf8.count }
        return s.reduce(0) { $0 + width($1) }
    }

    /// Only bytes 0x20-0x7E: one column per byte, and nothing to sanitize. Most of what is
    /// drawn is such text; walking it by Character (grapheme breaking) cost more than the
    /// drawing itself.
    static func isPrintableASCII(_ s: String) -> Bool {
        s.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    /// At most `columns` columns of `s`; an ellipsis marks a cut when `ellipsis` is given.
    public static func truncate(_ s: String, to columns: Int, ellipsis: String? = nil) -> String {
        guard columns > 0 else { return "" }
        if width(s) <= columns { return s }
        let mark = ellipsis ?? ""
        let room = columns - width(mark)
        if isPrintableASCII(s) { return String(decoding: s.utf8.prefix(max(0, room)), as: UTF8.self) + mark }
        var out = ""
        var used = 0
        for c in s {
            let w = width(c)
            if used + w > room { break }
            out.append(c)
            used += w
        }
        return out + mark
    }

    /// Pad with spaces to exactly `columns` (truncating when longer).
    public static func pad(_ s: String, to columns: Int) -> String {
        let t = truncate(s, to: columns)
        return t + String(repeating: " ", count: max(0, columns - width(t)))
    }

    /// Word-wrap to `columns`, keeping explicit newlines; words longer than a line are cut.
    public static func wrap(_ text: String, width columns: Int, indent: String = "") -> [String] {
        guard columns > 0 else { return [] }
        var out: [String] = []
        for para in text.components(separatedBy: "\n") {
            // Leading spaces (indentation) are kept on the first line.
            let lead = String(para.prefix { $0 == " " })
            var line = lead
            var lineWidth = lead.count
            let words = para.split(separator: " ", omittingEmptySubsequences: true)
            if words.isEmpty {
                out.append("")
                continue
            }
            for word in words.map(String.init) {
                let w = word
                let ww = width(w)
                let prefix = (line.isEmpty || line == indent || line == lead) ? "" : " "
                if lineWidth + width(prefix) + ww <= columns {
                    line += prefix + w
                    lineWidth += width(prefix) + ww
                    continue
                }
                if !line.isEmpty {
                    out.append(line)
                    line = indent
                    lineWidth = width(indent)
                }
                // One pass over the word: re-measuring and copying the rest after every cut
                // made a long unbroken token quadratic.
                var rest = Substring(w)
                var restWidth = ww
                // A path too long for a line breaks after its separators, never mid-name.
                if lineWidth + restWidth > columns, w.contains("\\") || w.contains("/") {
                    let parts = wrapPath(w, width: columns - lineWidth)
                    for part in parts.dropLast() {
                        out.append(line + part)
                        line = indent
                        lineWidth = width(indent)
                    }
                    rest = Substring(parts.last ?? "")
                    restWidth = width(String(rest))
                }
                while lineWidth + restWidth > columns {
                    let room = columns - lineWidth
                    var end = rest.startIndex
                    var used = 0
                    while end < rest.endIndex {
                        let cw = width(rest[end])
                        if used + cw > room { break }
                        used += cw
                        end = rest.index(after: end)
                    }
                    if end == rest.startIndex { break }
                    out.append(line + rest[..<end])
                    rest = rest[end...]
                    restWidth -= used
                    line = indent
                    lineWidth = width(indent)
                }
                line += rest
                lineWidth += restWidth
            }
            out.append(line)
        }
        return out
    }

    /// A path on as many lines as it needs, broken only after a separator (`/`, `\\`, `_`), so
    /// every piece can be read and the path is never cut off.
    public static func wrapPath(_ path: String, width columns: Int) -> [String] {
        guard columns > 0 else { return [] }
        var pieces: [String] = []
        var current = ""
        for ch in path {
            current.append(ch)
            // `_` too: a key container's name is <hash>_<MachineGuid>, and neither half may break.
            if ch == "/" || ch == "\\" || ch == "_" {
                pieces.append(current)
                current = ""
            }
        }
        if !current.isEmpty { pieces.append(current) }
        var out: [String] = []
        var line = ""
        for p in pieces {
            if !line.isEmpty && width(line) + width(p) > columns {
                out.append(line)
                line = ""
            }
            line += p
            while width(line) > columns {
                out.append(truncate(line, to: columns))
                line = String(line.dropFirst(truncate(line, to: columns).count))
            }
        }
        if !line.isEmpty { out.append(line) }
        return out
    }

    /// Text safe for a terminal: control characters become spaces, and in a non-UTF-8
    /// locale everything outside ASCII becomes an ASCII look-alike or `?`.
    public static func sanitize(_ s: String, unicode: Bool) -> String {
        if isPrintableASCII(s) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            if c == "\t" {
                out.append(" ")
                continue
            }
            if let a = c.asciiValue {
                out.append(a < 0x20 || a == 0x7F ? " " : c)
                continue
            }
            if c.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
                out.append(" ")
                continue
            }
            if unicode {
                out.append(c)
                continue
            }
            switch c {
            case "—", "–", "─", "━": out.append("-")
            case "“", "”", "„": out.append("\"")
            case "‘", "’", "‚": out.append("'")
            case "…": out.append("...")
            case "•", "▶", "►": out.append("*")
            case "│": out.append("|")
            case "┌", "┐", "└", "┘", "├", "┤": out.append("+")
            case "↑": out.append("^")
            case "↓": out.append("v")
            case "←": out.append("<")
            case "→": out.append(">")
            default: out.append(String(repeating: "?", count: max(1, width(c))))
            }
        }
        return out
    }
}
