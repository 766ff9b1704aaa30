import Foundation

/// The binary data Service Control Manager attaches to its events (Vista and later): the
/// service key name as UTF-16LE, e.g. `490049005300410044004D0049004E0000000000` = IISADMIN.
/// It is the same in every display language, so it identifies the service where the
/// localized display name cannot.
enum EventBinary {
    /// From contiguous hex (XML `<Binary>`), or hex bytes separated by spaces.
    static func serviceKey(hex: String) -> String? {
        let digits = hex.filter { $0.isASCII && $0.isHexDigit }
        guard digits.count >= 8, digits.count % 2 == 0, digits.count <= 1024,
            hex.allSatisfy({ ($0.isASCII && $0.isHexDigit) || $0 == " " })
        else { return nil }
        var bytes: [UInt8] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            bytes.append(UInt8(digits[index..<next], radix: 16) ?? 0)
            index = next
        }
        return serviceKey(bytes: bytes)
    }

    /// From bytes (wmic `Data={73, 0, 73, 0, ...}`, Event Viewer 2003 "Data:" dumps).
    static func serviceKey(bytes: [UInt8]) -> String? {
        var scalars: [Character] = []
        var index = 0
        while index + 1 < bytes.count {
            let unit = UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8
            if unit == 0 { break }
            guard let scalar = Unicode.Scalar(unit), scalar.isASCII,
                Character(scalar).isLetter || Character(scalar).isNumber || scalar == "_" || scalar == "-"
                    || scalar == "$"
            else { return nil }
            scalars.append(Character(scalar))
            index += 2
        }
        return scalars.count >= 2 ? String(scalars) : nil
    }

    /// Bytes of a 2003 Event Viewer "Data:" line in the Bytes view:
    /// `0000: 49 00 49 00 53 00 41 00   I.I.S.A.`.
    static func dumpBytes(_ t: Substring) -> [UInt8]? {
        guard let colon = t.firstIndex(of: ":"), t[..<colon].count == 4, t[..<colon].allSatisfy(\.isHexDigit) else {
            return nil
        }
        var out: [UInt8] = []
        for token in t[t.index(after: colon)...].split(separator: " ", omittingEmptySubsequences: true) {
            guard token.count == 2, let b = UInt8(token, radix: 16) else { break }
            out.append(b)
        }
        return out.isEmpty ? nil : out
    }
}
