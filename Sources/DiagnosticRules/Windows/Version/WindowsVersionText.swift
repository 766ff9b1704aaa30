import Foundation

/// The Windows question answered with what `ver` or `systeminfo` prints: "Microsoft Windows
/// [Version 5.2.3790]" or "OS Version: 6.1.7601 ..." plus "System Type: x64-based PC".
/// NT 5.0 is 2000, 5.2 Server 2003, 6.0 2008, 6.1 2008 R2, 6.2 / 6.3 2012 / 2012 R2, 10.0
/// 2016 and later. Where a release shipped in both bitnesses and the text does not say
/// which, the operator is asked to pick.
public enum WindowsVersionText {
    public enum Read: Equatable { case success(String), failure(String) }

    public static func answer(_ text: String) -> Read? {
        let lower = text.lowercased()
        var numbers: Substring?
        for marker in ["[version ", "os version:"] {
            guard let r = lower.range(of: marker) else { continue }
            numbers = lower[r.upperBound...].drop { $0 == " " }.prefix { $0.isNumber || $0 == "." }
            break
        }
        guard let version = numbers else { return nil }
        let parts = version.split(separator: ".").compactMap { Int($0) }
        guard parts.count >= 2 else { return nil }
        let release: String
        switch (parts[0], parts[1]) {
        case (5, 0): release = "2000"
        case (5, 2): release = "2003"
        case (6, 0): release = "2008"
        case (6, 1): release = "2008r2"
        case (6, 2), (6, 3): release = "2012"
        case (10, _): release = "2016"
        default: return nil
        }
        guard release == "2003" || release == "2008" else { return .success(release) }
        if lower.contains("x64-based") || lower.contains("ia64-based") || lower.contains("itanium") {
            return .success(release + "-x64")
        }
        if lower.contains("x86-based") { return .success(release + "-x86") }
        let name = release == "2003" ? "Server 2003" : "Server 2008"
        return .failure(
            "that is Windows \(name) (NT \(parts[0]).\(parts[1])); choose its 32-bit or 64-bit entry (System Properties or systeminfo's System Type says which)"
        )
    }
}
