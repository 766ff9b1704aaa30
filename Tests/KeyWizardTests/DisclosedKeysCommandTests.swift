import DiagnosticRules
import Foundation
import XCTest

/// The commands of issue 11 as an operator or a script runs them: known-keys, scan-configs,
/// viewstate verify, compare-keys on configs, the keywizard commands the playbooks print,
/// and no key material in any output or file they write.
final class DisclosedKeysCommandTests: XCTestCase {
    var dir = ""
    let playbooks = TestPaths.repoRoot.appendingPathComponent("Playbooks").path
    /// Public test keys (../shared/vectors/viewstate.json), on Microsoft's list.
    static let listedVK =
        "F5144F1A581A57BA3B60311AF7562A855998F7DD203CD8A71405599B980D8694B5C986C888BE4FC0E6571C2CE600D58CE82B8FA13106B17D77EA4CECDDBBEC1B"
    static let listedDK = "B47D3CD1E780CF30C739A080995B9B10B64354AA135A2D78"
    /// "legacy 3DES+SHA1" of the vectors: generator EDD8C9AE.
    static let viewState =
        "Sku67tgd5zl62MFTQS6R5/o3UAFb3RcqLRKRbq1QmH8o0VN+eaFOlONe3Gz1j82CEcYFb/1qdebQa3JrRwtUSAi/LIs="
    var freshVK = ""
    var freshDK = ""

    override func setUp() {
        dir = NSTemporaryDirectory() + "kw-dk-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        func hex(_ n: Int) -> String { (0..<n).map { _ in String(format: "%02X", UInt8.random(in: 0...255)) }.joined() }
        freshVK = hex(64)
        freshDK = hex(24)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func kw(_ args: String..., input: String = "") throws -> (status: Int32, output: String) {
        let b = TestPaths.binary.path
        guard FileManager.default.isExecutableFile(atPath: b) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("keywizard binary not found at \(b)") }
            throw XCTSkip("keywizard binary not found at \(b); run swift build first")
        }
        return sh(
            [b] + args,
            env: [
                "XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "KEYWIZARD_KNOWN_KEYS": "",
                "LANG": "C.UTF-8"
            ], input: input)
    }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let path = dir + "/" + name
        try? FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func config(_ vk: String, _ dk: String, validation: String = "SHA1", decryption: String = "3DES") -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <system.web>
            <machineKey validationKey="\(vk)" decryptionKey="\(dk)" validation="\(validation)" decryption="\(decryption)" />
          </system.web>
        </configuration>
        """
    }

    /// Every 16-hex-digit window of the keys, the test for key material in output.
    func assertNoKeyMaterial(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let upper = text.uppercased()
        for key in [Self.listedVK, Self.listedDK, freshVK, freshDK] {
            let chars = Array(key)
            for start in stride(from: 0, through: chars.count - 16, by: 8)
            where upper.contains(String(chars[start..<start + 16])) {
                XCTFail("key material in \(what): \(text.prefix(300))", file: file, line: line)
                return
            }
        }
    }

    func testKnownKeysUpdateShowAndErrors() throws {
        let a = String(repeating: "a", count: 64)
        let b = String(repeating: "b", count: 64)
        let csv = write("MachineKeys.csv", "validationKey, decryptionKey\n\(a), \(b)\n\(a), \(KnownKeys.emptyDigest)\n")
        let update = try kw("known-keys", "update", csv, "--date", "2026-12-01", "--playbooks", playbooks)
        XCTAssertEqual(update.status, 0, update.output)
        XCTAssertTrue(update.output.contains("2 rows, 2 digests, dated 2026-12-01"), update.output)
        XCTAssertTrue(update.output.contains("replaces"), update.output)
        let show = try kw("known-keys", "show", "--playbooks", playbooks)
        XCTAssertTrue(
            show.output.contains(dir + "/data/keywizard/known-keys/ms-disclosed-machinekeys.csv"), show.output)
        let bad = write("bad.csv", "validationKey, decryptionKey\n\(a), \(b)\n\(a)\n")
        let refused = try kw("known-keys", "update", bad)
        XCTAssertEqual(refused.status, 1, refused.output)
        XCTAssertTrue(refused.output.contains("bad.csv:3:"), refused.output)
        XCTAssertTrue(refused.output.contains("nothing was imported"), refused.output)
    }

    func testShippedListIsTheDefaultAndNamedInTheOutput() throws {
        let show = try kw("known-keys", "--playbooks", playbooks)
        XCTAssertTrue(show.output.contains("known-keys/ms-disclosed-machinekeys.csv (3713 rows"), show.output)
        let listed = write("web.config", config(Self.listedVK, Self.listedDK))
        let diagnose = try kw(
            "diagnose", "--playbook", "webfarm-viewstate-mac", "--playbooks", playbooks, "--format", "json", listed)
        XCTAssertTrue(diagnose.output.contains("\"id\" : \"disclosed-key\""), diagnose.output)
        XCTAssertTrue(diagnose.output.contains("disclosed-key list: "), diagnose.output)
        // Microsoft's CSV given with --known-keys is read as published.
        let explicit = try kw("parse", "--known-keys", playbooks + "/known-keys/ms-disclosed-machinekeys.csv", listed)
        XCTAssertEqual(explicit.status, 0, explicit.output)
        XCTAssertTrue(explicit.output.contains("validation_key_disclosed"), explicit.output)
        let bad = write("list.txt", "# list\nzz\n")
        let refused = try kw("diagnose", "--known-keys", bad, "--playbooks", playbooks, listed)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.output.contains("list.txt:2:"), refused.output)
    }

    func testScanConfigsExitStatuses() throws {
        write("tree/a/web.config", config(freshVK, freshDK))
        write("tree/b/web.config", config(freshVK, freshDK))
        let clean = try kw("scan-configs", dir + "/tree", "--playbooks", playbooks)
        XCTAssertEqual(clean.status, 0, clean.output)
        XCTAssertTrue(clean.output.contains("agree"), clean.output)
        XCTAssertFalse(clean.output.contains("scanning:"), "no progress line when stderr is not a terminal")
        write("tree/c/web.config", config(Self.listedVK, Self.listedDK))
        let critical = try kw("scan-configs", dir + "/tree", "--format", "json", "--playbooks", playbooks)
        XCTAssertEqual(critical.status, 3, critical.output)
        XCTAssertTrue(critical.output.contains("\"format\" : \"keywizard-scan/1\""), critical.output)
        XCTAssertTrue(critical.output.contains("\"disagree\" : true"), critical.output)
        let missing = try kw("scan-configs", dir + "/nope")
        XCTAssertEqual(missing.status, 1, missing.output)
        assertNoKeyMaterial(clean.output + critical.output + missing.output, "scan-configs output")
    }

    func testViewStateVerifySaysWhichNode() throws {
        let vs = write("vs.txt", Self.viewState + "\n")
        let nodeA = write("node-a.config", config(freshVK, freshDK))
        let nodeB = write("node-b.config", config(Self.listedVK, Self.listedDK))
        let found = try kw(
            "viewstate", "verify", "--viewstate", vs, "--generator", "EDD8C9AE", "--format", "json", nodeA, nodeB)
        XCTAssertEqual(found.status, 0, found.output)
        XCTAssertTrue(found.output.contains("\"valid_file\" : \"\(nodeB)\""), found.output)
        XCTAssertTrue(found.output.contains("\"mode\" : \"legacy encrypted (3DES, SHA1)\""), found.output)
        let none = try kw("viewstate", "verify", "--viewstate", vs, "--generator", "EDD8C9AE", nodeA)
        XCTAssertEqual(none.status, 3, none.output)
        XCTAssertTrue(none.output.hasPrefix("NONE:"), none.output)
        XCTAssertTrue(none.output.contains("mac-mismatch"), none.output)
        // The ViewState taken from an event 1316 text.
        let event = write(
            "event-1316.txt",
            "Event code: 4009\nViewStateException information:\n    Path: /default.aspx\n    ViewState: \(Self.viewState)\n"
        )
        let fromEvent = try kw("viewstate", "verify", "--viewstate", event, "--generator", "EDD8C9AE", nodeA, nodeB)
        XCTAssertEqual(fromEvent.status, 0, fromEvent.output)
        XCTAssertEqual(try kw("viewstate", "verify", "--viewstate", vs, "--generator", "XYZ", nodeA).status, 1)
        XCTAssertEqual(try kw("viewstate", "verify", "--viewstate", vs, "--generator", "EDD8C9AE").status, 1)
        let auto = write(
            "auto.config",
            "<configuration><system.web><machineKey validationKey=\"AutoGenerate,IsolateApps\"/></system.web></configuration>"
        )
        let refused = try kw("viewstate", "verify", "--viewstate", vs, "--generator", "EDD8C9AE", auto)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.output.contains("auto.config:1: validationKey is AutoGenerate"), refused.output)
        assertNoKeyMaterial(found.output + none.output + fromEvent.output + refused.output, "viewstate output")
    }

    /// Every `keywizard ...` command a playbook prints (remediation command or verify
    /// command) runs, with files standing in for the ones it names, and is not bad input.
    func testEveryKeyWizardCommandThePlaybooksPrintRuns() throws {
        let lib = PlaybookLibrary.load(directory: URL(fileURLWithPath: playbooks))
        var commands: Set<String> = []
        for p in lib.playbooks {
            for d in p.diagnoses {
                for r in d.remediation {
                    for c in [r.command, r.verifyCommand].compactMap({ $0 }) where c.hasPrefix("keywizard ") {
                        commands.insert(c)
                    }
                }
            }
            for s in p.steps where (s.command ?? "").hasPrefix("keywizard ") { commands.insert(s.command!) }
        }
        XCTAssertFalse(commands.isEmpty)
        let work = dir + "/work"
        for name in [
            "node-a.config", "node-b.config", "web-a.config", "web-b.config", "node-a-root.config",
            "node-b-root.config",
            "sites-copy/site/web.config", "config-copy/web.config"
        ] {
            write("work/" + name, config(freshVK, freshDK))
        }
        write("work/disclosed-keys.txt", "# none\n" + String(repeating: "c", count: 64) + "\n")
        write("work/viewstate.txt", Self.viewState)
        write("work/event-1316.txt", "ViewState: \(Self.viewState)\n")
        for command in commands.sorted() {
            // Facts the playbook fills in at run time get a value of their type.
            let filled = command.replacingOccurrences(
                of: #"\{error_hex\}"#, with: "0x80090006", options: .regularExpression)
            XCTAssertFalse(filled.contains("{"), "\(command): give the test a sample value for this placeholder")
            var args = filled.split(separator: " ").dropFirst().map(String.init)
            if ["diagnose", "scan-configs"].contains(args.first ?? "") { args += ["--playbooks", playbooks] }
            // The wizard itself (e.g. "continue with this playbook"): its line form, no input.
            if args.first == "run" { args += ["--plain", "--playbooks", playbooks] }
            // Run in the folder holding the stand-in files, as the operator would.
            let r = sh(
                ["/bin/sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh", work, TestPaths.binary.path] + args,
                env: ["XDG_STATE_HOME": dir + "/state", "XDG_DATA_HOME": dir + "/data", "KEYWIZARD_KNOWN_KEYS": ""],
                input: "")
            XCTAssertNotEqual(r.status, 1, "\(command): \(r.output)")
            XCTAssertFalse(r.output.contains("error:"), "\(command): \(r.output)")
            assertNoKeyMaterial(r.output, command)
        }
    }

    /// Nothing the new commands write (state, data, session files) holds key material.
    func testNoKeyMaterialInFilesWritten() throws {
        let nodeA = write("n/node-a.config", config(freshVK, freshDK))
        let nodeB = write("n/node-b.config", config(Self.listedVK, Self.listedDK))
        _ = try kw(
            "diagnose", "--playbook", "webfarm-viewstate-mac", "--playbooks", playbooks, "--save",
            dir + "/state/s.jsonl", nodeA, nodeB)
        _ = try kw("scan-configs", dir + "/n", "--format", "json", "--playbooks", playbooks)
        _ = try kw("compare-keys", nodeA, nodeB, "--format", "json")
        _ = try kw("known-keys", "update", playbooks + "/known-keys/ms-disclosed-machinekeys.csv")
        let fm = FileManager.default
        var checked = 0
        for base in [dir + "/state", dir + "/data"] {
            guard let walker = fm.enumerator(atPath: base) else { continue }
            while let rel = walker.nextObject() as? String {
                let path = base + "/" + rel
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue,
                    let data = fm.contents(atPath: path)
                else { continue }
                assertNoKeyMaterial(String(decoding: data, as: UTF8.self), path)
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 2)
    }
}
