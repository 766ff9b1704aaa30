import DiagnosticRules
import Foundation

/// Which Windows a volume holds, read from its SOFTWARE hive
/// (`Microsoft\Windows NT\CurrentVersion`) and its system folder, so that a dead server's
/// playbooks are not left asking "Which Windows Server does this server run?".
///
/// The version is `CurrentMajorVersionNumber.CurrentMinorVersionNumber` where the hive has
/// them (Windows 10 / Server 2016 and later keep `CurrentVersion` at "6.3" for old
/// programs), else `CurrentVersion`; the build is `CurrentBuildNumber`. The bitness is the
/// system folder's `SysWOW64`: 64-bit Windows keeps its 32-bit system files there (the
/// WOW64 file system redirector), 32-bit Windows has none. The answer is what the same
/// numbers give when `ver` and systeminfo print them (`WindowsVersionText`), so a volume and
/// a live server are read alike.
public struct VolumeWindowsRelease: Equatable, Sendable {
    /// The choice value of the playbooks' Windows step: "2003-x64", "2008r2", "2016"...
    public var answer: String
    /// "6.1.7601" (major.minor.build).
    public var version: String
    /// `ProductName`, when the hive has it ("Windows Server 2008 R2 Enterprise").
    public var product: String?
    /// True when the system folder has SysWOW64.
    public var sixtyFourBit: Bool

    /// Where the answer came from, for the report and the answer's source.
    public var explanation: String {
        "CurrentVersion \(version)" + (product.map { " (\($0))" } ?? "") + ", "
            + (sixtyFourBit ? "64-bit (SysWOW64 present)" : "32-bit (no SysWOW64)")
    }

    /// nil when the hive has no `CurrentVersion` key; a failure naming what was read when
    /// the numbers are not a Windows Server release the playbooks know.
    public static func read(softwareHive path: String, volume: WindowsVolume) -> Result<Self, ArtifactReadFailure>? {
        guard let hive = try? HiveFile(path: path),
            let node = hive.node(at: "Microsoft\\Windows NT\\CurrentVersion")
        else { return nil }
        func text(_ name: String) -> String? { hive.value(node, named: name)?.text }
        func number(_ name: String) -> UInt64? { hive.value(node, named: name)?.number }
        return read(
            major: number("CurrentMajorVersionNumber"), minor: number("CurrentMinorVersionNumber"),
            currentVersion: text("CurrentVersion"), build: text("CurrentBuildNumber") ?? text("CurrentBuild"),
            product: text("ProductName"), sixtyFourBit: volume.hasSysWOW64())
    }

    /// The release from the values as read (tested without a hive).
    static func read(
        major: UInt64?, minor: UInt64?, currentVersion: String?, build: String?, product: String?, sixtyFourBit: Bool
    ) -> Result<Self, ArtifactReadFailure>? {
        let numbers: String
        if let major, let minor {
            numbers = "\(major).\(minor)"
        } else if let current = currentVersion?.trimmingCharacters(in: .whitespaces), !current.isEmpty {
            numbers = current
        } else {
            return nil
        }
        let digits = build.map { $0.filter(\.isNumber) } ?? ""
        let version = digits.isEmpty ? numbers : numbers + "." + digits
        let systemType = sixtyFourBit ? "x64-based PC" : "X86-based PC"
        switch WindowsVersionText.answer("Microsoft Windows [Version \(version)]\nSystem Type: \(systemType)") {
        case .success(let answer)?:
            return .success(Self(answer: answer, version: version, product: product, sixtyFourBit: sixtyFourBit))
        case .failure(let why)?:
            return .failure(ArtifactReadFailure("CurrentVersion \(version): \(why)"))
        case nil:
            return .failure(
                ArtifactReadFailure(
                    "CurrentVersion \(version)" + (product.map { " (\($0))" } ?? "")
                        + " is not a Windows Server release the playbooks know (2000 to 2025)"))
        }
    }
}

/// Why a value read from a server's files could not be used, in one line.
public struct ArtifactReadFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
