import DiagnosticRules
import Foundation
import XCTest

/// A paste that matches a form but yields nothing for the step is refused with the line it
/// could not read, in plain mode and in the full-screen TUI; skipped lines are counted.
final class EvidenceRefusalEndToEndTests: XCTestCase {
    var stateDir = ""
    override func setUp() {
        stateDir = NSTemporaryDirectory() + "kw-e2e10-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: stateDir, withIntermediateDirectories: true)
    }
    override func tearDown() { try? FileManager.default.removeItem(atPath: stateDir) }
    var env: [String: String] { ["XDG_STATE_HOME": stateDir, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"] }

    func binary() throws -> String {
        let b = TestPaths.binary.path
        guard FileManager.default.isExecutableFile(atPath: b) else {
            throw XCTSkip("keywizard binary not found at \(b); run swift build first")
        }
        return b
    }

    var playbooks: String { TestPaths.repoRoot.appendingPathComponent("Playbooks").path }

    /// reg.exe 3.0 output whose value line was mangled: the key is read, the value is not.
    static let unreadableReg =
        "! REG.EXE VERSION 3.0\n\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\n    MachineGuid = 3e08c9a1-5b7d-4c2e-8f10-6a4b2d9e7c13\n"

    func testPlainRefusesAPasteThatYieldsNothingWithTheLine() throws {
        let kw = try binary()
        let reg2003 =
            "! REG.EXE VERSION 3.0\n\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\n    MachineGuid\tREG_SZ\t3e08c9a1-5b7d-4c2e-8f10-6a4b2d9e7c13\nstray text the parser skips\n"
        let input =
            ["2", "1", "unknown", "Invalid Signature", Self.unreadableReg, ".", reg2003, ".", "y", "quit"].joined(
                separator: "\n") + "\n"
        let r = sh(
            [kw, "run", "--plain", "--playbook", "iis-admin-machineguid", "--playbooks", playbooks], env: env,
            input: input)
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertTrue(
            r.output.contains(
                "Not accepted: not recognised for this step: read as reg query output, but it gives none of machine_guid, values, bare_value, backup_machine_guid; first line it could not read: line 4: 'MachineGuid = 3e08c9a1-5b7d-4c2e-8f10-6a4b2d9e7c13'"
            ), r.output)
        XCTAssertTrue(
            r.output.contains("Recognised (reg-query): MachineGuid 3e08c9a1-5b7d-4c2e-8f10-6a4b2d9e7c13 (line 4)"),
            r.output)
        XCTAssertTrue(r.output.contains("  windows_hint = nt5 (line 1)"), r.output)
        XCTAssertTrue(r.output.contains("  1 line(s) skipped, not read:"), r.output)
        XCTAssertTrue(
            r.output.contains("  note line 5: not reg query output, skipped: 'stray text the parser skips'"), r.output)
    }

    func testTUIRefusesAPasteThatYieldsNothingWithTheLine() throws {
        let tmux = try requireTool("tmux")
        let kw = try binary()
        let t = try TmuxSession(
            tmux: tmux, width: 100, height: 30,
            command: "\(kw) run --playbook iis-admin-machineguid --playbooks \(playbooks)", env: env)
        defer { t.kill() }
        t.waitFor("Which Windows Server")
        t.send("8")
        t.send("Enter")
        t.waitFor("What do you see")
        t.send("1")
        t.send("Enter")
        t.waitFor("Paste the newest event 7024")
        // The event text of 2012 R2 and later: "Invalid Signature" is read as 0x80090006.
        t.paste(TestPaths.evidenceText("../forms/nt6/wevtutil-invalid-signature.txt"))
        t.waitFor("Ctrl-D when done")
        t.send("C-d")
        let preview = t.waitFor("error_code = 2148073478")
        XCTAssertTrue(preview.contains("Recognised: event-text"), preview)
        t.send("Enter")
        t.waitFor("Paste the output of the MachineGuid query")
        t.paste(Self.unreadableReg)
        t.waitFor("Ctrl-D when done")
        t.send("C-d")
        let refused = t.waitFor("line 4: 'MachineGuid = 3e08c9a1")
        XCTAssertTrue(refused.contains("Not recognised"), refused)
        XCTAssertTrue(refused.contains("not recognised for this step"), refused)
    }
}

extension EvidenceRefusalEndToEndTests {
    /// `diagnose` on junk says so in words; an unreadable file among good ones is a note,
    /// not the end of the run.
    func testDiagnoseJunkAndMixedEvidence() throws {
        let kw = try binary()
        let forms = TestPaths.repoRoot.appendingPathComponent("Tests/DiagnosticRulesTests/Fixtures/forms").path
        let junk = sh([kw, "diagnose", forms + "/nt6/junk.txt", "--playbooks", playbooks], env: env)
        XCTAssertEqual(junk.status, 1, junk.output)
        XCTAssertTrue(
            junk.output.contains(
                "junk.txt: line 1: 'hello, this is not command output' is not the output of any command KeyWizard reads"
            ), junk.output)
        XCTAssertFalse(junk.output.contains("auto expected"), junk.output)

        let cases = TestPaths.repoRoot.appendingPathComponent("Playbooks/tests/iis-admin-machineguid/evidence").path
        let mixed = sh(
            [
                kw, "diagnose", forms + "/nt6/junk.txt", forms + "/nt6/ps-itemproperty.txt", cases + "/event-7024.txt",
                cases + "/machinekeys-old-guid.txt", "--playbooks", playbooks
            ], env: env)
        XCTAssertEqual(mixed.status, 0, mixed.output)
        XCTAssertTrue(
            mixed.output.contains("keywizard diagnose: note: ") && mixed.output.contains("junk.txt: line 1:"),
            mixed.output)
        XCTAssertTrue(
            mixed.output.contains("MachineGuid changed after the IIS key containers were created"), mixed.output)

        // Skipped lines of accepted evidence are counted in the report's notes too.
        let withStray = URL(fileURLWithPath: stateDir + "/reg-stray.txt")
        try
            ("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\n    MachineGuid    REG_SZ    5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4\nstray words\n")
            .write(to: withStray, atomically: true, encoding: .utf8)
        let stray = sh(
            [
                kw, "diagnose", withStray.path, cases + "/event-7024.txt", cases + "/machinekeys-old-guid.txt",
                "--playbooks", playbooks
            ], env: env)
        XCTAssertTrue(
            stray.output.contains(
                "reg-stray.txt: 1 line(s) skipped, not read: line 3: not reg query output, skipped: 'stray words'"),
            stray.output)
    }
}
