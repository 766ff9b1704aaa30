import Foundation
import XCTest

/// The non-interactive commands as a script or a CI job sees them: output, exit status, and
/// one clear line for bad input.
final class CommandLineTests: XCTestCase {
    var dir = ""
    let playbooks = TestPaths.repoRoot.appendingPathComponent("Playbooks").path

    override func setUp() {
        dir = NSTemporaryDirectory() + "kw-cli-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func kw(_ args: String..., input: String = "") throws -> (status: Int32, output: String) {
        let b = TestPaths.binary.path
        guard FileManager.default.isExecutableFile(atPath: b) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("keywizard binary not found at \(b)") }
            throw XCTSkip("keywizard binary not found at \(b); run swift build first")
        }
        return sh([b] + args, env: ["XDG_STATE_HOME": dir, "LANG": "C.UTF-8"], input: input)
    }

    func write(_ name: String, _ text: String) -> String {
        let path = dir + "/" + name
        try? FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testLintAndTestOnTheShippedPlaybooks() throws {
        let lint = try kw("lint", playbooks)
        XCTAssertEqual(lint.status, 0, lint.output)
        XCTAssertTrue(lint.output.hasSuffix("4 playbooks, 0 errors, 0 warnings\n"), lint.output)
        let test = try kw("test", playbooks, "--min-coverage", "100")
        XCTAssertEqual(test.status, 0, test.output)
        XCTAssertNotNil(test.output.range(of: #"(?m)^\d+ passed, 0 failed$"#, options: .regularExpression), test.output)
    }

    func testLintReportsPositionsAndFails() throws {
        let folder = dir + "/broken"
        _ = write(
            "broken/x.yaml",
            """
            id: x
            title: X
            version: "1"
            symptom: s
            facts: [{id: machine_guid, type: guid}]
            steps: [{id: g, prompt: "g?", input: guid, sets: machine_guid}]
            rules: [{id: r, when: "machine_gud == 1", then: {conclude: [d]}}]
            diagnoses: [{id: d, title: D, severity: low, summary: s}]
            """)
        let r = try kw("lint", folder)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(
            r.output.contains("x.yaml:7:24: error: unknown fact 'machine_gud' (did you mean 'machine_guid'?)"), r.output
        )
    }

    func testDiagnoseExitStatuses() throws {
        let evidence = TestPaths.repoRoot.appendingPathComponent("Playbooks/tests/iis-admin-machineguid/evidence").path
        let full = try kw(
            "diagnose", "--playbooks", playbooks, evidence + "/event-7024.txt", evidence + "/machineguid.txt",
            evidence + "/machinekeys-old-guid.txt", "--format", "json")
        XCTAssertEqual(full.status, 0, full.output)
        XCTAssertTrue(full.output.contains("\"format\" : \"keywizard-diagnosis/1\""), full.output)
        XCTAssertTrue(full.output.contains("machineguid-changed"), full.output)
        let partial = try kw("diagnose", "--playbooks", playbooks, evidence + "/event-7024.txt")
        XCTAssertEqual(partial.status, 2, partial.output)
        XCTAssertTrue(
            partial.output.contains("reg query HKLM\\SOFTWARE\\Microsoft\\Cryptography /v MachineGuid"), partial.output)
        let garbage = write("garbage.txt", "\u{1}\u{2} nothing to see here\n")
        let bad = try kw("diagnose", "--playbooks", playbooks, garbage)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.output.hasPrefix("keywizard: error: \(garbage):"), bad.output)
        XCTAssertEqual(bad.output.split(separator: "\n").count, 1, bad.output)
    }

    func testKnowledgeCommands() throws {
        let decode = try kw("decode", "-2146893818", "--format", "json")
        XCTAssertEqual(decode.status, 0)
        XCTAssertTrue(decode.output.contains("\"hex\" : \"0x80090006\""), decode.output)
        XCTAssertTrue(decode.output.contains("NTE_BAD_SIGNATURE"), decode.output)
        let sid = try kw("sid", "DefaultAppPool")
        XCTAssertTrue(sid.output.contains("S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415"), sid.output)
        let container = try kw("container", "iisWasKey")
        XCTAssertTrue(container.output.contains("76944fb33636aeddb9590521c2e8815a"), container.output)
        let key = "1F35E5A1223344556677889900AABBCCDDEEFF00"
        let compare = try kw("compare-keys", key, "00000000" + key.dropFirst(8), "--format", "json")
        XCTAssertTrue(compare.output.contains("\"classification\" : \"isolate-apps\""), compare.output)
        XCTAssertFalse(compare.output.contains("22334455"), "keys must not be echoed beyond 4 bytes: \(compare.output)")
        let bad = try kw("decode", "bogus")
        XCTAssertEqual(bad.status, 1)
        let stdin = try kw("compare-keys", "--format", "json", input: "\(key)\n00000000\(key.dropFirst(8))\n")
        XCTAssertTrue(stdin.output.contains("\"classification\" : \"isolate-apps\""), stdin.output)
    }

    func testUsageErrorsExitOneAndNeverEchoAKey() throws {
        let key = "1F35E5A1223344556677889900AABBCCDDEEFF00"
        let extra = try kw("compare-keys", key, key, key)
        XCTAssertEqual(extra.status, 1, extra.output)
        XCTAssertTrue(extra.output.contains("Unexpected argument"), extra.output)
        XCTAssertFalse(extra.output.contains("22334455"), extra.output)
        XCTAssertEqual(try kw("sid", "--identity").status, 1)
        XCTAssertEqual(try kw("replay", "x", "--tui", "--delay", "99999999999999").status, 1)
        XCTAssertEqual(try kw("--help").status, 0)
    }

    func testParseNamesFormatAndNeverShowsKeys() throws {
        let config = TestPaths.evidence.appendingPathComponent("web-explicit.config").path
        let r = try kw("parse", config, "--format", "json")
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.contains("machinekey-config"), r.output)
        let raw = try String(contentsOfFile: config, encoding: .utf8)
        let key = raw.range(of: #"validationKey="([0-9A-Fa-f]{40,})""#, options: .regularExpression).map {
            String(raw[$0].dropFirst(15).dropLast())
        }
        XCTAssertNotNil(key)
        XCTAssertFalse(r.output.contains(String(key!.prefix(20))), r.output)
    }
}
