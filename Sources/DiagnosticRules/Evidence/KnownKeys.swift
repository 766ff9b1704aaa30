import Crypto
import Foundation

/// Loads a list of publicly disclosed machine keys into the SHA-256 digests that
/// `EvidenceContext` compares against, so that keys in a list are dropped as soon as read.
///
/// The digest convention is Microsoft's (the February 2025 list and its checker): SHA-256 of
/// the UTF-8 bytes of the key attribute's *text*, upper-cased, as lower-case hex. It is not a
/// digest of the decoded key bytes.
///
/// Two formats are read:
/// - Microsoft's CSV as published: a header `validationKey, decryptionKey`, then one row per
///   disclosed `<machineKey>` with two 64-hex digests. A side holding the digest of the empty
///   string (`e3b0c442...b855`, an attribute that was not disclosed) never marks a key.
/// - One entry a line: `#` starts a comment, blank lines are ignored; an entry is a 64-hex
///   digest (taken as is) or a raw hex key of any other length (dashes and spaces dropped,
///   upper-cased and hashed here). A raw 32-byte key (64 hex) cannot be told from a digest,
///   so list such keys by digest.
public enum KnownKeys {
    public struct LoadError: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// SHA-256 of the empty string: the placeholder for an undisclosed side of a CSV row.
    public static let emptyDigest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// The header Microsoft's CSV starts with (compared without spaces, case-insensitively).
    static let csvHeader = "validationkey,decryptionkey"

    /// Microsoft's digest of a key as written in a config: SHA-256 of the upper-cased text.
    public static func digest(ofKeyText text: String) -> String {
        SHA256.hash(data: Array(text.uppercased().utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The digests of every entry; throws on the first line that is not valid.
    public static func load(text: String) throws -> Set<String> { try parse(text: text).digests }

    /// The list with what describes it (rows, format); throws `LoadError` naming the line.
    public static func parse(text: String) throws -> KnownKeyList {
        let lines = EvidenceLines(text).lines
        let first = lines.first { !$0.trimmed.isEmpty && !$0.trimmed.hasPrefix("#") }
        if let first, first.trimmed.filter({ !$0.isWhitespace }).lowercased() == csvHeader {
            return try parseCSV(lines, header: first.number)
        }
        var digests: Set<String> = []
        var rows = 0
        for line in lines {
            var entry = line.text
            if let hash = entry.firstIndex(of: "#") { entry = entry[..<hash] }
            let t = entry.trimmed()
            if t.isEmpty { continue }
            if t.count == 64, isHex(t) {
                rows += 1
                if t.lowercased() != emptyDigest { digests.insert(t.lowercased()) }
            } else if KeyFingerprint.bytes(fromHex: String(t)) != nil {
                rows += 1
                let key = t.filter { $0 != "-" && $0 != " " && $0 != ":" }
                let bare = key.hasPrefix("0x") || key.hasPrefix("0X") ? String(key.dropFirst(2)) : String(key)
                digests.insert(digest(ofKeyText: bare))
            } else {
                throw LoadError(
                    line: line.number,
                    message:
                        "expected a hex machine key or a 64-hex SHA-256 digest, found \(t.count) characters that are not hex"
                )
            }
        }
        return KnownKeyList(digests: digests, rows: rows, format: .lines)
    }

    private static func parseCSV(_ lines: [EvidenceLines.Line], header: Int) throws -> KnownKeyList {
        var digests: Set<String> = []
        var rows = 0
        for line in lines where line.number > header {
            let t = line.trimmed
            if t.isEmpty { continue }
            let cells = t.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmed() }
            guard cells.count == 2 else {
                throw LoadError(
                    line: line.number,
                    message:
                        "expected two comma-separated SHA-256 digests (validationKey, decryptionKey), found \(cells.count) cell(s)"
                )
            }
            for (index, cell) in cells.enumerated() {
                guard cell.count == 64, isHex(cell) else {
                    let side = index == 0 ? "validationKey" : "decryptionKey"
                    throw LoadError(
                        line: line.number,
                        message: "the \(side) cell is not a 64-hex SHA-256 digest (\(cell.count) characters)")
                }
                let d = cell.lowercased()
                if d != emptyDigest { digests.insert(d) }
            }
            rows += 1
        }
        guard rows > 0 else { throw LoadError(line: header, message: "the CSV has a header but no rows") }
        return KnownKeyList(digests: digests, rows: rows, format: .microsoftCSV)
    }

    private static func isHex(_ s: Substring) -> Bool {
        s.utf8.allSatisfy { b in (0x30...0x39).contains(b) || (0x41...0x46).contains(b) || (0x61...0x66).contains(b) }
    }
}

/// A loaded list of disclosed-key digests and what identifies its version.
public struct KnownKeyList: Sendable, Equatable {
    public enum Format: String, Sendable { case microsoftCSV = "microsoft-csv", lines }
    public var digests: Set<String>
    /// Data rows (CSV) or entries (lines form), including rows with an empty side.
    public var rows: Int
    public var format: Format
}
