import XCTest

@testable import KeyWizardUI

/// `TextWidth` reads printable ASCII on its bytes; every other text goes by Character. The
/// two must agree wherever both apply, and the byte path must never take text it cannot.
final class TextWidthFastPathTests: XCTestCase {
    /// Width, truncation and sanitising by Character: what the byte path replaced.
    private func characterWidth(_ s: String) -> Int { s.reduce(0) { $0 + TextWidth.width($1) } }

    private func characterTruncate(_ s: String, to columns: Int, ellipsis: String?) -> String {
        guard columns > 0 else { return "" }
        if characterWidth(s) <= columns { return s }
        let mark = ellipsis ?? ""
        let room = columns - characterWidth(mark)
        var out = ""
        var used = 0
        for c in s {
            let w = TextWidth.width(c)
            if used + w > room { break }
            out.append(c)
            used += w
        }
        return out + mark
    }

    func testPrintableASCIIAgreesWithTheCharacterPath() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(" !\"#$%&'()*+,-./0123456789:;<=>?@AZaz[\\]^_`{|}~")
        for _ in 0..<2000 {
            let s = String((0..<Int.random(in: 0...90, using: &generator)).map { _ in alphabet.randomElement()! })
            XCTAssertTrue(TextWidth.isPrintableASCII(s))
            XCTAssertEqual(TextWidth.width(s), characterWidth(s), s)
            XCTAssertEqual(TextWidth.sanitize(s, unicode: false), s)
            let columns = Int.random(in: -2...100, using: &generator)
            for ellipsis in [nil, "...", "\u{2026}"] {
                XCTAssertEqual(
                    TextWidth.truncate(s, to: columns, ellipsis: ellipsis),
                    characterTruncate(s, to: columns, ellipsis: ellipsis), "\(s) \(columns)")
            }
        }
    }

    func testAnythingElseTakesTheCharacterPath() {
        for s in ["tab\there", "line\nend", "cr\r\nlf", "del\u{7F}", "caf\u{E9}", "wide \u{4E2D}\u{6587}", "e\u{301}"] {
            XCTAssertFalse(TextWidth.isPrintableASCII(s), s.debugDescription)
            XCTAssertEqual(TextWidth.width(s), characterWidth(s), s.debugDescription)
        }
        XCTAssertEqual(TextWidth.width("wide \u{4E2D}\u{6587}"), 9)
        XCTAssertEqual(TextWidth.sanitize("a\tb\u{1}c", unicode: true), "a b c")
        XCTAssertEqual(TextWidth.truncate("\u{4E2D}\u{6587}\u{4E2D}", to: 5, ellipsis: "."), "\u{4E2D}\u{6587}.")
    }
}
