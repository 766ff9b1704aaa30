import DiagnosticRules
import Foundation

/// Which Windows a volume holds, read from its hives and its system folder, so that a dead
/// server's playbooks are not left asking "Which Windows Server does this server run?".
///
/// - The version is `CurrentMajorVersionNumber.CurrentMinorVersionNumber` of the SOFTWARE
///   hive's `Microsoft\Windows NT\CurrentVersion` where it has them (Windows 10 / Server
///   2016 and later keep `CurrentVersion` at "6.3" for old programs), else `CurrentVersion`;
///   the build is `CurrentBuildNumber` (never `CurrentBuild`, which NT 5 fills with
///   obsolete text).
/// - The bitness is the SYSTEM hive's `PROCESSOR_ARCHITECTURE` (`Control\Session
///   Manager\Environment` of the current control set: x86, AMD64, IA64); without it, the
///   system folder's `SysWOW64`, where 64-bit Windows keeps its 32-bit system files.
/// - A client Windows (`InstallationType` Client, or a `ProductName` without "Server" where
///   there is no `InstallationType`, before 2008 R2) is not taken: Windows 7 has 2008 R2's
///   numbers, but the playbooks' choices are servers, so the operator answers.
///
/// The answer is what the same numbers give when `ver` and systeminfo print them
/// (`WindowsVersionText`), so a volume and a live server are read alike.
public struct VolumeWindowsRelease: Equatable, Sendable {
    /// The choice value of the playbooks' Windows step: "2003-x64", "2008r2", "2016"...
    public var answer: String
    /// "6.1.7601" (major.minor.build).
    public var version: String
    /// `ProductName`, when the hive has it ("Windows Server 2008 R2 Enterprise").
    public var product: String?
    /// True for a 64-bit Windows.
    public var sixtyFourBit: Bool
    /// Where the bitness was read: "PROCESSOR_ARCHITECTURE AMD64" or "SysWOW64 present".
    public var bitnessSource: String

    /// Where the answer came from, for the report and the answer's source.
    public var explanation: String {
        "Windows NT \(version)" + (product.map { " (\($0))" } ?? "") + ", "
            + (sixtyFourBit ? "64-bit" : "32-bit") + " (\(bitnessSource))"
    }

    /// nil when the SOFTWARE hive has no `CurrentVersion` key; a failure naming what was
    /// read when the hive cannot be opened, the key has no version, or the numbers are not a
    /// Windows Server release the playbooks know.
    public static func read(softwareHive path: String, volume: WindowsVolume) -> Result<Self, ArtifactReadFailure>? {
        let hive: HiveFile
        do { hive = try HiveFile(path: path) } catch {
            return .failure(ArtifactReadFailure("the SOFTWARE hive could not be opened (\(error))"))
        }
        guard let node = hive.node(at: "Microsoft\\Windows NT\\CurrentVersion") else { return nil }
        func text(_ name: String) -> String? { hive.value(node, named: name)?.text }
        func number(_ name: String) -> UInt64? { hive.value(node, named: name)?.number }
        let architecture = volume.systemHive().flatMap(processorArchitecture(systemHive:))
        let bitness: (Bool, String)
        if let architecture, let sixtyFour = ["x86": false, "amd64": true, "ia64": true][architecture.lowercased()] {
            bitness = (sixtyFour, "PROCESSOR_ARCHITECTURE \(architecture)")
        } else {
            let wow = volume.hasSysWOW64()
            bitness = (wow, wow ? "SysWOW64 present" : "no SysWOW64")
        }
        return read(
            major: number("CurrentMajorVersionNumber"), minor: number("CurrentMinorVersionNumber"),
            currentVersion: text("CurrentVersion"), build: text("CurrentBuildNumber"), product: text("ProductName"),
            installationType: text("InstallationType"), sixtyFourBit: bitness.0, bitnessSource: bitness.1)
    }

    /// `PROCESSOR_ARCHITECTURE` of the current control set, nil when the hive or value is not there.
    static func processorArchitecture(systemHive path: String) -> String? {
        guard let hive = try? HiveFile(path: path) else { return nil }
        let set = HiveEvidenceReader.currentControlSet(hive)
        let key = String(format: "ControlSet%03d", set) + "\\Control\\Session Manager\\Environment"
        guard let node = hive.node(at: key) else { return nil }
        return hive.value(node, named: "PROCESSOR_ARCHITECTURE")?.text?.trimmingCharacters(in: .whitespaces)
    }

    /// The release from the values as read (tested without a hive).
    static func read(
        major: UInt64?, minor: UInt64?, currentVersion: String?, build: String?, product: String?,
        installationType: String? = nil, sixtyFourBit: Bool, bitnessSource: String = "test"
    ) -> Result<Self, ArtifactReadFailure>? {
        let numbers: String
        if let major, let minor {
            numbers = "\(major).\(minor)"
        } else if let current = currentVersion?.trimmingCharacters(in: .whitespaces), !current.isEmpty {
            numbers = current
        } else {
            return .failure(
                ArtifactReadFailure(
                    "Microsoft\\Windows NT\\CurrentVersion has neither CurrentVersion nor CurrentMajorVersionNumber"))
        }
        let digits = build.map { $0.filter(\.isNumber) } ?? ""
        let version = digits.isEmpty ? numbers : numbers + "." + digits
        let named = "Windows NT \(version)" + (product.map { " (\($0))" } ?? "")
        let client: Bool
        if let installationType = installationType?.trimmingCharacters(in: .whitespaces), !installationType.isEmpty {
            client = installationType.caseInsensitiveCompare("Client") == .orderedSame
        } else {
            client = product.map { !$0.localizedCaseInsensitiveContains("Server") } ?? false
        }
        if client {
            return .failure(
                ArtifactReadFailure(
                    "\(named) is a client Windows, not a Windows Server release the playbooks know; answer the Windows question yourself"
                ))
        }
        let systemType = sixtyFourBit ? "x64-based PC" : "X86-based PC"
        switch WindowsVersionText.answer("Microsoft Windows [Version \(version)]\nSystem Type: \(systemType)") {
        case .success(let answer)?:
            return .success(
                Self(
                    answer: answer, version: version, product: product, sixtyFourBit: sixtyFourBit,
                    bitnessSource: bitnessSource))
        case .failure(let why)?:
            return .failure(ArtifactReadFailure("\(named): \(why)"))
        case nil:
            return .failure(
                ArtifactReadFailure("\(named) is not a Windows Server release the playbooks know (2000 to 2025)"))
        }
    }
}

/// Why a value read from a server's files could not be used, in one line.
public struct ArtifactReadFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
