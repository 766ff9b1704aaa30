import XCTest

@testable import DiagnosticRules

/// Issue 15, finding 4: each catastrophic `matches` cost about 3.7 s before ICU gave up,
/// paid per rule, and the aborted match silently counted as false. Now every match has a
/// budget, running out of it is unknown (never false), and lint flags nested quantifiers.
final class RegexBudgetTests: XCTestCase {
    static func catastrophicYAML(rules n: Int) -> String {
        var s = """
            id: redos
            title: R
            version: "1"
            symptom: s
            facts: [{id: name, type: string}]
            steps: [{id: name, prompt: n, input: text, sets: name}]
            rules:

            """
        for i in 0..<n { s += "  - {id: r\(i), when: 'name matches \"^(a+)+$\"', then: {conclude: [d]}}\n" }
        s += "diagnoses: [{id: d, title: D, severity: low, summary: s}]\n"
        return s
    }

    func testCatastrophicMatchIsUnknownNotFalse() throws {
        let p = try playbook(Self.catastrophicYAML(rules: 20))
        let hostile = String(repeating: "a", count: 40) + "!"
        let c = Engine(playbook: p).evaluate([Answer(step: "name", value: .value(.string(hostile)))])
        XCTAssertTrue(c.diagnoses.isEmpty)
        let rule = try XCTUnwrap(p.rules.first)
        XCTAssertEqual(
            Evaluator { c.facts[$0]?.value }.evaluate(rule.when), .unknown, "an aborted match is unknown, never false")
        // An ordinary answer still matches or not, as before.
        let ok = Engine(playbook: p).evaluate([Answer(step: "name", value: .value(.string("aaaa")))])
        XCTAssertEqual(ok.diagnoses.map(\.diagnosis.id), ["d"])
        let no = Engine(playbook: p).evaluate([Answer(step: "name", value: .value(.string("b")))])
        XCTAssertEqual(Evaluator { no.facts[$0]?.value }.evaluate(rule.when), .value(.boolean(false)))
    }

    func testLintFlagsNestedQuantifiers() throws {
        let p = try playbook(Self.catastrophicYAML(rules: 1))
        let findings = PlaybookLinter.lint(p).map(\.message)
        XCTAssertTrue(findings.contains { $0.contains("nested quantifiers") }, "\(findings)")
        XCTAssertTrue(BoundedRegex.hasNestedQuantifier("(a+)+"))
        XCTAssertTrue(BoundedRegex.hasNestedQuantifier("^(x*y?)*$"))
        XCTAssertTrue(BoundedRegex.hasNestedQuantifier("((ab)+c)*"))
        XCTAssertFalse(BoundedRegex.hasNestedQuantifier("^S-1-5-[0-9-]+$"))
        XCTAssertFalse(BoundedRegex.hasNestedQuantifier("^/.*"))
        XCTAssertFalse(BoundedRegex.hasNestedQuantifier("(ab)+"))
        XCTAssertFalse(BoundedRegex.hasNestedQuantifier("[(a+)]+"))
        XCTAssertFalse(BoundedRegex.hasNestedQuantifier("\\(a+\\)+"))
    }

    func testPatternCheckOnAnswerIsBounded() throws {
        let p = try playbook(
            """
            id: pat
            title: P
            version: "1"
            symptom: s
            facts: [{id: name, type: string}]
            steps: [{id: name, prompt: n, input: text, sets: name, pattern: '^(a+)+$'}]
            rules: [{id: r, when: "exists(name)", then: {conclude: [d]}}]
            diagnoses: [{id: d, title: D, severity: low, summary: s}]
            """)
        let step = try XCTUnwrap(p.step("name"))
        guard case .failure = StepInput.interpret(String(repeating: "a", count: 40) + "!", for: step, in: p) else {
            return XCTFail("an answer that cannot be checked in time is refused")
        }
    }
}
