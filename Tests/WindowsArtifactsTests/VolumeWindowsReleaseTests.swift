import DiagnosticRules
import Foundation
import XCTest

@testable import WindowsArtifacts

/// The Windows question answered from a dead server's own files: the SOFTWARE hive's
/// `Microsoft\Windows NT\CurrentVersion` and the system folder's SysWOW64.
final class VolumeWindowsReleaseTests: XCTestCase {
    /// Versions and builds as Windows records them (NT 5.0 2000, 5.2 Server 2003 build 3790,
    /// 6.0 2008 SP2 build 6002, 6.1 2008 R2 SP1 build 7601, 6.3 2012 R2 build 9600; Server
    /// 2016 build 14393 keeps CurrentVersion "6.3" and has CurrentMajorVersionNumber 10).
    func testReleasesFromTheHiveValues() {
        func answer(
            _ current: String?, _ build: String?, major: UInt64? = nil, minor: UInt64? = nil, x64: Bool
        ) -> String? {
            if case .success(let r)? = VolumeWindowsRelease.read(
                major: major, minor: minor, currentVersion: current, build: build, product: nil, sixtyFourBit: x64)
            {
                return r.answer
            }
            return nil
        }
        XCTAssertEqual(answer("5.0", "2195", x64: false), "2000")
        XCTAssertEqual(answer("5.2", "3790", x64: false), "2003-x86")
        XCTAssertEqual(answer("5.2", "3790", x64: true), "2003-x64")
        XCTAssertEqual(answer("6.0", "6002", x64: false), "2008-x86")
        XCTAssertEqual(answer("6.0", "6002", x64: true), "2008-x64")
        XCTAssertEqual(answer("6.1", "7601", x64: true), "2008r2")
        XCTAssertEqual(answer("6.3", "9600", x64: true), "2012")
        XCTAssertEqual(answer("6.3", "14393", major: 10, minor: 0, x64: true), "2016")
        // Without the DWORDs, 6.3 is what it says (2012 R2).
        XCTAssertEqual(answer("6.3", "14393", x64: true), "2012")
    }

    func testUnknownClientOrMissingVersions() {
        func failure(
            _ current: String?, _ build: String?, product: String?, installationType: String? = nil
        ) -> String? {
            if case .failure(let f)? = VolumeWindowsRelease.read(
                major: nil, minor: nil, currentVersion: current, build: build, product: product,
                installationType: installationType, sixtyFourBit: true)
            {
                return f.description
            }
            return nil
        }
        // NT 5.1 is XP: no server at all.
        XCTAssertEqual(
            failure("5.1", "2600", product: "Microsoft Windows XP"),
            "Windows NT 5.1.2600 (Microsoft Windows XP) is a client Windows, not a Windows Server release the playbooks know; answer the Windows question yourself"
        )
        // Windows 7 has 2008 R2's numbers; its InstallationType says Client.
        XCTAssertNotNil(failure("6.1", "7601", product: "Windows 7 Professional", installationType: "Client"))
        // Before InstallationType (2008 and older) the product name decides.
        XCTAssertNotNil(failure("6.0", "6002", product: "Windows Vista (TM) Business"))
        XCTAssertNil(failure("6.0", "6002", product: "Windows Server (R) 2008 Standard"))
        XCTAssertNil(
            failure("6.1", "7601", product: "Windows Server 2008 R2 Enterprise", installationType: "Server Core"))
        // A server release the playbooks do not know.
        XCTAssertEqual(
            failure("5.1", "2600", product: nil),
            "Windows NT 5.1.2600 is not a Windows Server release the playbooks know (2000 to 2025)")
        // No version value at all: said, not taken for "no key".
        XCTAssertEqual(
            failure(nil, "7601", product: nil),
            "Microsoft\\Windows NT\\CurrentVersion has neither CurrentVersion nor CurrentMajorVersionNumber")
    }

    /// The bitness comes from the SYSTEM hive's PROCESSOR_ARCHITECTURE when it has one,
    /// before the SysWOW64 folder.
    func testProcessorArchitectureFromTheSystemHive() throws {
        let folder = try Samples.temporaryFolder(self)
        let base = try Samples.hive("SYSTEM", into: folder, as: "system-base")
        let h = try HiveFile(path: base, writable: true)
        var set: UInt64 = 1
        if let select = h.node(at: "Select"), let current = h.value(select, named: "Current")?.number { set = current }
        var node = h.root
        for part in [String(format: "ControlSet%03d", set), "Control", "Session Manager", "Environment"] {
            node = try h.addChild(node, named: part)
        }
        try h.setValue(node, .string("PROCESSOR_ARCHITECTURE", "x86"))
        try h.commit(to: folder + "/SYSTEM")
        XCTAssertEqual(VolumeWindowsRelease.processorArchitecture(systemHive: folder + "/SYSTEM"), "x86")
        XCTAssertNil(VolumeWindowsRelease.processorArchitecture(systemHive: folder + "/missing"))
    }

    /// A volume with a SOFTWARE hive of Server 2016 (CurrentVersion 6.3, major 10) and
    /// SysWOW64: the Windows step of the playbooks that apply is answered "2016", named as
    /// read from the hive; an operator's own answer is kept.
    func testVolumeAnswersTheWindowsQuestion() throws {
        let root = try Samples.temporaryFolder(self) + "/mnt"
        let config = root + "/Windows/System32/config"
        try FileManager.default.createDirectory(atPath: config, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/Windows/SysWOW64", withIntermediateDirectories: true)
        try Samples.softwareHive(guid: "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4", at: config + "/SOFTWARE.base")
        let h = try HiveFile(path: config + "/SOFTWARE.base", writable: true)
        var node = h.root
        for part in ["Microsoft", "Windows NT", "CurrentVersion"] { node = try h.addChild(node, named: part) }
        try h.setValue(node, .string("CurrentVersion", "6.3"))
        try h.setValue(node, .string("CurrentBuildNumber", "14393"))
        try h.setValue(node, .dword("CurrentMajorVersionNumber", 10))
        try h.setValue(node, .dword("CurrentMinorVersionNumber", 0))
        try h.setValue(node, .string("ProductName", "Windows Server 2016 Standard"))
        try h.commit(to: config + "/SOFTWARE")
        try FileManager.default.removeItem(atPath: config + "/SOFTWARE.base")

        let volume = try WindowsVolume(root: root)
        let evidence = VolumeEvidence.collect(volume: volume, backupHives: [])
        XCTAssertEqual(evidence.windowsRelease?.release.answer, "2016")
        XCTAssertTrue(
            evidence.inventory.contains(
                "Windows release: Windows NT 10.0.14393 (Windows Server 2016 Standard), 64-bit (SysWOW64 present): 2016"
            ), "\(evidence.inventory)")

        let library = PlaybookLibrary.load(directory: Samples.playbooks)
        let diagnosis = VolumeDiagnosis(evidence: evidence, playbooks: library.playbooks)
        let run = try XCTUnwrap(diagnosis.runs.first { $0.playbook.id == "iis-admin-machineguid" })
        let windows = try XCTUnwrap(run.answers.first { $0.step == "windows" })
        XCTAssertEqual(windows.value, .value(.string("2016")))
        XCTAssertEqual(
            windows.source,
            .evidenceFile(
                config
                    + "/SOFTWARE (Windows NT 10.0.14393 (Windows Server 2016 Standard), 64-bit (SysWOW64 present))")
        )

        let own = Answer(step: "windows", value: .value(.string("2012")), source: .answersFile("answers.yaml"))
        let answered = VolumeDiagnosis(
            evidence: evidence, playbooks: library.playbooks, answers: ["iis-admin-machineguid": [own]])
        let kept = try XCTUnwrap(answered.runs.first { $0.playbook.id == "iis-admin-machineguid" })
        XCTAssertEqual(kept.answers.filter { $0.step == "windows" }, [own])
    }

    /// Text from the volume (a hive's ProductName, file names) reaches the report only
    /// through the output sanitiser: no escape sequence, no line of its own.
    func testVolumeReportSanitisesWhatTheVolumeSays() {
        var evidence = VolumeEvidence()
        evidence.inventory = ["Windows release: Windows NT 6.1.7601 (Evil\u{1B}[2J\nServer), 64-bit (test): 2008r2"]
        evidence.problems = ["event log: /mnt/x\u{07}.evtx: truncated"]
        evidence.machineKeysListing = "a\u{1B}]52;c;AAAA\u{07}\r\nb"
        let text = VolumeDiagnosis(evidence: evidence, playbooks: []).text(root: "/mnt/\u{1B}[31m")
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, text)
        XCTAssertFalse(text.contains("\nServer)"), text)
    }
}
