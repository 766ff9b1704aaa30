import XCTest

@testable import DiagnosticRules

final class ValueTests: XCTestCase {
    func testLiteralQuotesStrings() {
        XCTAssertEqual(Value.string("a\"b").literal, "\"a\\\"b\"")
        XCTAssertEqual(Value.integer(5).literal, "5")
        XCTAssertEqual(Value.list([.string("x"), .boolean(true)]).literal, "[\"x\", true]")
    }
}
