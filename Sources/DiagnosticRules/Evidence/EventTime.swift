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
            let parts = text.split(whereSeparator: { !($0.isASCII && $0.isNumber) }).prefix(3).compactMap { Int($0) }
            guard parts.count == 3, parts[0] <= 31, parts[1] <= 31, parts[2] > 31 else { continue }
            if parts[0] > 12 { return true }
            if parts[1] > 12 { return false }
        }
        return nil
    }

    static func sortKey(_ raw: String, dayFirst: Bool? = nil) -> [Int]? {
        let text = Trimmed.whitespace(raw)
        let digitsOnly = text.prefix(while: { $0.isASCII && $0.isNumber })
        if digitsOnly.count == 14, text.dropFirst(14).first.map({ $0 == "." }) ?? true {
            let d = Array(digitsOnly).map { Int(String($0))! }
            func n(_ a: Int, _ b: Int) -> Int { d[a..<b].reduce(0) { $0 * 10 + $1 } }
            return [n(0, 4), n(4, 6), n(6, 8), n(8, 10), n(10, 12), n(12, 14), 0]
        }
        // Runs of ASCII digits, each with the character before it, read on the UTF-8 bytes:
        // this runs once per event of a paste. A separator is only ever compared with "." and
        // ",", so the byte before a run stands for it (a non-ASCII separator ends in a byte
        // that is neither).
        var groups: [(value: Int, digits: Int, separatorBefore: Character?)] = []
        var value = 0
        var digits = 0
        var overflow = false
        var lastSeparator: UInt8?
        func close() {
            guard digits > 0 else { return }
            let before: Character? = lastSeparator.map { Character(Unicode.Scalar($0 < 0x80 ? $0 : 0x3F)) }
            groups.append((overflow ? 0 : value, digits, before))
            value = 0
            digits = 0
            overflow = false
        }
        for b in text.utf8 {
            if (0x30...0x39).contains(b) {
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (next, o2) = times10.addingReportingOverflow(Int(b - 0x30))
                overflow = overflow || o1 || o2
                value = next
                digits += 1
                continue
            }
            close()
            // Continuation bytes of a multi-byte character do not start a new separator.
            if b < 0x80 || b >= 0xC0 { lastSeparator = b }
        }
        close()
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
        // firstRange(of:) is the standard library's search; Foundation's contains(_:) bridges
        // to NSString, and this runs for every event of a paste.
        let upper = text.uppercased()
        func has(_ s: String, _ marker: String) -> Bool {
            let h = Array(s.utf8)
            let m = Array(marker.utf8)
            guard h.count >= m.count else { return false }
            return (0...(h.count - m.count)).contains { i in h[i..<(i + m.count)].elementsEqual(m) }
        }
        let pm = has(upper, "PM") || has(upper, "P.M.") || has(text, "午後") || has(text, "下午")
        let am = has(upper, "AM") || has(upper, "A.M.") || has(text, "午前") || has(text, "上午")
        if pm && hour < 12 { hour += 12 }
        if am && hour == 12 { hour = 0 }
        guard hour < 24, minute < 60, second < 61 else { return nil }
        return [year, month, day, hour, minute, second, fraction]
    }
}
