import Foundation

/// Reads `reg query` console output, e.g.
/// `reg query HKLM\SOFTWARE\Microsoft\Cryptography /v MachineGuid` or
/// `reg query "HKU\<SID>\Software\Microsoft\ASP.NET\4.0.30319.0"`:
///
/// ```
///
/// HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Cryptography
///     MachineGuid    REG_SZ    5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4
///
/// ```
///
/// Fields:
/// - `registry_key` (string): the first `HKEY_...` line.
/// - `machine_guid` (guid): when a MachineGuid value is present.
/// - `backup_machine_guid` (guid): the MachineGuid of a backup SOFTWARE hive loaded with
///   `reg load HKLM\<name> FILE` and queried in the same output as the live one.
/// - `values` (list of string): `Name=TYPE=data` for every non-secret value, in order.
/// - `autogen_key_present` (boolean true), `autogen_key_fingerprint` (string, `sha256:xxxxxxxx/NB`),
///   `autogen_key_length` (integer, bytes), `autogen_key_names` (list of string): for
///   AutoGenKey / AutoGenKeyV4 values, whose data is never emitted.
/// - `autogen_key_creation_time` (integer FILETIME, or string when unreadable),
///   `autogen_key_format` (integer).
/// - `registry_value_missing` (boolean true): reg printed "ERROR: The system was unable to
///   find the specified registry key or value." (valid evidence: the value is not there).
/// - `registry_access_denied` (boolean true): reg printed "ERROR: Access is denied."
/// - `registry_keys` (list of string): every key line, in order (for `/s` output).
/// - `match_count` (integer): from "End of search: N match(es) found." (`/f` output).
///
/// Prompt lines (`C:\>reg query ...`, `PS C:\> ...`) are skipped with a note. Other lines
/// that are not reg output become notes when the text has reg output elsewhere, and an
/// error otherwise.
public struct RegQueryParser: EvidenceParser {
    public init() {}
    public var id: String { "reg-query" }
    public var title: String { "reg query output" }

    static let types: Set<String> = [
        "REG_SZ", "REG_EXPAND_SZ", "REG_MULTI_SZ", "REG_DWORD", "REG_QWORD", "REG_BINARY", "REG_NONE",
        "REG_DWORD_BIG_ENDIAN", "REG_DWORD_LITTLE_ENDIAN", "REG_QWORD_LITTLE_ENDIAN", "REG_LINK",
        "REG_RESOURCE_LIST", "REG_FULL_RESOURCE_DESCRIPTOR", "REG_RESOURCE_REQUIREMENTS_LIST"
    ]

    public func detect(_ text: String) -> Int {
        let lines = EvidenceLines(text, limit: 400).lines
        var keys = 0
        var values = 0
        var errors = 0
        for line in lines {
            if Self.keyLine(line.text) != nil {
                keys += 1
            } else if Self.valueLine(line.text) != nil {
                values += 1
            } else if Self.missingLine(line.trimmed) || Self.deniedLine(line.trimmed) {
                errors += 1
            }
        }
        if text.contains("Windows Registry Editor") || text.contains("REGEDIT4") { return 0 }
        if keys > 0 && values > 0 { return 90 }
        if errors > 0 && keys + values == 0 { return 70 }
        if values > 0 { return 60 }
        if keys > 0 { return 40 }
        return 0
    }

    public func parse(_ text: String, context: EvidenceContext) throws -> ParsedEvidence {
        var builder = EvidenceBuilder(parser: id)
        let lines = EvidenceLines(text)
        var firstKey: (name: String, line: Int)?
        var keyLines: [(name: String, line: Int)] = []
        var keys: [Value] = []
        var values: [RegistryValue] = []
        var unknown: [EvidenceLines.Line] = []
        var missingLine: Int?
        var deniedLine: Int?
        var hint: (String, Int)?
        var language: (String, Int)?
        for line in lines.lines where !line.isBlank {
            let trimmed = line.trimmed
            if Self.bannerLine(trimmed) {
                if hint == nil { hint = ("nt5", line.number) }
                builder.note(line.number, "reg.exe 3.0 banner (Windows 2000/XP/2003)")
                continue
            }
            if let (lang, kind) = RegMessages.classify(trimmed), language == nil || lang != "en" {
                if lang != "en" { language = (lang, line.number) }
                if kind == .missing, missingLine == nil { missingLine = line.number }
                if kind == .denied, deniedLine == nil { deniedLine = line.number }
                if kind == .missing || kind == .denied { continue }
            }
            if let key = Self.keyLine(line.text) {
                if firstKey == nil { firstKey = (key, line.number) }
                keyLines.append((key, line.number))
                keys.append(.string(key))
            } else if let value = Self.valueLine(line.text) {
                values.append(
                    Self.registryValue(name: value.name, type: value.type, data: value.data, line: line.number))
            } else if Self.missingLine(trimmed) {
                if missingLine == nil { missingLine = line.number }
            } else if Self.deniedLine(trimmed) {
                if deniedLine == nil { deniedLine = line.number }
            } else if trimmed.hasPrefix("End of search:") {
                let digits = trimmed.dropFirst("End of search:".count).trimmed().prefix(while: \.isNumber)
                if let count = Int64(digits) { builder.add("match_count", .integer(count), line: line.number) }
            } else if Self.promptLine(trimmed) {
                builder.note(line.number, "skipped a command prompt line")
            } else {
                unknown.append(line)
            }
        }
        if firstKey == nil && values.isEmpty && missingLine == nil && deniedLine == nil {
            let bad = unknown.first ?? lines.firstNonBlank
            throw builder.error(
                line: bad?.number ?? 1,
                expected:
                    "reg query output (an HKEY_... key line, indented 'Name    REG_TYPE    data' lines, or \"ERROR: The system was unable to find the specified registry key or value.\"); "
                    + "reg.exe messages are read in English, German, French, Japanese and Chinese only: for another language paste `reg export <key> file.reg` instead",
                found: bad.map { evidenceExcerpt($0.text) } ?? "")
        }
        for line in unknown {
            builder.note(line.number, "not reg query output, skipped: '\(evidenceExcerpt(line.text))'")
        }
        if values.first.map({ v in firstKey.map { v.line < $0.line } ?? true }) ?? false {
            builder.note(values[0].line, "value lines before any HKEY_ key line")
        }
        // A backup of the SOFTWARE hive loaded beside the live one (`reg load HKLM\KWBACKUP
        // FILE`) and queried in the same paste: its MachineGuid is the one before a change,
        // kept apart so that `machine_guid` stays the live value.
        var emitted = values
        if let backup = Self.backupMachineGuid(values, keys: keyLines) {
            emitted.removeAll { $0.line == backup.line }
            RegistryEvidence.emit(key: firstKey, values: emitted, into: &builder)
            if let guid = GUIDText.normalize(backup.display) {
                builder.add("backup_machine_guid", .guid(guid), line: backup.line)
            }
        } else {
            RegistryEvidence.emit(key: firstKey, values: emitted, into: &builder)
        }
        if keys.count > 1 { builder.addList("registry_keys", keys, line: firstKey?.line ?? 1) }
        if let missingLine { builder.add("registry_value_missing", .boolean(true), line: missingLine) }
        if let deniedLine { builder.add("registry_access_denied", .boolean(true), line: deniedLine) }
        if hint == nil, let path = lines.lines.first(where: { WindowsGeneration.hint(inPath: $0.text) != nil }) {
            hint = (WindowsGeneration.hint(inPath: path.text)!, path.number)
        }
        if let hint { builder.add("windows_hint", .string(hint.0), line: hint.1) }
        if let language { builder.note(language.1, "reg.exe message in \(language.0)") }
        return builder.build(summary: Self.summary(builder))
    }

    /// The MachineGuid under another hive's `...\Microsoft\Cryptography` key, when the live
    /// `HKLM\SOFTWARE\Microsoft\Cryptography` MachineGuid is in the same output.
    static func backupMachineGuid(_ values: [RegistryValue], keys: [(name: String, line: Int)]) -> RegistryValue? {
        func owner(_ v: RegistryValue) -> String? { keys.last { $0.line < v.line }?.name.uppercased() }
        let live: Set<String> = [
            "HKEY_LOCAL_MACHINE\\SOFTWARE\\MICROSOFT\\CRYPTOGRAPHY", "HKLM\\SOFTWARE\\MICROSOFT\\CRYPTOGRAPHY"
        ]
        let guids = values.filter { $0.name.lowercased() == "machineguid" }
        guard guids.contains(where: { owner($0).map(live.contains) ?? false }) else { return nil }
        return guids.first { v in
            guard let key = owner(v) else { return false }
            return !live.contains(key) && key.hasSuffix("\\MICROSOFT\\CRYPTOGRAPHY")
        }
    }

    static func summary(_ builder: EvidenceBuilder) -> String {
        var parts: [String] = []
        let fields = builder.build(summary: "")
        if let guid = fields.field("machine_guid") { parts.append("MachineGuid \(guid.value) (line \(guid.line))") }
        if let old = fields.field("backup_machine_guid") {
            parts.append("backup hive's MachineGuid \(old.value) (line \(old.line))")
        }
        if let fp = fields.field("autogen_key_fingerprint") { parts.append("AutoGenKey \(fp.value) (line \(fp.line))") }
        if let missing = fields.field("registry_value_missing") {
            parts.append("key or value not found (line \(missing.line))")
        }
        if let denied = fields.field("registry_access_denied") { parts.append("access denied (line \(denied.line))") }
        if parts.isEmpty, let key = fields.field("registry_key") {
            let count = fields.field("values")?.value.listValue?.count ?? 0
            parts.append("\(key.value): \(count) value(s)")
        }
        return parts.joined(separator: "; ")
    }

    // MARK: line shapes

    /// `HKEY_LOCAL_MACHINE\...` (reg prints full root names; abbreviations accepted too).
    static func keyLine(_ text: Substring) -> String? {
        let t = text.trimmed()
        guard text.first.map({ !$0.isWhitespace }) ?? false else { return nil }
        let upper = t.uppercased()
        let roots = ["HKEY_", "HKLM\\", "HKCU\\", "HKU\\", "HKCR\\", "HKCC\\"]
        guard roots.contains(where: { upper.hasPrefix($0) }) || ["HKLM", "HKCU", "HKU", "HKCR", "HKCC"].contains(upper)
        else { return nil }
        guard valueLine(" " + t) == nil else { return nil }
        return String(t)
    }

    /// `    Name    REG_TYPE    data` (Vista and later: four-space gaps), `\tName\tREG_TYPE\tdata`
    /// (reg.exe 3.0 of 2000/XP/2003: tabs) and the same with the tabs turned into one or more
    /// spaces by a console copy. The name may contain spaces, so the split is at the first
    /// whitespace gap followed by a known type and then a gap or the end of the line.
    static func valueLine(_ text: Substring) -> (name: String, type: String, data: String)? {
        guard text.first?.isWhitespace ?? false else { return nil }
        let body = text.drop(while: { $0 == " " || $0 == "\t" })
        var search = body.startIndex
        while let hit = body[search...].range(of: "REG_") {
            defer { search = hit.upperBound }
            guard hit.lowerBound > body.startIndex, body[body.index(before: hit.lowerBound)].isWhitespace else {
                continue
            }
            let typeStart = hit.lowerBound
            let typeEnd = body[typeStart...].firstIndex(where: { !($0.isLetter || $0 == "_") }) ?? body.endIndex
            let type = String(body[typeStart..<typeEnd])
            let rest = body[typeEnd...]
            guard types.contains(type), rest.isEmpty || rest.first!.isWhitespace else { continue }
            let name = String(body[..<typeStart].trimmed())
            let data = rest.hasPrefix("    ") ? rest.dropFirst(4) : rest.drop(while: { $0 == " " || $0 == "\t" })
            return (name.isEmpty ? "(Default)" : name, type, trimTrailing(String(data)))
        }
        return nil
    }

    static func trimTrailing(_ s: String) -> String {
        var s = Substring(s)
        while let last = s.last, last.isWhitespace { s = s.dropLast() }
        return String(s)
    }

    static func missingLine(_ t: Substring) -> Bool {
        RegMessages.match(t, RegMessages.missing) != nil
    }

    static func deniedLine(_ t: Substring) -> Bool {
        RegMessages.match(t, RegMessages.denied) != nil
    }

    /// `! REG.EXE VERSION 3.0`: the banner reg.exe 3.0 (Windows 2000/XP/2003) prints first.
    static func bannerLine(_ t: Substring) -> Bool {
        t.hasPrefix("!") && t.uppercased().contains("REG.EXE VERSION")
    }

    /// `C:\>reg query ...`, `PS C:\Users\x> reg query ...`.
    static func promptLine(_ t: Substring) -> Bool {
        if t.hasPrefix("PS ") && t.contains(">") { return true }
        let chars = Array(t.prefix(3))
        return chars.count == 3 && chars[0].isLetter && chars[1] == ":" && chars[2] == "\\" && t.contains(">")
    }

    static func registryValue(name: String, type: String, data: String, line: Int) -> RegistryValue {
        var value = RegistryValue(name: name, type: type, display: data, bytes: nil, number: nil, line: line)
        switch type {
        case "REG_BINARY", "REG_NONE":
            value.bytes = data.isEmpty ? [] : KeyFingerprint.bytes(fromHex: data)
        case "REG_DWORD", "REG_QWORD", "REG_DWORD_BIG_ENDIAN", "REG_DWORD_LITTLE_ENDIAN", "REG_QWORD_LITTLE_ENDIAN":
            value.number = RegistryEvidence.parseNumber(data)
        default:
            break
        }
        return value
    }
}

extension RegQueryParser {
    public var schema: EvidenceSchema {
        EvidenceSchema(
            fields: SharedSchemas.registry + [
                .init("match_count", .integer, "from \"End of search: N match(es) found.\" (reg query /f)"),
                .init(
                    "backup_machine_guid", .guid,
                    "MachineGuid of a backup SOFTWARE hive loaded beside the live one (reg load)")
            ],
            example: """
                ! REG.EXE VERSION 3.0

                HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography
                \tMachineGuid\tREG_SZ\t3e08c9a1-5b7d-4c2e-8f10-6a4b2d9e7c13
                """)
    }
}
