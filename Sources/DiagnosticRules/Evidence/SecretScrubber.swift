import Foundation

/// The last line of defence for key material in text that leaves a parser: summaries, notes,
/// free-text fields (an event message that ran on into a pasted web.config), excerpts in
/// error messages, and raw pastes an operator asked to keep. Parsers fingerprint the keys
/// they recognise; this catches the ones they did not, in the shapes Windows prints keys:
/// a long hex run (`1F35E5A1...`, 16+ digits), hex in groups of 4 or 8, bytes with
/// separators (`1F-35-E5-A1-...`, `.reg` `hex:c5,d6,e7,...` of any length), decimal byte
/// lists (`{124, 26, 158, ...}`), base64 (REG_SZ, event `<Data>`), values named like keys
/// (`AutoGenKeyV4  REG_BINARY  ...`) of any length, and key attributes.
/// It also replaces control characters, so that a pasted escape sequence cannot drive the
/// operator's terminal when the value is printed. `KeyShapeScreen` first checks, in one pass
/// over the bytes, whether any pattern could match, so that text that cannot hold a key (most
/// of what a session file holds) skips the regex passes.
public enum SecretScrubber {
    public static let marker = "<key redacted>"

    /// 16+ hex digits in a row (a DES key is 16). Only a MachineKeys file name's hash, exactly
    /// 32 hex digits followed by `_GUID`, is exempt: it names a container and is not secret.
    private static let hexRun = try! NSRegularExpression(
        pattern: "(?<![0-9A-Fa-f])(?![0-9A-Fa-f]{32}_[0-9A-Fa-f]{8}-)[0-9A-Fa-f]{16,}(?![0-9A-Fa-f])")
    /// 4+ bytes written as two hex digits with `,` or `-` between them (`.reg`, BitConverter),
    /// 8+ with `:` or spaces (where times and short lists also look like that).
    private static let byteRun = try! NSRegularExpression(
        pattern:
            "(?<![0-9A-Fa-f])(?:(?:[0-9A-Fa-f]{2}(?:,\\\\?\\s*|-)){3,}|(?:[0-9A-Fa-f]{2}[: ]\\s*){7,})[0-9A-Fa-f]{2}(?![0-9A-Fa-f])"
    )
    /// A `.reg` binary value: every byte after `hex:` / `hex(3):`, across `\` continuations.
    private static let regHex = try! NSRegularExpression(
        pattern: "(?i)(hex(?:\\([0-9a-f]+\\))?:)[0-9a-f]{2}(?:,(?:\\\\\\s*)?[0-9a-f]{2})*,?")
    /// Hex in groups of 4 or 8 digits (`1F35 E5A1 ...`, `1F35E5A1-22334455`), 16+ digits.
    private static let groupedHex = try! NSRegularExpression(
        pattern:
            "(?<![0-9A-Fa-f-])(?:(?:[0-9A-Fa-f]{4}[ \\-:.]){3,}[0-9A-Fa-f]{4}|(?:[0-9A-Fa-f]{8}[ \\-:.]){1,}[0-9A-Fa-f]{8})(?![0-9A-Fa-f-])"
    )
    /// Decimal byte lists: PowerShell prints a byte[] as `{124, 26, 158, 42...}`; without
    /// braces, 8+ numbers. The last number may be followed by anything but a digit or `.` and
    /// a digit: a list that ends a sentence (`..., 13.`) is a list, `..., 7, 8.5` or
    /// `..., 7, 10.0.17763` ends in a number that is not a byte. Likewise the first may follow
    /// anything but a digit, a comma, or a digit and `.`: a list glued to a sentence's full
    /// stop (`bytes.12, 200, ...`) is hidden from its first number, while `10.0.0.7, ...` or
    /// `4.0, 4.5, ...` do not start a list in the middle of a number.
    private static let decimalBytes = try! NSRegularExpression(
        pattern:
            "(?:\\{\\s*(?:\\d{1,3}\\s*,\\s*){3,}\\d{1,3}(?:\\.\\.\\.|\u{2026})?\\s*\\}?)|(?<![\\d,]|\\d\\.)(?:\\d{1,3}\\s*,\\s*){7,}\\d{1,3}(?!\\.?\\d)"
    )
    /// Base64 runs long enough for a 128-bit key (22+ characters); checked further in `isBase64Key`.
    private static let base64Run = try! NSRegularExpression(
        pattern: "(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{22,}={0,2}(?![A-Za-z0-9+/=])")
    /// The value of a key attribute, whatever it holds.
    private static let keyAttribute = try! NSRegularExpression(
        pattern: "(?i)((?:validation|decryption)Key\\s*=\\s*[\"'])[^\"']*([\"'])")
    /// A value *named* like a key, of any length: `AutoGenKeyV4  REG_BINARY  ...`,
    /// `"ValidationKey"="..."`, `<Data Name="DecryptionKey">...</Data>`, `validationKey: ...`.
    private static let namedValue = try! NSRegularExpression(
        pattern:
            "(?i)((?:\"|\\b)(?:AutoGenKey(?:V\\d+)?|(?:validation|decryption|machine)Key)(?![A-Za-z])\"?(?:\\s+REG_\\w+\\s+|\\s*=\\s*\"?|\">))([^\"<\\s]+)"
    )

    /// Whether a base64 run decodes to 16+ bytes and mixes cases and digits as random bytes
    /// do (a long word such as `NetFrameworkConfigurationKey` does not).
    static func isBase64Key(_ run: Substring) -> Bool {
        let body = run.prefix { $0 != "=" }
        let hasSymbol = body.contains("+") || body.contains("/")
        let hasDigit = body.contains { $0.isNumber }
        let hasUpper = body.contains { $0.isUppercase }
        let hasLower = body.contains { $0.isLowercase }
        guard body.count * 6 / 8 >= 16 else { return false }
        return (hasUpper && hasLower && hasDigit) || (hasSymbol && hasUpper && hasLower)
    }

    private static var shapes: [NSRegularExpression] { [regHex, byteRun, groupedHex, decimalBytes, hexRun] }

    /// Every pattern by name, for the tests that hold `KeyShapeScreen` to them.
    static var patterns: [(name: String, regex: NSRegularExpression)] {
        [
            ("hexRun", hexRun), ("byteRun", byteRun), ("regHex", regHex), ("groupedHex", groupedHex),
            ("decimalBytes", decimalBytes),
            ("base64Run", base64Run), ("keyAttribute", keyAttribute), ("namedValue", namedValue)
        ]
    }

    /// Whether `text` holds something shaped or named like key material.
    public static func containsSecret(_ text: String) -> Bool {
        KeyShapeScreen.screen(text).mayHoldKey && containsSecretByPatterns(text)
    }

    /// `containsSecret` without the screen: every pattern searched.
    static func containsSecretByPatterns(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..., in: text)
        if shapes.contains(where: { $0.firstMatch(in: text, range: range) != nil }) { return true }
        if namedValue.matches(in: text, range: range).contains(where: { m in
            Range(m.range(at: 2), in: text).map { !isAutoGenerate(text[$0]) } ?? false
        }) {
            return true
        }
        if base64Run.matches(in: text, range: range).contains(where: { m in
            Range(m.range, in: text).map { isBase64Key(text[$0]) } ?? false
        }) {
            return true
        }
        return keyAttribute.matches(in: text, range: range).contains { m in
            guard let r = Range(m.range, in: text) else { return false }
            return !text[r].contains("AutoGenerate") || text[r].count > 60
        }
    }

    /// `AutoGenerate,IsolateApps` and friends are settings, not keys.
    private static func isAutoGenerate(_ v: Substring) -> Bool {
        let parts = v.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return !parts.isEmpty && parts.allSatisfy { ["autogenerate", "isolateapps", "isolatebyappid"].contains($0) }
    }

    /// `text` with key material replaced by `<key redacted>` and control characters by `?`.
    /// Text the screen clears cannot match any pattern, so it only loses its controls.
    public static func scrub(_ text: String) -> String {
        let screen = KeyShapeScreen.screen(text)
        if screen.mayHoldKey { return scrubByPatterns(text) }
        return screen.hasControls ? replacingControls(text) : text
    }

    /// `scrub` without the screen: every pattern applied.
    static func scrubByPatterns(_ text: String) -> String {
        var out = text
        out = replace(keyAttribute, in: out, template: "$1\(marker)$2")
        out = replace(namedValue, in: out, group: 2) { !isAutoGenerate($0) }
        out = replace(regHex, in: out, template: "$1\(marker)")
        out = replaceAll([byteRun, groupedHex, decimalBytes, hexRun], in: out)
        out = replace(base64Run, in: out, group: 0) { isBase64Key($0) && $0 != Substring(marker) }
        return replacingControls(out)
    }

    /// C0 controls other than newline and tab, DEL and C1 controls, each replaced by `?`.
    private static func replacingControls(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { s in
                    let v = s.value
                    let control = (v < 0x20 && s != "\n" && s != "\t") || (0x7F...0x9F).contains(v)
                    return control ? "?" : s
                }))
    }

    private static func replace(_ re: NSRegularExpression, in text: String, template: String) -> String {
        re.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }

    /// Every match of every pattern in `res`, all found in `text` itself, replaced by the
    /// marker, overlapping matches as one. Replacing one pattern's matches before searching for
    /// the next would split the next one's: the two-digit numbers of a decimal byte list are
    /// also hex bytes (`158, 33, 45, 67, 89, 131`), and once they were hidden the list around
    /// them was too short for `decimalBytes`, its other numbers left in plain sight.
    private static func replaceAll(_ res: [NSRegularExpression], in text: String) -> String {
        let whole = NSRange(text.startIndex..., in: text)
        let found = res.flatMap { re in re.matches(in: text, range: whole).compactMap { Range($0.range, in: text) } }
        guard !found.isEmpty else { return text }
        var merged: [Range<String.Index>] = []
        for r in found.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let c = merged.last, r.lowerBound <= c.upperBound {
                merged[merged.count - 1] = c.lowerBound..<max(c.upperBound, r.upperBound)
            } else {
                merged.append(r)
            }
        }
        var out = ""
        var last = text.startIndex
        for r in merged {
            out += text[last..<r.lowerBound]
            out += marker
            last = r.upperBound
        }
        out += text[last...]
        return out
    }

    /// Replace capture `group` of each match for which `when` holds with the marker.
    private static func replace(_ re: NSRegularExpression, in text: String, group: Int, when: (Substring) -> Bool)
        -> String
    {
        var out = ""
        var last = text.startIndex
        for m in re.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let r = Range(m.range(at: group), in: text), r.lowerBound >= last, when(text[r]) else { continue }
            out += text[last..<r.lowerBound]
            out += marker
            last = r.upperBound
        }
        out += text[last...]
        return out
    }

    /// A value with every string in it scrubbed.
    static func scrub(_ value: Value) -> Value {
        switch value {
        case .string(let s): return .string(scrub(s))
        case .guid(let g): return .guid(scrub(g))
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
            if c != s && c.contains(SecretScrubber.marker) && !s.contains(SecretScrubber.marker) { hid = true }
            return c
        }
        func clean(_ v: Value) -> Value {
            switch v {
            case .string(let s): return .string(clean(s))
            // A GUID field read back from a hand-edited session can hold anything.
            case .guid(let g): return .guid(clean(g))
            case .list(let items): return .list(items.map(clean))
            default: return v
            }
        }
        out.summary = clean(summary)
        out.kind = clean(kind)
        out.fields = fields.map { f in
            // Container hashes are 32 hex digits by definition and name a container, not a
            // key: only items of exactly that shape are exempt (a session file is hand-editable).
            if f.name == "hash_prefixes", case .list(let items) = f.value {
                let kept = items.map { item -> Value in
                    if case .string(let h) = item, h.count == 32, h.allSatisfy(\.isHexDigit) { return item }
                    return clean(item)
                }
                return EvidenceField(name: f.name, value: .list(kept), line: f.line, place: f.place)
            }
            return EvidenceField(name: clean(f.name), value: clean(f.value), line: f.line, place: f.place)
        }
        out.notes = notes.map { EvidenceNote(line: $0.line, message: clean($0.message)) }
        // Key paths, places and coverage notes are written by the hive reader from key names
        // and file paths, like every field's place (which is not scrubbed either: a path such as
        // mnt/win/Windows/System32/config/SOFTWARE has the shape of base64).
        out.registryKeys = registryKeys.map { keys in
            RegistryKeyEvidence(
                keys: keys.keys.map { k in
                    RegistryKeyEvidence.Key(
                        path: k.path,
                        fields: k.fields.map {
                            EvidenceField(name: clean($0.name), value: clean($0.value), line: $0.line, place: $0.place)
                        }, notes: k.notes.map { EvidenceNote(line: $0.line, message: clean($0.message)) })
                }, coverage: keys.coverage)
        }
        out.containsSecrets = containsSecrets || hid
        return out
    }
}
