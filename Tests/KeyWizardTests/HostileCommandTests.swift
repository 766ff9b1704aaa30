import Foundation
import XCTest

/// Issue 15 against the real binary: size limits (finding 3), terminal escapes (finding 5)
/// and injected commands (finding 6) as a terminal sees them.
final class HostileCommandTests: XCTestCase {
    var dir = ""

    override func setUp() {
        dir = NSTemporaryDirectory() + "kw-hostile-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: dir + "/pb", withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func kw(_ args: [String], timeout: TimeInterval = 30) throws -> (status: Int32, output: String) {
        let b = TestPaths.binary.path
        guard FileManager.default.isExecutableFile(atPath: b) else {
            throw XCTSkip("keywizard binary not found at \(b)")
        }
        return sh([b] + args, env: ["XDG_STATE_HOME": dir + "/state", "LANG": "C.UTF-8"], timeout: timeout)
    }

    static let playbook = """
        id: inj
        title: Injection
        version: "1"
        symptom: s
        facts: [{id: pool, type: string}]
        steps:
          - {id: pool, prompt: "Pool?", input: text, sets: pool}
        rules: [{id: r, when: "exists(pool)", then: {conclude: [d]}}]
        diagnoses:
          - id: d
            title: D
            severity: low
            summary: "Pool {pool}"
            remediation:
              - text: "Set the profile of {pool}"
                command: '%windir%\\system32\\inetsrv\\appcmd set apppool "{pool}" /processModel.loadUserProfile:true'

        """

    func testDiagnoseRefusesOversizedEvidenceInOneLine() throws {
        let big = dir + "/big.txt"
        XCTAssertTrue(FileManager.default.createFile(atPath: big, contents: nil))
        XCTAssertEqual(truncate(big, 50 * 1_048_576), 0)
        let r = try kw(
            ["diagnose", "--playbooks", TestPaths.repoRoot.appendingPathComponent("Playbooks").path, big], timeout: 20)
        XCTAssertEqual(r.status, 1, r.output)
        XCTAssertTrue(r.output.contains("too large") && r.output.contains("16 MB"), r.output)
        XCTAssertEqual(r.output.split(separator: "\n").count, 1, r.output)
    }

    func testEscapesNeverReachTheTerminal() throws {
        let esc = "\u{1B}]2;owned\u{07}\u{1B}]52;c;Y2FsYw==\u{07}\u{1B}[2J"
        try Self.playbook.write(toFile: dir + "/pb/inj.yaml", atomically: true, encoding: .utf8)
        try "pool: \"Shop\\e]2;owned\\a\"\n".write(toFile: dir + "/answers.yaml", atomically: true, encoding: .utf8)
        let sessions = dir + "/state/keywizard/sessions"
        let session = sessions + "/20260101T000000Z-inj.jsonl"
        var outputs: [String: String] = [:]
        let d = try kw([
            "diagnose", "--playbooks", dir + "/pb", "--playbook", "inj", "--answers", dir + "/answers.yaml", "--host",
            "WEB" + esc, "--save", session
        ])
        XCTAssertEqual(d.status, 0, d.output)
        outputs["diagnose"] = d.output
        outputs["sessions"] = try kw(["sessions"]).output
        outputs["sessions-json"] = try kw(["sessions", "--format", "json"]).output
        for f in ["text", "markdown", "html", "json"] {
            outputs["checklist-\(f)"] = try kw(["checklist", "--playbooks", dir + "/pb", session, "--format", f]).output
        }
        outputs["replay"] = try kw(["replay", "--playbooks", dir + "/pb", session]).output
        outputs["missing-file"] = try kw(["diagnose", "--playbooks", dir + "/pb", dir + "/no" + esc + ".txt"]).output
        outputs["bad-format"] = try kw(["checklist", "--format", "x" + esc]).output
        for (name, out) in outputs {
            XCTAssertFalse(
                out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(name): \(out.debugDescription)"
            )
        }
        XCTAssertTrue(
            outputs["sessions"]!.contains("WEB") && outputs["sessions"]!.contains("]2;owned"), outputs["sessions"]!)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(outputs["checklist-json"]!.utf8)))
    }

    func testInjectedPoolNameIsNotARunnableCommand() throws {
        try Self.playbook.write(toFile: dir + "/pb/inj.yaml", atomically: true, encoding: .utf8)
        try "pool: 'Shop\" & calc.exe & \"'\n".write(toFile: dir + "/answers.yaml", atomically: true, encoding: .utf8)
        for format in ["text", "markdown", "json"] {
            let d = try kw([
                "diagnose", "--playbooks", dir + "/pb", "--playbook", "inj", "--answers", dir + "/answers.yaml",
                "--format", format
            ])
            XCTAssertEqual(d.status, 0, d.output)
            for line in d.output.components(separatedBy: "\n") where line.contains("appcmd") {
                XCTAssertFalse(line.contains("& calc.exe &"), line)
            }
            XCTAssertTrue(d.output.contains("not inserted"), d.output)
        }
    }

    /// Finding 7: `decode KEY` and `identify KEY` echoed the key in their refusal.
    func testDecodeAndIdentifyRefuseKeysWithoutEchoing() throws {
        let key = String((0..<64).map { String(format: "%02X", ($0 * 37 + 11) % 256) }.joined())
        for args in [
            ["decode", key], ["identify", key + "_5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"],
            ["identify", "--machine-guid", key, "x"]
        ] {
            let r = try kw(args)
            XCTAssertEqual(r.status, 1, r.output)
            XCTAssertFalse(r.output.contains(String(key.prefix(16))), r.output)
            XCTAssertTrue(r.output.contains("machine-key material"), r.output)
        }
    }

    /// Finding 8: an unsafe session folder was used without a word, and a journal that could
    /// not be created let the interview run on (exit 0, answers lost).
    func testRunRefusesUnsafeSessionFolderBeforeTheFirstQuestion() throws {
        let sessions = dir + "/state/keywizard/sessions"
        try FileManager.default.createDirectory(atPath: sessions, withIntermediateDirectories: true)
        chmod(sessions, 0o777)
        let r = try kw([
            "run", "--plain", "--playbooks", TestPaths.repoRoot.appendingPathComponent("Playbooks").path, "--playbook",
            "aspnet-autogen-keys"
        ])
        XCTAssertNotEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.contains("other users can write"), r.output)
        XCTAssertFalse(r.output.contains("?"), "no question was asked: \(r.output)")
    }

    /// Finding 8: `checklist -o` renamed over a FIFO; `-` is standard output.
    func testChecklistOutputRefusesFIFO() throws {
        try Self.playbook.write(toFile: dir + "/pb/inj.yaml", atomically: true, encoding: .utf8)
        try "pool: Shop\n".write(toFile: dir + "/answers.yaml", atomically: true, encoding: .utf8)
        XCTAssertEqual(
            try kw([
                "diagnose", "--playbooks", dir + "/pb", "--playbook", "inj", "--answers", dir + "/answers.yaml",
                "--save", dir + "/s.jsonl"
            ]).status, 0)
        let fifo = dir + "/fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let r = try kw(["checklist", "--playbooks", dir + "/pb", dir + "/s.jsonl", "-o", fifo])
        XCTAssertEqual(r.status, 1, r.output)
        XCTAssertTrue(r.output.contains("FIFO"), r.output)
        var st = stat()
        lstat(fifo, &st)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFIFO)
        let dash = try kw(["checklist", "--playbooks", dir + "/pb", dir + "/s.jsonl", "-o", "-"])
        XCTAssertEqual(dash.status, 0, dash.output)
        XCTAssertTrue(dash.output.contains("Remediation checklist"), dash.output)
    }
}
