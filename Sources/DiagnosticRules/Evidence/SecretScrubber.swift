import Foundation

/// The last line of defence for key material in text that leaves a parser: summaries, notes,
/// free-text fields (an event message that ran on into a pasted web.config), excerpts in
/// error messages, and raw pastes an operator asked to keep. Parsers fingerprint the keys
/// they recognise; this catches the ones they did not, in the shapes Windows prints keys:
/// a long hex run (`1F35E5A1...`), bytes with separators (`1F-35-E5-A1-...`, `.reg`
/// `hex:c5,d6,e7,...`), and `validationKey="..."` / `decryptionKey="..."` attributes.
/// It also replaces control characters, so that a pasted escape sequence cannot drive the
/// operator's terminal when the value is printed.
public enum SecretScrubber {
    public static let marker = "<key redacted>"

    /// 16+ hex digits in a row, except a MachineKeys file name's hash (followed by `_GUID`),
    /// which names a container and is not secret.
    private static let hexRun = try! NSRegularExpression(
        pattern: "(?<![0-9A-Fa-f])[0-9A-Fa-f]{16,}(?![0-9A-Fa-f])(?!_[0-9A-Fa-f]{8}-)")
    /// 8+ bytes written as two hex digits with separators.
    private static let byteRun = try! NSRegularExpression(
        pattern: "(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{2}[,:\\- ]\\s*){7,}[0-9A-Fa-f]{2}(?![0-9A-Fa-f])")
    /// The value of a key attribute, whatever it holds.
    private static let keyAttribute = try! NSRegularExpression(
        pattern: "(?i)((?:validation|decryption)Key\\s*=\\s*[\"'])[^\"']*([\"'])")

    /// Whether `text` holds something shaped like key material.
    public static func containsSecret(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..., in: text)
        return [hexRun, byteRun].contains { $0.firstMatch(in: text, range: range) != nil }
            || keyAttribute.matches(in: text, range: range).contains { m in
                guard let r = Range(m.range, in: text) else { return false }
                return !text[r].contains("AutoGenerate") || text[r].count > 60
            }
    }

    /// `text` with key material replaced by `<key redacted>` and control characters by `?`.
    public static func scrub(_ text: String) -> String {
        var out = text
        var range = NSRange(out.startIndex..., in: out)
        out = keyAttribute.stringByReplacingMatches(in: out, range: range, withTemplate: "$1\(marker)$2")
        range = NSRange(out.startIndex..., in: out)
        out = byteRun.stringByReplacingMatches(in: out, range: range, withTemplate: marker)
        range = NSRange(out.startIndex..., in: out)
        out = hexRun.stringByReplacingMatches(in: out, range: range, withTemplate: marker)
        return String(String.UnicodeScalarView(out.unicodeScalars.map { s in
            let v = s.value
            let control = (v < 0x20 && s != "\n" && s != "\t") || (0x7F...0x9F).contains(v)
            return control ? "?" : s
        }))
    }

    /// A value with every string in it scrubbed.
    static func scrub(_ value: Value) -> Value {
        switch value {
        case .string(let s): return .string(scrub(s))
        case .list(let items): return .list(items.map(scrub))
        default: return value
        }
    }
}

extension ParsedEvidence {
    /// The evidence with every text scrubbed; `containsSecrets` is set when anything
    /// key-shaped had to be hidden, so the raw paste is never kept.
    func scrubbed() -> ParsedEvidence {
        var out = self
        var hid = false
        func clean(_ s: String) -> String {
            let c = SecretScrubber.scrub(s)
            if c.contains(SecretScrubber.marker) && !s.contains(SecretScrubber.marker) { hid = true }
            return c
        }
        func clean(_ v: Value) -> Value {
            switch v {
            case .string(let s): return .string(clean(s))
            case .list(let items): return .list(items.map(clean))
            default: return v
            }
        }
        out.summary = clean(summary)
        out.fields = fields.map { f in
            // Container hashes are 32 hex digits by definition and name a container, not a key.
            if f.name == "hash_prefixes" { return f }
            return EvidenceField(name: f.name, value: clean(f.value), line: f.line, place: f.place)
        }
        out.notes = notes.map { EvidenceNote(line: $0.line, message: clean($0.message)) }
        out.containsSecrets = containsSecrets || hid
        return out
    }
}
