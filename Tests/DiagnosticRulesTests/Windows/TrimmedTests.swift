import Foundation
import XCTest

@testable import DiagnosticRules

/// `Trimmed` skips Foundation only when there is nothing to trim: it must always give what
/// `trimmingCharacters(in:)` gives, Unicode spaces, NEL and controls included.
final class TrimmedTests: XCTestCase {
    func testSameAsFoundationOnEveryEdge() {
        let edges = [
            "", " ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{2003}", "\u{3000}", "\u{2028}",
            "\u{1B}", "x", "{", "}", "~", "!", "\u{E9}"
        ]
        let middles = [
            "", "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4", "a b", "{73635458-0000-0000-0000-000000000000}", " \t "
        ]
        for head in edges {
            for middle in middles {
                for tail in edges {
                    let text = head + middle + tail
                    XCTAssertEqual(
                        Trimmed.whitespace(text), text.trimmingCharacters(in: .whitespaces), text.debugDescription)
                    XCTAssertEqual(
                        Trimmed.whitespaceAndNewlines(text), text.trimmingCharacters(in: .whitespacesAndNewlines),
                        text.debugDescription)
                }
            }
        }
    }
}
