import Foundation
import XCTest

/// `.ci/summarise` turns a `swift test` log into CI's closing line. CI must report whatever
/// the outcome: a failing, a skipped or a crashed test still ends with the line, and the exit
/// status stays the test run's.
final class CIScriptTests: XCTestCase {
    let script = TestPaths.repoRoot.appendingPathComponent(".ci/summarise").path

    func summarise(_ log: String, status: Int32) throws -> (status: Int32, output: String) {
        let path = NSTemporaryDirectory() + "kw-ci-\(UUID().uuidString.prefix(8)).log"
        try log.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return sh(["/bin/bash", script, path, String(status)], env: [:], input: "")
    }

    func lastLine(_ s: String) -> String {
        s.split(separator: "\n").last.map(String.init) ?? ""
    }

    func testAllPassed() throws {
        let r = try summarise(
            """
            Test Case 'A.a' passed (0.001 seconds)
            \t Executed 247 tests, with 0 failures (0 unexpected) in 12.2 (12.2) seconds
            \t Executed 247 tests, with 0 failures (0 unexpected) in 12.2 (12.2) seconds
            ✔ Test run with 0 tests in 0 suites passed after 0.001 seconds.
            """, status: 0)
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(lastLine(r.output), "247 passed, 0 failed")
    }

    func testOneFailingTestIsCountedAndTheStatusKept() throws {
        let r = try summarise(
            """
            Test Case 'A.b' failed (0.002 seconds)
            \t Executed 248 tests, with 1 failure (0 unexpected) in 12.2 (12.2) seconds
            """, status: 1)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(lastLine(r.output), "247 passed, 1 failed")
    }

    func testSkippedTestsAreCountedAsSuch() throws {
        let r = try summarise(
            """
            \t Executed 247 tests, with 1 test skipped and 0 failures (0 unexpected) in 12.2 (12.2) seconds
            """, status: 0)
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(lastLine(r.output), "246 passed, 0 failed, 1 skipped")
        let two = try summarise(
            "\t Executed 10 tests, with 2 tests skipped and 3 failures (0 unexpected) in 1 (1) seconds\n", status: 1)
        XCTAssertEqual(lastLine(two.output), "5 passed, 3 failed, 2 skipped")
        XCTAssertEqual(two.status, 1)
    }

    func testACrashedRunStillReportsAndFails() throws {
        let r = try summarise(
            """
            Test Case 'A.a' passed (0.001 seconds)
            Test Case 'A.b' started at 2026-11-29
            """, status: 139)
        XCTAssertEqual(r.status, 139)
        XCTAssertEqual(lastLine(r.output), "1 passed, 1 failed")
    }

    func testAFailureIsNeverReportedAsSuccess() throws {
        let r = try summarise("\t Executed 3 tests, with 1 failure (0 unexpected) in 1 (1) seconds\n", status: 0)
        XCTAssertNotEqual(r.status, 0)
    }
}
