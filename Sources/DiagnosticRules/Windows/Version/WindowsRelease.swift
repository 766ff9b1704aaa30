import Foundation

/// The Windows Server releases a playbook can target, as the keys of a command table. The
/// split that matters for commands is the generation: NT 5 (2000, 2003: IIS 5/6, the
/// metabase, `Documents and Settings`, no wevtutil/robocopy/icacls) against NT 6 and later
/// (2008 on: IIS 7+, ProgramData, wevtutil, robocopy, icacls, appcmd).
public enum WindowsRelease: String, CaseIterable, Sendable, Codable, Comparable {
    case w2000 = "2000"
    case w2003 = "2003"
    case w2008 = "2008"
    case w2008r2 = "2008r2"
    case w2012 = "2012"
    case w2016 = "2016"

    public static func < (a: WindowsRelease, b: WindowsRelease) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var family: WindowsFamily { self <= .w2003 ? .nt5 : .nt6 }

    /// The name an operator knows it by.
    public var displayName: String {
        switch self {
        case .w2000: return "Windows 2000 Server (IIS 5)"
        case .w2003: return "Windows Server 2003 / 2003 R2 (IIS 6)"
        case .w2008: return "Windows Server 2008 (IIS 7.0)"
        case .w2008r2: return "Windows Server 2008 R2 (IIS 7.5)"
        case .w2012: return "Windows Server 2012 / 2012 R2 (IIS 8 / 8.5)"
        case .w2016: return "Windows Server 2016 / 2019 / 2022 / 2025 (IIS 10)"
        }
    }

    /// Reads a release id as written in a playbook (`2003`, `2008r2`, `2008 R2`).
    public init?(key: String) {
        let k = key.lowercased().replacingOccurrences(of: " ", with: "")
        switch k {
        case "2019", "2022", "2025": self = .w2016
        case "2012r2": self = .w2012
        case "2003r2": self = .w2003
        default:
            guard let r = WindowsRelease(rawValue: k) else { return nil }
            self = r
        }
    }
}

/// A group of releases that share commands, usable as a command-table key.
public enum WindowsFamily: String, CaseIterable, Sendable, Codable {
    /// Windows 2000 and Server 2003 (NT 5.x).
    case nt5
    /// Server 2008 and later (NT 6.x and 10).
    case nt6

    public var releases: [WindowsRelease] { WindowsRelease.allCases.filter { $0.family == self } }

    /// The release whose commands are shown when only the generation is known (inferred):
    /// 2003 for NT 5 (the IIS 6 platform), 2016 and later for NT 6.
    public var representative: WindowsRelease { self == .nt5 ? .w2003 : .w2016 }

    public var displayName: String {
        self == .nt5 ? "Windows 2000 / Server 2003 (NT 5)" : "Windows Server 2008 or later (NT 6+)"
    }
}
