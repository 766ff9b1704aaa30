import Foundation
import XCTest

/// Golden files under Tests/DiagnosticRulesTests/Fixtures (read from the source tree, so
/// that updating needs no rebuild). `KEYWIZARD_UPDATE_GOLDEN=1` (re)writes them; a missing
/// golden is a failure otherwise.
enum Golden {
    static var updating: Bool { ProcessInfo.processInfo.environment["KEYWIZARD_UPDATE_GOLDEN"] == "1" }

    static let fixtures = SessionFixtures.packageRoot.appendingPathComponent("Tests/DiagnosticRulesTests/Fixtures")

    static func check(_ actual: String, _ relativePath: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = fixtures.appendingPathComponent(relativePath)
        if updating {
            try? FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            XCTAssertNoThrow(try actual.write(to: url, atomically: true, encoding: .utf8), file: file, line: line)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return XCTFail(
                "missing golden \(relativePath); run KEYWIZARD_UPDATE_GOLDEN=1 swift test --filter Checklist and review it",
                file: file, line: line)
        }
        guard expected != actual else { return }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let i = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
        XCTFail(
            """
            \(relativePath) differs at line \(i + 1):
              expected: \(i < e.count ? String(e[i]) : "<end>")
              actual:   \(i < a.count ? String(a[i]) : "<end>")
            (KEYWIZARD_UPDATE_GOLDEN=1 rewrites goldens)
            """, file: file, line: line)
    }
}
