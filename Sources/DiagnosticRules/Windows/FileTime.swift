import Foundation

/// Windows FILETIME: 100-nanosecond ticks since 1601-01-01 00:00:00 UTC (registry values such
/// as AutoGenKeyCreationTime, REG_QWORD or hex(b)).
public enum FileTime {
    /// Ticks between 1601-01-01 and the Unix epoch 1970-01-01.
    public static let unixEpochTicks: Int64 = 116_444_736_000_000_000

    /// `yyyy-MM-ddTHH:mm:ssZ` (whole seconds, UTC); nil for negative values or years past 9999.
    public static func utcText(_ ticks: Int64) -> String? {
        guard ticks >= 0 else { return nil }
        let seconds = ticks / 10_000_000
        let days = seconds / 86_400
        let rest = seconds % 86_400
        // Days since 1601-01-01 to a civil date (proleptic Gregorian; 1601 starts a 400-year cycle).
        var d = days
        let cycles = d / 146_097
        d %= 146_097
        var centuries = d / 36_524
        if centuries == 4 { centuries = 3 }
        d -= centuries * 36_524
        let quads = d / 1_461
        d %= 1_461
        var years = d / 365
        if years == 4 { years = 3 }
        d -= years * 365
        let year = 1601 + cycles * 400 + centuries * 100 + quads * 4 + years
        guard year <= 9999 else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths: [Int64] = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var month = 0
        while d >= lengths[month] {
            d -= lengths[month]
            month += 1
        }
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(year), month + 1, Int(d) + 1,
            Int(rest / 3600), Int(rest % 3600 / 60), Int(rest % 60))
    }
}
