import XCTest

@testable import DiagnosticRules

final class ErrorCodeTextTests: XCTestCase {
    func testAcceptedForms() {
        XCTAssertEqual(ErrorCodeText.parse("2148073478"), 0x8009_0006)
        XCTAssertEqual(ErrorCodeText.parse("-2146893818"), 0x8009_0006)
        XCTAssertEqual(ErrorCodeText.parse("0x80090006"), 0x8009_0006)
        XCTAssertEqual(ErrorCodeText.parse("0X80090006"), 0x8009_0006)
        XCTAssertEqual(ErrorCodeText.parse("80090006"), 0x8009_0006)
        XCTAssertEqual(ErrorCodeText.parse("8009000b"), 0x8009_000B)
        XCTAssertEqual(ErrorCodeText.parse("0x5"), 5)
        XCTAssertEqual(ErrorCodeText.parse("5"), 5)
        XCTAssertEqual(ErrorCodeText.parse(" 1385\n"), 1385)
        XCTAssertEqual(ErrorCodeText.parse("4294967295"), 0xFFFF_FFFF)
        XCTAssertEqual(ErrorCodeText.parse("-2147483648"), 0x8000_0000)
    }

    func testEventLogForms() {
        XCTAssertEqual(ErrorCodeText.parse("2148073478 (0x80090006)"), 0x8009_0006)
        XCTAssertEqual(ErrorCodeText.parse("%%2148073478"), 0x8009_0006)
        XCTAssertEqual(ErrorCodeText.parse("%%2"), 2)
        XCTAssertNil(ErrorCodeText.parse("2148073478 (0x80090005)"), "the two parts disagree")
    }

    func testRejectedForms() {
        for bad in [
            "", "0x", "0x123456789", "4294967296", "-2147483649", "12ab", "80090006x", "--5", "-0x5", "٣", "5 5"
        ] {
            XCTAssertNil(ErrorCodeText.parse(bad), bad)
        }
    }
}
