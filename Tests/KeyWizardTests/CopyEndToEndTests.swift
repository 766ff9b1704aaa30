import DiagnosticRules
import Foundation
import KeyWizardUI
import XCTest

/// Every command copies whole: the real binary in tmux at 80x24, its output recorded by
/// `script` so the OSC 52 bytes on the wire can be read back.
final class CopyEndToEndTests: XCTestCase {
    var dir = ""

    override func setUp() {
        dir = NSTemporaryDirectory() + "kw-copy-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    static let playbooks = TestPaths.repoRoot.appendingPathComponent("Playbooks")

    /// The OSC 52 payloads in a byte stream (plain, or inside tmux passthrough with its
    /// ESCs doubled: the `]52;c;...BEL` part is the same).
    static func osc52Payloads(_ data: Data) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        guard let re = try? NSRegularExpression(pattern: "\\]52;c;([A-Za-z0-9+/=]*)\u{07}") else { return [] }
        return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { m in
            Range(m.range(at: 1), in: text).flatMap { Data(base64Encoded: String(text[$0])) }.map {
                String(decoding: $0, as: UTF8.self)
            }
        }
    }

    /// The finished shipped cases, each as a saved session and its result's commands.
    func finishedCases() throws -> [(name: String, session: String, commands: [String])] {
        let lib = PlaybookLibrary.load(directory: Self.playbooks)
        let runner = CaseRunner(library: lib)
        var out: [(String, String, [String])] = []
        for url in PlaybookCase.caseFiles(in: Self.playbooks.appendingPathComponent("tests")) {
            guard case .success(let c) = PlaybookCase.load(url), let p = lib.playbook(c.playbookId),
                let conclusion = runner.run(c).conclusion, conclusion.finished
            else { continue }
            let answers = p.steps.compactMap { conclusion.answers[$0.id] }
            let file = dir + "/\(p.id)-\(c.name).jsonl"
            try SessionFile.write(
                answers: answers, playbook: p, conclusion: conclusion, hostLabel: nil, to: URL(fileURLWithPath: file))
            let doc = Checklist(conclusion: conclusion, context: ChecklistContext(hostLabel: nil, date: Date()))
            out.append(("\(p.id)/\(c.name)", file, ResultText.commands(of: doc)))
        }
        return out
    }

    func testEveryResultCommandCopiesWholeByKeyAndByCopyView() throws {
        let tmux = try requireTool("tmux")
        let script = try requireTool("script")
        let kw = TestPaths.binary.path
        guard FileManager.default.isExecutableFile(atPath: kw) else { throw XCTSkip("keywizard binary not built") }
        let cases = try finishedCases()
        XCTAssertGreaterThanOrEqual(cases.count, 10)
        var checked = 0
        for (i, c) in cases.enumerated() where !c.commands.isEmpty {
            let log = dir + "/pty-\(i).log"
            let inner = "\(kw) replay \(c.session) --tui --delay 0 --playbooks \(Self.playbooks.path)"
            let t = try TmuxSession(
                tmux: tmux, width: 80, height: 24, command: "\(script) -qfec '\(inner)' \(log)",
                env: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "XDG_STATE_HOME": dir])
            defer { t.kill() }
            t.waitFor("Replay finished")
            // The copy key: c copies the selected command, n selects the next.
            var keys: [String] = []
            for k in c.commands.indices { keys += k == 0 ? ["c"] : ["n", "c"] }
            t.send(keys)
            t.waitFor("Copied command \(c.commands.count) of \(c.commands.count)")
            let raw = (try? Data(contentsOf: URL(fileURLWithPath: log))) ?? Data()
            // Inside tmux each copy is sent plain and wrapped for passthrough: the same text twice.
            XCTAssertTrue(
                String(decoding: raw, as: UTF8.self).contains("\u{1B}Ptmux;\u{1B}\u{1B}]52;c;"),
                "\(c.name): no tmux passthrough form")
            let payloads = Self.osc52Payloads(raw)
            XCTAssertEqual(
                stride(from: 0, to: payloads.count, by: 2).map { payloads[$0] }, c.commands,
                "\(c.name): OSC 52 payloads")
            XCTAssertEqual(
                stride(from: 1, to: payloads.count, by: 2).map { payloads[$0] }, c.commands,
                "\(c.name): passthrough payloads")
            // The copy view: each command one unbroken logical line.
            t.send("v")
            t.waitFor("Press Enter to return")
            let lines = Set(
                t.captureAll().components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
            for cmd in c.commands {
                XCTAssertTrue(lines.contains(cmd), "\(c.name): copy view lacks the whole line \(cmd)")
            }
            t.send("Enter")
            t.waitFor("[q] Quit")
            // Quit properly: `script` does not pass tmux's hangup on to the wizard.
            t.send("q")
            t.waitFor("Quit KeyWizard?")
            t.send("y")
            t.waitFor("EXITED")
            checked += c.commands.count
        }
        XCTAssertGreaterThan(checked, 20)
    }

    /// Two Enters 0 ms apart never answer two questions, and a bare Enter on a question
    /// with no safe default (the GUID history) answers nothing and says why.
    func testHabitualEnterAnswersNothing() throws {
        let tmux = try requireTool("tmux")
        let kw = TestPaths.binary.path
        guard FileManager.default.isExecutableFile(atPath: kw) else { throw XCTSkip("keywizard binary not built") }
        let evidence = Self.playbooks.appendingPathComponent("tests/iis-admin-machineguid/evidence")
        func text(_ name: String) -> String {
            String(decoding: (try? Data(contentsOf: evidence.appendingPathComponent(name))) ?? Data(), as: UTF8.self)
                .replacingOccurrences(of: "\r\n", with: "\n")
        }
        let t = try TmuxSession(
            tmux: tmux, width: 80, height: 24,
            command: "\(kw) run --playbook iis-admin-machineguid --playbooks \(Self.playbooks.path)",
            env: ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "XDG_STATE_HOME": dir])
        defer { t.kill() }
        t.waitFor("Which Windows Server")
        t.send("8")
        t.send("Enter")
        t.waitFor("What do you see")
        t.send("1")
        t.send("Enter")
        t.waitFor("Paste the newest event 7024")
        for (name, next) in [
            ("event-7024.txt", "Paste the output of the MachineGuid query"),
            ("machineguid.txt", "Paste a listing of the RSA MachineKeys"), ("machinekeys-old-guid.txt", "")
        ] {
            t.paste(text(name))
            t.waitFor("Ctrl-D when done")
            t.send("C-d")
            t.waitFor("Enter accept this answer")
            if next.isEmpty {
                // Accept the last paste with two Enters at once: the second must not answer
                // the question that appears.
                t.send(["Enter", "Enter"])
            } else {
                t.send("Enter")
                t.waitFor(next)
            }
        }
        t.waitFor("What happened to this server")
        usleep(300_000)
        func journal() -> String {
            let d = dir + "/keywizard/sessions"
            return ((try? FileManager.default.contentsOfDirectory(atPath: d)) ?? []).compactMap {
                try? String(contentsOfFile: d + "/" + $0, encoding: .utf8)
            }.joined()
        }
        XCTAssertFalse(journal().contains("\"step\":\"guid_history\""), journal())
        t.send("Enter")
        let screen = t.waitFor("Nothing is chosen yet")
        XCTAssertTrue(screen.contains("What happened to this server"), screen)
        XCTAssertFalse(journal().contains("\"step\":\"guid_history\""), "bare Enter recorded a history choice")
        t.send("C-c")
        t.waitFor("Quit KeyWizard?")
        t.send("y")
        t.waitFor("EXITED")
    }
}
