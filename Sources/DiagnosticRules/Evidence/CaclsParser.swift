import Foundation

/// Reads `cacls` output, the ACL tool of Windows 2000/XP/2003 (icacls arrived with 2003 SP2
/// and Vista), e.g. `cacls "%ALLUSERSPROFILE%\Application Data\Microsoft\Crypto\RSA\MachineKeys"`:
///
/// ```
/// C:\Documents and Settings\All Users\Application Data\Microsoft\Crypto\RSA\MachineKeys Everyone:(special access:)
///                                                                                        READ_CONTROL
///                                                                                        SYNCHRONIZE
///                                                                                        FILE_GENERIC_READ
///
///                                                                                        BUILTIN\Administrators:F
///                                                                                        NT AUTHORITY\SYSTEM:F
/// ```
/// Rights: F (full), C (change), W (write), R (read), N (none), optionally after
/// `(OI)(CI)(IO)(NP)`; `(special access:)` is followed by indented right names. Form
/// reconstructed from the cacls command reference (Windows Server 2003 documentation) and
/// KB 278381, which gives this folder's default ACL.
///
/// Fields: as `icacls` (perms normalised to icacls's `(F)` style so the rules are shared),
/// plus `windows_hint` from the path.
public struct CaclsParser: EvidenceParser {
    public init() {}
    public var id: String { "cacls" }
    public var title: String { "cacls output (Windows 2000/XP/2003)" }

    public var schema: EvidenceSchema {
        EvidenceSchema(
            fields: SharedSchemas.acl,
            example: """
                C:\\Documents and Settings\\All Users\\Application Data\\Microsoft\\Crypto\\RSA\\MachineKeys BUILTIN\\Administrators:F
                                                                                                       NT AUTHORITY\\SYSTEM:F
                """)
    }

    /// ` PRINCIPAL:PERM` at the end of a line, PERM in cacls syntax.
    static func aceStart(_ t: Substring) -> Substring.Index? {
        guard let colon = t.lastIndex(of: ":") else { return nil }
        var perm = t[t.index(after: colon)...]
        if perm.hasPrefix("(special access:)") || t.hasSuffix("(special access:)") {
            guard let r = t.range(of: ":(special access:)") else { return nil }
            return r.lowerBound
        }
        while perm.hasPrefix("("), let close = perm.firstIndex(of: ")") { perm = perm[perm.index(after: close)...] }
        guard ["F", "C", "W", "R", "N"].contains(String(perm)) else { return nil }
        return colon
    }

    public func detect(_ text: String) -> Int {
        var aces = 0
        for line in EvidenceLines(text, limit: 400).lines where Self.aceStart(line.text.trimmed()) != nil { aces += 1 }
        guard aces > 0 else { return 0 }
        return text.contains("MachineKeys") ? 88 : 55
    }

    public func parse(_ text: String, context: EvidenceContext) throws -> ParsedEvidence {
        var builder = EvidenceBuilder(parser: id)
        let lines = EvidenceLines(text).lines
        var icacls: [String] = [] // the same text rewritten in icacls's syntax
        var lineMap: [Int] = []
        var skipped: [EvidenceLines.Line] = []
        var hint: (String, Int)?
        for line in lines where !line.isBlank {
            let t = line.trimmed
            if hint == nil, let h = WindowsGeneration.hint(inPath: t) { hint = (h, line.number) }
            if RegQueryParser.promptLine(t) {
                builder.note(line.number, "skipped a command prompt line")
                continue
            }
            if t.hasSuffix("Access is denied.") {
                icacls.append(String(line.text))
                lineMap.append(line.number)
                continue
            }
            if let start = Self.aceStart(line.text[...]) {
                let head = line.text[..<start]
                var perm = String(line.text[line.text.index(after: start)...].trimmed())
                if perm == "(special access:)" {
                    perm = "(special)"
                } else {
                    var flags = ""
                    var p = Substring(perm)
                    while p.hasPrefix("("), let close = p.firstIndex(of: ")") {
                        flags += p[...close]
                        p = p[p.index(after: close)...]
                    }
                    perm = flags + "(\(p))"
                }
                icacls.append(String(head) + ":" + perm)
                lineMap.append(line.number)
                continue
            }
            if line.text.first?.isWhitespace ?? false, t.allSatisfy({ $0.isUppercase || $0 == "_" }) {
                // A right under "(special access:)": it never makes Full Control.
                continue
            }
            skipped.append(line)
        }
        guard !icacls.isEmpty else {
            let bad = skipped.first ?? lines.first { !$0.isBlank }
            throw builder.error(
                line: bad?.number ?? 1, expected: "cacls output ('C:\\...\\MachineKeys BUILTIN\\Administrators:F')",
                found: bad.map { evidenceExcerpt($0.text) } ?? "")
        }
        // Pad so that line numbers survive: the rewritten lines go back to their own lines.
        var padded = Array(repeating: "", count: (lineMap.last ?? 1))
        for (k, n) in lineMap.enumerated() { padded[n - 1] = icacls[k] }
        let parsed: ParsedEvidence
        do { parsed = try ICaclsParser().parse(padded.joined(separator: "\n"), context: context) } catch let e
            as EvidenceError
        {
            throw builder.error(
                line: e.line, expected: "cacls output ('C:\\...\\MachineKeys BUILTIN\\Administrators:F')",
                found: e.found)
        }
        for field in parsed.fields { builder.add(field.name, field.value, line: field.line) }
        for note in parsed.notes {
            builder.note(note.line, note.message.replacingOccurrences(of: "icacls", with: "cacls"))
        }
        for line in skipped { builder.note(line.number, "not cacls output, skipped: '\(evidenceExcerpt(line.text))'") }
        if let hint { builder.add("windows_hint", .string(hint.0), line: hint.1) }
        return builder.build(summary: parsed.summary)
    }
}
