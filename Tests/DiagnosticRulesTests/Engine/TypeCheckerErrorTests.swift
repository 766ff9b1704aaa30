import XCTest

@testable import DiagnosticRules

/// Every type error a condition can hold is refused when the playbook loads, with its
/// position: a condition that can never fire must not reach an operator.
final class TypeCheckerErrorTests: XCTestCase {
    let template = """
        id: x
        title: X
        version: "1"
        symptom: s
        facts:
          - {id: g, type: guid}
          - {id: h, type: guid}
          - {id: n, type: integer}
          - {id: s, type: string}
          - {id: b, type: boolean}
          - {id: l, type: list}
        steps:
          - {id: sg, prompt: "g?", input: guid, sets: g}
          - {id: sh, prompt: "h?", input: guid, sets: h}
          - {id: sn, prompt: "n?", input: integer, sets: n}
          - {id: ss, prompt: "s?", input: text, sets: s}
          - {id: sb, prompt: "b?", input: yesno, sets: b}
        derived:
          - {fact: l, value: "[n, 2]"}
        rules:
          - id: r
            when: 'CONDITION'
            then: {conclude: [d]}
        diagnoses:
          - {id: d, title: D, severity: low, summary: "s"}
        """

    func errors(_ condition: String) -> [String] {
        let r = loadPlaybook(template.replacingOccurrences(of: "CONDITION", with: condition), file: "x.yaml")
        return r.diagnostics.filter { $0.severity == .error }.map(\.description)
    }

    func assertRefused(_ condition: String, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        let found = errors(condition)
        XCTAssertTrue(
            found.contains { $0.contains(fragment) && $0.hasPrefix("x.yaml:22:") }, "\(condition): \(found)",
            file: file, line: line)
    }

    func testTheTemplateItselfIsClean() {
        XCTAssertEqual(errors("n > 1 and s == \"a\" and g == h and b == true and n in l"), [])
    }

    func testOrderingNeedsIntegersOrText() {
        assertRefused("g < h", "'<' orders integers or text, not guid")
        assertRefused("g >= {5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4}", "'>=' orders integers or text, not guid")
        assertRefused("b > false", "'>' orders integers or text, not boolean")
        assertRefused("l <= l", "'<=' orders integers or text, not list")
        XCTAssertEqual(errors("n < 5 and s >= \"a\""), [])
    }

    func testMismatchedComparisonsAreRefused() {
        assertRefused("n == \"five\"", "cannot compare integer 'n' with string '\"five\"'")
        assertRefused("b != 1", "cannot compare boolean 'b' with integer '1'")
        assertRefused("g == n", "cannot compare guid 'g' with integer 'n'")
        XCTAssertEqual(errors("g == \"5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4\""), [], "GUIDs compare with text")
    }

    func testInNeedsAListOrText() {
        assertRefused("n in 5", "'in' needs a list or text on its right, but '5' is integer")
        assertRefused("n not in b", "'in' needs a list or text on its right, but 'b' is boolean")
        XCTAssertEqual(errors("\"x\" in s and n not in l"), [])
    }

    func testConditionsMustBeBoolean() {
        assertRefused("n", "must be a condition (true/false), but 'n' is integer")
        assertRefused("count(l)", "must be a condition (true/false), but 'count(l)' is integer")
        assertRefused("not n", "operand of 'not' must be true/false")
        assertRefused("b and s", "operand of 'and'/'or' must be true/false, but 's' is string")
    }

    func testBuiltinsCheckArityAndArgumentTypes() {
        assertRefused("count(l, l) == 1", "count() takes 1 argument (list), got 2")
        assertRefused("count() == 1", "count() takes 1 argument (list), got 0")
        assertRefused("count(n) == 1", "argument 'n' of count() must be list, not integer")
    }

    func testABracedGUIDNeedsItsClosingBrace() {
        let found = errors("g == {5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4 or g == h")
        XCTAssertFalse(found.isEmpty, "an unclosed brace must not load")
        XCTAssertEqual(errors("g == {5C1F7A2E-0D4B-4F3A-9E61-2B7C8D90A1F4} or g == h"), [])
    }

    func testMatchesAppliesToText() {
        assertRefused("l matches \"a\"", "'matches' applies to text, but 'l' is list")
        assertRefused("b matches \"a\"", "'matches' applies to text, but 'b' is boolean")
        XCTAssertEqual(errors("s matches \"^a\""), [])
    }
}
