import XCTest

@testable import DiagnosticRules

/// One test per lint check, each asserting the check's severity and position, so that a
/// check that stops firing (or changes level) is noticed.
final class PlaybookLintChecksTests: XCTestCase {
    let base = """
        id: x
        title: X
        version: "1"
        symptom: s
        facts:
          - {id: machine_guid, type: guid}
          - {id: code, type: integer}
        steps:
          - {id: guid, prompt: "g?", input: guid, sets: machine_guid}
          - {id: code, prompt: "c?", input: errorcode, sets: code}
        rules:
          - id: r
            when: machine_guid == {00000000-0000-0000-0000-000000000000} and code == 5
            then: {conclude: [d]}
        diagnoses:
          - {id: d, title: D, severity: low, summary: "guid {machine_guid}"}
        """

    /// Loader and lint findings; the loader must accept the text (lint is about what loads).
    func lint(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        let r = loadPlaybook(yaml, file: "x.yaml")
        guard let p = r.playbook else {
            XCTFail("did not load: \(r.diagnostics)", file: file, line: line)
            return []
        }
        XCTAssertEqual(r.diagnostics.filter { $0.severity == .error }.map(\.description), [], file: file, line: line)
        return PlaybookLinter.lint(p).map(\.description)
    }

    func assertFinding(_ findings: [String], _ exact: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(findings.contains(exact), "expected \(exact)\nin \(findings)", file: file, line: line)
    }

    func testTheBaseIsClean() {
        XCTAssertEqual(lint(base), [])
    }

    func testAStepWhoseAskWhenReadsTheFactItSets() {
        let yaml = base.replacingOccurrences(of: "sets: code}", with: "sets: code, ask_when: \"code == 5\"}")
        assertFinding(
            lint(yaml),
            "x.yaml:10:71: error: step 'code' is asked only when code is known, but it sets that fact itself")
        // exists() reads no value: `ask_when: not exists(code)` is the usual "ask once" and is fine.
        XCTAssertEqual(
            lint(base.replacingOccurrences(of: "sets: code}", with: "sets: code, ask_when: \"not exists(code)\"}")), [])
    }

    func testAskWhenFalse() {
        let yaml = base.replacingOccurrences(of: "sets: code}", with: "sets: code, ask_when: \"false\"}")
        assertFinding(lint(yaml), "x.yaml:10:71: error: step 'code' can never be asked: ask_when is false")
        XCTAssertEqual(lint(base.replacingOccurrences(of: "sets: code}", with: "sets: code, ask_when: \"true\"}")), [])
    }

    func testUnknownParserWithSuggestion() {
        let yaml = base.replacingOccurrences(
            of: "{id: guid, prompt: \"g?\", input: guid, sets: machine_guid}",
            with: "{id: guid, prompt: \"g?\", input: paste, parser: reg-qurey, fields: {machine_guid: machine_guid}}")
        // Every step's parsers, whatever its ask_when: an unknown id is a load error at the id
        // itself, and the linter reports it the same way.
        let r = loadPlaybook(yaml, file: "x.yaml")
        XCTAssertNil(r.playbook)
        XCTAssertTrue(
            r.diagnostics.map(\.description).contains(
                "x.yaml:9:52: error: step 'guid' names unknown parser 'reg-qurey' (did you mean 'reg-query'?); `keywizard explain --parsers` lists the parsers"
            ),
            "\(r.diagnostics)")
        XCTAssertEqual(lint(yaml.replacingOccurrences(of: "reg-qurey", with: "reg-query")), [])
    }

    func testNoDiagnoses() {
        let yaml =
            base
            .replacingOccurrences(of: "    then: {conclude: [d]}", with: "    then: {set: {code: 1}}")
            .replacingOccurrences(
                of: "diagnoses:\n  - {id: d, title: D, severity: low, summary: \"guid {machine_guid}\"}",
                with: "diagnoses: []")
        assertFinding(lint(yaml), "x.yaml:1:1: error: the playbook has no diagnoses")
    }

    func testDiagnosisNeverConcluded() {
        let findings = lint(base + "\n  - {id: orphan, title: O, severity: low, summary: s}")
        assertFinding(findings, "x.yaml:17:5: error: diagnosis 'orphan' is never concluded by any rule")
    }

    func testWarningsDeclaredUnusedAndSetButNeverRead() {
        let yaml =
            base
            .replacingOccurrences(
                of: "  - {id: code, type: integer}",
                with: "  - {id: code, type: integer}\n  - {id: spare, type: boolean}\n  - {id: flag, type: boolean}"
            )
            .replacingOccurrences(of: "    then: {conclude: [d]}", with: "    then: {conclude: [d], set: {flag: true}}")
        let findings = lint(yaml)
        assertFinding(findings, "x.yaml:8:5: warning: fact 'spare' is declared but never set or read; remove it")
        assertFinding(findings, "x.yaml:9:5: warning: fact 'flag' is set but never read")
        XCTAssertEqual(findings.count, 2, "\(findings)")
    }

    func testWarningRuleReadsAFactNothingSets() {
        let yaml =
            base
            .replacingOccurrences(
                of: "  - {id: code, type: integer}",
                with: "  - {id: code, type: integer}\n  - {id: never, type: boolean}"
            )
            .replacingOccurrences(
                of: "    when: machine_guid == {00000000-0000-0000-0000-000000000000} and code == 5",
                with: "    when: machine_guid == {00000000-0000-0000-0000-000000000000} and code == 5 or never == true")
        let findings = lint(yaml)
        assertFinding(findings, "x.yaml:14:11: warning: rule 'r' reads 'never', which nothing sets")
        XCTAssertTrue(
            findings.contains { $0.hasPrefix("x.yaml:8:5: error: fact 'never' is read (by rule 'r') but never set") },
            "\(findings)")
    }

    func testWarningRulesInALoop() {
        let yaml =
            base
            .replacingOccurrences(
                of: "  - {id: code, type: integer}",
                with: "  - {id: code, type: integer}\n  - {id: p, type: boolean}\n  - {id: q, type: boolean}"
            )
            .replacingOccurrences(
                of: "rules:\n",
                with:
                    "rules:\n  - {id: a, when: \"p == true\", then: {set: {q: true}}}\n  - {id: b, when: \"q == true\", then: {set: {p: true}}}\n"
            )
        let findings = lint(yaml)
        XCTAssertTrue(
            findings.contains { $0.contains(": warning: rules depend on each other in a loop: ") }, "\(findings)")
    }
}
