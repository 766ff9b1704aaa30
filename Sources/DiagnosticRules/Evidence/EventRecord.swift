import Foundation

/// One Windows event as any of the three event parsers read it. The parsers differ only in
/// syntax (XML, `wevtutil /f:text`, `Format-List`), so the fields come from one place.
struct EventRecord {
    var line: Int
    var eventID: (Int64, Int)?
    var provider: (String, Int)?
    var timeCreated: (String, Int)?
    var computer: (String, Int)?
    /// EventData values in order (`param1`, `param2`, ...), with their lines.
    var data: [(name: String, value: String, line: Int)] = []
    var message: (String, Int)?

    init(line: Int) { self.line = line }
}

/// Emits the shared event fields from the first record (the newest, with `/rd:true`):
/// `event_id`, `provider`, `time_created`, `computer`, `service_name`, `error_code`,
/// `error_text`, `event_message`, `event_count`, `event_ids`.
enum EventEvidence {
    static func emit(_ records: [EventRecord], into builder: inout EvidenceBuilder) {
        guard let first = records.first else { return }
        if let id = first.eventID { builder.add("event_id", .integer(id.0), line: id.1) }
        if let p = first.provider { builder.add("provider", .string(p.0), line: p.1) }
        if let t = first.timeCreated { builder.add("time_created", .string(t.0), line: t.1) }
        if let c = first.computer { builder.add("computer", .string(c.0), line: c.1) }
        let serviceEvent = first.provider.map { $0.0 == "Service Control Manager" } ?? false
            || (first.eventID.map { (7000...7050).contains($0.0) } ?? false)
        if serviceEvent, let param1 = first.data.first(where: { $0.name == "param1" }) ?? first.data.first, !param1.value.isEmpty {
            builder.add("service_name", .string(param1.value), line: param1.line)
        } else if let message = first.message, let name = serviceName(fromMessage: message.0) {
            builder.add("service_name", .string(name), line: message.1)
        }
        emitErrorCode(first, into: &builder)
        if let m = first.message { builder.add("event_message", .string(m.0), line: m.1) }
        builder.add("event_count", .integer(Int64(records.count)), line: first.line)
        let ids = records.compactMap { $0.eventID.map { Value.integer($0.0) } }
        builder.addList("event_ids", ids, line: first.line)
        if records.count > 1 {
            builder.note(first.line, "\(records.count) events; fields describe the first one (the newest when queried with /rd:true)")
        }
    }

    /// Event IDs whose `param2` is an error code (7000, 7009, 7011, 7023, 7024); for others a
    /// bare number in `param2` is a count, not an error.
    private static let errorParam2Events: Set<Int64> = [7000, 7009, 7011, 7023, 7024]

    private static func emitErrorCode(_ record: EventRecord, into builder: inout EvidenceBuilder) {
        let id = record.eventID?.0
        for item in record.data {
            let bareAllowed = item.name == "param2" && id.map { errorParam2Events.contains($0) } ?? false
            if let code = EventErrorCodeText.parse(item.value, bareNumberAllowed: bareAllowed) {
                builder.add("error_code", .integer(code), line: item.line)
                return
            }
        }
        if let message = record.message {
            if let code = EventErrorCodeText.find(inMessage: message.0) {
                builder.add("error_code", .integer(code), line: message.1)
            } else if let text = EventErrorCodeText.errorText(inMessage: message.0) {
                builder.add("error_text", .string(text), line: message.1)
                builder.note(message.1, "the message names the error only as text ('\(evidenceExcerpt(text))'), no error number")
            }
        }
        if !builder.has("error_code"), let param2 = record.data.first(where: { $0.name == "param2" }),
           !param2.value.isEmpty, id.map({ errorParam2Events.contains($0) }) ?? false {
            builder.add("error_text", .string(param2.value), line: param2.line)
            builder.note(param2.line, "param2 names the error only as text, no error number")
        }
    }

    /// "The IIS Admin Service service terminated ..." -> "IIS Admin Service".
    static func serviceName(fromMessage message: String) -> String? {
        guard message.hasPrefix("The ") else { return nil }
        let verbs = [" service terminated", " service failed", " service depends", " service hung",
                     " service entered", " service was", " service did", " service is"]
        let start = message.index(message.startIndex, offsetBy: 4)
        let hits = verbs.compactMap { message.range(of: $0, range: start..<message.endIndex)?.lowerBound }
        guard let end = hits.min() else { return nil }
        let name = message[start..<end].trimmed()
        return name.isEmpty ? nil : String(name)
    }
}

/// Reads Windows error numbers as event logs print them: `2148073478 (0x80090006)`,
/// `%%2148073478`, `0x80090006`, a signed `-2146893818`, or a bare decimal. The result is
/// the unsigned 32-bit value as Int64, so every form of NTE_BAD_SIGNATURE is 2148073478.
enum EventErrorCodeText {
    static func parse(_ raw: String, bareNumberAllowed: Bool) -> Int64? {
        let t = raw.trimmed()
        if t.hasPrefix("%%") { return unsigned32(t.dropFirst(2)) }
        if let hex = parenthesisedHex(t) { return hex }
        if t.hasPrefix("0x") || t.hasPrefix("0X") { return UInt32(t.dropFirst(2), radix: 16).map(Int64.init) }
        if bareNumberAllowed { return unsigned32(t) }
        return nil
    }

    /// In message text: `%%N`, `N (0xH)`, `0xH`, or the number after "error" / "error:".
    static func find(inMessage message: String) -> Int64? {
        if let range = message.range(of: "%%") {
            let digits = message[range.upperBound...].prefix(while: \.isNumber)
            if let v = unsigned32(digits) { return v }
        }
        if let hex = parenthesisedHex(message[...]) { return hex }
        if let range = message.range(of: "0x", options: .caseInsensitive) {
            let digits = message[range.upperBound...].prefix(while: { $0.isASCII && $0.isHexDigit })
            if digits.count <= 8, let v = UInt32(digits, radix: 16) { return Int64(v) }
        }
        if let range = message.range(of: "error", options: [.caseInsensitive, .backwards]) {
            var rest = message[range.upperBound...]
            if rest.hasPrefix(":") { rest = rest.dropFirst() }
            let token = rest.trimmed().prefix(while: { $0.isNumber || $0 == "-" })
            if !token.isEmpty, let v = unsigned32(token) { return v }
        }
        return nil
    }

    /// The text after "service-specific error:" / "following error:" when no number is
    /// given ("Invalid Signature").
    static func errorText(inMessage message: String) -> String? {
        for marker in ["service-specific error:", "following error:"] {
            if let range = message.range(of: marker, options: .caseInsensitive) {
                var text = message[range.upperBound...].trimmed()
                if text.hasSuffix(".") { text = text.dropLast() }
                return text.isEmpty ? nil : String(text)
            }
        }
        return nil
    }

    /// `(0x80090006)` anywhere in the text.
    private static func parenthesisedHex(_ t: Substring) -> Int64? {
        guard let range = t.range(of: "(0x", options: .caseInsensitive) else { return nil }
        let digits = t[range.upperBound...].prefix(while: { $0.isASCII && $0.isHexDigit })
        guard digits.count <= 8, t[range.upperBound...].dropFirst(digits.count).hasPrefix(")") else { return nil }
        return UInt32(digits, radix: 16).map(Int64.init)
    }

    /// Decimal, unsigned 32-bit or signed 32-bit (read back as its unsigned bit pattern).
    private static func unsigned32<S: StringProtocol>(_ s: S) -> Int64? {
        if let u = UInt32(s) { return Int64(u) }
        if let i = Int32(s) { return Int64(UInt32(bitPattern: i)) }
        return nil
    }
}
