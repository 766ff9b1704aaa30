import XCTest

@testable import DiagnosticRules

/// Unknown is never false, in every operator: the full Kleene tables for `and`, `or`,
/// `not`, and `in` / `not in` / comparisons with an unknown operand on either side.
final class ThreeValuedLogicTests: XCTestCase {
    func eval(_ text: String, _ facts: [String: Value] = [:]) throws -> Outcome {
        let e = try ExpressionParser.parse(text, at: SourceLocation(file: "t", line: 1, column: 1))
        return Evaluator { facts[$0] }.evaluate(e)
    }

    /// Facts t (true), f (false); u is unknown.
    let tf: [String: Value] = ["t": .boolean(true), "f": .boolean(false)]

    func testKleeneTables() throws {
        let table: [(String, Outcome)] = [
            ("t and t", .yes), ("t and f", .no), ("t and u", .unknown), ("u and t", .unknown),
            ("f and u", .no), ("u and f", .no), ("u and u", .unknown),
            ("f or f", .no), ("t or f", .yes), ("f or u", .unknown), ("u or f", .unknown),
            ("t or u", .yes), ("u or t", .yes), ("u or u", .unknown),
            ("not t", .no), ("not f", .yes), ("not u", .unknown), ("not not u", .unknown)
        ]
        for (text, expected) in table {
            XCTAssertEqual(try eval(text, tf), expected, text)
        }
    }

    /// `and` binds tighter than `or`, without parentheses, on either side.
    func testAndBindsTighterThanOr() throws {
        XCTAssertEqual(try eval("t or f and f", tf), .yes, "t or (f and f)")
        XCTAssertEqual(try eval("f and f or t", tf), .yes, "(f and f) or t")
        XCTAssertEqual(try eval("f or t and t or f", tf), .yes)
        XCTAssertEqual(try eval("t or u and f", tf), .yes)
        XCTAssertEqual(try eval("f or u and t", tf), .unknown)
    }

    func testInAndNotInWithAnUnknownOperandAreUnknown() throws {
        let facts: [String: Value] = [
            "x": .integer(2), "xs": .list([.integer(1), .integer(2)]), "s": .string("IIS Admin Service")
        ]
        for text in [
            "u in [1, 2]", "u not in [1, 2]", "x in us", "x not in us", "u in us", "u not in us",
            "'IIS' in us", "'IIS' not in us", "u in s", "u not in s", "u in xs", "u not in xs",
            "not (u in xs)", "not (u not in xs)"
        ] {
            XCTAssertEqual(try eval(text, facts), .unknown, text)
        }
        // Known operands stay definite, both ways.
        XCTAssertEqual(try eval("x in xs", facts), .yes)
        XCTAssertEqual(try eval("x not in xs", facts), .no)
        XCTAssertEqual(try eval("3 in xs", facts), .no)
        XCTAssertEqual(try eval("3 not in xs", facts), .yes)
        XCTAssertEqual(try eval("'iis admin' in s", facts), .yes, "text membership ignores case")
        XCTAssertEqual(try eval("'IIS ADMIN' not in s", facts), .no)
        XCTAssertEqual(try eval("'W3SVC' not in s", facts), .yes)
    }

    func testAnUnknownMemberTestNeverDecidesAnAndOrAnOr() throws {
        let facts: [String: Value] = ["t": .boolean(true), "f": .boolean(false)]
        XCTAssertEqual(try eval("t and u in [1]", facts), .unknown)
        XCTAssertEqual(try eval("t and u not in [1]", facts), .unknown)
        XCTAssertEqual(try eval("f or u not in [1]", facts), .unknown)
        XCTAssertEqual(try eval("f and u not in [1]", facts), .no)
        XCTAssertEqual(try eval("t or u in [1]", facts), .yes)
    }

    func testComparisonsWithAnUnknownSideAreUnknown() throws {
        for op in ["==", "!=", "<", "<=", ">", ">="] {
            XCTAssertEqual(try eval("u \(op) 1"), .unknown, op)
            XCTAssertEqual(try eval("1 \(op) u"), .unknown, op)
        }
        XCTAssertEqual(try eval("u matches 'x'"), .unknown)
        XCTAssertEqual(try eval("count(u) == 0"), .unknown)
    }

    func testOrderingBoundaries() throws {
        let n: [String: Value] = ["n": .integer(5), "s": .string("b")]
        let expected: [(String, Outcome)] = [
            ("n <= 5", .yes), ("n < 5", .no), ("n >= 5", .yes), ("n > 5", .no), ("n <= 4", .no), ("n >= 6", .no),
            ("n == 5", .yes), ("n != 5", .no), ("s < 'c'", .yes), ("s <= 'b'", .yes), ("s > 'b'", .no),
            ("-5 < 0", .yes), ("0x10 == 16", .yes)
        ]
        for (text, outcome) in expected { XCTAssertEqual(try eval(text, n), outcome, text) }
    }

    /// A step is asked only while its ask_when is true; while that is unknown, an answer
    /// to it (from an answers file, or left from a changed earlier answer) is not used.
    func testAnAnswerWhoseAskWhenIsStillUnknownIsNotUsed() throws {
        let p = try playbook(chainPlaybook)
        let c = Engine(playbook: p).evaluate([Answer(step: "b", value: .value(.boolean(true)))])
        XCTAssertNil(c.value("b"), "b's ask_when (a > 1) is unknown")
        XCTAssertEqual(c.ignoredAnswers, ["b"])
        XCTAssertEqual(c.nextStep?.id, "a")
        let unknownA = Engine(playbook: p).evaluate([
            Answer(step: "a", value: .unknown), Answer(step: "b", value: .value(.boolean(true)))
        ])
        XCTAssertNil(unknownA.value("a"), "don't know stays unknown")
        XCTAssertNil(unknownA.value("b"))
        XCTAssertTrue(unknownA.diagnoses.isEmpty)
    }

    func testExistsIsDefiniteWhileItsFactIsUnknown() throws {
        XCTAssertEqual(try eval("exists(u)"), .no)
        XCTAssertEqual(try eval("exists(t)", tf), .yes)
        XCTAssertEqual(try eval("exists(f)", tf), .yes, "a false fact exists")
    }

    /// For any condition that parses: `not (e)` is unknown exactly when `e` is, and the
    /// opposite otherwise.
    func testNotIsTheMirrorOfEveryCondition() throws {
        var rng = SplitMix64(seed: 0x3_7A1E)
        let facts: [String: Value] = [
            "a": .integer(1), "t": .boolean(true), "f": .boolean(false), "l": .list([.integer(1)])
        ]
        let tokens = [
            "a", "u", "t", "f", "l", "==", "!=", "<", "and", "or", "not", "in", "not in", "1", "2", "[1, 2]", "(", ")"
        ]
        var definite = 0
        var unknown = 0
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 1...7, using: &rng)).map { _ in tokens.randomElement(using: &rng)! }.joined(
                separator: " ")
            guard let e = try? ExpressionParser.parse(text, at: SourceLocation(file: "t", line: 1, column: 1)),
                let n = try? ExpressionParser.parse("not (\(text))", at: SourceLocation(file: "t", line: 1, column: 1))
            else { continue }
            let x = Evaluator { facts[$0] }.evaluate(e)
            let y = Evaluator { facts[$0] }.evaluate(n)
            switch x.truth {
            case .some(let b):
                XCTAssertEqual(y.truth, !b, text)
                definite += 1
            case .none:
                XCTAssertNil(y.truth, text)
                unknown += 1
            }
        }
        XCTAssertGreaterThan(definite, 30, "the generator must reach definite conditions")
        XCTAssertGreaterThan(unknown, 30, "the generator must reach unknown conditions")
    }
}
