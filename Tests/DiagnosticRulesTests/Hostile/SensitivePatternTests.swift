import XCTest

@testable import DiagnosticRules

/// Issue 15, finding 10: a sensitive text step used to skip its `pattern` check, so a
/// 127-hex "key" ending in Z was fingerprinted as valid.
final class SensitivePatternTests: XCTestCase {
    func testSensitiveStepAppliesItsPattern() throws {
        let p = try playbook(
            """
            id: sens
            title: S
            version: "1"
            symptom: s
            facts: [{id: key, type: string, sensitive: true}]
            steps:
              - {id: key, prompt: k, input: text, sets: key, pattern: '^[0-9A-Fa-f]{128}$', pattern_message: 'a validationKey is 128 hex digits'}
            rules: [{id: r, when: "exists(key)", then: {conclude: [d]}}]
            diagnoses: [{id: d, title: D, severity: low, summary: s}]
            """)
        let step = try XCTUnwrap(p.step("key"))
        let bad = String(repeating: "AB", count: 63) + "9Z"
        XCTAssertEqual(bad.count, 128)
        guard case .failure(let e) = StepInput.interpret(bad, for: step, in: p) else {
            return XCTFail("a key ending in Z must be refused by the pattern")
        }
        XCTAssertEqual(e.message, "a validationKey is 128 hex digits")
        XCTAssertFalse(e.message.contains("ABAB"), "the refusal never quotes the text")
        let good = String(repeating: "AB", count: 64)
        guard case .success(.value(.string(let fp))) = StepInput.interpret(good, for: step, in: p) else {
            return XCTFail("a well-formed key is accepted (as its fingerprint)")
        }
        XCTAssertFalse(fp.contains(good))
    }
}
