import Foundation
import XCTest
@testable import DiagnosticRules

final class KnownKeysEvidenceTests: XCTestCase {
    func testRawKeysAreHashedAndDigestsKept() throws {
        let digest = String(repeating: "AB", count: 32)
        let text = """
        # disclosed keys
        0102030405060708090A0B0C0D0E0F1011121314  # a raw validation key

        \(digest)
        """
        let digests = try KnownKeys.load(text: text)
        let raw = KeyFingerprint.sha256Hex(Array(1...20))
        XCTAssertEqual(digests, [raw, digest.lowercased()])
    }

    func testBadLineNamesItsLine() {
        XCTAssertThrowsError(try KnownKeys.load(text: "# ok\n\nnot-a-key\n")) { error in
            XCTAssertEqual((error as? KnownKeys.LoadError)?.line, 3)
        }
    }
}
