import Crypto
import Foundation

/// What KeyWizard keeps of a secret key: never the key, only enough to compare two keys and
/// to tell an operator which key is meant. Format: `sha256:1a2b3c4d/64B` (first 8 hex digits
/// of the SHA-256 of the key bytes, and the key length in bytes).
public struct KeyFingerprint: Hashable, Sendable, Codable, CustomStringConvertible {
    public var algorithm: String
    public var lengthBytes: Int
    public var prefix: String

    /// Fingerprint of a hex key (dashes, spaces and a `0x` prefix are ignored). Nil when
    /// `hex` is not hex.
    public init?(hexKey hex: String) {
        guard let bytes = KeyFingerprint.bytes(fromHex: hex) else { return nil }
        self.init(keyBytes: bytes)
    }

    /// Fingerprint of text that is not hex (an opaque secret such as a REG_BINARY dump): the
    /// UTF-8 bytes are hashed.
    public init(secretText: String) {
        self.init(keyBytes: Array(secretText.utf8))
    }

    public init(keyBytes: [UInt8]) {
        algorithm = "sha256"
        lengthBytes = keyBytes.count
        prefix = String(KeyFingerprint.sha256Hex(keyBytes).prefix(8))
    }

    public var description: String { "\(algorithm):\(prefix)/\(lengthBytes)B" }

    /// Full SHA-256 (lower-case hex) of key bytes; used only in memory, to compare against a
    /// list of publicly disclosed keys, and never written anywhere.
    public static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Hex text to bytes, accepting `1F-35-E5`, `1f35e5`, `0x1F35E5` and spaces. Nil on an odd
    /// digit count or a non-hex character.
    public static func bytes(fromHex text: String) -> [UInt8]? {
        var s = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.hasPrefix("0x") || s.hasPrefix("0X") { s = String(s.dropFirst(2)) }
        let digits = s.filter { $0 != "-" && $0 != " " && $0 != ":" }
        guard !digits.isEmpty, digits.count % 2 == 0, digits.allSatisfy(\.isHexDigit) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var it = digits.makeIterator()
        while let hi = it.next(), let lo = it.next() {
            guard let b = UInt8(String([hi, lo]), radix: 16) else { return nil }
            out.append(b)
        }
        return out
    }
}
