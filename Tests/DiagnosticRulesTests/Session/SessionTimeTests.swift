import XCTest

@testable import DiagnosticRules

final class SessionTimeTests: XCTestCase {
    func testFormatsKnownInstant() {
        XCTAssertEqual(SessionTime.format(SessionFixtures.date(0.125)), "2025-03-01T09:30:00.125Z")
        XCTAssertEqual(SessionTime.fileStamp(SessionFixtures.date()), "20250301T093000Z")
        XCTAssertEqual(SessionTime.display(SessionFixtures.date()), "2025-03-01 09:30 UTC")
        XCTAssertEqual(SessionTime.format(Date(timeIntervalSince1970: 0)), "1970-01-01T00:00:00.000Z")
        XCTAssertEqual(SessionTime.format(Date(timeIntervalSince1970: 951_782_400)), "2000-02-29T00:00:00.000Z")
    }

    func testParsesWhatItFormatsToTheMillisecond() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let ms = Int64.random(in: -5_000_000_000_000...5_000_000_000_000, using: &rng)
            let d = Date(timeIntervalSince1970: Double(ms) / 1000)
            let text = SessionTime.format(d)
            XCTAssertEqual(SessionTime.parse(text).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }, ms, text)
        }
        XCTAssertEqual(SessionTime.parse("2025-03-01T09:30:00Z"), SessionFixtures.date())
    }

    func testRejectsOtherShapes() {
        for bad in [
            "", "2025-03-01", "2025-03-01 09:30:00Z", "2025-13-01T09:30:00Z", "2025-03-01T09:30:00.Z",
            "2025-03-01T09:30:00+01:00"
        ] {
            XCTAssertNil(SessionTime.parse(bad), bad)
        }
    }
}
