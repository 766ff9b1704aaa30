import DiagnosticRules
import Foundation
import XCTest

@testable import KeyWizardUI

/// Issue 15, finding 1, end to end: a 10,000-rule chain crashed `diagnose`, `checklist`
/// and `replay` (SIGSEGV in the explanation recursion). The real binary runs each, and the
/// TUI renders its "how" overlay, without a crash.
final class LongChainCommandTests: XCTestCase {
    static func chainYAML(_ n: Int) -> String {
        var s = "id: chain\ntitle: Chain\nversion: \"1\"\nsymptom: s\nfacts:\n  - {id: x, type: integer}\n"
        for i in 0..<n { s += "  - {id: f\(i), type: boolean}\n" }
        s += "steps:\n  - {id: x, prompt: 'x?', input: integer, sets: x}\nrules:\n"
        for i in stride(from: n - 1, through: 0, by: -1) {
            let when = i == 0 ? "x == 1" : "f\(i - 1) == true and x > 0"
            s +=
                "  - {id: r\(i), when: '\(when)', then: {set: {f\(i): 'true'}\(i == n - 1 ? ", conclude: [done]" : "")}}\n"
        }
        s += "diagnoses:\n  - {id: done, title: Done, severity: low, summary: done}\n"
        return s
    }

    func testTenThousandRuleChainEveryCommand() throws {
        let b = TestPaths.binary.path
        guard FileManager.default.isExecutableFile(atPath: b) else {
            throw XCTSkip("keywizard binary not found at \(b)")
        }
        let dir = NSTemporaryDirectory() + "kw-chain-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir + "/pb", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Self.chainYAML(10_000).write(toFile: dir + "/pb/chain.yaml", atomically: true, encoding: .utf8)
        try "x: 1\n".write(toFile: dir + "/answers.yaml", atomically: true, encoding: .utf8)
        let env = ["XDG_STATE_HOME": dir, "LANG": "C.UTF-8"]
        func run(_ args: String...) -> (status: Int32, output: String) {
            sh([b] + args, env: env, timeout: 120)
        }
        let diagnose = run(
            "diagnose", "--playbooks", dir + "/pb", "--playbook", "chain", "--answers", dir + "/answers.yaml", "--save",
            dir + "/s.jsonl")
        XCTAssertEqual(diagnose.status, 0, String(diagnose.output.suffix(500)))
        XCTAssertTrue(diagnose.output.contains("Done"), String(diagnose.output.prefix(500)))
        for format in ["text", "markdown", "html", "json"] {
            let checklist = run("checklist", "--playbooks", dir + "/pb", dir + "/s.jsonl", "--format", format)
            XCTAssertEqual(checklist.status, 0, "\(format): " + String(checklist.output.suffix(500)))
        }
        let replay = run("replay", "--playbooks", dir + "/pb", dir + "/s.jsonl")
        XCTAssertEqual(replay.status, 0, String(replay.output.suffix(500)))

        // The TUI: answer, then open the "how was this concluded?" overlay and draw it.
        let p = try XCTUnwrap(PlaybookLoader.load(text: Self.chainYAML(10_000), file: "chain.yaml").playbook)
        let app = WizardApp(playbooks: [p], start: p, answers: [Answer(step: "x", value: .value(.integer(1)))])
        app.showHow()
        let canvas = GridCanvas(rows: 24, cols: 80, unicode: true)
        app.render(on: canvas)
        XCTAssertTrue(canvas.render().contains("How was this concluded?"))
    }
}
