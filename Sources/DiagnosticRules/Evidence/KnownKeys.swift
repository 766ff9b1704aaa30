import Foundation

/// Loads a list of publicly disclosed machine keys (such as the hash list Microsoft
/// published in February 2025) into the SHA-256 digests that `EvidenceContext` compares
/// against, so that the keys themselves are dropped as soon as they are read.
///
/// Format: one entry per line; `#` starts a comment (whole line or trailing); blank lines are
/// ignored. An entry is either a 64-hex SHA-256 digest of the key bytes (taken as is, lower
/// cased) or a raw hex key of any other even length (hashed here). Dashes, spaces and a `0x`
/// prefix inside a raw key are ignored. A 64-hex entry is always read as a digest: a raw
/// 32-byte key cannot be told apart, so list such keys by digest.
public enum KnownKeys {
    public struct LoadError: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// The digests of every entry; throws on the first line that is neither form.
    public static func load(text: String) throws -> Set<String> {
        var digests: Set<String> = []
        for line in EvidenceLines(text).lines {
            var entry = line.text
            if let hash = entry.firstIndex(of: "#") { entry = entry[..<hash] }
            let t = entry.trimmed()
            if t.isEmpty { continue }
            if t.count == 64, t.allSatisfy({ $0.isASCII && $0.isHexDigit }) {
                digests.insert(t.lowercased())
            } else if let bytes = KeyFingerprint.bytes(fromHex: String(t)) {
                digests.insert(KeyFingerprint.sha256Hex(bytes))
            } else {
                throw LoadError(line: line.number, message: "expected a hex machine key or a 64-hex SHA-256 digest, found \(t.count) characters that are not hex")
            }
        }
        return digests
    }
}
