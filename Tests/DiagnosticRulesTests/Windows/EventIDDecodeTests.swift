import XCTest

@testable import DiagnosticRules

final class EventIDDecodeTests: XCTestCase {
    func testSCM7024WithQualifiers() throws {
        let d = try XCTUnwrap(EventIDDecode.decode(eventID: 7024, qualifiers: 49152))
        XCTAssertEqual(d.value, 3221232496)
        XCTAssertEqual(d.hex, "0xC0001B70")
        XCTAssertEqual(d.severity, 3)
        XCTAssertEqual(d.severityName, "error")
        XCTAssertEqual(d.facility, 0)
        XCTAssertEqual(d.code, 7024)
        XCTAssertFalse(d.customerBit)
    }

    func testSCM7000MatchesDetectionWiki() {
        XCTAssertEqual(EventIDDecode.decode(eventID: 7000, qualifiers: 49152)?.value, 3221232472)
    }

    func testFullValueRoundTrips() throws {
        let d = try XCTUnwrap(EventIDDecode.decode(eventID: 3221232496, qualifiers: nil))
        XCTAssertEqual(d.eventID, 7024)
        XCTAssertEqual(d.qualifiers, 49152)
        XCTAssertNil(EventIDDecode.decode(eventID: 3221232496, qualifiers: 16384), "qualifiers disagree")
        XCTAssertNil(EventIDDecode.decode(eventID: 7024, qualifiers: 0x1_0000))
        XCTAssertEqual(EventIDDecode.decode(eventID: 1316, qualifiers: nil)?.severityName, "success")
    }
}
