import Foundation

/// One registry value as `reg query` or a `.reg` export shows it, reduced to a common form
/// so that both parsers emit the same fields from the same rules.
struct RegistryValue {
    /// The value name; `(Default)` for the unnamed value.
    var name: String
    /// The `REG_*` type name.
    var type: String
    /// The data as `reg query` would print it (binary as contiguous upper-case hex, DWORD and
    /// QWORD as `0x...`), used in the `values` list for non-secret values.
    var display: String
    /// The raw bytes for binary-typed data, when they could be read.
    var bytes: [UInt8]?
    /// The number for DWORD / QWORD data, when it could be read.
    var number: UInt64?
    /// 1-based line the value starts on.
    var line: Int
}

/// The registry rules shared by `reg-query` and `reg-export`.
///
/// Why AutoGenKey values get special handling: `AutoGenKey` (ASP.NET 2.0) and `AutoGenKeyV4`
/// (4.x) hold the auto-generated machine keys of a pool identity. They are the secret, so
/// only a fingerprint and a length ever leave the parser; `AutoGenKeyCreationTime` (FILETIME)
/// and `AutoGenKeyFormat` are metadata and are read as numbers.
enum RegistryEvidence {
    /// True for the secret members of the AutoGenKey family (`AutoGenKey`, `AutoGenKeyV4`,
    /// any later `AutoGenKeyV<n>`), false for their metadata values.
    static func isAutoGenSecret(_ name: String) -> Bool {
        let lower = name.lowercased()
        guard lower.hasPrefix("autogenkey") else { return false }
        let rest = lower.dropFirst("autogenkey".count)
        if rest.isEmpty { return true }
        return rest.first == "v" && rest.dropFirst().allSatisfy(\.isNumber)
    }

    /// Emits `registry_key`, `machine_guid`, `values` and the `autogen_key_*` fields.
    static func emit(key: (name: String, line: Int)?, values: [RegistryValue], into builder: inout EvidenceBuilder) {
        if let key { builder.add("registry_key", .string(key.name), line: key.line) }
        var listed: [Value] = []
        var secretNames: [Value] = []
        var firstSecretLine: Int?
        for value in values {
            if isAutoGenSecret(value.name) {
                builder.containsSecrets = true
                secretNames.append(.string(value.name))
                if firstSecretLine == nil { firstSecretLine = value.line }
                emitSecret(value, into: &builder)
                continue
            }
            listed.append(.string("\(value.name)=\(value.type)=\(value.display)"))
            switch value.name.lowercased() {
            case "machineguid":
                if let guid = GUIDText.normalize(value.display) {
                    builder.add("machine_guid", .guid(guid), line: value.line)
                } else {
                    builder.note(value.line, "MachineGuid is not a GUID: '\(evidenceExcerpt(value.display))'")
                }
            case "autogenkeycreationtime":
                if let number = value.number ?? littleEndianNumber(value.bytes), number <= UInt64(Int64.max) {
                    builder.add("autogen_key_creation_time", .integer(Int64(number)), line: value.line)
                } else {
                    builder.add("autogen_key_creation_time", .string(value.display), line: value.line)
                    builder.note(value.line, "AutoGenKeyCreationTime is not a readable FILETIME; kept as text")
                }
            case "autogenkeyformat":
                if let number = value.number ?? littleEndianNumber(value.bytes), number <= UInt64(Int64.max) {
                    builder.add("autogen_key_format", .integer(Int64(number)), line: value.line)
                } else {
                    builder.note(value.line, "AutoGenKeyFormat is not a number: '\(evidenceExcerpt(value.display))'")
                }
            default:
                break
            }
        }
        if !values.isEmpty || key != nil {
            builder.addList("values", listed, line: values.first?.line ?? key?.line ?? 1)
        }
        if let firstSecretLine {
            builder.addList("autogen_key_names", secretNames, line: firstSecretLine)
        }
    }

    private static func emitSecret(_ value: RegistryValue, into builder: inout EvidenceBuilder) {
        guard !builder.has("autogen_key_present") else {
            let fingerprint = value.bytes.map { KeyFingerprint(keyBytes: $0).description } ?? "unreadable"
            builder.note(
                value.line, "another AutoGenKey value \(value.name) (\(fingerprint)); fields describe the first one")
            return
        }
        builder.add("autogen_key_present", .boolean(true), line: value.line)
        if let bytes = value.bytes {
            builder.add(
                "autogen_key_fingerprint", .string(KeyFingerprint(keyBytes: bytes).description), line: value.line)
            builder.add("autogen_key_length", .integer(Int64(bytes.count)), line: value.line)
        } else {
            builder.add(
                "autogen_key_fingerprint", .string(KeyFingerprint(secretText: value.display).description),
                line: value.line)
            builder.note(
                value.line,
                "\(value.name) data is not readable as hex; fingerprint is of the text and the length is unknown")
        }
        if value.type != "REG_BINARY" {
            builder.note(value.line, "\(value.name) is \(value.type), expected REG_BINARY")
        }
    }

    /// A FILETIME or DWORD stored as REG_BINARY: little-endian, at most 8 bytes.
    static func littleEndianNumber(_ bytes: [UInt8]?) -> UInt64? {
        guard let bytes, !bytes.isEmpty, bytes.count <= 8 else { return nil }
        var number: UInt64 = 0
        for (index, byte) in bytes.enumerated() { number |= UInt64(byte) << (8 * UInt64(index)) }
        return number
    }

    /// `0x1d9a...` or decimal, as `reg query` prints DWORD / QWORD data.
    static func parseNumber(_ text: String) -> UInt64? {
        let t = text.trimmed()
        if t.hasPrefix("0x") || t.hasPrefix("0X") { return UInt64(t.dropFirst(2), radix: 16) }
        return UInt64(t)
    }

    /// Upper-case contiguous hex, the way `reg query` prints REG_BINARY.
    static func hexDisplay(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02X", $0) }.joined()
    }
}
