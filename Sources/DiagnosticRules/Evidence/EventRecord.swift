import Foundation

/// One Windows event as any of the event parsers read it. The parsers differ only in
/// syntax (XML, `wevtutil /f:text`, Event Viewer copies, `Format-List`, eventquery, wmic),
/// so the fields come from one place.
struct EventRecord {
    var line: Int
    var eventID: (Int64, Int)?
    var provider: (String, Int)?
    var timeCreated: (String, Int)?
    var computer: (String, Int)?
    /// EventData values in order (`param1`, `param2`, ...), with their lines.
    var data: [(name: String, value: String, line: Int)] = []
    var message: (String, Int)?
    /// The service key name (`IISADMIN`) from the event's binary data, when it holds one.
    var serviceKey: (String, Int)?
    /// Where the record's record number orders it (Get-EventLog Index, EventRecordID): higher
    /// is newer. Used when the time cannot be read.
    var sequence: Int64?

    init(line: Int) { self.line = line }
}

/// Emits the shared event fields from the event the paste is about: `event_id`, `provider`,
/// `time_created`, `computer`, `service_name`, `service_display_name`, `service_key`,
/// `error_code`, `error_text`, `event_message`, `event_count`, `event_ids`, `event_choice`.
///
/// Why the choice: operators paste several events (wevtutil without /rd:true lists the
/// oldest first; a query without the service filter mixes services). The events are
/// ordered by time whatever order they came in, and the newest event for the IIS Admin
/// Service is used when there is one (the playbooks ask about it), else the newest event.
/// The reason is emitted (`event_choice`) so the operator sees which event was read.
enum EventEvidence {
    static func emit(_ pasted: [EventRecord], into builder: inout EvidenceBuilder, dayFirst: Bool? = nil) {
        guard !pasted.isEmpty else { return }
        let (records, ordered) = newestFirst(pasted, dayFirst: dayFirst)
        let iisIndex = records.firstIndex(where: { isIISAdmin($0) })
        let chosenIndex = iisIndex ?? 0
        let first = records[chosenIndex]
        if let id = first.eventID { builder.add("event_id", .integer(id.0), line: id.1) }
        if let p = first.provider { builder.add("provider", .string(p.0), line: p.1) }
        if let t = first.timeCreated { builder.add("time_created", .string(t.0), line: t.1) }
        if let c = first.computer { builder.add("computer", .string(c.0), line: c.1) }
        let display = displayName(first)
        if let key = first.serviceKey { builder.add("service_key", .string(key.0), line: key.1) }
        if isIISAdmin(first) {
            let line = first.serviceKey?.1 ?? display?.1 ?? first.line
            builder.add("service_name", .string(IISAdminNames.canonical), line: line)
            if let display, display.0 != IISAdminNames.canonical {
                builder.note(
                    display.1,
                    "'\(evidenceExcerpt(display.0))' is the IIS Admin Service (\(first.serviceKey != nil ? "service key IISADMIN" : "its localized display name"))"
                )
            }
        } else if let display {
            if first.serviceKey != nil || isEnglish(first, display: display.0) {
                builder.add("service_name", .string(display.0), line: display.1)
            } else {
                // A display name in a language whose service names are not known, and no
                // service key: comparing it with "IIS Admin" would call the IIS Admin event
                // "another service's". It stays unknown, and the operator is told why.
                builder.note(
                    display.1,
                    "the service '\(evidenceExcerpt(display.0))' is named in a language KeyWizard does not compare and the event carries no service key; "
                        + "paste wevtutil qe System /q:\"*[System[(EventID=7024)]]\" /c:5 /rd:true /f:xml to identify the service"
                )
            }
        }
        if let display { builder.add("service_display_name", .string(display.0), line: display.1) }
        emitErrorCode(first, into: &builder)
        if let m = first.message { builder.add("event_message", .string(m.0), line: m.1) }
        builder.add("event_count", .integer(Int64(records.count)), line: first.line)
        let ids = records.compactMap { $0.eventID.map { Value.integer($0.0) } }
        builder.addList("event_ids", ids, line: first.line)
        let choice = describeChoice(records, chosen: chosenIndex, ordered: ordered)
        builder.add("event_choice", .string(choice), line: first.line)
        if records.count > 1 { builder.note(first.line, choice) }
    }

    /// "newest 7024 for IIS Admin Service; 2 older ignored".
    static func describeChoice(_ records: [EventRecord], chosen: Int, ordered: Bool) -> String {
        let r = records[chosen]
        let id = r.eventID.map { String($0.0) } ?? "event"
        let service = isIISAdmin(r) ? IISAdminNames.canonical : displayName(r)?.0
        var text = records.count == 1 ? "the only \(id)" : "newest \(id)"
        if let service { text += " for \(service)" }
        if records.count == 1 { return text }
        var parts: [String] = []
        if chosen > 0 { parts.append("\(chosen) newer for other services ignored") }
        let older = records.count - chosen - 1
        if older > 0 { parts.append("\(older) older ignored") }
        text += "; " + parts.joined(separator: ", ")
        if !ordered { text += " (times unreadable: order as pasted, newest first assumed)" }
        return text
    }

    /// The records newest first, by their time when every record's time can be read, else
    /// by record number, else as pasted. The flag says whether an order was established.
    static func newestFirst(_ records: [EventRecord], dayFirst: Bool?) -> ([EventRecord], Bool) {
        guard records.count > 1 else { return (records, true) }
        // One date order for the whole paste: "14/05/2024" elsewhere in it settles "04/05/2024".
        let order = dayFirst ?? EventTime.dayFirst(records.compactMap { $0.timeCreated?.0 })
        let keys = records.map { r in r.timeCreated.flatMap { EventTime.sortKey($0.0, dayFirst: order) } }
        if keys.allSatisfy({ $0 != nil }) {
            // Already newest first (as wevtutil /rd:true prints them): the sort below would
            // leave them as they are, so they are neither sorted nor copied.
            if zip(keys, keys.dropFirst()).allSatisfy({ !$0.0!.lexicographicallyPrecedes($0.1!) }) {
                return (records, true)
            }
            let order = records.indices.sorted { a, b in
                keys[a]! == keys[b]! ? a < b : keys[b]!.lexicographicallyPrecedes(keys[a]!)
            }
            return (order.map { records[$0] }, true)
        }
        if records.allSatisfy({ $0.sequence != nil }) {
            let order = records.indices.sorted { records[$0].sequence! > records[$1].sequence! }
            return (order.map { records[$0] }, true)
        }
        return (records, false)
    }

    /// The service as the event names it: param1 of a Service Control Manager event, else
    /// parsed from the message.
    static func displayName(_ r: EventRecord) -> (String, Int)? {
        let serviceEvent =
            r.provider.map { $0.0 == "Service Control Manager" } ?? false
            || (r.eventID.map { (7000...7050).contains($0.0) } ?? false)
        if serviceEvent, let param1 = r.data.first(where: { $0.name == "param1" }) ?? r.data.first,
            !param1.value.isEmpty
        {
            return (param1.value, param1.line)
        }
        if let message = r.message, let name = serviceName(fromMessage: message.0) { return (name, message.1) }
        return nil
    }

    /// English event text: the message uses the English template ("The X service ..."), or
    /// there is no message and the name is plain ASCII.
    static func isEnglish(_ r: EventRecord, display: String) -> Bool {
        if let m = r.message?.0 { return m.hasPrefix("The ") }
        return display.allSatisfy(\.isASCII)
    }

    static func isIISAdmin(_ r: EventRecord) -> Bool {
        if let key = r.serviceKey { return key.0.uppercased() == "IISADMIN" }
        return displayName(r).map { IISAdminNames.matches($0.0) } ?? false
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
                if let code = ErrorNotation.parse(text) {
                    builder.add("error_code", .integer(Int64(code)), line: message.1)
                    builder.note(
                        message.1,
                        "the message names the error as text ('\(evidenceExcerpt(text))'), read as \(code) (0x\(String(format: "%08X", code)))"
                    )
                } else {
                    builder.note(
                        message.1,
                        "the message names the error only as text ('\(evidenceExcerpt(text))'), no error number")
                }
            }
        }
        if !builder.has("error_code"), let param2 = record.data.first(where: { $0.name == "param2" }),
            !param2.value.isEmpty, id.map({ errorParam2Events.contains($0) }) ?? false
        {
            builder.add("error_text", .string(param2.value), line: param2.line)
            if let code = ErrorNotation.parse(param2.value) {
                builder.add("error_code", .integer(Int64(code)), line: param2.line)
                builder.note(
                    param2.line, "param2 names the error as text, read as \(code) (0x\(String(format: "%08X", code)))")
            } else {
                builder.note(param2.line, "param2 names the error only as text, no error number")
            }
        }
    }

    /// "The IIS Admin Service service terminated ..." -> "IIS Admin Service", and the
    /// localized forms in `EventMessageForms`.
    static func serviceName(fromMessage message: String) -> String? {
        if message.hasPrefix("The ") {
            let verbs = [
                " service terminated", " service failed", " service depends", " service hung",
                " service entered", " service was", " service did", " service is"
            ]
            let start = message.index(message.startIndex, offsetBy: 4)
            let hits = verbs.compactMap { message[start...].firstRange(of: $0)?.lowerBound }
            if let end = hits.min() {
                let name = message[start..<end].trimmed()
                return name.isEmpty ? nil : String(name)
            }
        }
        return EventMessageForms.serviceName(fromMessage: message)
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
        if let range = message.firstRange(of: "%%") {
            let digits = message[range.upperBound...].prefix(while: \.isNumber)
            if let v = unsigned32(digits) { return v }
        }
        if let hex = parenthesisedHex(message[...]) { return hex }
        if let range = message.caseInsensitiveRange(of: "0x") {
            let digits = message[range.upperBound...].prefix(while: { $0.isASCII && $0.isHexDigit })
            if digits.count <= 8, let v = UInt32(digits, radix: 16) { return Int64(v) }
        }
        if let range = message.caseInsensitiveRange(of: "error", backwards: true) {
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
        for marker in ["service-specific error:", "following error:"] + EventMessageForms.errorTextMarkers {
            if let range = message.caseInsensitiveRange(of: marker) {
                var text = message[range.upperBound...].trimmed()
                if text.hasSuffix("...") || text.hasSuffix("…") { return nil } // a table cut the message short
                if text.hasSuffix(".") { text = text.dropLast() }
                return text.isEmpty ? nil : String(text)
            }
        }
        return nil
    }

    /// `(0x80090006)` anywhere in the text.
    private static func parenthesisedHex(_ t: Substring) -> Int64? {
        guard let range = t.caseInsensitiveRange(of: "(0x") else { return nil }
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
