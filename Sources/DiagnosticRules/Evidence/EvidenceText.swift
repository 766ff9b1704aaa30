import Foundation

/// Turns the bytes of a saved or pasted evidence file into text the parsers can read.
///
/// Operators hand KeyWizard whatever Windows produced: regedit writes `.reg` files as
/// UTF-16LE with a BOM, PowerShell 5 redirection (`>`) writes UTF-16LE too, cmd writes the
/// console code page or UTF-8, and files copied through mail gain or lose BOMs and CRs.
/// Decoding never fails: bad bytes become U+FFFD so that a parser can still point at a line.
public enum EvidenceText {
    /// Decode `data` as UTF-8 (BOM optional), or UTF-16LE / UTF-16BE when a BOM says so (or,
    /// without a BOM, when the zero bytes clearly say UTF-16, as PowerShell output does when
    /// the BOM was lost), and normalise CRLF and lone CR to LF.
    public static func decode(_ data: Data) -> String {
        let bytes = [UInt8](data)
        let text: String
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        } else if bytes.starts(with: [0xFF, 0xFE]) {
            text = utf16(bytes.dropFirst(2), littleEndian: true)
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            text = utf16(bytes.dropFirst(2), littleEndian: false)
        } else if let littleEndian = guessUTF16WithoutBOM(bytes) {
            text = utf16(bytes[...], littleEndian: littleEndian)
        } else {
            text = String(decoding: bytes, as: UTF8.self)
        }
        return normalizeNewlines(text)
    }

    /// CRLF and lone CR become LF; a leading U+FEFF (a BOM that survived as text) is dropped.
    /// Works on the UTF-8 bytes (CR and LF are never part of a longer sequence), and returns
    /// the text untouched when there is nothing to do: most files and pastes have no CR.
    public static func normalizeNewlines(_ text: String) -> String {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let startsWithBOM = text.utf8.starts(with: bom)
        guard startsWithBOM || containsCR(text) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var previousWasCR = false
        for byte in text.utf8.dropFirst(startsWithBOM ? 3 : 0) {
            if byte == 0x0D {
                out.append(0x0A)
                previousWasCR = true
                continue
            }
            if byte == 0x0A && previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            out.append(byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the text holds a CR, with memchr over the UTF-8 storage when it is contiguous
    /// (every native string): this runs over each whole paste, up to 16 MB.
    private static func containsCR(_ text: String) -> Bool {
        let fast = text.utf8.withContiguousStorageIfAvailable { buffer -> Bool in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
            return memchr(base, 0x0D, buffer.count) != nil
        }
        return fast ?? text.utf8.contains(0x0D)
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let a = UInt16(bytes[index])
            let b = UInt16(bytes[index + 1])
            units.append(littleEndian ? (a | b << 8) : (a << 8 | b))
            index += 2
        }
        var text = String(decoding: units, as: UTF16.self)
        if bytes.count % 2 == 1 { text.append("\u{FFFD}") }
        return text
    }

    /// BOM-less UTF-16 shows as ASCII text with every other byte zero. Require a clear
    /// majority over the first 512 bytes so that binary garbage stays UTF-8 (and U+FFFD).
    private static func guessUTF16WithoutBOM(_ bytes: [UInt8]) -> Bool? {
        let sample = bytes.prefix(512)
        guard sample.count >= 8, sample.count % 2 == 0 else { return nil }
        var zeroEven = 0
        var zeroOdd = 0
        for (offset, byte) in sample.enumerated() where byte == 0 {
            if offset % 2 == 0 { zeroEven += 1 } else { zeroOdd += 1 }
        }
        let pairs = sample.count / 2
        if zeroOdd * 10 >= pairs * 9 && zeroEven == 0 { return true }
        if zeroEven * 10 >= pairs * 9 && zeroOdd == 0 { return false }
        return nil
    }
}

/// A text split into numbered lines. Parsers work line by line so that every field and
/// every error can name the 1-based line an operator sees in an editor.
extension EvidenceText {
    /// The longest line any command output has: Windows wraps event text and `reg` output
    /// far below this; a longer line (a 1 MB "service name") is hostile and would only make
    /// every parser and report slower, so it is refused in one line before parsing.
    public static let maximumLineBytes = 262_144

    /// A refusal naming the first line longer than `maximumLineBytes`, or nil. One pass over
    /// the bytes.
    public static func overlongLine(_ text: String) -> EvidenceError? {
        // Over the contiguous bytes (a native string has them; a bridged one is copied once):
        // this reads every byte of every paste, and the UTF-8 view's iterator is slower.
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { overlongLine(bytes: $0) } ?? nil
    }

    private static func overlongLine(bytes: UnsafeBufferPointer<UInt8>) -> EvidenceError? {
        var line = 1
        var length = 0
        for byte in bytes {
            if byte == 0x0A || byte == 0x0D {
                if byte == 0x0A { line += 1 }
                length = 0
                continue
            }
            length += 1
            if length > maximumLineBytes {
                return EvidenceError(
                    parser: EvidenceError.sizeLimit, line: line,
                    expected:
                        "command output has lines of at most \(maximumLineBytes / 1024) KB each; save the command's own output, not a binary or minified file",
                    found: "a line longer than that")
            }
        }
        return nil
    }
}

struct EvidenceLines {
    struct Line {
        /// 1-based line number.
        var number: Int
        var text: Substring
        var trimmed: Substring { text.trimmed() }
        var isBlank: Bool { text.allSatisfy { $0.isWhitespace } }
    }

    var lines: [Line]

    /// Splits on LF, CRLF and CR (only those: other Unicode separators would make line
    /// numbers disagree with Notepad).
    init(_ text: String) {
        self.init(text, limit: Int.max)
    }

    /// Only the first `limit` lines: detect() looks at the head of a paste, and splitting a
    /// megabyte fifteen times (once per parser) would cost more than reading it.
    init(_ text: String, limit: Int) {
        lines = Array(EvidenceLineSequence(text).prefix(limit))
    }

    /// The first non-blank line, for errors about text that is not this format at all.
    var firstNonBlank: Line? { lines.first { !$0.isBlank } }
}

/// The lines of a text one at a time, as `EvidenceLines` numbers and cuts them, without
/// keeping them: a parser that reads a 16 MB paste line by line then holds no array of
/// 800,000 lines (which cost a sixth of parsing it).
struct EvidenceLineSequence: Sequence, IteratorProtocol {
    private let text: String
    private var index: String.Index
    private var number = 0
    private var done = false

    init(_ text: String) {
        self.text = text
        index = text.utf8.startIndex
    }

    /// Splits on LF, CRLF and CR, on the UTF-8 bytes: CR and LF are always grapheme
    /// boundaries, so the pieces are the same as splitting Characters.
    mutating func next() -> EvidenceLines.Line? {
        guard !done else { return nil }
        let utf8 = text.utf8
        let start = index
        while index != utf8.endIndex {
            let byte = utf8[index]
            guard byte == 0x0A || byte == 0x0D else {
                index = utf8.index(after: index)
                continue
            }
            let line = text[start..<index]
            index = utf8.index(after: index)
            if byte == 0x0D, index != utf8.endIndex, utf8[index] == 0x0A { index = utf8.index(after: index) }
            number += 1
            return EvidenceLines.Line(number: number, text: line)
        }
        done = true
        number += 1
        return EvidenceLines.Line(number: number, text: text[start...])
    }
}

extension Substring {
    /// Whitespace trimmed from both ends, as a substring (no copy). ASCII ends are trimmed on
    /// the UTF-8 bytes (every parser calls this on every line); an end that is not ASCII is
    /// left to `Character.isWhitespace` (a no-break or ideographic space is whitespace too).
    func trimmed() -> Substring {
        let utf8 = self.utf8
        var start = utf8.startIndex
        while start != utf8.endIndex, let b = Optional(utf8[start]), b < 0x80, Self.isASCIIWhitespace(b) {
            start = utf8.index(after: start)
        }
        var end = utf8.endIndex
        while end != start, let b = Optional(utf8[utf8.index(before: end)]), b < 0x80, Self.isASCIIWhitespace(b) {
            end = utf8.index(before: end)
        }
        if start == end { return self[endIndex...] }
        if utf8[start] < 0x80 && utf8[utf8.index(before: end)] < 0x80 { return self[start..<end] }
        // A non-ASCII character at an end (or a combining mark after a trimmed space): by Character.
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return self[endIndex...] }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return self[first...last]
    }

    /// Space, tab, LF, VT, FF, CR: the ASCII characters `Character.isWhitespace` accepts.
    private static func isASCIIWhitespace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }
}

extension StringProtocol where SubSequence == Substring {
    /// `range(of: needle, options: .caseInsensitive)` (with `.backwards` when asked), found
    /// on the UTF-8 bytes when both texts are ASCII: Foundation's search bridges every
    /// message to NSString, and event parsers search each of thousands of messages several
    /// times. Text that is not ASCII gets Foundation's search (its case folding is Unicode's).
    func caseInsensitiveRange(of needle: String, backwards: Bool = false) -> Range<String.Index>? {
        let hay = self[...]
        guard needle.utf8.allSatisfy({ $0 < 0x80 }), hay.utf8.allSatisfy({ $0 < 0x80 }) else {
            return hay.range(of: needle, options: backwards ? [.caseInsensitive, .backwards] : .caseInsensitive)
        }
        let n = Array(needle.utf8).map(Self.asciiLower)
        guard !n.isEmpty else { return nil }
        let h = Array(hay.utf8)
        guard h.count >= n.count else { return nil }
        let starts = backwards ? Array((0...(h.count - n.count)).reversed()) : Array(0...(h.count - n.count))
        for i in starts where Self.asciiLower(h[i]) == n[0] {
            var k = 1
            while k < n.count && Self.asciiLower(h[i + k]) == n[k] { k += 1 }
            if k == n.count {
                let lower = hay.utf8.index(hay.utf8.startIndex, offsetBy: i)
                return lower..<hay.utf8.index(lower, offsetBy: n.count)
            }
        }
        return nil
    }

    private static func asciiLower(_ b: UInt8) -> UInt8 { (0x41...0x5A).contains(b) ? b | 0x20 : b }
}

extension String {
    /// Whitespace trimmed from both ends, as a substring.
    func trimmed() -> Substring { self[...].trimmed() }
}

/// Shortens a line for an error message or note ("found '...'"), so that a pasted megabyte
/// of garbage does not become a megabyte of error text, and hides every run of 16 or more
/// hex digits: a line a parser did not understand may still hold a machine key.
func evidenceExcerpt<S: StringProtocol>(_ text: S, limit: Int = 60) -> String {
    var cleaned = ""
    var hexRun = ""
    func flush() {
        cleaned += hexRun.count >= 16 ? "<hex redacted>" : hexRun
        hexRun = ""
    }
    for character in String(text).trimmed() {
        if character.isASCII && character.isHexDigit {
            hexRun.append(character)
            continue
        }
        flush()
        cleaned.append(character.isASCII && (character.asciiValue ?? 0) < 32 ? "?" : character)
    }
    flush()
    cleaned = SecretScrubber.scrub(cleaned)
    if cleaned.count <= limit { return cleaned }
    return String(cleaned.prefix(limit)) + "..."
}
