import Foundation

/// The Windows an incident happens on, as far as it is known: an answered release with its
/// bitness, or a generation inferred from evidence (kept with where it was seen, so the
/// screen can show the evidence and the operator can correct it).
public struct WindowsTarget: Equatable, Sendable {
    public var release: WindowsRelease
    /// 32 or 64; nil when not known.
    public var bits: Int?
    /// Nil when the operator answered; otherwise what it was inferred from.
    public var inferredFrom: String?

    public init(release: WindowsRelease, bits: Int?, inferredFrom: String? = nil) {
        self.release = release
        self.bits = bits
        self.inferredFrom = inferredFrom
    }

    public var family: WindowsFamily { release.family }

    /// Reads the answer of a playbook's `windows` step: `2003-x86`, `2003-x64`, `2008r2`,
    /// `2016`... Releases that only ever shipped one bitness get it implied (2000: 32-bit,
    /// 2008 R2 and later: 64-bit).
    public init?(answer: String) {
        let parts = answer.lowercased().split(separator: "-", maxSplits: 1).map(String.init)
        guard let first = parts.first, let release = WindowsRelease(key: first) else { return nil }
        self.release = release
        if parts.count == 2 {
            switch parts[1] {
            case "x86", "32", "32bit": bits = 32
            case "x64", "64", "64bit", "ia64": bits = 64
            default: return nil
            }
        } else {
            bits = release == .w2000 ? 32 : (release >= .w2008r2 ? 64 : nil)
        }
        inferredFrom = nil
    }

    /// A generation hint from a parser (`nt5`, `nt6`): shown as its representative release.
    public init?(hint: String, evidence: String) {
        guard let family = WindowsFamily(rawValue: hint.lowercased()) else { return nil }
        release = family.representative
        bits = nil
        inferredFrom = evidence
    }

    /// One line for screens and reports.
    public var description: String {
        if let from = inferredFrom {
            return
                "\(family.displayName), inferred from \(from); commands are shown for \(release.displayName). Answer the Windows version question to correct this."
        }
        return release.displayName + (bits.map { ", \($0)-bit" } ?? "")
    }
}

/// Reads the Windows generation from text an operator pasted: a `Documents and Settings`
/// path, `ver` output, `systeminfo`'s OS Version line, reg.exe 3.0's banner.
public enum WindowsHint {
    public static func fromText(_ text: String) -> WindowsFamily? {
        let lower = text.lowercased()
        if lower.contains("documents and settings") || lower.contains("! reg.exe version 3.0") { return .nt5 }
        if lower.contains("\\programdata\\") || lower.hasSuffix("\\programdata") { return .nt6 }
        // `ver`: "Microsoft Windows [Version 5.2.3790]"; systeminfo: "OS Version: 5.2.3790 Service Pack 2 Build 3790".
        for marker in ["[version ", "os version:"] {
            guard let r = lower.range(of: marker) else { continue }
            let rest = lower[r.upperBound...].drop { $0 == " " }
            let major = rest.prefix { $0.isNumber }
            if let m = Int(major) { return m <= 5 ? .nt5 : .nt6 }
        }
        return nil
    }
}
