import Foundation

/// UTC timestamps for session records and file names, formatted and parsed by hand: a
/// journal holds a timestamp per record and `replay --all` reads tens of thousands of them,
/// and a fixed format (`2025-03-01T09:30:00.125Z`, milliseconds) needs no locale or
/// calendar machinery. Times are kept to the millisecond.
public enum SessionTime {
    /// `2025-03-01T09:30:00.125Z`.
    public static func format(_ date: Date) -> String {
        let ms = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (secs, milli) = floorDivMod(ms, 1000)
        let f = fields(secs)
        return
            "\(pad(f.year, 4))-\(pad(f.month, 2))-\(pad(f.day, 2))T\(pad(f.hour, 2)):\(pad(f.minute, 2)):\(pad(f.second, 2)).\(pad(Int(milli), 3))Z"
    }

    /// `20250301T093000Z`: sortable, and safe in a file name on every system.
    public static func fileStamp(_ date: Date) -> String {
        let f = fields(Int64(date.timeIntervalSince1970.rounded(.down)))
        return
            "\(pad(f.year, 4))\(pad(f.month, 2))\(pad(f.day, 2))T\(pad(f.hour, 2))\(pad(f.minute, 2))\(pad(f.second, 2))Z"
    }

    /// `2025-03-01 09:30 UTC`, for listings and checklists.
    public static func display(_ date: Date) -> String {
        let f = fields(Int64(date.timeIntervalSince1970.rounded(.down)))
        return "\(pad(f.year, 4))-\(pad(f.month, 2))-\(pad(f.day, 2)) \(pad(f.hour, 2)):\(pad(f.minute, 2)) UTC"
    }

    /// `2025-03-01`.
    public static func day(_ date: Date) -> String {
        let f = fields(Int64(date.timeIntervalSince1970.rounded(.down)))
        return "\(pad(f.year, 4))-\(pad(f.month, 2))-\(pad(f.day, 2))"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff]Z`; nil for anything else.
    public static func parse(_ text: String) -> Date? {
        let u = Array(text.utf8)
        guard u.count >= 20, u[4] == 45, u[7] == 45, u[10] == 84, u[13] == 58, u[16] == 58, u.last == 90 else {
            return nil
        }
        func num(_ from: Int, _ len: Int) -> Int? {
            var n = 0
            for i in from..<from + len {
                let c = u[i]
                guard c >= 48, c <= 57 else { return nil }
                n = n * 10 + Int(c - 48)
            }
            return n
        }
        guard let y = num(0, 4), let mo = num(5, 2), let d = num(8, 2), let h = num(11, 2), let mi = num(14, 2),
            let s = num(17, 2),
            (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
        else { return nil }
        var millis = 0
        if u.count > 20 {
            guard u[19] == 46, u.count >= 22 else { return nil }
            let digits = u.count - 21
            guard digits <= 9, let frac = num(20, digits) else { return nil }
            var scaled = Double(frac)
            for _ in 0..<digits { scaled /= 10 }
            millis = Int((scaled * 1000).rounded())
        }
        let days = daysFromCivil(y, mo, d)
        let seconds = Int64(days) * 86_400 + Int64(h * 3600 + mi * 60 + s)
        return Date(timeIntervalSince1970: Double(seconds * 1000 + Int64(millis)) / 1000)
    }

    // MARK: Civil calendar (Howard Hinnant's algorithms, proleptic Gregorian, UTC)

    private struct Fields { var year, month, day, hour, minute, second: Int }

    private static func fields(_ secondsSince1970: Int64) -> Fields {
        let (days, rem) = floorDivMod(secondsSince1970, 86_400)
        let (y, m, d) = civilFromDays(Int(days))
        let r = Int(rem)
        return Fields(year: y, month: m, day: d, hour: r / 3600, minute: r % 3600 / 60, second: r % 60)
    }

    private static func floorDivMod(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a >= 0 ? a / b : (a - b + 1) / b
        return (q, a - q * b)
    }

    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
