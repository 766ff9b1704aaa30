/// The one place that makes text safe to show a person: every command, report and file
/// KeyWizard writes passes through it. Strings from hostile input (a session file, an answers
/// file, `--host`, an evidence file's name) could otherwise carry terminal escape sequences
/// that retitle the terminal (OSC 2), set the clipboard (OSC 52) or hide text.
///
/// Control characters are shown, never emitted: C0 controls as their Unicode control
/// pictures (ESC as `␛`, U+241B), DEL as `␡`, C1 controls and bidirectional overrides as
/// `[U+009B]`. Each replacement is printable and JSON-, HTML- and Markdown-neutral, so the
/// same sanitiser serves every format without breaking it.
public enum OutputSanitizer {
    /// Multi-line text: newlines and tabs are kept; every other control is made visible.
    public static func text(_ s: String) -> String { sanitize(s, keepLayout: true) }

    /// One line (a file name, a host label, a value inside a sentence): newlines and tabs
    /// are made visible too (as `␊` and `␉`), so a value can never start a line of its own.
    public static func line(_ s: String) -> String { sanitize(s, keepLayout: false) }

    /// Whether `s` holds anything `text` would replace.
    public static func needsSanitizing(_ s: String, keepLayout: Bool = true) -> Bool {
        s.unicodeScalars.contains { visible($0, keepLayout: keepLayout) != nil }
    }

    static func sanitize(_ s: String, keepLayout: Bool) -> String {
        guard needsSanitizing(s, keepLayout: keepLayout) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if let shown = visible(scalar, keepLayout: keepLayout) {
                out.append(contentsOf: shown.unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The printable stand-in for a scalar that must not reach a terminal, or nil.
    static func visible(_ scalar: Unicode.Scalar, keepLayout: Bool) -> String? {
        let v = scalar.value
        switch v {
        case 0x0A, 0x09: return keepLayout ? nil : String(Unicode.Scalar(0x2400 + v)!)
        case 0x00..<0x20: return String(Unicode.Scalar(0x2400 + v)!)
        case 0x7F: return "\u{2421}"
        case 0x80...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C:
            return "[U+" + String(String(v, radix: 16, uppercase: true).leftPadded(to: 4)) + "]"
        default: return nil
        }
    }
}

private extension String {
    func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
