import Foundation

/// Reads regedit `.reg` exports ("Windows Registry Editor Version 5.00" or "REGEDIT4"):
///
/// ```
/// Windows Registry Editor Version 5.00
///
/// [HKEY_USERS\S-1-5-82-...\Software\Microsoft\ASP.NET\4.0.30319.0]
/// "AutoGenKeyV4"=hex:6a,1f,...,\
///   00,7c
/// "AutoGenKeyCreationTime"=hex(b):80,f2,3e,6b,9a,a5,da,01
/// "AutoGenKeyFormat"=dword:00000001
/// ```
///
/// regedit writes UTF-16LE with a BOM; decode the bytes with `EvidenceText.decode` first.
///
/// Fields: the same as `reg-query` (`registry_key` = first section, `machine_guid`, `values`
/// with data shown the way `reg query` shows it, `autogen_key_*`, `registry_keys`), plus
/// `deleted_keys` (list of string) for `[-HKEY_...]` sections.
public struct RegExportParser: EvidenceParser {
    public init() {}
    public var id: String { "reg-export" }
    public var title: String { ".reg export" }

    public func detect(_ text: String) -> Int {
        let head = text.prefix(200).trimmed()
        if head.hasPrefix("Windows Registry Editor Version") || head.hasPrefix("REGEDIT4") { return 95 }
        var sections = 0
        var assignments = 0
        for line in EvidenceLines(text, limit: 400).lines {
            let t = line.trimmed
            if t.hasPrefix("[HKEY_") || t.hasPrefix("[-HKEY_") { sections += 1 }
            if t.hasPrefix("\"") && t.contains("\"=") || t.hasPrefix("@=") { assignments += 1 }
        }
        if sections > 0 && assignments > 0 { return 70 }
        return sections > 0 ? 40 : 0
    }

    /// A logical line: physical lines joined at trailing `\`, numbered by its first line.
    private struct Logical {
        var number: Int
        var text: String
    }

    public func parse(_ text: String, context: EvidenceContext) throws -> ParsedEvidence {
        var builder = EvidenceBuilder(parser: id)
        let logical = Self.join(EvidenceLines(text))
        guard let first = logical.first else {
            throw builder.error(
                line: 1, expected: "\"Windows Registry Editor Version 5.00\" or \"REGEDIT4\"", found: "")
        }
        var headerSeen = false
        if first.text.hasPrefix("Windows Registry Editor Version") || first.text.hasPrefix("REGEDIT4") {
            headerSeen = true
        }
        var firstKey: (name: String, line: Int)?
        var keys: [Value] = []
        var deleted: [Value] = []
        var values: [RegistryValue] = []
        var unknown: [Logical] = []
        for entry in logical.dropFirst(headerSeen ? 1 : 0) {
            let t = entry.text
            if t.hasPrefix(";") { continue }
            if t.hasPrefix("[") {
                guard t.hasSuffix("]"), t.count > 2 else {
                    unknown.append(entry)
                    continue
                }
                let name = String(t.dropFirst().dropLast())
                if name.hasPrefix("-") {
                    deleted.append(.string(String(name.dropFirst())))
                } else {
                    if firstKey == nil { firstKey = (name, entry.number) }
                    keys.append(.string(name))
                }
                continue
            }
            switch Self.assignment(t) {
            case .value(let name, let raw):
                if raw == "-" {
                    builder.note(entry.number, "value \(evidenceExcerpt(name)) is deleted by this file")
                } else if let value = Self.value(name: name, raw: raw, line: entry.number) {
                    values.append(value)
                } else {
                    builder.note(entry.number, "value \(evidenceExcerpt(name)) has data in an unknown form, skipped")
                }
            case .none:
                unknown.append(entry)
            }
        }
        if firstKey == nil && values.isEmpty && deleted.isEmpty {
            let bad = unknown.first ?? (headerSeen ? nil : first)
            throw builder.error(
                line: bad?.number ?? first.number,
                expected: headerSeen
                    ? "a [HKEY_...] section"
                    : "\"Windows Registry Editor Version 5.00\" or \"REGEDIT4\", then [HKEY_...] sections",
                found: bad.map { evidenceExcerpt($0.text) } ?? "")
        }
        if !headerSeen {
            builder.note(
                first.number, "no \"Windows Registry Editor Version 5.00\" header; read as a .reg export anyway")
        }
        for entry in unknown {
            builder.note(entry.number, "not .reg syntax, skipped: '\(evidenceExcerpt(entry.text))'")
        }
        RegistryEvidence.emit(key: firstKey, values: values, into: &builder)
        if keys.count > 1 { builder.addList("registry_keys", keys, line: firstKey?.line ?? 1) }
        if !deleted.isEmpty { builder.addList("deleted_keys", deleted, line: 1) }
        return builder.build(summary: RegQueryParser.summary(builder))
    }

    private static func join(_ lines: EvidenceLines) -> [Logical] {
        var out: [Logical] = []
        var pending: Logical?
        for line in lines.lines {
            let t = line.trimmed
            // A blank line inside a continued value (a mail client's rewrap) is skipped, not
            // taken as the value's end, so the value is not cut short.
            if pending != nil && t.isEmpty { continue }
            if var current = pending {
                current.text += t
                pending = nil
                if current.text.hasSuffix("\\") {
                    current.text.removeLast()
                    pending = current
                } else {
                    out.append(current)
                }
                continue
            }
            if t.isEmpty { continue }
            if t.hasSuffix("\\") && !t.hasPrefix("[") && t.contains("=") {
                pending = Logical(number: line.number, text: String(t.dropLast()))
            } else {
                out.append(Logical(number: line.number, text: String(t)))
            }
        }
        if let pending { out.append(pending) }
        return out
    }

    private enum Assignment { case value(name: String, raw: String), none }

    /// `"Name"=...` (with `\\` and `\"` escapes) or `@=...`.
    private static func assignment(_ t: String) -> Assignment {
        if t.hasPrefix("@=") { return .value(name: "(Default)", raw: String(t.dropFirst(2))) }
        guard t.hasPrefix("\"") else { return .none }
        var name = ""
        var escaped = false
        var index = t.index(after: t.startIndex)
        while index < t.endIndex {
            let c = t[index]
            if escaped {
                name.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "\"" {
                let after = t.index(after: index)
                guard after < t.endIndex, t[after] == "=" else { return .none }
                return .value(name: name, raw: String(t[t.index(after: after)...]))
            } else {
                name.append(c)
            }
            index = t.index(after: index)
        }
        return .none
    }

    /// Data forms: `"text"`, `dword:0000001f`, `hex:..` (binary), `hex(N):..`.
    private static func value(name: String, raw: String, line: Int) -> RegistryValue? {
        if raw.hasPrefix("\"") {
            guard let text = unquote(raw) else { return nil }
            return RegistryValue(name: name, type: "REG_SZ", display: text, bytes: nil, number: nil, line: line)
        }
        let lower = raw.lowercased()
        if lower.hasPrefix("dword:") {
            guard let n = UInt32(raw.dropFirst(6), radix: 16) else { return nil }
            return RegistryValue(
                name: name, type: "REG_DWORD", display: "0x" + String(n, radix: 16), bytes: nil, number: UInt64(n),
                line: line)
        }
        guard lower.hasPrefix("hex") else { return nil }
        var kind = 3
        var rest = Substring(lower.dropFirst(3))
        if rest.hasPrefix("(") {
            guard let close = rest.firstIndex(of: ")"),
                let k = Int(rest[rest.index(after: rest.startIndex)..<close], radix: 16)
            else { return nil }
            kind = k
            rest = rest[rest.index(after: close)...]
        }
        guard rest.hasPrefix(":") else { return nil }
        let hex = rest.dropFirst()
        let bytes: [UInt8]
        if hex.trimmed().isEmpty {
            bytes = []
        } else {
            var out: [UInt8] = []
            for part in hex.split(separator: ",") {
                guard let b = UInt8(part.trimmed(), radix: 16) else { return nil }
                out.append(b)
            }
            bytes = out
        }
        switch kind {
        case 1, 2, 7:
            let type = kind == 1 ? "REG_SZ" : kind == 2 ? "REG_EXPAND_SZ" : "REG_MULTI_SZ"
            let strings = utf16Strings(bytes)
            let display = kind == 7 ? strings.joined(separator: "\\0") : (strings.first ?? "")
            return RegistryValue(name: name, type: type, display: display, bytes: bytes, number: nil, line: line)
        case 4, 11:
            let type = kind == 4 ? "REG_DWORD" : "REG_QWORD"
            let number = RegistryEvidence.littleEndianNumber(bytes)
            return RegistryValue(
                name: name, type: type,
                display: number.map { "0x" + String($0, radix: 16) } ?? RegistryEvidence.hexDisplay(bytes),
                bytes: bytes, number: number, line: line)
        case 0:
            return RegistryValue(
                name: name, type: "REG_NONE", display: RegistryEvidence.hexDisplay(bytes), bytes: bytes, number: nil,
                line: line)
        default:
            let type = kind == 3 ? "REG_BINARY" : "REG_HEX(\(kind))"
            return RegistryValue(
                name: name, type: type, display: RegistryEvidence.hexDisplay(bytes), bytes: bytes, number: nil,
                line: line)
        }
    }

    private static func unquote(_ raw: String) -> String? {
        guard raw.count >= 2, raw.hasPrefix("\""), raw.hasSuffix("\"") else { return nil }
        var out = ""
        var escaped = false
        for c in raw.dropFirst().dropLast() {
            if escaped {
                out.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// hex(2)/hex(7) data: UTF-16LE strings separated and ended by NULs.
    private static func utf16Strings(_ bytes: [UInt8]) -> [String] {
        var units: [UInt16] = []
        var index = 0
        while index + 1 < bytes.count {
            units.append(UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8)
            index += 2
        }
        return units.split(separator: 0).map { String(decoding: $0, as: UTF16.self) }
    }
}

extension RegExportParser {
    public var schema: EvidenceSchema {
        EvidenceSchema(
            fields: SharedSchemas.registry + [
                .init("deleted_keys", .list, "[-HKEY_...] sections (keys the .reg file deletes)")
            ],
            example: """
                Windows Registry Editor Version 5.00

                [HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography]
                "MachineGuid"="5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"
                """)
    }
}
