extension ErrorDecode {
    /// The decode as an operator reads it: the value in every form, then names and message,
    /// with unconfirmed facts marked "(unconfirmed)".
    public func textLines(width: Int = 80) -> [String] {
        var head = (input.map { "\($0) -> " } ?? "") + hex
        if let first = names.first { head += "  " + first }
        var lines = TextWrap.wrap(head, width: width)
        lines += TextWrap.field("Unsigned", String(unsigned), width: width)
        lines += TextWrap.field("Signed", String(signed), width: width)
        lines += TextWrap.field("Severity", "\(severity) (\(severityName))", width: width)
        lines += TextWrap.field(
            "Facility", "\(facility)" + (facilityName.map { " (\($0))" } ?? " (no FACILITY_ name)"), width: width)
        lines += TextWrap.field("Code", "\(code) (0x\(String(code, radix: 16, uppercase: true)))", width: width)
        lines += TextWrap.field(
            "Flags", "customer bit \(customerBit ? 1 : 0) (unconfirmed field), NT bit \(ntBit ? 1 : 0)", width: width)
        lines += TextWrap.field(
            "Names", names.isEmpty ? "(none in winerror.h)" : names.joined(separator: ", "), width: width)
        lines += TextWrap.field("Message", Self.messageText(message, confirmed: messageConfirmed), width: width)
        if let w = win32 {
            let names = w.names.isEmpty ? "(no name)" : w.names.joined(separator: ", ")
            lines += TextWrap.field(
                "Win32", "\(w.code) \(names): " + Self.messageText(w.message, confirmed: w.messageConfirmed),
                width: width)
        }
        for note in notes { lines += TextWrap.field("Note", note, width: width) }
        return lines
    }

    static func messageText(_ message: String?, confirmed: Bool) -> String {
        guard let message else { return "(no confirmed text known)" }
        return confirmed ? message : message + " (unconfirmed)"
    }
}
