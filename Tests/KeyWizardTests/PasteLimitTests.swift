import XCTest

@testable import KeyWizardUI

/// Issue 15, finding 2: a 100 KB paste in the TUI gave no verdict after 90 s. The paste box
/// holds at most 1 MB (counted as it fills, so the limit costs nothing per key) and says so.
final class PasteLimitTests: XCTestCase {
    func testPasteBoxStopsAtOneMegabyteWithAMessage() {
        var box = PasteBox()
        box.handle(.paste(String(repeating: "x", count: 600_000)))
        XCTAssertFalse(box.overflowed)
        box.handle(.paste(String(repeating: "y\\n", count: 300_000)))
        XCTAssertTrue(box.overflowed)
        XCTAssertLessThanOrEqual(box.text.utf8.count, PasteBox.maximumBytes)
        XCTAssertEqual(box.byteCount, box.text.utf8.count)
        XCTAssertEqual(box.handle(.char("z")), .ignored)
        box.handle(.ctrl("u"))
        XCTAssertEqual(box.byteCount, 0)
        XCTAssertFalse(box.overflowed)
    }
}
