/// Walks the ObjectStateFormatter stream of an unencrypted ViewState (0xFF 0x01, then one
/// object) to find where it ends: bytes left over after it are a MAC; none means the page
/// has EnableViewStateMac off. Token values are those of ObjectStateFormatter.cs.
struct ObjectStateScanner {
    private let bytes: [UInt8]
    private var pos = 0
    private var depth = 0

    /// The length of the serialized state (2 marker bytes included), or nil when the data is
    /// not a plain ObjectStateFormatter stream or uses a token not walked here.
    static func serializedLength(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 3, bytes[0] == 0xFF, bytes[1] == 0x01 else { return nil }
        var s = ObjectStateScanner(bytes: bytes, pos: 2)
        guard s.object() else { return nil }
        return s.pos
    }

    private init(bytes: [UInt8], pos: Int) {
        self.bytes = bytes
        self.pos = pos
    }

    private mutating func byte() -> UInt8? {
        guard pos < bytes.count else { return nil }
        defer { pos += 1 }
        return bytes[pos]
    }

    private mutating func skip(_ n: Int) -> Bool {
        guard n >= 0, pos + n <= bytes.count else { return false }
        pos += n
        return true
    }

    private mutating func int7() -> Int? {
        var value = 0
        var shift = 0
        while shift < 35 {
            guard let b = byte() else { return nil }
            value |= Int(b & 0x7F) << shift
            if b & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }

    private mutating func string() -> Bool {
        guard let n = int7() else { return false }
        return skip(n)
    }

    private mutating func type() -> Bool {
        switch byte() {
        case 43: return int7() != nil
        case 41, 42: return string()
        default: return false
        }
    }

    private mutating func objects(_ n: Int) -> Bool {
        for _ in 0..<n where !object() { return false }
        return true
    }

    private mutating func object() -> Bool {
        depth += 1
        defer { depth -= 1 }
        guard depth < 200, let token = byte() else { return false }
        switch token {
        case 100, 101, 102, 103, 104, 12, 28: return true
        case 1: return skip(2)
        case 2, 10: return int7() != nil
        case 3, 4, 31: return skip(1)
        case 5, 30: return string()
        case 6, 7: return skip(8)
        case 8, 9: return skip(4)
        case 11: return type() && int7() != nil
        case 15: return objects(2)
        case 16: return objects(3)
        case 20:
            guard type(), let n = int7(), n < bytes.count else { return false }
            return objects(n)
        case 21:
            guard let n = int7(), n < bytes.count else { return false }
            for _ in 0..<n where !string() { return false }
            return true
        case 22:
            guard let n = int7(), n < bytes.count else { return false }
            return objects(n)
        case 23, 24:
            guard let n = int7(), n < bytes.count else { return false }
            return objects(2 * n)
        case 25: return type()
        case 27: return skip(12)
        case 40: return type() && string()
        case 50:
            guard let n = int7() else { return false }
            return skip(n)
        case 60:
            guard type(), int7() != nil, let n = int7(), n < bytes.count else { return false }
            for _ in 0..<n where !(int7() != nil && object()) { return false }
            return true
        default: return false
        }
    }
}
