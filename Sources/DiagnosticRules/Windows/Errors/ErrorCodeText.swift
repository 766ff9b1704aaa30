import Foundation

/// Reads an error code the way operators paste it: from an event (`2148073478`), an IIS
/// dialog (`-2146893818`), a log (`0x80090006`, `80090006`) or a Win32 code (`5`).
public enum ErrorCodeText {
    /// The 32-bit value of `s`, or nil when it is not a number in one of these forms:
    /// - `0x` + 1 to 8 hex digits (`0x5`, `0x80090006`);
    /// - exactly 8 hex digits without a prefix (`80090006`): always hex, because Win32 codes
    ///   have at most 5 decimal digits and HRESULTs in decimal have 10;
    /// - unsigned decimal up to 4294967295, or signed decimal down to -2147483648;
    /// - the event-log forms `%%2148073478` and `2148073478 (0x80090006)` (both parts must agree).
    public static func parse(_ s: String) -> UInt32? {
        var text = s.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("%%") { text.removeFirst(2) }
        if let open = text.firstIndex(of: "("), text.hasSuffix(")") {
            let first = String(text[..<open]).trimmingCharacters(in: .whitespaces)
            let second = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
            guard let a = parseSingle(first), let b = parseSingle(second), a == b else { return nil }
            return a
        }
        return parseSingle(text)
    }

    /// `Character.isNumber` accepts non-ASCII digits such as "٣"; codes are ASCII only.
    private static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    private static func parseSingle(_ raw: String) -> UInt32? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("0x") || text.hasPrefix("0X") {
            let digits = text.dropFirst(2)
            guard (1...8).contains(digits.count), digits.allSatisfy(\.isHexDigit) else { return nil }
            return UInt32(digits, radix: 16)
        }
        if text.count == 8, text.allSatisfy(\.isHexDigit) { return UInt32(text, radix: 16) }
        if text.hasPrefix("-") {
            guard text.dropFirst().allSatisfy(isDigit), let v = Int32(text) else { return nil }
            return UInt32(bitPattern: v)
        }
        guard !text.isEmpty, text.allSatisfy(isDigit) else { return nil }
        return UInt32(text)
    }
}
