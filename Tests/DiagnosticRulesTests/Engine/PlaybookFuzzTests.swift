import XCTest

@testable import DiagnosticRules

/// Malformed playbooks and conditions must give positioned errors, never a crash or a hang.
final class PlaybookFuzzTests: XCTestCase {
    func testMutatedPlaybooksNeverCrashAndErrorsHavePositions() {
        var rng = SplitMix64(seed: 0x6B77_6661)
        let base = Array(chainPlaybook)
        let alphabet = Array("{}[]:,'\"-#|>&*!%@` \n\tabcxyz0129()=<>not and or in exists")
        var loaded = 0
        var refused = 0
        for _ in 0..<400 {
            var text = base
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let i = Int.random(in: 0..<text.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: text[i] = alphabet.randomElement(using: &rng)!
                case 1: text.remove(at: i)
                default: text.insert(alphabet.randomElement(using: &rng)!, at: i)
                }
            }
            if Bool.random(using: &rng) { text = Array(text.prefix(Int.random(in: 0...text.count, using: &rng))) }
            let result = PlaybookLoader.load(text: String(text), file: "fuzz.yaml")
            for d in result.diagnostics {
                XCTAssertGreaterThanOrEqual(d.location.line, 1)
                XCTAssertGreaterThanOrEqual(d.location.column, 1)
                XCTAssertFalse(d.message.isEmpty)
            }
            guard let p = result.playbook else {
                refused += 1
                continue
            }
            loaded += 1
            for d in PlaybookLinter.lint(p) {
                XCTAssertGreaterThanOrEqual(d.location.line, 1, d.description)
                XCTAssertFalse(d.message.isEmpty)
            }
            // Whatever loads evaluates to a conclusion made of the playbook's own parts.
            let c = Engine(playbook: p).evaluate([Answer(step: "a", value: .value(.integer(42)))])
            XCTAssertTrue(Set(c.diagnoses.map(\.diagnosis.id)).isSubset(of: p.diagnoses.map(\.id)))
            XCTAssertTrue(Set(c.relevantSteps).isSubset(of: p.steps.map(\.id)))
            XCTAssertTrue(Set(c.fired).isSubset(of: p.rules.map(\.id)))
            if let next = c.nextStep { XCTAssertTrue(c.relevantSteps.contains(next.id)) }
        }
        // Both outcomes are reached, so the checks above are exercised.
        XCTAssertGreaterThan(loaded, 0, "mutated playbooks that still load")
        XCTAssertGreaterThan(refused, 200, "mutated playbooks that are refused")
    }

    func testRandomConditionsParseOrFailCleanly() {
        var rng = SplitMix64(seed: 7)
        let tokens = [
            "a", "b", "==", "!=", "<", "and", "or", "not", "(", ")", "[", "]", ",", "in", "matches", "'x'", "\"(\"",
            "0x80090006", "-5", "exists(", "count(", "{5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4}", "5c1f7a2e-0d4b", "true",
            "\\"
        ]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...9, using: &rng)).map { _ in tokens.randomElement(using: &rng)! }.joined(
                separator: " ")
            do {
                let e = try ExpressionParser.parse(text, at: SourceLocation(file: "f", line: 1, column: 1))
                _ = Evaluator { $0 == "a" ? .integer(1) : nil }.evaluate(e)
            } catch let e as ExpressionParser.ParseError {
                XCTAssertGreaterThanOrEqual(e.location.column, 1, text)
                XCTAssertLessThanOrEqual(e.location.column, text.count + 2, text)
            } catch {
                XCTFail("unexpected error type \(error) for \(text)")
            }
        }
    }
}
