import DiagnosticRules
import Foundation
import XCTest

/// /proc lookup: the first descendant of `pid` whose command is `name`.
func descendant(of pid: Int32, named name: String) -> Int32? {
    var queue = [pid]
    while !queue.isEmpty {
        let p = queue.removeFirst()
        let children = (try? String(contentsOfFile: "/proc/\(p)/task/\(p)/children", encoding: .utf8)) ?? ""
        for c in children.split(separator: " ").compactMap({ Int32($0) }) {
            let comm = (try? String(contentsOfFile: "/proc/\(c)/comm", encoding: .utf8))?.trimmingCharacters(
                in: .whitespacesAndNewlines)
            if comm == name { return c }
            queue.append(c)
        }
    }
    return nil
}

/// The real binary in a real terminal (tmux), driven with keys and pastes.
final class EndToEndTests: XCTestCase {
    var stateDir = ""

    override func setUp() {
        stateDir = NSTemporaryDirectory() + "kw-e2e-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: stateDir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: stateDir) }

    func binary() throws -> String {
        let b = TestPaths.binary.path
        guard FileManager.default.isExecutableFile(atPath: b) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("keywizard binary not found at \(b)") }
            throw XCTSkip("keywizard binary not found at \(b); run swift build first")
        }
        return b
    }

    var env: [String: String] { ["XDG_STATE_HOME": stateDir, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"] }

    func journal() -> String {
        let dir = stateDir + "/keywizard/sessions"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return files.compactMap { try? String(contentsOfFile: dir + "/" + $0, encoding: .utf8) }.joined()
    }

    func testFullScreenSessionThroughTmux() throws {
        let tmux = try requireTool("tmux")
        let kw = try binary()
        let t = try TmuxSession(
            tmux: tmux, width: 80, height: 24,
            command: "\(kw) --playbooks \(TestPaths.fixturePlaybooks.path)", env: env)
        defer { t.kill() }
        t.waitFor("What is the symptom?")
        t.send("Enter")
        t.waitFor("Paste the newest event 7024")
        XCTAssertTrue(t.capture().contains("question 1, about 1 left"))

        // Help and why overlays.
        t.send("F1")
        t.waitFor("Command to run on the server (F5 copies it")
        t.send("Escape")
        t.send("F2")
        t.waitFor("Why is this asked?")
        t.send("Escape")

        // A bracketed paste of a multi-line event is one answer, previewed before it counts.
        t.paste(TestPaths.eventWithoutErrorNumber())
        t.waitFor("line(s); Ctrl-D when done")
        t.send("C-d")
        // Wait for the fields, not just the title: the frame can be captured mid-redraw.
        let preview = t.waitFor("service_name = IIS Admin Service")
        XCTAssertTrue(preview.contains("Recognised: event-text"), preview)
        t.send("Enter")
        t.waitFor("What service-specific error")

        // Typing, then resizing mid-question keeps the input.
        t.sendLiteral("0x8009")
        t.waitFor("> 0x8009")
        t.resize(width: 120, height: 40)
        let wide = t.waitFor("│ service_name = IIS Admin")
        XCTAssertTrue(wide.contains("> 0x8009"), wide)
        t.resize(width: 30, height: 10)
        t.waitFor("Terminal too small")
        t.resize(width: 80, height: 24)
        t.waitFor("> 0x8009")
        t.sendLiteral("0006")
        t.send("Enter")
        t.waitFor("Paste the output of the MachineGuid query")
        XCTAssertTrue(journal().contains("\"step\":\"error_code\""), journal())

        // Back (Esc on the empty paste box) re-asks with the answer pre-filled.
        t.send("Escape")
        t.waitFor("> 2148073478")
        t.send("Enter")
        t.waitFor("Paste the output of the MachineGuid query")

        // The SSH connection drops: SIGHUP. The journal is on disk and the terminal restored.
        guard let pane = t.panePID(), let pid = descendant(of: pane, named: "keywizard") else {
            return XCTFail("keywizard process not found")
        }
        kill(pid, SIGHUP)
        t.waitFor("EXITED 129")
        let alt = sh([tmux, "-S", t.socket, "display-message", "-p", "-t", t.name, "#{alternate_on}"]).output
        XCTAssertEqual(alt.trimmingCharacters(in: .whitespacesAndNewlines), "0", "still in the alternate screen")
        let j = journal()
        XCTAssertTrue(j.contains("\"type\":\"header\""), j)
        XCTAssertTrue(j.contains("\"integer\":2148073478"), j)
        XCTAssertTrue(j.contains("\"step\":\"event\""), j)
    }

    /// A crash (here a SIGSEGV from outside) still hands the operator back a usable terminal:
    /// cooked mode with echo, normal screen.
    func testCrashRestoresTheTerminal() throws {
        let tmux = try requireTool("tmux")
        let kw = try binary()
        let check =
            "echo CRASHED $? TTY $(stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | tr '\\n' ' ')END"
        let t = try TmuxSession(
            tmux: tmux, width: 80, height: 24,
            command: "\(kw) --playbooks \(TestPaths.fixturePlaybooks.path); \(check)", env: env)
        defer { t.kill() }
        t.waitFor("What is the symptom?")
        guard let pane = t.panePID(), let pid = descendant(of: pane, named: "keywizard") else {
            return XCTFail("keywizard process not found")
        }
        kill(pid, SIGSEGV)
        let screen = t.waitFor("END")
        XCTAssertTrue(screen.contains("CRASHED 139 TTY icanon echo END"), screen)
        let alt = sh([tmux, "-S", t.socket, "display-message", "-p", "-t", t.name, "#{alternate_on}"]).output
        XCTAssertEqual(alt.trimmingCharacters(in: .whitespacesAndNewlines), "0", "still in the alternate screen")
    }

    func testQuitAsksForConfirmationAndMonochromeASCII() throws {
        let tmux = try requireTool("tmux")
        let kw = try binary()
        var e = env
        e["LANG"] = "C"
        e["LC_ALL"] = "C"
        e["NO_COLOR"] = "1"
        let t = try TmuxSession(
            tmux: tmux, width: 80, height: 24,
            command: "\(kw) run --playbook iis-admin-machineguid --playbooks \(TestPaths.fixturePlaybooks.path)", env: e
        )
        defer { t.kill() }
        let screen = t.waitFor("Paste the newest event")
        XCTAssertTrue(screen.contains("+- paste here"), "ASCII box expected:\n\(screen)")
        t.send("C-c")
        t.waitFor("Quit KeyWizard?")
        t.send("n")
        t.send("F10")
        t.waitFor("Quit KeyWizard?")
        t.send("y")
        t.waitFor("EXITED 0")
        XCTAssertTrue(t.capture().contains("session kept in"))
    }

    func testNotATerminal() throws {
        let kw = try binary()
        let r = sh(
            [kw, "run", "--playbooks", TestPaths.fixturePlaybooks.path], env: env.merging(["TERM": "xterm"]) { $1 })
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.output.contains("keywizard run --plain"), r.output)
        XCTAssertTrue(r.output.contains("keywizard replay"), r.output)
        XCTAssertEqual(r.output.split(separator: "\n").count, 1, r.output)
    }

    func testPlainModeThroughPipes() throws {
        let kw = try binary()
        let event = TestPaths.eventWithoutErrorNumber()
        let input =
            ["1", "why", event, ".", "y", "back", "help", event, ".", "y", "0x80090006", "quit"].joined(separator: "\n")
            + "\n"
        let r = sh([kw, "run", "--plain", "--playbooks", TestPaths.fixturePlaybooks.path], env: env, input: input)
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.contains("  1) IIS Admin Service will not start"), r.output)
        XCTAssertTrue(r.output.contains("Run on the server:\n  wevtutil qe System"), r.output)
        XCTAssertTrue(r.output.contains("Recognised (event-text)"), r.output)
        XCTAssertTrue(r.output.contains("(current answer: event 7024"), r.output)
        XCTAssertTrue(r.output.contains("Paste the output of the MachineGuid query"), r.output)
        XCTAssertTrue(journal().contains("\"step\":\"error_code\""))
    }
}

extension EndToEndTests {
    /// Plain mode: a number out of range names the range shown; after `back` the current
    /// answer is printed under its own question only.
    func testPlainModeRangesAndBack() throws {
        let kw = try binary()
        let playbooks = TestPaths.repoRoot.appendingPathComponent("Playbooks").path
        let r = sh(
            [kw, "run", "--plain", "--playbook", "aspnet-autogen-keys", "--playbooks", playbooks], env: env,
            input: "8\n0\n1\nD:\\sites\\shop\nunknown\nback\nquit\n")
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.contains("Choose 1-5 (? for help):\nType a number from 1 to 5."), r.output)
        let blocks = r.output.components(separatedBy: "\n[")
        let last = try XCTUnwrap(blocks.last)
        XCTAssertTrue(last.contains("Paste the application's web.config"), last)
        XCTAssertTrue(last.contains("(current answer: don't know)"), last)
        XCTAssertEqual(r.output.components(separatedBy: "(current answer:").count, 2, r.output)
    }

    /// Pasted output is kept in the journal only with --keep-evidence-text.
    func testPastedTextIsKeptOnlyWhenAskedFor() throws {
        let kw = try binary()
        let playbooks = TestPaths.fixturePlaybooks.path
        let event = TestPaths.eventWithoutErrorNumber()
        let input = ["1", event, ".", "y", "quit"].joined(separator: "\n") + "\n"
        XCTAssertEqual(
            sh(
                [kw, "run", "--plain", "--playbooks", playbooks, "--session", stateDir + "/plain.jsonl"], env: env,
                input: input
            ).status, 0)
        XCTAssertEqual(
            sh(
                [
                    kw, "run", "--plain", "--keep-evidence-text", "--host", "WEB01", "--playbooks", playbooks,
                    "--session", stateDir + "/kept.jsonl"
                ],
                env: env, input: input
            ).status, 0)
        let plain = try String(contentsOfFile: stateDir + "/plain.jsonl", encoding: .utf8)
        let kept = try String(contentsOfFile: stateDir + "/kept.jsonl", encoding: .utf8)
        XCTAssertTrue(plain.contains("\"step\":\"event\""), plain)
        XCTAssertFalse(plain.contains("\"raw\":"), plain)
        XCTAssertTrue(kept.contains("\"raw\":\"Event[0]:"), kept)
        let loaded = try SessionFile.load(URL(fileURLWithPath: stateDir + "/kept.jsonl"))
        XCTAssertEqual(loaded.answers.map(\.step), ["event"])
        XCTAssertEqual(loaded.header.hostLabel, "WEB01")
    }

    /// "save FILE" on the result writes a real session file: replay and checklist read it.
    func testSavedSessionIsReplayable() throws {
        let kw = try binary()
        let playbooks = TestPaths.fixturePlaybooks.path
        let file = stateDir + "/saved.jsonl"
        let listing = TestPaths.evidenceText("machinekeys-dir.txt")
        let input =
            [
                "1", "unknown", "0x80090006", "unknown", "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4", listing, ".", "y",
                "save \(file)", "quit"
            ].joined(separator: "\n") + "\n"
        let r = sh([kw, "run", "--plain", "--playbooks", playbooks], env: env, input: input)
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.contains("Session saved to \(file)"), r.output)
        // Commands stay whole on one line in plain mode, however long.
        XCTAssertTrue(
            r.output.contains(
                "reg query \"HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer\\Shell Folders\" /v \"Common AppData\"\n"
            ), r.output)
        let loaded = try SessionFile.load(URL(fileURLWithPath: file))
        XCTAssertEqual(
            loaded.answers.map(\.step), ["event", "error_code", "machine_guid_reg", "machine_guid", "machinekeys"])
        XCTAssertTrue(loaded.damage.isEmpty)
        let replay = sh([kw, "replay", file, "--playbooks", playbooks], env: env, input: "")
        XCTAssertEqual(replay.status, 0, replay.output)
        XCTAssertTrue(replay.output.contains("same conclusion as recorded"), replay.output)
        let checklist = sh([kw, "checklist", file, "--playbooks", playbooks], env: env, input: "")
        XCTAssertEqual(checklist.status, 0, checklist.output)
        XCTAssertTrue(checklist.output.contains("[ ]"), checklist.output)
    }

    /// `replay SESSION --tui` plays the answers back on screen and ends on the result.
    func testReplayOnScreen() throws {
        let tmux = try requireTool("tmux")
        let kw = try binary()
        let playbooks = TestPaths.fixturePlaybooks.path
        let file = stateDir + "/diagnosed.jsonl"
        let evidence = stateDir + "/listing.txt"
        try TestPaths.evidenceText("machinekeys-dir.txt").write(toFile: evidence, atomically: true, encoding: .utf8)
        let answers = stateDir + "/answers.yaml"
        try "error_code: 0x80090006\nmachine_guid: 5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4\n".write(
            toFile: answers, atomically: true, encoding: .utf8)
        let d = sh(
            [
                kw, "diagnose", "--playbooks", playbooks, "--playbook", "iis-admin-machineguid", "--answers", answers,
                "--save", file, evidence
            ], env: env, input: "")
        XCTAssertEqual(d.status, 0, d.output)
        let t = try TmuxSession(
            tmux: tmux, width: 80, height: 24,
            command: "\(kw) replay \(file) --tui --delay 50 --playbooks \(playbooks)", env: env)
        defer { t.kill() }
        t.waitFor("Replay finished")
        XCTAssertTrue(t.capture().contains("Diagnosis: The IIS metabase key container file is missing"), t.capture())
        // A checklist to a folder that does not exist: one plain line, no Foundation dump.
        t.sendLiteral("t")
        t.waitFor("Write the checklist (text) to")
        t.send("C-u")
        t.sendLiteral("/nonexistent-kw/x.txt")
        t.send("Enter")
        let screen = t.waitFor("Cannot write /nonexistent-kw/x.txt: the folder /nonexistent-kw does not")
        XCTAssertFalse(screen.contains("NSCocoaErrorDomain"), screen)
        t.sendLiteral("q")
        t.waitFor("Quit KeyWizard?")
        t.sendLiteral("y")
        let sessions = (try? FileManager.default.contentsOfDirectory(atPath: stateDir + "/keywizard/sessions")) ?? []
        XCTAssertEqual(sessions, [], "a replay must not create a session")
    }

    /// Quit mid-interview, then `keywizard resume` continues at the first unanswered question
    /// and appends to the same journal.
    func testResumeContinuesTheLatestUnfinishedSession() throws {
        let kw = try binary()
        let playbooks = TestPaths.fixturePlaybooks.path
        let first = sh([kw, "run", "--plain", "--playbooks", playbooks], env: env, input: "1\nunknown\nquit\n")
        XCTAssertEqual(first.status, 0, first.output)
        let second = sh([kw, "resume", "--plain", "--playbooks", playbooks], env: env, input: "0x80090006\nquit\n")
        XCTAssertEqual(second.status, 0, second.output)
        XCTAssertTrue(second.output.contains("What service-specific error"), second.output)
        XCTAssertFalse(second.output.contains("Paste the newest event"), second.output)
        let dir = stateDir + "/keywizard/sessions"
        XCTAssertEqual(((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).count, 1)
        XCTAssertTrue(journal().contains("\"integer\":2148073478"), journal())
    }

    func testResumeThroughTmuxFullScreen() throws {
        let tmux = try requireTool("tmux")
        let kw = try binary()
        let playbooks = TestPaths.fixturePlaybooks.path
        XCTAssertEqual(
            sh([kw, "run", "--plain", "--playbooks", playbooks], env: env, input: "1\nunknown\nquit\n").status, 0)
        let t = try TmuxSession(
            tmux: tmux, width: 80, height: 24, command: "\(kw) resume --playbooks \(playbooks)", env: env)
        defer { t.kill() }
        t.waitFor("What service-specific error")
        t.sendLiteral("5")
        t.send("Enter")
        t.waitFor("Paste the output of the MachineGuid query")
        t.send("F10")
        t.waitFor("Quit KeyWizard?")
        t.send("y")
        t.waitFor("EXITED 0")
        XCTAssertTrue(journal().contains("\"integer\":5"), journal())
    }
}

extension EndToEndTests {
    /// The blog's incident on Server 2003 in plain mode: every command shown (questions and
    /// result) is a 2003 command with the 2003 path, quoted; the braced MachineGuid is a GUID
    /// change, never a corrupt key.
    func testPlainModeOn2003ShowsOnly2003Commands() throws {
        let kw = try binary()
        let playbooks = TestPaths.repoRoot.appendingPathComponent("Playbooks").path
        let listing = try String(
            contentsOf: TestPaths.repoRoot.appendingPathComponent(
                "Playbooks/tests/iis-admin-machineguid/evidence/2003/machinekeys-old-guid.txt"), encoding: .utf8)
        let input =
            [
                "2", "1", "unknown", "0x80090006", "unknown", "{0B8E2F4C-7A1D-4E55-8C3B-9F6A2D1E7C40}",
                listing, ".", "y", "3", "quit"
            ].joined(separator: "\n") + "\n"
        let r = sh(
            [kw, "run", "--plain", "--playbook", "iis-admin-machineguid", "--playbooks", playbooks], env: env,
            input: input)
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.contains("cscript //nologo %windir%\\system32\\eventquery.vbs /l system"), r.output)
        XCTAssertTrue(
            r.output.contains(#"dir /a "%ALLUSERSPROFILE%\Application Data\Microsoft\Crypto\RSA\MachineKeys""#),
            r.output)
        XCTAssertTrue(
            r.output.contains(
                #"xcopy "C:\Documents and Settings\All Users\Application Data\Microsoft\Crypto\RSA\MachineKeys" C:\keywizard-backup\MachineKeys\ /E /H /K /O /X /I"#
            ), r.output)
        XCTAssertTrue(r.output.contains("MachineGuid changed after the IIS key containers were created"), r.output)
        XCTAssertFalse(r.output.contains("cannot be read"), "never key-file-corrupt")
        for bad in ["wevtutil", "robocopy", "icacls", "/reg:64", "ProgramData", "appcmd"] {
            XCTAssertFalse(r.output.contains(bad), "\(bad) shown on 2003:\n\(r.output)")
        }
    }

    /// Plain mode: `?` is help as the prompt says; `Accept? [Y/n]` takes only y/yes/n/no or
    /// an empty line; a lone `.` ends even an empty paste; a bad checklist path is one line;
    /// checklists carry --host and CRLF on request.
    func testPlainModePromptsPastesAndChecklists() throws {
        let kw = try binary()
        let checklist = stateDir + "/c.txt"
        let input =
            [
                "1", "?", ".", TestPaths.evidenceText("event-7024-text.txt"), ".", "maybe", "y", "0x80090006",
                TestPaths.evidenceText("reg-query-machineguid.txt"), ".", "y",
                TestPaths.evidenceText("machinekeys-dir.txt"), ".", "",
                "checklist /nonexistent-kw/x.txt", "checklist \(checklist)", "quit"
            ].joined(separator: "\n") + "\n"
        let r = sh(
            [kw, "run", "--plain", "--host", "WEB01", "--crlf", "--playbooks", TestPaths.fixturePlaybooks.path],
            env: env, input: input)
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.contains("(? for help"), r.output)
        XCTAssertTrue(r.output.contains("Accepted: the whole command output"), "? shows help: \(r.output)")
        XCTAssertTrue(
            r.output.contains("Not accepted: paste the command output"), "a lone . is an empty paste: \(r.output)")
        XCTAssertTrue(r.output.contains("Type y (accept) or n (paste again)."), "maybe is not yes: \(r.output)")
        XCTAssertTrue(
            r.output.contains("error: Cannot write /nonexistent-kw/x.txt: the folder /nonexistent-kw does not exist"),
            r.output)
        XCTAssertFalse(r.output.contains("NSCocoaErrorDomain"), r.output)
        let data = try Data(contentsOf: URL(fileURLWithPath: checklist))
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("WEB01"), text)
        XCTAssertTrue(text.contains("\r\n"), "CRLF on request")
        XCTAssertFalse(text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line end is CRLF")
    }

    /// Input that ends before the last question exits 2, so a script notices.
    func testPlainModeExitsTwoWhenInputEndsEarly() throws {
        let kw = try binary()
        let r = sh([kw, "run", "--plain", "--playbooks", TestPaths.fixturePlaybooks.path], env: env, input: "1\n")
        XCTAssertEqual(r.status, 2, r.output)
        XCTAssertTrue(r.output.contains("Input ended before the last question"), r.output)
    }
}
