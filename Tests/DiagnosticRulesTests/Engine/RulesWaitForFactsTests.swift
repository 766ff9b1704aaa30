import XCTest

@testable import DiagnosticRules

/// A rule joins the agenda only once the facts its condition needs to be true are known.
/// That is sound only if the needed facts really are known whenever the condition is true,
/// and it must never change what a playbook concludes.
final class RulesWaitForFactsTests: XCTestCase {
    static func expression(_ text: String) throws -> RuleExpression {
        try ExpressionParser.parse(text, at: SourceLocation(file: "t", line: 1, column: 1))
    }

    /// A random condition over integer facts a and b and boolean fact c.
    static func condition(_ depth: Int, _ rng: inout SplitMix64) -> String {
        let leaves = [
            "a == 1", "b > 0", "a == b", "c == true", "c", "exists(a)", "exists(c)", "a in [1, b]", "true", "false",
            "b != 2"
        ]
        guard depth > 0, Int.random(in: 0..<3, using: &rng) != 0 else { return leaves.randomElement(using: &rng)! }
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: return "not (\(condition(depth - 1, &rng)))"
        case 1: return "(\(condition(depth - 1, &rng))) and (\(condition(depth - 1, &rng)))"
        default: return "(\(condition(depth - 1, &rng))) or (\(condition(depth - 1, &rng)))"
        }
    }

    func testTheSetsOfSimpleConditions() throws {
        let cases: [(String, Set<String>)] = [
            ("a == 1 and b == 2", ["a", "b"]), ("a == 1 or b == 2", []), ("a == 1 or a == 2", ["a"]),
            ("not exists(a)", []),
            ("not (a == 1)", ["a"]), ("not (a == 1 and b == 2)", []), ("exists(a) and b > 0", ["b"]),
            ("a in [1, b]", ["a", "b"])
        ]
        for (text, needed) in cases {
            XCTAssertEqual(try Self.expression(text).factsNeededForTruth, needed, text)
        }
    }

    func testNeededFactsAreKnownWheneverTheConditionIsTrue() throws {
        var rng = SplitMix64(seed: 0x5EED)
        let values: [String: [Value?]] = [
            "a": [nil, .integer(0), .integer(1), .integer(2)], "b": [nil, .integer(0), .integer(1), .integer(2)],
            "c": [nil, .boolean(true), .boolean(false)]
        ]
        var truths = 0
        for _ in 0..<400 {
            let e = try Self.expression(Self.condition(4, &rng))
            let truth = e.factsNeededForTruth
            let value = e.factsNeededForValue
            for a in values["a"]! {
                for b in values["b"]! {
                    for c in values["c"]! {
                        let facts = ["a": a, "b": b, "c": c].compactMapValues { $0 }
                        let outcome = Evaluator { facts[$0] }.evaluate(e)
                        if case .value = outcome {
                            XCTAssertTrue(
                                value.isSubset(of: facts.keys),
                                "\(e.text) has a value without \(value.subtracting(facts.keys))")
                        }
                        if outcome.truth == true {
                            truths += 1
                            XCTAssertTrue(
                                truth.isSubset(of: facts.keys),
                                "\(e.text) is true without \(truth.subtracting(facts.keys))")
                        }
                    }
                }
            }
        }
        XCTAssertGreaterThan(truths, 1_000, "true conditions were checked")
    }

    /// Random playbooks (chains, priorities, `or`, `not`, `exists()`, conflicting rules)
    /// conclude the same with rules waiting for their facts and without.
    func testWaitingNeverChangesAConclusion() throws {
        var rng = SplitMix64(seed: 0xFAC7)
        for round in 0..<150 {
            var yaml = "id: p\(round)\ntitle: P\nversion: \"1\"\nsymptom: s\nfacts:\n  - {id: x, type: integer}\n"
            for f in 0..<6 { yaml += "  - {id: f\(f), type: boolean}\n" }
            yaml += "steps:\n  - {id: x, prompt: 'x?', input: integer, sets: x}\nrules:\n"
            for r in 0..<Int.random(in: 1...12, using: &rng) {
                let cond = Self.condition(3, &rng)
                    .replacingOccurrences(of: "a == b", with: "f\(Int.random(in: 0..<6, using: &rng)) == true")
                    .replacingOccurrences(of: "exists(a)", with: "exists(f\(Int.random(in: 0..<6, using: &rng)))")
                    .replacingOccurrences(of: "exists(c)", with: "exists(f\(Int.random(in: 0..<6, using: &rng)))")
                    .replacingOccurrences(of: "a in [1, b]", with: "x in [1, 2]")
                    .replacingOccurrences(of: "c == true", with: "f\(Int.random(in: 0..<6, using: &rng)) == false")
                    .replacingOccurrences(of: "a ", with: "x ").replacingOccurrences(of: "b ", with: "x ")
                    .replacingOccurrences(of: "(c)", with: "(f\(Int.random(in: 0..<6, using: &rng)))")
                let cleaned = cond == "c" ? "f0" : cond
                let set = "f\(Int.random(in: 0..<6, using: &rng)): '\(Bool.random(using: &rng))'"
                yaml +=
                    "  - {id: r\(r), when: '\(cleaned.replacingOccurrences(of: "'", with: "''"))', priority: \(Int.random(in: 0...2, using: &rng)), then: {set: {\(set)}, conclude: [d\(r % 3)]}}\n"
            }
            yaml += "diagnoses:\n"
            for d in 0..<3 { yaml += "  - {id: d\(d), title: D\(d), severity: low, summary: 'f0 {f0}'}\n" }
            let p = try playbook(yaml)
            let waiting = Engine(playbook: p, waitsForFacts: true)
            let eager = Engine(playbook: p, waitsForFacts: false)
            for x in [nil, 0, 1, 2] as [Int64?] {
                let answers = x.map { [Answer(step: "x", value: .value(.integer($0)))] } ?? []
                let w = waiting.evaluate(answers)
                let e = eager.evaluate(answers)
                XCTAssertEqual(w.fired, e.fired, yaml)
                XCTAssertEqual(w.facts, e.facts, yaml)
                XCTAssertEqual(w.errors, e.errors, yaml)
                XCTAssertEqual(w.diagnoses.map(\.diagnosis.id), e.diagnoses.map(\.diagnosis.id), yaml)
                XCTAssertEqual(w.diagnoses.map(\.summary), e.diagnoses.map(\.summary), yaml)
                XCTAssertEqual(w.relevantSteps, e.relevantSteps, yaml)
            }
        }
    }
}
