import Foundation

/// Reads PowerShell registry reads:
///
/// - `Get-ItemProperty HKLM:\SOFTWARE\Microsoft\Cryptography` (Format-List by default):
///   ```
///   MachineGuid  : 5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4
///   PSPath       : Microsoft.PowerShell.Core\Registry::HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Cryptography
///   PSParentPath : Microsoft.PowerShell.Core\Registry::HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft
///   PSChildName  : Cryptography
///   PSDrive      : HKLM
///   PSProvider   : Microsoft.PowerShell.Core\Registry
///   ```
/// - `Get-ItemProperty ... | Select-Object MachineGuid` (a one-column table);
/// - `Get-ItemPropertyValue ... -Name MachineGuid` or `(Get-ItemProperty ...).MachineGuid`:
///   the bare value. A bare value becomes `bare_value`, which a step that maps exactly one
///   field takes as that field (`StepInput.adapt`).
/// - the errors "Cannot find path ... because it does not exist", "Property X does not
///   exist at path ...", "Requested registry access is not allowed".
///
/// Byte arrays (`{106, 31, ...}`) of AutoGenKey values are fingerprinted, never kept; when
/// PowerShell cut the array short ("...") only their presence is reported.
/// Forms reconstructed from the Get-ItemProperty / Get-ItemPropertyValue documentation
/// (Microsoft.PowerShell.Management) and PowerShell's Format-List output.
public struct PSItemPropertyParser: EvidenceParser {
    public init() {}
    public var id: String { "ps-itemproperty" }
    public var title: String { "PowerShell Get-ItemProperty / Get-ItemPropertyValue output" }

    public var schema: EvidenceSchema {
        EvidenceSchema(
            fields: SharedSchemas.registry + [
                .init(
                    "bare_value", .string,
                    "the single value Get-ItemPropertyValue printed (a step asking for one value takes it as that value)"
                )
            ],
            example: """
                MachineGuid  : 5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4
                PSPath       : Microsoft.PowerShell.Core\\Registry::HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography
                PSChildName  : Cryptography
                PSDrive      : HKLM
                PSProvider   : Microsoft.PowerShell.Core\\Registry
                """)
    }

    static let psKeys: Set<String> = ["PSPath", "PSParentPath", "PSChildName", "PSDrive", "PSProvider"]

    public func detect(_ text: String) -> Int {
        let all = EvidenceLines(text, limit: 400).lines.filter { !$0.isBlank }
        let ranGetItemProperty = all.contains {
            RegQueryParser.promptLine($0.trimmed) && $0.trimmed.lowercased().contains("get-itemproperty")
        }
        let lines = all.filter { !RegQueryParser.promptLine($0.trimmed) }
        if lines.contains(where: { Self.errorKind($0.trimmed) != nil }) { return 75 }
        var ps = 0
        for line in lines.prefix(400) {
            if let (k, _) = EventListParser.property(line.text), Self.psKeys.contains(k) { ps += 1 }
        }
        if ps >= 2 { return 92 }
        // A bare value is claimed only after its command's prompt line: a lone line of text is
        // anything. Steps still try this parser on it (StepInput tries every step parser).
        if lines.count == 1, Self.bareValue(lines[0].trimmed), ranGetItemProperty { return 80 }
        if lines.count == 3, ColumnTable.isRule(lines[1].trimmed), !lines[0].trimmed.contains(" ") { return 45 }
        return 0
    }

    public func parse(_ text: String, context: EvidenceContext) throws -> ParsedEvidence {
        var builder = EvidenceBuilder(parser: id)
        let all = EvidenceLines(text).lines
        var content: [EvidenceLines.Line] = []
        for line in all where !line.isBlank {
            if RegQueryParser.promptLine(line.trimmed) {
                builder.note(line.number, "skipped a command prompt line")
                continue
            }
            content.append(line)
        }
        var values: [RegistryValue] = []
        var key: (String, Int)?
        var missing: Int?
        var denied: Int?
        var skipped: [EvidenceLines.Line] = []
        var inError = false
        var lastValue: Int?
        for (index, line) in content.enumerated() {
            let t = line.trimmed
            if let kind = Self.errorKind(t) {
                inError = true
                if kind == "missing", missing == nil { missing = line.number }
                if kind == "denied", denied == nil { denied = line.number }
                continue
            }
            if inError,
                t.hasPrefix("At line:") || t.hasPrefix("+") || t.hasPrefix("~")
                    || line.text.first?.isWhitespace ?? false
            {
                continue
            }
            inError = false
            if let (k, v) = EventListParser.property(line.text) {
                if k == "PSPath" {
                    let path = v.components(separatedBy: "::").last ?? v
                    key = (path, line.number)
                } else if !Self.psKeys.contains(k) {
                    values.append(Self.registryValue(name: k, data: v, line: line.number))
                    lastValue = values.count - 1
                }
                continue
            }
            if let i = lastValue, line.text.first?.isWhitespace ?? false {
                values[i].display += t
                continue
            }
            // One-column table: header, rule, value.
            if index + 2 < content.count + 1, index + 1 < content.count, ColumnTable.isRule(content[index + 1].trimmed),
                !t.contains(" ")
            {
                if index + 2 < content.count {
                    let v = content[index + 2]
                    values.append(Self.registryValue(name: String(t), data: String(v.trimmed), line: v.number))
                }
                return finish(
                    &builder, values: values, key: key, missing: missing, denied: denied, skipped: skipped, all: all,
                    skipRest: index + 3, content: content)
            }
            skipped.append(line)
        }
        return try finishOrBare(
            &builder, values: values, key: key, missing: missing, denied: denied, skipped: skipped, content: content,
            all: all)
    }

    private func finishOrBare(
        _ builder: inout EvidenceBuilder, values: [RegistryValue], key: (String, Int)?, missing: Int?, denied: Int?,
        skipped: [EvidenceLines.Line], content: [EvidenceLines.Line], all: [EvidenceLines.Line]
    ) throws -> ParsedEvidence {
        if values.isEmpty, key == nil, missing == nil, denied == nil {
            if content.count == 1, Self.bareValue(content[0].trimmed) {
                let line = content[0]
                builder.add("bare_value", .string(String(line.trimmed)), line: line.number)
                if let g = GUIDText.normalize(String(line.trimmed)) {
                    builder.note(line.number, "a bare GUID (\(g)), as Get-ItemPropertyValue prints it")
                }
                return builder.build(summary: "a single value '\(evidenceExcerpt(line.trimmed))' (line \(line.number))")
            }
            let bad = skipped.first ?? all.first { !$0.isBlank }
            throw builder.error(
                line: bad?.number ?? 1,
                expected:
                    "Get-ItemProperty output ('MachineGuid  : ...', 'PSPath  : ...') or the single value Get-ItemPropertyValue prints",
                found: bad.map { evidenceExcerpt($0.text) } ?? "")
        }
        return finish(
            &builder, values: values, key: key, missing: missing, denied: denied, skipped: skipped, all: all,
            skipRest: nil, content: content)
    }

    private func finish(
        _ builder: inout EvidenceBuilder, values: [RegistryValue], key: (String, Int)?, missing: Int?, denied: Int?,
        skipped: [EvidenceLines.Line], all: [EvidenceLines.Line], skipRest: Int?, content: [EvidenceLines.Line]
    ) -> ParsedEvidence {
        var skipped = skipped
        if let skipRest { skipped += content.dropFirst(skipRest) }
        for line in skipped {
            builder.note(line.number, "not Get-ItemProperty output, skipped: '\(evidenceExcerpt(line.text))'")
        }
        // An AutoGenKey array PowerShell cut short ("{106, 31, ...}") cannot be fingerprinted:
        // a fingerprint of the shown text would make every truncated key look alike.
        let truncated = values.filter { RegistryEvidence.isAutoGenSecret($0.name) && $0.bytes == nil }
        let values = values.filter { !(RegistryEvidence.isAutoGenSecret($0.name) && $0.bytes == nil) }
        for value in truncated {
            builder.note(
                value.line,
                "\(value.name) is cut short by PowerShell ('...'): only its presence is known; for a fingerprint use reg query or reg export"
            )
        }
        RegistryEvidence.emit(key: key.map { ($0.0, $0.1) }, values: values, into: &builder)
        if let first = truncated.first {
            builder.containsSecrets = true
            builder.add("autogen_key_present", .boolean(true), line: first.line)
            if !builder.has("autogen_key_names") {
                builder.addList("autogen_key_names", truncated.map { .string($0.name) }, line: first.line)
            }
        }
        if let missing { builder.add("registry_value_missing", .boolean(true), line: missing) }
        if let denied { builder.add("registry_access_denied", .boolean(true), line: denied) }
        return builder.build(summary: RegQueryParser.summary(builder))
    }

    /// "missing" / "denied" for PowerShell's registry errors (Windows PowerShell 5 prints
    /// `Get-ItemProperty : Cannot find path ...`, PowerShell 7 `Get-ItemProperty: Cannot ...`).
    static func errorKind(_ t: Substring) -> String? {
        let lower = t.lowercased()
        guard
            lower.hasPrefix("get-itemproperty") || lower.hasPrefix("get-itempropertyvalue")
                || lower.hasPrefix("cannot find path") || lower.hasPrefix("property ")
        else { return nil }
        if lower.contains("does not exist") { return "missing" }
        if lower.contains("registry access is not allowed") || lower.contains("access is denied") { return "denied" }
        return nil
    }

    /// A single printed value: no inner " : " (a property line), not too long.
    static func bareValue(_ t: Substring) -> Bool {
        !t.isEmpty && t.count <= 200 && !t.contains(" : ") && !t.hasSuffix(":") && !t.contains("\u{FFFD}")
            && !t.contains(where: { ($0.asciiValue ?? 32) < 32 })
    }

    /// A value as Format-List shows it: `{106, 31, ...}` is a byte array (REG_BINARY), a
    /// decimal is a DWORD, anything else a string.
    static func registryValue(name: String, data: String, line: Int) -> RegistryValue {
        if data.hasPrefix("{"), data.hasSuffix("}") {
            let inner = data.dropFirst().dropLast()
            let parts = inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let bytes = parts.compactMap { UInt8($0) }
            let complete = !parts.isEmpty && bytes.count == parts.count
            return RegistryValue(
                name: name, type: "REG_BINARY", display: complete ? RegistryEvidence.hexDisplay(bytes) : data,
                bytes: complete ? bytes : nil, number: nil, line: line)
        }
        if let n = UInt64(data) {
            return RegistryValue(
                name: name, type: n > UInt64(UInt32.max) ? "REG_QWORD" : "REG_DWORD",
                display: String(format: "0x%llx", n), bytes: nil, number: n, line: line)
        }
        return RegistryValue(name: name, type: "REG_SZ", display: data, bytes: nil, number: nil, line: line)
    }
}
