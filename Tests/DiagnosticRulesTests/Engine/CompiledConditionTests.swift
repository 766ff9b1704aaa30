import XCTest

@testable import DiagnosticRules

/// The engine evaluates rule conditions from compiled code; `Evaluator` is the reference,
/// and the two must give the same outcome for every condition and every set of facts.
final class CompiledConditionTests: XCTestCase {
    static let yaml = """
        id: compiled
        title: Compiled
        version: "1"
        symptom: s
        facts:
          - {id: a, type: integer}
          - {id: b, type: integer}
          - {id: c, type: boolean}
        steps:
          - {id: a, prompt: 'a?', input: integer, sets: a}
        rules:
          - {id: r, when: 'a == 1', then: {conclude: [d]}}
        diagnoses:
          - {id: d, title: D, severity: low, summary: s}
        """

    func testSameOutcomeAsTheEvaluatorOnRandomConditions() throws {
        let plan = Engine.Plan(try playbook(Self.yaml))
        var rng = SplitMix64(seed: 0xC0DE)
        let values: [String: [Value?]] = [
            "a": [nil, .integer(0), .integer(1), .integer(2)], "b": [nil, .integer(0), .integer(1), .integer(2)],
            "c": [nil, .boolean(true), .boolean(false)]
        ]
        var compiled = 0
        var stack: [Outcome] = []
        var literals = LiteralTable()
        for _ in 0..<500 {
            let e = try RulesWaitForFactsTests.expression(RulesWaitForFactsTests.condition(4, &rng))
            guard let code = CompiledCondition.compile(e, slots: plan.slots, literals: &literals) else {
                XCTAssertTrue(e.text.contains(" in "), "only `in` is beyond the core here: \(e.text)")
                continue
            }
            compiled += 1
            for a in values["a"]! {
                for b in values["b"]! {
                    for c in values["c"]! {
                        let facts = ["a": a, "b": b, "c": c].compactMapValues { $0 }
                        let table = FactTable(plan: plan)
                        for (name, v) in facts {
                            table.records[plan.slots[name]!] = FactRecord(value: v, origin: .answer(step: name))
                        }
                        XCTAssertEqual(
                            CompiledCondition.run(code[...], literals: literals, facts: table, stack: &stack),
                            Evaluator { facts[$0] }.evaluate(e),
                            "\(e.text) with \(facts)")
                    }
                }
            }
        }
        XCTAssertGreaterThan(compiled, 100, "compiled conditions were checked")
    }

    /// A literal is stored once however often it is written, and a refused condition leaves
    /// nothing behind in the table.
    func testLiteralsAreSharedAndARefusalAddsNone() throws {
        let slots = Engine.Plan(try playbook(Self.yaml)).slots
        var literals = LiteralTable()
        _ = CompiledCondition.compile(
            try RulesWaitForFactsTests.expression("a == 1 and b == 1 or c == true"), slots: slots, literals: &literals)
        XCTAssertEqual(literals.values, [.integer(1), .boolean(true)])
        XCTAssertNil(
            CompiledCondition.compile(
                try RulesWaitForFactsTests.expression("b == 7 and a in [8]"), slots: slots, literals: &literals))
        XCTAssertEqual(literals.values, [.integer(1), .boolean(true)])
    }

    func testOnlyTheLogicCoreIsCompiled() throws {
        let slots = Engine.Plan(try playbook(Self.yaml)).slots
        var literals = LiteralTable()
        for text in ["a == 1 and not (b > 0 or c)", "exists(a) or c == false", "a != b"] {
            XCTAssertNotNil(
                CompiledCondition.compile(
                    try RulesWaitForFactsTests.expression(text), slots: slots, literals: &literals), text)
        }
        for text in ["a in [1, 2]", "error_hex(a) == '0x1'", "c == true and a in [1]", "z == 1"] {
            XCTAssertNil(
                CompiledCondition.compile(
                    try RulesWaitForFactsTests.expression(text), slots: slots, literals: &literals), text)
        }
    }
}
