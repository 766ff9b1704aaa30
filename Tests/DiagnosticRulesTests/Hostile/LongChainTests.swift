import XCTest

@testable import DiagnosticRules

/// Issue 15, finding 1: a playbook whose rules form a chain of about 1,500 or more crashed
/// `diagnose`, `checklist` and `replay` with SIGSEGV (recursion in `Explainer.howRule` /
/// `howFact`). Every pass over rules and facts is now iterative; this runs each report
/// (what those commands print) on a 10,000-rule chain.
final class LongChainTests: XCTestCase {
    /// Rule i sets f_i when f_{i-1} holds, written in reverse order (as the benchmark's chain).
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

    func testTenThousandRuleChainExplainsAndReports() throws {
        let p = try playbook(Self.chainYAML(10_000))
        XCTAssertTrue(PlaybookLinter.lint(p).allSatisfy { !$0.message.contains("loop") })
        let answers = [Answer(step: "x", value: .value(.integer(1)))]
        let c = Engine(playbook: p).evaluate(answers)
        XCTAssertEqual(c.diagnoses.map(\.diagnosis.id), ["done"])
        let ex = Explainer(c)
        let how = ex.how(diagnosis: "done")
        XCTAssertTrue(how.contains { $0.text.contains("the chain goes deeper") }, "the explanation stops with a note")
        XCTAssertLessThanOrEqual(
            how.map(\.depth).max() ?? 0, Explainer.maximumHowDepth + 4, "a condition trace adds a few levels at most")
        XCTAssertEqual(ex.evidenceChain(diagnosis: "done").count, 10_000 + 2, "every fact once, flat")
        XCTAssertFalse(ex.how(fact: "f9999").isEmpty)
        // What diagnose (text, markdown, json), checklist and replay print.
        let report = ConclusionReport(c, notes: [])
        XCTAssertFalse(report.text(width: 80).isEmpty)
        XCTAssertFalse(report.markdown().isEmpty)
        XCTAssertNoThrow(try report.json())
        let unchained = Engine(playbook: p).evaluate([Answer(step: "x", value: .value(.integer(2)))])
        XCTAssertFalse(Explainer(unchained).whyNotAll().isEmpty)
    }
}
