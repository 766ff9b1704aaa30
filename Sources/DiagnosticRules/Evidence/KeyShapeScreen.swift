/// One pass over a text's bytes that says whether any of `SecretScrubber`'s regular
/// expressions could match it, so that the regex passes (about eight ICU searches and as many
/// bridged copies per string) run only on text that could hold key material. Loading a
/// session re-scrubs every stored string, and almost none of them can.
///
/// Soundness is the point: `mayHoldKey` is false only when no pattern can match, because
/// each check below is a condition that every match of its pattern implies. With nothing
/// matched, no replacement happens, so every later pass sees the same text and finds nothing
/// either; the scrubbed result is then the text with its controls replaced, exactly what the
/// regex passes give. The conditions, by pattern (runs are maximal):
/// - `hexRun`: a hex run of 16+ digits, except a run of exactly 32 followed by `_`, eight hex
///   digits and `-` (the MachineKeys file name the pattern exempts; it can start nowhere
///   else, its look-behind needs a non-hex byte before it).
/// - `groupedHex`: four hex runs of exactly 4 digits, or two of exactly 8, each pair one
///   byte of ` -:.` apart (every group is a whole run: a separator or a look-around that
///   excludes hex stands on each side).
/// - `byteRun`: four hex runs of exactly 2 digits, the gaps only `,` `\` `-` `:` and
///   whitespace.
/// - `decimalBytes`: four decimal runs, each but the last of 1 to 3 digits (the braced
///   form's last number has no look-ahead), the gaps only commas and whitespace with a comma
///   in each. What follows a list is not looked at: the unbraced form's look-ahead (no digit,
///   nor `.` and a digit) does not matter here, as its first four numbers already qualify.
/// - `base64Run`: a run of 22+ base64 characters with an upper- and a lower-case letter
///   (`isBase64Key` rejects anything else, so such a run is never replaced nor reported).
/// - `regHex`: `hex` followed by `:` or `(`, in any case.
/// - `keyAttribute`, `namedValue`: `AutoGenKey` anywhere, or `validationKey`,
///   `decryptionKey` or `machineKey` not followed by a letter, in any case.
/// Whitespace here is every byte up to 0x20 (a superset of what `\s` matches in ASCII). Any
/// byte of 0x80 or more ends the screen with `mayHoldKey`: under `(?i)`, `\d`, `\s` and `\b`
/// ICU matches non-ASCII characters (the Kelvin sign is a `k`), which these byte checks do
/// not model.
struct KeyShapeScreen {
    /// Some pattern may match: run the regex passes.
    var mayHoldKey: Bool
    /// ASCII controls other than tab and newline (only meaningful when `mayHoldKey` is false).
    var hasControls: Bool

    static func screen(_ text: String) -> KeyShapeScreen {
        if let verdict = text.utf8.withContiguousStorageIfAvailable(screen) { return verdict }
        return Array(text.utf8).withUnsafeBufferPointer(screen)
    }

    private static let mayHold = KeyShapeScreen(mayHoldKey: true, hasControls: true)

    static func screen(_ b: UnsafeBufferPointer<UInt8>) -> KeyShapeScreen {
        let n = b.count
        var controls = false
        var scan = RunScan()
        for i in 0..<n {
            let c = b[i]
            if c >= 0x80 { return mayHold }
            if (c < 0x20 && c != 0x0A && c != 0x09) || c == 0x7F { controls = true }
            if scan.step(c, at: i, in: b) { return mayHold }
            let lower = c | 0x20
            if lower == UInt8(ascii: "y"), i >= 2, b[i - 1] | 0x20 == UInt8(ascii: "e"),
                b[i - 2] | 0x20 == UInt8(ascii: "k"),
                namesAKey(b, keyStart: i - 2, after: i + 1)
            {
                return mayHold
            }
            if lower == UInt8(ascii: "x"), i >= 2, i + 1 < n, b[i - 1] | 0x20 == UInt8(ascii: "e"),
                b[i - 2] | 0x20 == UInt8(ascii: "h"),
                b[i + 1] == UInt8(ascii: ":") || b[i + 1] == UInt8(ascii: "(")
            {
                return mayHold
            }
        }
        if scan.finish(at: n, in: b) { return mayHold }
        return KeyShapeScreen(mayHoldKey: false, hasControls: controls)
    }

    /// `key` at `keyStart` ends `AutoGenKey` (then anything may follow: `AutoGenKeyV4`), or
    /// ends `validationKey`, `decryptionKey` or `machineKey` with no letter after it.
    private static func namesAKey(_ b: UnsafeBufferPointer<UInt8>, keyStart: Int, after: Int) -> Bool {
        if endsWith(b, "autogen", at: keyStart) { return true }
        if after < b.count, isLetter(b[after]) { return false }
        return endsWith(b, "validation", at: keyStart) || endsWith(b, "decryption", at: keyStart)
            || endsWith(b, "machine", at: keyStart)
    }

    /// Whether the bytes just before `end` spell `word` (lower-case ASCII), in any case.
    private static func endsWith(_ b: UnsafeBufferPointer<UInt8>, _ word: StaticString, at end: Int) -> Bool {
        let count = word.utf8CodeUnitCount
        guard end >= count else { return false }
        let w = word.utf8Start
        for k in 0..<count where b[end - count + k] | 0x20 != w[k] { return false }
        return true
    }

    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
    static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    static func isHex(_ c: UInt8) -> Bool {
        isDigit(c) || ((c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "f"))
    }
    static func isBase64(_ c: UInt8) -> Bool {
        isLetter(c) || isDigit(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: "/")
    }
    static func isSpace(_ c: UInt8) -> Bool { c <= 0x20 }
}

/// The run-length state of `KeyShapeScreen`: the current hex, decimal and base64 runs, and
/// the chains of equal-length runs that grouped hex, byte lists and decimal lists need.
private struct RunScan {
    var hexStart = -1, prevHexEnd = -1, prevHexLength = 0
    var groupChain = 0, byteChain = 0
    var digitStart = -1, prevDigitEnd = -1, prevDigitLength = 0, decimalChain = 0
    var base64Start = -1, base64Upper = false, base64Lower = false

    /// Feed byte `c` at `i`; true as soon as a run completed here meets a pattern's condition.
    mutating func step(_ c: UInt8, at i: Int, in b: UnsafeBufferPointer<UInt8>) -> Bool {
        if KeyShapeScreen.isHex(c) {
            if hexStart < 0 { hexStart = i }
        } else if hexStart >= 0 {
            if endHexRun(at: i, in: b) { return true }
        }
        if KeyShapeScreen.isDigit(c) {
            if digitStart < 0 { digitStart = i }
        } else if digitStart >= 0 {
            if endDigitRun(at: i, in: b) { return true }
        }
        if KeyShapeScreen.isBase64(c) {
            if base64Start < 0 {
                base64Start = i
                base64Upper = false
                base64Lower = false
            }
            if c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") { base64Upper = true }
            if c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") { base64Lower = true }
        } else if base64Start >= 0 {
            if endBase64Run(at: i) { return true }
        }
        return false
    }

    /// Close the runs still open at the end of the text.
    mutating func finish(at n: Int, in b: UnsafeBufferPointer<UInt8>) -> Bool {
        (hexStart >= 0 && endHexRun(at: n, in: b)) || (digitStart >= 0 && endDigitRun(at: n, in: b))
            || (base64Start >= 0 && endBase64Run(at: n))
    }

    private mutating func endHexRun(at end: Int, in b: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = hexStart
        let length = end - start
        hexStart = -1
        if length >= 16 && !(length == 32 && isContainerSuffix(b, at: end)) { return true }
        if length == 4 || length == 8 {
            let sep = prevHexEnd >= 0 && start - prevHexEnd == 1 ? b[prevHexEnd] : 0
            let joined =
                prevHexLength == length
                && (sep == UInt8(ascii: " ") || sep == UInt8(ascii: "-") || sep == UInt8(ascii: ":")
                    || sep == UInt8(ascii: "."))
            groupChain = joined ? groupChain + 1 : 1
            if groupChain >= (length == 4 ? 4 : 2) { return true }
        } else {
            groupChain = 0
        }
        if length == 2 {
            byteChain = prevHexLength == 2 && gap(b, prevHexEnd, start, allows: Self.byteSeparator) ? byteChain + 1 : 1
            if byteChain >= 4 { return true }
        } else {
            byteChain = 0
        }
        prevHexEnd = end
        prevHexLength = length
        return false
    }

    private mutating func endDigitRun(at end: Int, in b: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = digitStart
        let length = end - start
        digitStart = -1
        let joined =
            (1...3).contains(prevDigitLength) && gap(b, prevDigitEnd, start, allows: Self.listSeparator)
            && gap(b, prevDigitEnd, start, has: UInt8(ascii: ","))
        decimalChain = joined ? decimalChain + 1 : 1
        prevDigitEnd = end
        prevDigitLength = length
        return decimalChain >= 4
    }

    private mutating func endBase64Run(at end: Int) -> Bool {
        let length = end - base64Start
        base64Start = -1
        return length >= 22 && base64Upper && base64Lower
    }

    /// `_XXXXXXXX-` (eight hex digits) at `i`: the GUID after a MachineKeys file's hash.
    private func isContainerSuffix(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i + 9 < b.count, b[i] == UInt8(ascii: "_"), b[i + 9] == UInt8(ascii: "-") else { return false }
        return (i + 1...i + 8).allSatisfy { KeyShapeScreen.isHex(b[$0]) }
    }

    private static func byteSeparator(_ c: UInt8) -> Bool {
        KeyShapeScreen.isSpace(c) || c == UInt8(ascii: ",") || c == UInt8(ascii: "\\") || c == UInt8(ascii: "-")
            || c == UInt8(ascii: ":")
    }

    private static func listSeparator(_ c: UInt8) -> Bool { KeyShapeScreen.isSpace(c) || c == UInt8(ascii: ",") }

    /// Whether every byte in `from..<to` passes `allows` (false when there is no earlier run).
    private func gap(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, allows: (UInt8) -> Bool) -> Bool {
        guard from >= 0, from < to else { return false }
        for i in from..<to where !allows(b[i]) { return false }
        return true
    }

    private func gap(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, has c: UInt8) -> Bool {
        (from..<to).contains { b[$0] == c }
    }
}
