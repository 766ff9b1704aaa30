import XCTest

@testable import DiagnosticRules

final class TemplateTests: XCTestCase {
    let facts = ["guid": "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4", "n": "2"]

    func render(_ t: String) -> String { Template.render(t) { self.facts[$0] } }

    func testPlaceholdersFallbacksAndLiteralBraces() {
        XCTAssertEqual(
            render("MachineGuid {guid}, {n} files"), "MachineGuid 5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4, 2 files")
        XCTAssertEqual(render("history: {history|not given}"), "history: not given")
        XCTAssertEqual(render("history: {history}"), "history: {history: unknown}")
        XCTAssertEqual(
            render("GUID {5C1F7A2E-0D4B-4F3A-9E61-2B7C8D90A1F4} stays"),
            "GUID {5C1F7A2E-0D4B-4F3A-9E61-2B7C8D90A1F4} stays")
        XCTAssertEqual(render("{ } and { and }"), "{ } and { and }")
        XCTAssertEqual(render("unclosed {guid"), "unclosed {guid")
        XCTAssertEqual(Template.placeholders(in: "{a} {b|x} {1bad} {deadbeef}"), ["a", "b"])
    }
}
