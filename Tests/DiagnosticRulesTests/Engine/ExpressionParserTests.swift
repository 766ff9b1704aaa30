import XCTest

@testable import DiagnosticRules

final class ExpressionParserTests: XCTestCase {
    let origin = SourceLocation(file: "p.yaml", line: 12, column: 11)

    func parse(_ text: String) throws -> RuleExpression { try ExpressionParser.parse(text, at: origin) }

    func parseError(_ text: String) -> ExpressionParser.ParseError? {
        do {
            _ = try parse(text)
            return nil
        } catch let e as ExpressionParser.ParseError { return e } catch { return nil }
    }

    func testPrecedenceNotAndOr() throws {
        let e = try parse("not a and b or c")
        guard case .or(let lhs, let rhs) = e.node, case .and(let n, _) = lhs.node, case .not = n.node,
            case .fact("c") = rhs.node
        else {
            return XCTFail("unexpected tree \(e.node)")
        }
    }

    func testLiterals() throws {
        guard case .compare(.eq, _, let r) = try parse("code == 0x80090006").node,
            case .literal(.integer(2148073478)) = r.node
        else { return XCTFail() }
        guard case .compare(.eq, _, let n) = try parse("code == -2146893818").node,
            case .literal(.integer(-2146893818)) = n.node
        else { return XCTFail() }
        guard case .compare(.eq, _, let g) = try parse("id == {5C1F7A2E-0D4B-4F3A-9E61-2B7C8D90A1F4}").node,
            case .literal(.guid("5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4")) = g.node
        else { return XCTFail() }
        guard case .compare(.eq, _, let bare) = try parse("id == 5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4").node,
            case .literal(.guid) = bare.node
        else { return XCTFail() }
        guard case .compare(.eq, _, let s) = try parse("name == 'it\\'s'").node, case .literal(.string("it's")) = s.node
        else { return XCTFail() }
    }

    func testMembershipNotInMatchesExistsCall() throws {
        guard case .member(_, _, negated: true) = try parse("x not in [1, 2]").node else { return XCTFail() }
        guard case .matches(_, _, "^a+$") = try parse("name matches \"^a+$\"").node else { return XCTFail() }
        guard case .exists("machine_guid") = try parse("exists(machine_guid)").node else { return XCTFail() }
        guard case .call("count", let args) = try parse("count(files) > 1").node.leftOperand?.node, args.count == 1
        else { return XCTFail() }
    }

    func testSubexpressionTextIsKept() throws {
        let e = try parse("a == 1 and (b or c)")
        guard case .and(let l, let r) = e.node else { return XCTFail() }
        XCTAssertEqual(l.text, "a == 1")
        XCTAssertEqual(r.text, "(b or c)")
        XCTAssertEqual(r.location.column, origin.column + 11)
    }

    func testErrorPositions() {
        XCTAssertEqual(parseError("a = 1")?.location.column, origin.column + 2)
        XCTAssertEqual(parseError("a == 1 and")?.message, "condition ends where a value was expected")
        XCTAssertEqual(parseError("a == \"open")?.location.column, origin.column + 5)
        XCTAssertEqual(parseError("(a == 1")?.location.column, origin.column + 7)
        XCTAssertEqual(parseError("a matches \"[\"")?.message, "invalid regular expression \"[\"")
        XCTAssertNotNil(parseError("a == 1 b"))
        XCTAssertNotNil(parseError("a == 1 # comment"))
        XCTAssertNotNil(parseError("exists(1)"))
    }

    func testDeepNestingIsAnErrorNotAStackOverflow() {
        let nots = String(repeating: "not ", count: 1000) + "exists(a)"
        XCTAssertTrue(parseError(nots)?.message.contains("nests deeper than 64") == true)
        let parens = String(repeating: "(", count: 1500) + "a" + String(repeating: ")", count: 1500)
        XCTAssertTrue(parseError(parens)?.message.contains("nests deeper than 64") == true)
        let calls = String(repeating: "count(", count: 1000) + "l" + String(repeating: ")", count: 1000)
        XCTAssertNotNil(parseError(calls))
        XCTAssertNotNil(try? parse(String(repeating: "not ", count: 60) + "exists(a)"))
        let chain = Array(repeating: "a == 1", count: 50_000).joined(separator: " and ")
        XCTAssertTrue(parseError(chain)?.message.contains("more than 4096 parts") == true)
    }

    func testErrorLineInMultiLineCondition() {
        let e = parseError("a == 1 and\nb == = 2")
        XCTAssertEqual(e?.location.line, origin.line + 1)
        XCTAssertEqual(e?.location.column, 6)
    }
}

private extension ExpressionNode {
    var leftOperand: RuleExpression? {
        if case .compare(_, let l, _) = self { return l }
        return nil
    }
}
