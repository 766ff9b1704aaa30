/// Windows-1252, the ANSI code page of Western-European Windows. CryptoAPI hashes a key
/// container's name in the ANSI code page, so the file name of a container depends on these
/// bytes. Hand-written because Foundation's CP1252 support differs between platforms.
public enum ANSICodePage {
    /// The Windows-1252 bytes of `text`, or nil when a character has no Windows-1252 byte.
    public static func windows1252(_ text: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            guard let b = byte(scalar) else { return nil }
            out.append(b)
        }
        return out
    }

    /// Like `windows1252` but writes `?` for characters without a byte, as
    /// WideCharToMultiByte does with its default character. That CryptoAPI converts container
    /// names this way is unconfirmed.
    public static func windows1252Lossy(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { byte($0) ?? 0x3F }
    }

    private static func byte(_ scalar: Unicode.Scalar) -> UInt8? {
        let v = scalar.value
        if v < 0x80 || (0xA0...0xFF).contains(v) { return UInt8(v) }
        return high[v]
    }

    /// Bytes 0x80-0x9F, which Windows-1252 uses for typographic characters instead of C1 controls.
    private static let high: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86,
        0x2021: 0x87, 0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C,
        0x017D: 0x8E, 0x2018: 0x91, 0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95,
        0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98, 0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B,
        0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F
    ]
}
