import DiagnosticRules
import Foundation
import WindowsArtifacts
import XCTest

/// The hive reader on the real sample hives (read as they are), on scenario hives built from
/// copies of them, and on bad and mutated copies.
final class HiveEvidenceReaderTests: XCTestCase {
    func testRealSystemHiveGivesServiceSettings() throws {
        let folder = try Samples.temporaryFolder(self)
        let parsed = try HiveEvidenceReader.read(path: try Samples.hive("SYSTEM", into: folder))
        XCTAssertEqual(parsed.kind, "system-hive")
        XCTAssertEqual(parsed.field("current_control_set")?.value, .integer(1))
        XCTAssertEqual(parsed.field("service_cryptsvc_start")?.value, .integer(2))
        XCTAssertEqual(
            parsed.field("service_cryptsvc_start")?.place,
            "key HKLM\\SYSTEM\\ControlSet001\\Services\\CryptSvc, value Start")
        guard case .list(let services)? = parsed.field("services")?.value else { return XCTFail("no services") }
        XCTAssertTrue(
            services.contains(
                .string(
                    "CryptSvc start=2 (automatic) type=32 account=NT Authority\\NetworkService image=%SystemRoot%\\system32\\svchost.exe -k NetworkService depends=RpcSs"
                )), "\(services)")
        XCTAssertTrue(
            services.contains(.string("HTTP start=3 (manual) type=1 image=system32\\drivers\\HTTP.sys")), "\(services)")
    }

    func testRealUserHiveWithoutASPNETKey() throws {
        let folder = try Samples.temporaryFolder(self)
        let path = try Samples.hive("NTUSER.DAT", into: folder)
        let parsed = try HiveEvidenceReader.read(path: path)
        XCTAssertEqual(parsed.kind, "user-hive")
        XCTAssertEqual(parsed.field("autogen_key_present")?.value, .boolean(false))
        // Named values read through the C wrapper: the real hive's Control Panel colours.
        let hive = try HiveFile(path: path)
        XCTAssertNotNil(hive.node(at: "control panel"), "key names compare without case")
        XCTAssertNotNil(hive.node(at: "Software\\Microsoft"))
    }

    /// A user hive with AutoGenKeyV4, built from a copy of the real NTUSER.DAT with libhivex.
    func testUserHiveAutoGenKeyGivesFingerprintOnly() throws {
        let folder = try Samples.temporaryFolder(self)
        let path = try Samples.hive("NTUSER.DAT", into: folder, as: "base.dat")
        var generator = Samples.Generator(state: 4)
        let key = generator.bytes(1024)
        let h = try HiveFile(path: path, writable: true)
        var node = h.root
        for part in ["Software", "Microsoft", "ASP.NET", "4.0.30319.0"] { node = try h.addChild(node, named: part) }
        try h.setValue(node, HiveValue(name: "AutoGenKeyV4", type: .binary, data: key))
        try h.setValue(node, .qword("AutoGenKeyCreationTime", 133_600_000_000_000_000))
        try h.setValue(node, .dword("AutoGenKeyFormat", 1))
        let built = folder + "/NTUSER.DAT"
        try h.commit(to: built)

        let parsed = try HiveEvidenceReader.read(path: built)
        XCTAssertEqual(parsed.kind, "user-hive")
        XCTAssertEqual(parsed.field("autogen_key_present")?.value, .boolean(true))
        XCTAssertEqual(
            parsed.field("autogen_key_fingerprint")?.value, .string(KeyFingerprint(keyBytes: key).description))
        XCTAssertEqual(parsed.field("autogen_key_length")?.value, .integer(1024))
        XCTAssertEqual(parsed.field("autogen_key_creation_time")?.value, .integer(133_600_000_000_000_000))
        XCTAssertEqual(parsed.field("autogen_key_format")?.value, .integer(1))
        XCTAssertEqual(
            parsed.field("autogen_key_present")?.place,
            "key HKCU\\Software\\Microsoft\\ASP.NET\\4.0.30319.0, value AutoGenKeyV4")
        XCTAssertTrue(parsed.containsSecrets)
        // The key bytes appear nowhere: not in fields, notes, summary or the JSON report.
        let hex = key.prefix(16).map { String(format: "%02X", $0) }.joined()
        let report = try JSONEncoder().encode(EvidenceReport(file: built, parsed: parsed))
        XCTAssertFalse(String(decoding: report, as: UTF8.self).uppercased().contains(hex))
        XCTAssertFalse(EvidenceReport(file: built, parsed: parsed).textLines().joined().uppercased().contains(hex))
    }

    func testSoftwareHiveMachineGuidAndHKLMAutoGenKey() throws {
        let folder = try Samples.temporaryFolder(self)
        let path = folder + "/SOFTWARE"
        let key = [UInt8](repeating: 0xA5, count: 1024)
        try Samples.softwareHive(
            guid: "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4", at: path,
            autoGenSID: "S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415", key: key)
        let parsed = try HiveEvidenceReader.read(path: path)
        XCTAssertEqual(parsed.kind, "software-hive")
        XCTAssertEqual(parsed.field("machine_guid")?.value, .guid("5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"))
        XCTAssertEqual(
            parsed.field("machine_guid")?.place, "key HKLM\\SOFTWARE\\Microsoft\\Cryptography, value MachineGuid")
        XCTAssertEqual(
            parsed.field("autogen_key_fingerprint")?.value, .string(KeyFingerprint(keyBytes: key).description))
        XCTAssertEqual(
            parsed.field("autogen_key_sids")?.value,
            .list([.string("S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415")]))
        // As a backup it keeps the fields under its own kind.
        XCTAssertEqual(try ArtifactReader.readBackupHive(path: path).kind, "software-hive-backup")
    }

    func testBadHivesGetOneClearLineEach() throws {
        let folder = try Samples.temporaryFolder(self)
        let real = try Data(
            contentsOf: URL(fileURLWithPath: try Samples.hive("NTUSER.DAT", into: folder, as: "real.dat")))
        let cases: [(String, Data, String)] = [
            ("empty", Data(), "the file is empty (0 bytes)"),
            ("text.hiv", Data("Windows Registry Editor Version 5.00\r\n".utf8), "not a registry hive"),
            ("header-only", real.prefix(2000), "truncated registry hive: 2000 bytes"),
            ("half", real.prefix(real.count / 2), "truncated registry hive: the header promises"),
            (
                "checksum", Data([UInt8](real.prefix(4)) + [0x55] + [UInt8](real.dropFirst(5))),
                "header checksum does not match"
            )
        ]
        for (name, data, expected) in cases {
            let path = folder + "/" + name
            try data.write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try HiveEvidenceReader.read(path: path)) { error in
                let line = "\(error)"
                XCTAssertTrue(line.hasPrefix(path + ": "), line)
                XCTAssertTrue(line.contains(expected), line)
                XCTAssertFalse(line.contains("\n"), line)
            }
        }
    }

    /// A dirty hive (sequence numbers differ, .LOG1 beside it) is read, with one note.
    func testDirtyHiveWithPendingLogsIsReadWithANote() throws {
        let folder = try Samples.temporaryFolder(self)
        var bytes = [UInt8](
            try Data(contentsOf: URL(fileURLWithPath: try Samples.hive("NTUSER.DAT", into: folder, as: "real.dat"))))
        // As Windows leaves it when a write was cut off: the secondary sequence number behind
        // the primary, and the header checksum (XOR of its first 127 dwords) still valid.
        bytes[8] = bytes[4] &+ 1
        var xor: UInt32 = 0
        for i in stride(from: 0, to: 508, by: 4) {
            xor ^= (0..<4).reduce(0) { $0 | UInt32(bytes[i + $1]) << (8 * UInt32($1)) }
        }
        for k in 0..<4 { bytes[508 + k] = UInt8(truncatingIfNeeded: xor >> (8 * UInt32(k))) }
        let path = folder + "/NTUSER.DAT"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        try Data(repeating: 1, count: 512).write(to: URL(fileURLWithPath: folder + "/NTUSER.DAT.LOG1"))
        let parsed = try HiveEvidenceReader.read(path: path)
        XCTAssertEqual(parsed.field("hive_dirty")?.value, .boolean(true))
        let notes = parsed.notes.filter { $0.message.hasPrefix("dirty hive") }
        XCTAssertEqual(notes.count, 1)
        XCTAssertTrue(notes[0].message.contains("transaction logs not applied: NTUSER.DAT.LOG1"), notes[0].message)
    }

    /// Mutated copies of the real hives (bytes flipped in the hive bins, ranges overwritten,
    /// cut short): each is read or refused with one line, never a crash. Bounded and seeded.
    func testFuzzMutatedRealHives() throws {
        let folder = try Samples.temporaryFolder(self)
        var generator = Samples.Generator(state: 1_4)
        var outcomes = 0
        let original = [UInt8](
            try Data(contentsOf: URL(fileURLWithPath: try Samples.hive("NTUSER.DAT", into: folder, as: "real.dat"))))
        for iteration in 0..<150 {
            var bytes = original
            switch iteration % 3 {
            case 0:
                for _ in 0..<(1 + Int(generator.next() % 64)) {
                    bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
                }
            case 1:
                let start = 4096 + Int(generator.next() % UInt64(min(bytes.count - 4096, 65536)))
                for i in start..<min(bytes.count, start + 256) {
                    bytes[i] = UInt8(truncatingIfNeeded: generator.next())
                }
            default:
                bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count))))
            }
            let path = folder + "/fuzz.dat"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do { _ = try HiveEvidenceReader.read(path: path) } catch {
                XCTAssertFalse("\(error)".contains("\n"))
            }
            outcomes += 1
        }
        XCTAssertEqual(outcomes, 150)
    }
}
