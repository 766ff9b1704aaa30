import Foundation

/// A decoded key press (or a whole bracketed paste).
public enum Key: Equatable, Sendable {
    case char(Character)
    case enter, tab, backTab, backspace, delete, escape
    case up, down, left, right, home, end, pageUp, pageDown, insert
    case function(Int)
    /// Ctrl + a letter, lower case ("a" for Ctrl-A). Ctrl-H/I/M are backspace/tab/enter.
    case ctrl(Character)
    /// Text that arrived between ESC[200~ and ESC[201~ (newlines normalised to "\n").
    case paste(String)
    case resize
    /// A sequence we do not know; kept for debugging, ignored by screens.
    case unknown(String)
}

/// Turns raw terminal bytes into keys. Handles escape sequences of xterm, screen, tmux,
/// rxvt and the Linux console (CSI and SS3 forms, with modifiers), UTF-8 split across
/// reads, and bracketed paste split across reads. A lone ESC is ambiguous until a short
/// pause has passed: the caller calls `flush()` when no byte followed within the delay.
public struct KeyDecoder: Sendable {
    private var buffer: [UInt8] = []
    private var pasting = false
    private var pasteBytes: [UInt8] = []

    public init() {}

    /// Bytes waiting for more input (an incomplete sequence or an open paste).
    public var hasPending: Bool { !buffer.isEmpty || pasting }
    /// A lone ESC (or an unfinished sequence) is waiting: the caller should wait briefly and
    /// then `flush()`.
    public var needsTimeout: Bool { !buffer.isEmpty && !pasting }

    public mutating func feed<S: Sequence>(_ bytes: S) -> [Key] where S.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        return drain(final: false)
    }

    public mutating func feed(_ s: String) -> [Key] { feed(Array(s.utf8)) }

    /// Give up waiting: a pending ESC is the Escape key, an incomplete sequence is keys.
    public mutating func flush() -> [Key] { drain(final: true) }

    private static let pasteStart: [UInt8] = Array("\u{1B}[200~".utf8)
    private static let pasteEnd: [UInt8] = Array("\u{1B}[201~".utf8)

    private mutating func drain(final: Bool) -> [Key] {
        var keys: [Key] = []
        while !buffer.isEmpty {
            if pasting {
                if let r = find(Self.pasteEnd, in: buffer) {
                    pasteBytes += buffer[..<r]
                    buffer.removeFirst(r + Self.pasteEnd.count)
                    pasting = false
                    keys.append(.paste(Self.normalize(pasteBytes)))
                    pasteBytes = []
                    continue
                }
                // Keep a possible partial end marker in the buffer, move the rest.
                let keep = partialSuffix(of: buffer, prefixOf: Self.pasteEnd)
                pasteBytes += buffer[..<(buffer.count - keep)]
                buffer.removeFirst(buffer.count - keep)
                return keys
            }
            let b = buffer[0]
            if b == 0x1B {
                switch parseEscape(final: final) {
                case .needMore: return keys
                case .key(let k, let n):
                    buffer.removeFirst(n)
                    if let k = k { keys.append(k) }
                case .pasteStart(let n):
                    buffer.removeFirst(n)
                    pasting = true
                }
                continue
            }
            if b < 0x80 {
                buffer.removeFirst()
                keys.append(Self.control(b))
                continue
            }
            // UTF-8 multi-byte sequence.
            let need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            if need == 1 {
                buffer.removeFirst()
                keys.append(.unknown(String(format: "0x%02X", b)))
                continue
            }
            if buffer.count < need {
                if final {
                    let n = buffer.count
                    buffer.removeFirst(n)
                    keys.append(.unknown("truncated UTF-8"))
                }
                return keys
            }
            let bytes = Array(buffer[0..<need])
            buffer.removeFirst(need)
            if let s = String(bytes: bytes, encoding: .utf8), let c = s.first {
                keys.append(.char(c))
            } else {
                keys.append(.unknown("bad UTF-8"))
            }
        }
        return keys
    }

    static func control(_ b: UInt8) -> Key {
        switch b {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x7F, 0x08: return .backspace
        case 0x00: return .ctrl(" ")
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(b + 0x60)))
        case 0x1C...0x1F: return .unknown(String(format: "ctrl-0x%02X", b))
        default: return .char(Character(Unicode.Scalar(b)))
        }
    }

    private enum EscapeResult { case needMore, key(Key?, Int), pasteStart(Int) }

    private func parseEscape(final: Bool) -> EscapeResult {
        if buffer.count == 1 { return final ? .key(.escape, 1) : .needMore }
        let second = buffer[1]
        if second == UInt8(ascii: "[") {
            // CSI: parameters 0x30-0x3F, intermediates 0x20-0x2F, final 0x40-0x7E.
            var i = 2
            while i < buffer.count {
                let c = buffer[i]
                // The Linux console's F1-F5 are ESC [ [ A..E.
                if i == 2 && c == UInt8(ascii: "[") {
                    if buffer.count < 4 { return final ? .key(.escape, 1) : .needMore }
                    let f = Int(buffer[3]) - Int(UInt8(ascii: "A")) + 1
                    return .key((1...5).contains(f) ? .function(f) : .unknown("ESC[["), 4)
                }
                if c >= 0x40 && c <= 0x7E {
                    let body = String(decoding: buffer[2..<i], as: UTF8.self)
                    if c == UInt8(ascii: "~") && body == "200" { return .pasteStart(i + 1) }
                    return .key(Self.csi(body, final: Character(Unicode.Scalar(c))), i + 1)
                }
                if c < 0x20 || c > 0x7E { return .key(.escape, 1) } // not a sequence after all
                i += 1
            }
            return final ? .key(.escape, 1) : .needMore
        }
        if second == UInt8(ascii: "O") {
            if buffer.count < 3 { return final ? .key(.escape, 1) : .needMore }
            let keys: [UInt8: Key] = [
                UInt8(ascii: "A"): .up, UInt8(ascii: "B"): .down, UInt8(ascii: "C"): .right, UInt8(ascii: "D"): .left,
                UInt8(ascii: "H"): .home, UInt8(ascii: "F"): .end, UInt8(ascii: "M"): .enter,
                UInt8(ascii: "P"): .function(1), UInt8(ascii: "Q"): .function(2), UInt8(ascii: "R"): .function(3),
                UInt8(ascii: "S"): .function(4)
            ]
            return .key(keys[buffer[2]] ?? .unknown("ESC O \(buffer[2])"), 3)
        }
        if second == 0x1B { return .key(.escape, 1) }
        // Alt + key arrives as ESC key: report the Escape only when it is alone; otherwise
        // treat Alt-x as x's ESC-prefixed unknown so that it does nothing surprising.
        if second < 0x80 { return .key(.unknown("alt-\(second)"), 2) }
        return .key(.escape, 1)
    }

    static func csi(_ body: String, final: Character) -> Key {
        // Modifiers (";2" shift, ";5" ctrl, ...) are accepted and ignored except Shift-Tab.
        let params = body.split(separator: ";").map(String.init)
        let first = params.first ?? ""
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "Z": return .backTab
        case "P": return .function(1)
        case "Q": return .function(2)
        case "R": return .function(3)
        case "S": return .function(4)
        case "~":
            switch Int(first) ?? -1 {
            case 1, 7: return .home
            case 2: return .insert
            case 3: return .delete
            case 4, 8: return .end
            case 5: return .pageUp
            case 6: return .pageDown
            case 11: return .function(1)
            case 12: return .function(2)
            case 13: return .function(3)
            case 14: return .function(4)
            case 15: return .function(5)
            case 17: return .function(6)
            case 18: return .function(7)
            case 19: return .function(8)
            case 20: return .function(9)
            case 21: return .function(10)
            case 23: return .function(11)
            case 24: return .function(12)
            default: return .unknown("CSI \(body)~")
            }
        default: return .unknown("CSI \(body)\(final)")
        }
    }

    /// Pasted bytes as text: invalid UTF-8 repaired, CRLF and CR turned into LF.
    static func normalize(_ bytes: [UInt8]) -> String {
        var s = String(decoding: bytes, as: UTF8.self)
        s = s.replacingOccurrences(of: "\r\n", with: "\n")
        // Terminals (and tmux) turn LF into CR when pasting, so CRLF text from Windows
        // arrives as CR CR. When every run of CRs has even length, halve them.
        let runs = s.unicodeScalars.split(whereSeparator: { $0 != "\r" }).map(\.count)
        if !runs.isEmpty && runs.allSatisfy({ $0 % 2 == 0 }) {
            s = s.replacingOccurrences(of: "\r\r", with: "\r")
        }
        return s.replacingOccurrences(of: "\r", with: "\n")
    }

    private func find(_ needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
            if Array(hay[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }

    /// Length of the longest suffix of `hay` that is a proper prefix of `needle`.
    private func partialSuffix(of hay: [UInt8], prefixOf needle: [UInt8]) -> Int {
        var n = min(needle.count - 1, hay.count)
        while n > 0 {
            if Array(hay[(hay.count - n)...]) == Array(needle[..<n]) { return n }
            n -= 1
        }
        return 0
    }
}
