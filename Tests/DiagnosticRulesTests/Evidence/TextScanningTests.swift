import Foundation
import XCTest

@testable import DiagnosticRules

/// The byte-level text helpers the event parsers run on every line give what the Character
/// and Foundation versions they replace give, ASCII or not.
final class TextScanningTests: XCTestCase {
    /// The trimming `trimmed()` replaced: by Character.
    func characterTrimmed(_ s: Substring) -> Substring {
        guard let start = s.firstIndex(where: { !$0.isWhitespace }) else { return s[s.endIndex...] }
        return s[start...s.lastIndex(where: { !$0.isWhitespace })!]
    }

    func testTrimmedEqualsTrimmingByCharacter() {
        let pieces = [
            " ", "\t", "\r\n", "\n", "\u{A0}", "\u{3000}", "a", "É", "e\u{301}", " \u{301}", "x", ":", "\u{2028}", "日"
        ]
        var generator = SystemRandomNumberGenerator()
        var cases = ["", " ", "  \t ", "abc", " abc ", "\u{A0}abc\u{A0}", " \u{301}abc", "abc \u{301}", "\r\nx\r\n"]
        for _ in 0..<3000 {
            let n = Int.random(in: 0...6, using: &generator)
            cases.append((0..<n).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for c in cases {
            let s = Substring(c)
            XCTAssertEqual(
                String(s.trimmed()), String(characterTrimmed(s)),
                "\(c.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    func testCaseInsensitiveRangeEqualsFoundations() {
        let hays = [
            "The IIS Admin Service service terminated with service-specific error 2148073478 (0x80090006).",
            "ERROR: Error error", "no match here", "", "(0X8009000A)",
            "Der Dienst wurde mit folgendem Fehler beendet: Ungültige Signatur",
            "ſervice-specific ERROR: x", "Kelvin \u{212A}", "0x0x0x", "error"
        ]
        for hay in hays {
            for needle in [
                "0x", "(0x", "error", "service-specific error:", "following error:", "ungültige", "k", "x0", "zz"
            ] {
                for backwards in [false, true] {
                    let options: String.CompareOptions = backwards ? [.caseInsensitive, .backwards] : .caseInsensitive
                    XCTAssertEqual(
                        hay.caseInsensitiveRange(of: needle, backwards: backwards),
                        hay.range(of: needle, options: options),
                        "'\(needle)' in '\(hay)' backwards \(backwards)")
                }
            }
        }
    }
}
