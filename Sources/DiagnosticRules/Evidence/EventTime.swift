import Foundation

/// Reads the times events are printed with, only to order events: ISO 8601 (wevtutil,
/// XML), WMI `20100514081231.000000-000` (wmic), US `5/14/2024 8:12:31 AM`, German
/// `14.05.2024 08:12:31`, French `14/05/2024 08:12:31`, Japanese and Chinese
/// `2024/05/14 8:12:31`, `2024/5/14 下午 08:12:31`, `2024年5月14日 8:12:31`.
///
/// The key is [year, month, day, hour, minute, second, fraction] and is compared only with
/// keys from the same paste (same format, same time zone), so zones are ignored.
enum EventTime {
    /// Whether `a/b/yyyy` dates in these texts are day first: true when some first number
    /// exceeds 12, false when some second number does, nil when none says.
    static func dayFirst(_ texts: [String]) -> Bool? {
        for text in texts {
            let parts = firstNumbers(text)
            guard parts.count == 3, parts[0] <= 31, parts[1] <= 31, parts[2] > 31 else { continue }
            if parts[0] > 12 { return true }
            if parts[1] > 12 { return false }
        }
        return nil
    }

    /// The first three runs of ASCII digits, as numbers (a run too long for an `Int` is left
    /// out). On the bytes when the text is ASCII: this runs for every event of a paste, and an
    /// ISO time never settles the question, so every event is read.
    static func firstNumbers(_ text: String) -> [Int] {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.split(whereSeparator: { !($0.isASCII && $0.isNumber) }).prefix(3).compactMap { Int($0) }
        }
        return digitRuns(text, limit: 3).compactMap(\.value)
    }

    /// A run of ASCII digits: its number (nil when too long for an `Int`), its length, and
    /// the byte before it (a non-ASCII character is taken by its first byte).
    struct DigitRun {
        var value: Int?
        var digits: Int
        var byteBefore: UInt8?
    }

    /// The runs of ASCII digits of `text`, at most `limit`, read on the UTF-8 bytes: this
    /// runs once per event of a paste.
    static func digitRuns(_ text: String, limit: Int = .max) -> [DigitRun] {
        var runs: [DigitRun] = []
        var value = 0
        var digits = 0
        var overflow = false
        var lastSeparator: UInt8?
        for b in text.utf8 {
            if (0x30...0x39).contains(b) {
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (next, o2) = times10.addingReportingOverflow(Int(b - 0x30))
                overflow = overflow || o1 || o2
                value = next
                digits += 1
                continue
            }
            if digits > 0 {
                runs.append(DigitRun(value: overflow ? nil : value, digits: digits, byteBefore: lastSeparator))
                if runs.count == limit { return runs }
                (value, digits, overflow) = (0, 0, false)
            }
            // Continuation bytes of a multi-byte character do not start a new separator.
            if b < 0x80 || b >= 0xC0 { lastSeparator = b }
        }
        if digits > 0 {
            runs.append(DigitRun(value: overflow ? nil : value, digits: digits, byteBefore: lastSeparator))
        }
        return runs
    }

    static func sortKey(_ raw: String, dayFirst: Bool? = nil) -> [Int]? {
        let text = Trimmed.whitespace(raw)
        let digitsOnly = text.prefix(while: { $0.isASCII && $0.isNumber })
        if digitsOnly.count == 14, text.dropFirst(14).first.map({ $0 == "." }) ?? true {
            let d = Array(digitsOnly).map { Int(String($0))! }
            func n(_ a: Int, _ b: Int) -> Int { d[a..<b].reduce(0) { $0 * 10 + $1 } }
            return [n(0, 4), n(4, 6), n(6, 8), n(8, 10), n(10, 12), n(12, 14), 0]
        }
        // A separator is only ever compared with "." and ",", so the byte before a run stands
        // for it (a non-ASCII separator ends in a byte that is neither).
        let groups: [(value: Int, digits: Int, separatorBefore: Character?)] = digitRuns(text).map { run in
            let before = run.byteBefore.map { Character(Unicode.Scalar($0 < 0x80 ? $0 : 0x3F)) }
            return (run.value ?? 0, run.digits, before)
        }
        guard groups.count >= 5 else { return nil }
        var year: Int
        var month: Int
        var day: Int
        if groups[0].digits == 4 {
            (year, month, day) = (groups[0].value, groups[1].value, groups[2].value)
        } else if groups[2].digits == 4 || groups[2].digits == 2 {
            year = groups[2].digits == 2 ? 2000 + groups[2].value : groups[2].value
            let a = groups[0].value
            let b = groups[1].value
            let dotted = groups[1].separatorBefore == "."
            let dayFirstHere = a > 12 ? true : (b > 12 ? false : (dotted ? true : (dayFirst ?? false)))
            (day, month) = dayFirstHere ? (a, b) : (b, a)
        } else {
            return nil
        }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = groups[3].value
        let minute = groups[4].value
        let second = groups.count > 5 ? groups[5].value : 0
        var fraction = 0
        if groups.count > 6, groups[6].separatorBefore == "." || groups[6].separatorBefore == "," {
            let digits = String(groups[6].value).count
            fraction = groups[6].value * Int(pow(10.0, Double(max(0, 7 - max(digits, groups[6].digits)))))
        }
        // On the bytes, without copies: this runs for every event of a paste. The Latin
        // markers are matched without ASCII case (as in the upper-cased text).
        let bytes = Array(text.utf8)
        func has(_ m: [UInt8], anyCase: Bool = false) -> Bool {
            guard bytes.count >= m.count else { return false }
            return (0...(bytes.count - m.count)).contains { i in
                (0..<m.count).allSatisfy { k in
                    let b = bytes[i + k]
                    return (anyCase && (0x61...0x7A).contains(b) ? b - 0x20 : b) == m[k]
                }
            }
        }
        let m = Markers.self
        let pm = has(m.pm, anyCase: true) || has(m.pmDotted, anyCase: true) || has(m.gogo) || has(m.xiawu)
        let am = has(m.am, anyCase: true) || has(m.amDotted, anyCase: true) || has(m.gozen) || has(m.shangwu)
        if pm && hour < 12 { hour += 12 }
        if am && hour == 12 { hour = 0 }
        guard hour < 24, minute < 60, second < 61 else { return nil }
        return [year, month, day, hour, minute, second, fraction]
    }

    /// The half-day markers, as bytes once.
    private enum Markers {
        static let pm = Array("PM".utf8)
        static let pmDotted = Array("P.M.".utf8)
        static let am = Array("AM".utf8)
        static let amDotted = Array("A.M.".utf8)
        static let gogo = Array("午後".utf8)
        static let xiawu = Array("下午".utf8)
        static let gozen = Array("午前".utf8)
        static let shangwu = Array("上午".utf8)
    }
}
