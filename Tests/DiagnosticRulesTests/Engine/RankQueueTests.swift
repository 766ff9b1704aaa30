import XCTest

@testable import DiagnosticRules

/// The engine's agenda: every rank comes out once, lowest first, and a rank pushed below the
/// one just examined comes out next.
final class RankQueueTests: XCTestCase {
    func testPopsEveryRankInOrder() {
        for count in [0, 1, 63, 64, 65, 130] {
            var q = RankQueue(all: count)
            var out: [Int] = []
            while let r = q.pop() { out.append(r) }
            XCTAssertEqual(out, Array(0..<count), "count \(count)")
        }
    }

    func testAPushBelowTheCursorComesOutNext() {
        var q = RankQueue(all: 200)
        for _ in 0..<150 { _ = q.pop() }
        q.push(3)
        q.push(70)
        XCTAssertTrue(q.contains(3))
        XCTAssertEqual(q.pop(), 3)
        XCTAssertEqual(q.pop(), 70)
        XCTAssertEqual(q.pop(), 150)
        XCTAssertFalse(q.contains(3))
    }

    func testAQueueOfSomeRanksPopsExactlyThoseInOrder() {
        for count in [0, 1, 63, 64, 65, 130] {
            var q = RankQueue(count: count) { $0 % 3 == 1 || $0 == 64 }
            var out: [Int] = []
            while let r = q.pop() { out.append(r) }
            XCTAssertEqual(out, (0..<count).filter { $0 % 3 == 1 || $0 == 64 }, "count \(count)")
        }
    }

    func testPushingAWaitingRankKeepsItOnce() {
        var q = RankQueue(all: 0)
        q = RankQueue(all: 10)
        while q.pop() != nil {}
        q.push(5)
        q.push(5)
        XCTAssertEqual(q.pop(), 5)
        XCTAssertNil(q.pop())
    }
}
