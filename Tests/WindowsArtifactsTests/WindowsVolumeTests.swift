import DiagnosticRules
import Foundation
import WindowsArtifacts
import XCTest

/// `diagnose --windows-root` on a scenario volume built in a temporary folder from the real
/// samples: the blog's case (MachineGuid changed; the IIS metabase key only under the old
/// GUID), with the old GUID read from RegBack's copy of the SOFTWARE hive.
final class WindowsVolumeTests: XCTestCase {
    static let newGuid = "9d3a4c1e-2b7f-4e8a-a1c5-6f0e8b2d4a73"
    static let oldGuid = "0b8e2f4c-7a1d-4e55-8c3b-9f6a2d1e7c40"

    /// The volume, with the case of an NTFS volume mounted by ntfs-3g (mixed, not what a
    /// case-sensitive lookup of `Windows/System32/config` expects).
    func makeVolume() throws -> String {
        let root = try Samples.temporaryFolder(self) + "/mnt"
        let fm = FileManager.default
        let config = root + "/Windows/system32/CONFIG"
        try fm.createDirectory(atPath: config + "/RegBack", withIntermediateDirectories: true)
        // SOFTWARE (new GUID) and RegBack\SOFTWARE (old GUID): copies of the real NTUSER.DAT
        // turned into SOFTWARE hives with libhivex (no real SOFTWARE hive was available).
        try Samples.softwareHive(guid: Self.newGuid, at: config + "/SOFTWARE")
        try Samples.softwareHive(guid: Self.oldGuid, at: config + "/RegBack/SOFTWARE")
        // SYSTEM: the real SYSTEM hive with an IISADMIN service added with libhivex.
        let system = try Samples.hive("SYSTEM", into: config, as: "system-base")
        let h = try HiveFile(path: system, writable: true)
        guard let services = h.node(at: "ControlSet001\\Services") else {
            throw XCTSkip("sample SYSTEM hive has no Services key")
        }
        let iisadmin = try h.addChild(services, named: "IISADMIN")
        try h.setValue(iisadmin, .dword("Start", 2))
        try h.setValue(iisadmin, .dword("Type", 32))
        try h.setValue(iisadmin, .string("ObjectName", "LocalSystem"))
        try h.commit(to: config + "/SYSTEM")
        try fm.removeItem(atPath: system)
        // The System log: the derived 7024 (see Fixtures/README.md).
        let logs = root + "/Windows/System32/winevt/Logs"
        try fm.createDirectory(atPath: logs, withIntermediateDirectories: true)
        try fm.copyItem(atPath: Samples.evtx7024, toPath: logs + "/System.evtx")
        // MachineKeys: the IIS 6 metabase key (c23...) only under the old GUID.
        let keys = root + "/programdata/Microsoft/Crypto/RSA/MachineKeys"
        try fm.createDirectory(atPath: keys, withIntermediateDirectories: true)
        for (container, guid) in [
            ("Microsoft Internet Information Server", Self.oldGuid), ("iisConfigurationKey", Self.newGuid)
        ] {
            let name = try XCTUnwrap(KeyContainerName.fileName(container: container, machineGuid: guid))
            try Data(repeating: 7, count: 2482).write(to: URL(fileURLWithPath: keys + "/" + name))
        }
        // IIS configuration and a site's web.config (the project's own evidence fixtures),
        // and a service profile's user hive (a copy of the real NTUSER.DAT).
        let evidence = Samples.repoRoot.appendingPathComponent("Tests/DiagnosticRulesTests/Fixtures/evidence").path
        let inetsrv = root + "/Windows/system32/inetsrv/config"
        try fm.createDirectory(atPath: inetsrv, withIntermediateDirectories: true)
        try fm.copyItem(atPath: evidence + "/applicationHost.config", toPath: inetsrv + "/applicationHost.config")
        try fm.createDirectory(atPath: root + "/inetpub/wwwroot/shop", withIntermediateDirectories: true)
        try fm.copyItem(atPath: evidence + "/web-autogen.config", toPath: root + "/inetpub/wwwroot/shop/Web.config")
        let profile = root + "/Windows/ServiceProfiles/NetworkService"
        try fm.createDirectory(atPath: profile, withIntermediateDirectories: true)
        _ = try Samples.hive("NTUSER.DAT", into: profile, as: "NTUSER.DAT")
        return root
    }

    /// Every file's size, time and content digest, to prove nothing was written.
    func snapshot(_ root: String) throws -> [String: String] {
        var out: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            let attributes = try FileManager.default.attributesOfItem(atPath: root + "/" + relative)
            let data = FileManager.default.contents(atPath: root + "/" + relative) ?? Data()
            out[relative] = "\(attributes[.size] ?? 0) \(attributes[.modificationDate] ?? 0) \(data.hashValue)"
        }
        return out
    }

    func testVolumeDiagnosisCitesTheOldGuidFromTheBackupHive() throws {
        let root = try makeVolume()
        let before = try snapshot(root)
        try Samples.run("/bin/chmod", ["-R", "a-w", root])
        let volume = try WindowsVolume(root: root)
        XCTAssertEqual(volume.softwareHive(), root + "/Windows/system32/CONFIG/SOFTWARE")
        XCTAssertEqual(volume.machineKeysFolder(), root + "/programdata/Microsoft/Crypto/RSA/MachineKeys")

        let evidence = VolumeEvidence.collect(volume: volume, backupHives: [])
        let library = PlaybookLibrary.load(directory: Samples.playbooks)
        let diagnosis = VolumeDiagnosis(evidence: evidence, playbooks: library.playbooks)
        let run = try XCTUnwrap(diagnosis.runs.first { $0.playbook.id == "iis-admin-machineguid" })
        let conclusion = Engine(playbook: run.playbook).evaluate(run.answers)
        XCTAssertEqual(conclusion.diagnoses.map(\.diagnosis.id), ["machineguid-changed"])
        XCTAssertEqual(conclusion.facts["original_guid"]?.value, .string(Self.oldGuid))
        XCTAssertEqual(conclusion.facts["original_guid"]?.origin, .rule(id: "guid-from-backup"))
        XCTAssertEqual(conclusion.facts["error_code"]?.value, .integer(2_148_073_478))
        let backupOrigin = try XCTUnwrap(conclusion.facts["backup_guid"]?.origin.description)
        XCTAssertTrue(
            backupOrigin.contains("backup hive \(root)/Windows/system32/CONFIG/RegBack/SOFTWARE"), backupOrigin)
        XCTAssertTrue(backupOrigin.contains("value MachineGuid"), backupOrigin)
        let errorOrigin = try XCTUnwrap(conclusion.facts["error_code"]?.origin.description)
        XCTAssertTrue(errorOrigin.hasPrefix(root + "/Windows/System32/winevt/Logs/System.evtx, record 6"), errorOrigin)
        XCTAssertTrue(
            conclusion.diagnoses[0].summary.contains("exists only under MachineGuid \(Self.oldGuid)"),
            conclusion.diagnoses[0].summary)
        XCTAssertTrue(
            conclusion.diagnoses[0].summary.contains("{error_name}") == false
                && conclusion.diagnoses[0].summary.contains(
                    "(event code: 0x80090006). The MachineGuid before the change was read from a backup of the SOFTWARE hive, so it is certain, not inferred from the key file names."
                ), conclusion.diagnoses[0].summary)
        XCTAssertTrue(conclusion.errors.isEmpty, "\(conclusion.errors)")

        // The command: one report, by --windows-root alone; nothing on the volume changed.
        let (status, out, err) = try Samples.keywizard([
            "diagnose", "--windows-root", root, "--playbooks", Samples.playbooks.path
        ])
        XCTAssertEqual(status, 0, err)
        XCTAssertTrue(out.contains("MachineGuid changed after the IIS key containers were created"), out)
        // The text report wraps long commands at 80 columns; joined, the command is whole.
        let joined = out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(
            joined.contains(
                "reg add HKLM\\SOFTWARE\\Microsoft\\Cryptography /v MachineGuid /t REG_SZ /d \(Self.oldGuid) /f"), out)
        XCTAssertTrue(out.contains("MachineGuid before the change: \(Self.oldGuid), read from backup hive"), out)
        XCTAssertTrue(out.contains("IISADMIN start=2 (automatic) type=32 account=LocalSystem"), out)
        XCTAssertTrue(out.contains("2,482 "), "the MachineKeys listing shows sizes: \(out)")
        XCTAssertTrue(
            out.contains("IIS configuration: \(root)/Windows/system32/inetsrv/config/applicationHost.config"), out)
        XCTAssertTrue(out.contains("configuration file: \(root)/inetpub/wwwroot/shop/Web.config"), out)
        XCTAssertTrue(
            out.contains(
                "user hive: \(root)/Windows/ServiceProfiles/NetworkService/NTUSER.DAT: user registry hive (NTUSER.DAT): no ASP.NET AutoGenKey"
            ), out)
        XCTAssertTrue(out.contains("event log: \(root)/Windows/System32/winevt/Logs/System.evtx"), out)
        XCTAssertEqual(try snapshot(root), before)
    }

    func testBackupHiveOptionAndNotAWindowsVolume() throws {
        let root = try makeVolume()
        // Without RegBack, the old GUID is still inferred from the key file names; with
        // --backup-hive it is cited from that file.
        try FileManager.default.moveItem(
            atPath: root + "/Windows/system32/CONFIG/RegBack/SOFTWARE", toPath: root + "/../old-SOFTWARE")
        let backup = (root as NSString).deletingLastPathComponent + "/old-SOFTWARE"
        var (status, out, _) = try Samples.keywizard([
            "diagnose", "--windows-root", root, "--playbooks", Samples.playbooks.path
        ]
        )
        XCTAssertEqual(status, 0)
        XCTAssertTrue(
            out.contains("exists only under\nMachineGuid \(Self.oldGuid)")
                || out.contains("MachineGuid \(Self.oldGuid)"), out)
        XCTAssertFalse(out.contains("read from a backup of the SOFTWARE hive"), out)
        (status, out, _) = try Samples.keywizard([
            "diagnose", "--windows-root", root, "--backup-hive", backup, "--playbooks", Samples.playbooks.path
        ])
        XCTAssertEqual(status, 0)
        XCTAssertTrue(
            out.contains("MachineGuid before the change: \(Self.oldGuid), read from backup hive \(backup)"), out)

        let empty = try Samples.temporaryFolder(self)
        let (bad, _, err) = try Samples.keywizard([
            "diagnose", "--windows-root", empty, "--playbooks", Samples.playbooks.path
        ])
        XCTAssertEqual(bad, 1)
        XCTAssertTrue(err.contains("no Windows folder here"), err)
    }

    /// Files copied off the server as EVIDENCE (an .evtx, a SOFTWARE hive, a pasted listing)
    /// with --backup-hive, without a volume.
    func testDiagnoseWithFilesAndBackupHive() throws {
        let folder = try Samples.temporaryFolder(self)
        try Samples.softwareHive(guid: "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4", at: folder + "/SOFTWARE")
        try Samples.softwareHive(guid: Self.oldGuid, at: folder + "/SOFTWARE.bak")
        let listing = Samples.playbooks.appendingPathComponent(
            "tests/iis-admin-machineguid/evidence/machinekeys-old-guid.txt"
        ).path
        var (status, out, err) = try Samples.keywizard([
            "diagnose", Samples.evtx7024, folder + "/SOFTWARE", listing,
            "--backup-hive", folder + "/SOFTWARE.bak", "--playbooks", Samples.playbooks.path
        ])
        XCTAssertEqual(status, 0, err)
        XCTAssertTrue(out.contains("playbook iis-admin-machineguid"), out)
        XCTAssertTrue(out.contains("status: diagnosed"), out)
        let joined = out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(joined.contains("read from a backup of the SOFTWARE hive, so it is certain"), out)
        XCTAssertTrue(
            err.contains(
                "MachineGuid before the change: \(Self.oldGuid), read from backup hive \(folder)/SOFTWARE.bak"), err)
        // A backup that is not a SOFTWARE hive is refused with one line.
        let system = try Samples.hive("SYSTEM", into: folder)
        (status, _, err) = try Samples.keywizard([
            "diagnose", Samples.evtx7024, "--backup-hive", system, "--playbooks", Samples.playbooks.path
        ])
        XCTAssertEqual(status, 1)
        XCTAssertTrue(err.contains("a backup hive must be a SOFTWARE hive"), err)
    }

    func testParseCommandOnSamples() throws {
        let (status, out, err) = try Samples.keywizard(["parse", Samples.evtx7036, Samples.evtx7045])
        XCTAssertEqual(status, 0, err)
        XCTAssertTrue(
            out.contains(
                "    - record 1  2020-09-23T16:57:41Z  7036  Service Control Manager  Windows Error Reporting Service | running"
            ), out)
        XCTAssertTrue(
            out.contains("    - record 1  2019-05-12T12:52:44Z  7045  Service Control Manager  WinPwnage | "), out)
        let folder = try Samples.temporaryFolder(self)
        let system = try Samples.hive("SYSTEM", into: folder)
        let (s2, out2, err2) = try Samples.keywizard(["parse", system, "--format", "json"])
        XCTAssertEqual(s2, 0, err2)
        XCTAssertTrue(
            out2.contains("\"place\" : \"key HKLM\\\\SYSTEM\\\\ControlSet001\\\\Services\\\\CryptSvc, value Start\""),
            out2)
        let (s4, out4, err4) = try Samples.keywizard(["parse", system, "--key", "select"])
        XCTAssertEqual(s4, 0, err4)
        XCTAssertTrue(
            out4.contains(
                "    - Current=REG_DWORD=0x1\n    - Default=REG_DWORD=0x1\n    - Failed=REG_DWORD=0x0\n    - LastKnownGood=REG_DWORD=0x2"
            ), out4)
        let text = folder + "/not-a-hive"
        try Data("regf but not really".utf8).write(to: URL(fileURLWithPath: text))
        let (s3, _, err3) = try Samples.keywizard(["parse", text])
        XCTAssertEqual(s3, 1)
        XCTAssertEqual(
            err3,
            "keywizard: error: parse: \(text): truncated registry hive: 19 bytes, shorter than its 4096-byte header; copy the whole file again\n"
        )
    }
}
