import Foundation
import XCTest

/// The tree is formatted with the toolchain's `swift format` and the checked-in `.swift-format`
/// (4-space indent, 120 columns; naming and API-shape rules left to review): `swift test` fails
/// on any file that `swift format format` would change. Fix with
/// `swift format format --in-place --recursive Package.swift Sources Tests Benchmarks`.
final class FormatTests: XCTestCase {
    func testTreeIsFormatted() throws {
        let root = TestPaths.repoRoot
        let swift = ["/opt/swift/usr/bin/swift", "/usr/bin/swift"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        guard let swift else { throw XCTSkip("no swift toolchain at /opt/swift/usr/bin or /usr/bin") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: swift)
        p.arguments = [
            "format", "lint", "--strict", "--recursive", "--parallel",
            "--configuration", root.appendingPathComponent(".swift-format").path,
            "Package.swift", "Sources", "Tests", "Benchmarks"
        ]
        p.currentDirectoryURL = root
        let err = Pipe()
        p.standardError = err
        p.standardOutput = err
        try p.run()
        let output = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let findings = output.split(separator: "\n").filter { $0.contains(": warning:") || $0.contains(": error:") }
        XCTAssertEqual(
            p.terminationStatus, 0,
            "swift format lint:\n" + findings.prefix(20).joined(separator: "\n")
                + (findings.count > 20 ? "\n... \(findings.count - 20) more" : ""))
    }
}
