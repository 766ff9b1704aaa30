import Foundation
import XCTest

@testable import DiagnosticRules

/// `SessionFile.splitLines` replaces `Data.split` for speed; the damage report counts lines,
/// so it must cut exactly where `split(separator:omittingEmptySubsequences: false)` cuts.
final class SessionLineSplitTests: XCTestCase {
    func assertSameAsSplit(_ data: Data, file: StaticString = #filePath, line: UInt = #line) {
        let expected = data.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        XCTAssertEqual(
            SessionFile.splitLines(data).map { Array($0) }, expected, "\(Array(data))", file: file, line: line)
    }

    func testCutsWhereSplitCuts() {
        for text in [
            "", "\n", "\n\n", "a", "a\n", "\na", "a\nb", "a\n\nb\n", "{\"type\":\"header\"}\n{}\n  \n\r\n",
            "no newline at all"
        ] {
            assertSameAsSplit(Data(text.utf8))
        }
        var rng = SplitMix64(seed: 5)
        for _ in 0..<500 {
            let bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in
                [0x0A, 0x61, 0x20, 0x7B][Int.random(in: 0..<4, using: &rng)] as UInt8
            }
            assertSameAsSplit(Data(bytes))
        }
    }

    /// A slice of a larger `Data` keeps its parent's indices.
    func testASliceWithANonZeroStartIndex() {
        let whole = Data("xx\nab\n\ncd\nyy".utf8)
        let slice = whole[3..<10]
        XCTAssertEqual(slice.startIndex, 3)
        assertSameAsSplit(slice)
    }
}
