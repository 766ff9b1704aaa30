import XCTest

@testable import DiagnosticRules

final class EvaluatorTests: XCTestCase {
    func eval(_ text: String, _ facts: [String: Value]) throws -> Outcome {
        let e = try ExpressionParser.parse(text, at: SourceLocation(file: "t", line: 1, column: 1))
        return Evaluator { facts[$0] }.evaluate(e)
    }

    func testKleeneLogicNeverTreatsUnknownAsFalse() throws {
        XCTAssertEqual(try eval("a == 1", [:]), .unknown)
        XCTAssertEqual(try eval("not (a == 1)", [:]), .unknown)
        XCTAssertEqual(try eval("a == 1 and b == 2", ["b": .integer(3)]), .no)
        XCTAssertEqual(try eval("a == 1 and b == 2", ["b": .integer(2)]), .unknown)
        XCTAssertEqual(try eval("a == 1 or b == 2", ["b": .integer(2)]), .yes)
        XCTAssertEqual(try eval("a == 1 or b == 2", ["b": .integer(3)]), .unknown)
        XCTAssertEqual(try eval("exists(a)", [:]), .no)
        XCTAssertEqual(try eval("not exists(a)", [:]), .yes)
    }

    func testComparisonsAndMembership() throws {
        XCTAssertEqual(try eval("code == 0x80090006", ["code": .integer(2148073478)]), .yes)
        XCTAssertEqual(try eval("n >= 2", ["n": .integer(2)]), .yes)
        XCTAssertEqual(try eval("n < 2", ["n": .integer(2)]), .no)
        XCTAssertEqual(try eval("x in [1, 2, 3]", ["x": .integer(2)]), .yes)
        XCTAssertEqual(try eval("x not in [1, 2, 3]", ["x": .integer(2)]), .no)
        XCTAssertEqual(try eval("'Signature' in msg", ["msg": .string("Invalid signature")]), .yes)
        XCTAssertEqual(try eval("name matches '^Def'", ["name": .string("DefaultAppPool")]), .yes)
    }

    func testGuidsCompareNormalised() throws {
        let g = Value.guid("5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4")
        XCTAssertEqual(try eval("g == {5C1F7A2E-0D4B-4F3A-9E61-2B7C8D90A1F4}", ["g": g]), .yes)
        XCTAssertEqual(try eval("g == '5C1F7A2E-0D4B-4F3A-9E61-2B7C8D90A1F4'", ["g": g]), .yes)
        XCTAssertEqual(
            try eval("g in l", ["g": g, "l": .list([.guid("00000000-0000-0000-0000-000000000000"), g])]), .yes)
    }

    func testFunctionsPropagateUnknownAndUseNilAsUnknown() throws {
        XCTAssertEqual(try eval("count(l)", [:]), .unknown)
        XCTAssertEqual(try eval("count(l)", ["l": .list([.string("a"), .string("b")])]), .value(.integer(2)))
        XCTAssertEqual(
            try eval("lookup(l, 'ShopPool')", ["l": .list([.string("shoppool=SpecificUser")])]),
            .value(.string("SpecificUser")))
        XCTAssertEqual(try eval("lookup(l, 'Other')", ["l": .list([.string("shoppool=SpecificUser")])]), .unknown)
        XCTAssertEqual(try eval("first(l)", ["l": .list([])]), .unknown)
    }
}
