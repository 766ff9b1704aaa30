import DiagnosticRules
import Foundation
import WindowsArtifacts
import XCTest

/// The aspnet-autogen-keys playbook answered from a server's own hives: the SOFTWARE hive's
/// `AutoGenKeys\<SID>` entries and the profiles' NTUSER.DAT files, matched to the pool's SID
/// through ProfileList. The hives are built at run time from copies of the real NTUSER.DAT
/// sample (see Fixtures/README.md: no real SOFTWARE hive was available).
final class VolumeAutoGenKeyTests: XCTestCase {
    static let shopSID = "S-1-5-82-3521694234-755059382-4038971400-676492-3051792751"
    static let defaultSID = "S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415"
    static let wowSID = "S-1-5-82-1111111111-2222222222-3333333333-444444444-555555555"
    static let shopKey = [UInt8](repeating: 0x5A, count: 1024)
    static let defaultKey = [UInt8](repeating: 0xC3, count: 1024)
    static let networkServiceKey = [UInt8](repeating: 0x69, count: 1024)
    static let shopTime: UInt64 = 133_500_000_000_000_000
    static let defaultTime: UInt64 = 133_700_000_000_000_000
    static let networkServiceTime: UInt64 = 133_400_000_000_000_000

    static func machinePath(_ sid: String, _ version: String = "4.0.30319.0") -> String {
        "HKLM\\SOFTWARE\\Microsoft\\ASP.NET\\\(version)\\AutoGenKeys\\\(sid)"
    }

    /// The report without any whitespace: it wraps long paths at 80 columns, inside words too.
    static func squeezed(_ text: String) -> String { String(text.filter { !$0.isWhitespace }) }
    static func has(_ squeezedText: String, _ expected: String) -> Bool { squeezedText.contains(squeezed(expected)) }

    static func hex(_ key: [UInt8]) -> String { key.prefix(12).map { String(format: "%02X", $0) }.joined() }

    /// A SOFTWARE hive with DefaultAppPool's and ShopPool's 4.0 keys (DefaultAppPool's first),
    /// an entry without AutoGenKey values (2.0), a key only in the 32-bit view, and a
    /// ProfileList naming LocalSystem's and NetworkService's profiles (and a set-aside .bak).
    static func softwareHive(at target: String) throws {
        try Samples.softwareHive(guid: "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4", at: target + ".base")
        defer { try? FileManager.default.removeItem(atPath: target + ".base") }
        let h = try HiveFile(path: target + ".base", writable: true)
        func key(_ path: String) throws -> HiveFile.Node {
            var node = h.root
            for part in path.split(separator: "\\") { node = try h.addChild(node, named: String(part)) }
            return node
        }
        for (path, secret, time) in [
            ("Microsoft\\ASP.NET\\4.0.30319.0\\AutoGenKeys\\\(defaultSID)", defaultKey, defaultTime),
            ("Microsoft\\ASP.NET\\4.0.30319.0\\AutoGenKeys\\\(shopSID)", shopKey, shopTime),
            ("Wow6432Node\\Microsoft\\ASP.NET\\4.0.30319.0\\AutoGenKeys\\\(wowSID)", defaultKey, defaultTime)
        ] {
            let node = try key(path)
            try h.setValue(node, HiveValue(name: "AutoGenKeyV4", type: .binary, data: secret))
            try h.setValue(node, .qword("AutoGenKeyCreationTime", time))
            try h.setValue(node, .dword("AutoGenKeyFormat", 1))
        }
        try h.setValue(try key("Microsoft\\ASP.NET\\2.0.50727.0\\AutoGenKeys\\\(shopSID)"), .dword("Unrelated", 7))
        for (sid, path) in [
            ("S-1-5-18", "%systemroot%\\system32\\config\\systemprofile"),
            ("S-1-5-20", "%systemroot%\\ServiceProfiles\\NetworkService"),
            ("S-1-5-21-1-2-3-1001.bak", "C:\\Users\\old")
        ] {
            let node = try key("Microsoft\\Windows NT\\CurrentVersion\\ProfileList\\\(sid)")
            try h.setValue(node, expandString("ProfileImagePath", path))
        }
        try h.commit(to: target)
    }

    static func expandString(_ name: String, _ text: String) -> HiveValue {
        HiveValue(name: name, type: .expandString, data: HiveValue.string(name, text).data)
    }

    /// NetworkService's profile hive (a copy of the real NTUSER.DAT) with an AutoGenKeyV4.
    static func networkServiceHive(into folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let base = try Samples.hive("NTUSER.DAT", into: folder, as: "base.dat")
        defer { try? FileManager.default.removeItem(atPath: base) }
        let h = try HiveFile(path: base, writable: true)
        var node = h.root
        for part in ["Software", "Microsoft", "ASP.NET", "4.0.30319.0"] { node = try h.addChild(node, named: part) }
        try h.setValue(node, HiveValue(name: "AutoGenKeyV4", type: .binary, data: networkServiceKey))
        try h.setValue(node, .qword("AutoGenKeyCreationTime", networkServiceTime))
        try h.commit(to: folder + "/NTUSER.DAT")
    }

    static let applicationHost = """
        <?xml version="1.0" encoding="UTF-8"?>
        <configuration>
            <system.applicationHost>
                <applicationPools>
                    <add name="DefaultAppPool" />
                    <add name="ShopPool" managedRuntimeVersion="v4.0">
                        <processModel identityType="ApplicationPoolIdentity" loadUserProfile="false" />
                    </add>
                    <add name="NetPool" managedRuntimeVersion="v4.0">
                        <processModel identityType="NetworkService" loadUserProfile="true" />
                    </add>
                    <applicationPoolDefaults managedRuntimeVersion="v4.0">
                        <processModel identityType="ApplicationPoolIdentity" />
                    </applicationPoolDefaults>
                </applicationPools>
                <sites>
                    <site name="Default Web Site" id="1">
                        <application path="/shop" applicationPool="ShopPool">
                            <virtualDirectory path="/" physicalPath="D:\\sites\\shop" />
                        </application>
                    </site>
                </sites>
            </system.applicationHost>
        </configuration>
        """

    /// A volume (mixed case, as ntfs-3g shows it) with the SOFTWARE hive, NetworkService's
    /// profile hive and applicationHost.config.
    func makeVolume() throws -> String {
        let root = try Samples.temporaryFolder(self) + "/mnt"
        let fm = FileManager.default
        let config = root + "/Windows/System32/config"
        try fm.createDirectory(atPath: config, withIntermediateDirectories: true)
        try Self.softwareHive(at: config + "/SOFTWARE")
        try Self.networkServiceHive(into: root + "/Windows/ServiceProfiles/NetworkService")
        let inetsrv = root + "/Windows/system32/inetsrv/config"
        try fm.createDirectory(atPath: inetsrv, withIntermediateDirectories: true)
        try Data(Self.applicationHost.utf8).write(to: URL(fileURLWithPath: inetsrv + "/applicationHost.config"))
        return root
    }

    /// The operator's answers for pool `pool`, with the site's web.config (no <machineKey>).
    func answersFile(pool: String, extra: String = "") throws -> String {
        let folder = try Samples.temporaryFolder(self)
        try FileManager.default.copyItem(
            atPath: Samples.playbooks.appendingPathComponent(
                "tests/aspnet-autogen-keys/evidence/web-no-machinekey.config"
            )
            .path,
            toPath: folder + "/web.config")
        let path = folder + "/answers.yaml"
        try Data(
            """
            windows: "2016"
            trigger: recycle
            site_path: 'D:\\sites\\shop'
            web_config: {evidence: web.config}
            shared_apps: no
            aspnet_version: 4.0.30319.0
            pool_name: \(pool)
            \(extra)
            """.utf8
        ).write(to: URL(fileURLWithPath: path))
        return path
    }

    func testSoftwareHiveKeepsEveryAutoGenKeysEntryAsAKeyOfItsOwn() throws {
        let folder = try Samples.temporaryFolder(self)
        let path = folder + "/SOFTWARE"
        try Self.softwareHive(at: path)
        let parsed = try HiveEvidenceReader.read(path: path)
        XCTAssertEqual(parsed.kind, "software-hive")
        XCTAssertTrue(parsed.containsSecrets)
        let keys = try XCTUnwrap(parsed.registryKeys)
        XCTAssertEqual(
            keys.keys.map(\.path),
            [
                Self.machinePath(Self.defaultSID), Self.machinePath(Self.shopSID),
                "HKLM\\SOFTWARE\\Wow6432Node\\Microsoft\\ASP.NET\\4.0.30319.0\\AutoGenKeys\\\(Self.wowSID)"
            ])
        guard case .found(let shop) = keys.select(Self.machinePath(Self.shopSID)) else {
            return XCTFail("ShopPool's key not found")
        }
        XCTAssertEqual(
            shop.fields.first { $0.name == "autogen_key_fingerprint" }?.value,
            .string(KeyFingerprint(keyBytes: Self.shopKey).description))
        XCTAssertEqual(
            shop.fields.first { $0.name == "autogen_key_creation_time" }?.value, .integer(Int64(Self.shopTime)))
        XCTAssertEqual(
            shop.fields.first { $0.name == "autogen_key_present" }?.place,
            "key \(Self.machinePath(Self.shopSID)), value AutoGenKeyV4")
        // Absent for an SID the hive does not hold; unknown where the hive cannot tell.
        XCTAssertEqual(keys.select(Self.machinePath("S-1-5-20")), .absent("no such key in the SOFTWARE hive"))
        guard case .unknown(let noValues) = keys.select(Self.machinePath(Self.shopSID, "2.0.50727.0")) else {
            return XCTFail("an entry without AutoGenKey values must not read as missing")
        }
        XCTAssertTrue(noValues.contains("values: Unrelated") && noValues.contains("UNCONFIRMED"), noValues)
        guard case .unknown(let wow) = keys.select(Self.machinePath(Self.wowSID)) else {
            return XCTFail("a key only in the 32-bit view must not read as missing")
        }
        XCTAssertTrue(wow.contains("32-bit registry view") && wow.contains("UNCONFIRMED"), wow)
        // ProfileList, without the set-aside .bak profile.
        XCTAssertEqual(
            parsed.field("profiles")?.value,
            .list([
                .string("S-1-5-18=%systemroot%\\system32\\config\\systemprofile"),
                .string("S-1-5-20=%systemroot%\\ServiceProfiles\\NetworkService")
            ]))
        // keywizard parse shows each entry by fingerprint, never the key bytes.
        let text = EvidenceReport(file: path, parsed: parsed).textLines().joined(separator: "\n")
        XCTAssertTrue(
            text.contains(
                "    - \(Self.machinePath(Self.shopSID)): AutoGenKeyV4 \(KeyFingerprint(keyBytes: Self.shopKey).description) created \(FileTime.utcText(Int64(Self.shopTime))!) AutoGenKeyFormat 1"
            ), text)
        let json = String(decoding: try JSONEncoder().encode(EvidenceReport(file: path, parsed: parsed)), as: UTF8.self)
        for key in [Self.shopKey, Self.defaultKey] {
            XCTAssertFalse(text.uppercased().contains(Self.hex(key)))
            XCTAssertFalse(json.uppercased().contains(Self.hex(key)))
        }
    }

    /// The volume answers the hive questions for the pool's own SID: ShopPool has no profile
    /// (ProfileList), so its own hive holds no key, and HKLM ...\AutoGenKeys\<its SID> does.
    func testVolumeAnswersTheMachineStoreForThePoolsSID() throws {
        let root = try makeVolume()
        let (status, out, err) = try Samples.keywizard([
            "diagnose", "--windows-root", root, "--playbook", "aspnet-autogen-keys", "--answers",
            try answersFile(pool: "ShopPool"), "--playbooks", Samples.playbooks.path
        ])
        XCTAssertEqual(status, 0, err + out)
        let joined = Self.squeezed(out)
        XCTAssertTrue(out.contains("The restart did not change the keys - look elsewhere"), out)
        XCTAssertTrue(Self.has(joined, "under \(Self.machinePath(Self.shopSID))"), out)
        let software = root + "/Windows/System32/config/SOFTWARE"
        // The explanation's evidence lines: the key of ShopPool's SID, and ProfileList.
        XCTAssertTrue(
            Self.has(
                joined,
                "machine_key_present = true [\(software), key \(Self.machinePath(Self.shopSID)), value AutoGenKeyV4: the software-hive evidence for step 'machine_hive_query']"
            ), out)
        XCTAssertTrue(
            Self.has(
                joined,
                "user_key_missing = true [user hives by ProfileList, \(software): HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\ProfileList has no profile for this SID, so the account has no user hive of its own on this volume: the user-hive evidence for step 'user_hive_query']"
            ), out)
        // When it was created: ShopPool's key, not DefaultAppPool's listed before it.
        let created = try XCTUnwrap(FileTime.utcText(Int64(Self.shopTime)))
        XCTAssertTrue(Self.has(joined, "Check the key's creation time (\(created))"), out)
        XCTAssertTrue(
            Self.has(
                joined,
                "machine_key_created_ft = \(Self.shopTime) [\(software), key \(Self.machinePath(Self.shopSID)), value AutoGenKeyCreationTime"
            ), out)
        XCTAssertFalse(out.contains("[pool_running]"), "a hive file is not a live query: no 'was the pool running'")
        // The inventory lists every entry by fingerprint; no key bytes anywhere.
        XCTAssertTrue(
            out.contains(
                "  - \(Self.machinePath(Self.defaultSID)): AutoGenKeyV4 \(KeyFingerprint(keyBytes: Self.defaultKey).description)"
            ), out)
        XCTAssertTrue(
            out.contains(
                "  - S-1-5-20: \(root)/Windows/ServiceProfiles/NetworkService/NTUSER.DAT: 4.0.30319.0: AutoGenKeyV4"),
            out)
        XCTAssertTrue(
            out.contains("  - S-1-5-18: %systemroot%\\system32\\config\\systemprofile: NTUSER.DAT not found"), out)
        for key in [Self.shopKey, Self.defaultKey, Self.networkServiceKey] {
            XCTAssertFalse(out.uppercased().contains(Self.hex(key)), "key bytes printed")
        }
    }

    /// A NetworkService pool: its own hive (the profile ProfileList names) holds the key,
    /// read from the NTUSER.DAT file and cited there.
    func testVolumeAnswersTheIdentitysOwnHive() throws {
        let root = try makeVolume()
        let (status, out, err) = try Samples.keywizard([
            "diagnose", "--windows-root", root, "--playbook", "aspnet-autogen-keys", "--answers",
            try answersFile(pool: "NetPool"), "--playbooks", Samples.playbooks.path
        ])
        XCTAssertEqual(status, 0, err + out)
        let joined = Self.squeezed(out)
        XCTAssertTrue(out.contains("The restart did not change the keys - look elsewhere"), out)
        let hive = root + "/Windows/ServiceProfiles/NetworkService/NTUSER.DAT"
        XCTAssertTrue(
            Self.has(
                joined,
                "user_key_present = true [user hives by ProfileList, \(hive) (profile of S-1-5-20 in ProfileList): key HKU\\S-1-5-20\\Software\\Microsoft\\ASP.NET\\4.0.30319.0, value AutoGenKeyV4: the user-hive evidence for step 'user_hive_query']"
            ), out)
        XCTAssertTrue(
            Self.has(joined, "user_key_fp = \(KeyFingerprint(keyBytes: Self.networkServiceKey).description)"), out)
        XCTAssertTrue(
            Self.has(joined, "Check the key's creation time (\(FileTime.utcText(Int64(Self.networkServiceTime))!))"),
            out)
        XCTAssertFalse(out.uppercased().contains(Self.hex(Self.networkServiceKey)), "key bytes printed")
        XCTAssertTrue(out.contains("whether a pool with loadUserProfile=false has it loaded is UNCONFIRMED"), out)
    }

    /// Without answers the volume cannot know the pool, so the hive questions wait (they are
    /// answered, not asked); --answers needs --playbook.
    func testVolumeWithoutAnswersAndAnswersWithoutPlaybook() throws {
        let root = try makeVolume()
        var (status, out, err) = try Samples.keywizard([
            "diagnose", "--windows-root", root, "--playbooks", Samples.playbooks.path
        ])
        XCTAssertEqual(status, 2, err)
        XCTAssertTrue(out.contains("=== Users logged out or ViewState rejected"), out)
        XCTAssertTrue(out.contains("  - [site_path] "), out)
        XCTAssertFalse(out.contains("[user_hive_query]") || out.contains("[machine_hive_query]"), out)
        XCTAssertTrue(Self.has(Self.squeezed(out), "step 'machine_hive_query' is answered but not relevant now"), out)
        (status, _, err) = try Samples.keywizard([
            "diagnose", "--windows-root", root, "--answers", try answersFile(pool: "ShopPool"), "--playbooks",
            Samples.playbooks.path
        ])
        XCTAssertEqual(status, 1)
        XCTAssertTrue(err.contains("--answers with --windows-root needs --playbook ID"), err)
    }

    /// Hive files copied off the server, given as EVIDENCE: the SOFTWARE hive answers the
    /// machine store, a user hive given on its own (HKCU) is taken as the identity's own.
    func testSoftwareAndUserHiveFilesAsEvidence() throws {
        let folder = try Samples.temporaryFolder(self)
        try Self.softwareHive(at: folder + "/SOFTWARE")
        try Self.networkServiceHive(into: folder + "/ns")
        let apphost = folder + "/applicationHost.config"
        try Data(Self.applicationHost.utf8).write(to: URL(fileURLWithPath: apphost))
        // ShopPool: the user store from a reg query that found nothing while the pool ran.
        let extra = try answersFile(pool: "ShopPool", extra: "pool_running: yes")
        let missing = Samples.playbooks.appendingPathComponent(
            "tests/aspnet-autogen-keys/evidence/reg-user-missing.txt"
        ).path
        var (status, out, err) = try Samples.keywizard([
            "diagnose", "--playbook", "aspnet-autogen-keys", "--answers", extra, folder + "/SOFTWARE", apphost, missing,
            "--playbooks", Samples.playbooks.path, "--format", "json"
        ])
        XCTAssertEqual(status, 0, err + out)
        XCTAssertTrue(out.contains("\"id\" : \"restart-not-the-cause\""), out)
        XCTAssertTrue(
            out.contains(
                "\"source\" : \"\(folder)/SOFTWARE, key \(Self.machinePath(Self.shopSID).replacingOccurrences(of: "\\", with: "\\\\")), value AutoGenKeyV4: the software-hive evidence for step 'machine_hive_query'\""
            ), out)
        // NetPool with its NTUSER.DAT given on its own, recorded as a session and replayed:
        // the session keeps the hive's keys (fingerprints only) and reaches the same diagnosis.
        let session = folder + "/case.jsonl"
        (status, out, err) = try Samples.keywizard([
            "diagnose", "--playbook", "aspnet-autogen-keys", "--answers", try answersFile(pool: "NetPool"),
            folder + "/ns/NTUSER.DAT", apphost, "--playbooks", Samples.playbooks.path, "--save", session
        ])
        XCTAssertEqual(status, 0, err + out)
        let saved = try String(contentsOfFile: session, encoding: .utf8)
        XCTAssertTrue(saved.contains(KeyFingerprint(keyBytes: Self.networkServiceKey).description))
        XCTAssertFalse(saved.uppercased().contains(Self.hex(Self.networkServiceKey)), "key bytes in the session")
        let (replayed, replayOut, replayErr) = try Samples.keywizard([
            "replay", session, "--playbooks", Samples.playbooks.path
        ])
        XCTAssertEqual(replayed, 0, replayErr + replayOut)
        let joined = Self.squeezed(out)
        XCTAssertTrue(
            Self.has(
                joined,
                "user_key_present = true [\(folder)/ns/NTUSER.DAT, key HKCU\\Software\\Microsoft\\ASP.NET\\4.0.30319.0, value AutoGenKeyV4: the user-hive evidence for step 'user_hive_query']"
            ), out)
        XCTAssertFalse(out.uppercased().contains(Self.hex(Self.networkServiceKey)), "key bytes printed")
    }
}
