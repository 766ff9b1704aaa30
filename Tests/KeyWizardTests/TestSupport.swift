import DiagnosticRules
import Foundation
import XCTest

@testable import KeyWizardUI

enum TestPaths {
    /// Tests/KeyWizardTests
    static let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repoRoot = testsDir.deletingLastPathComponent().deletingLastPathComponent()
    static let fixturePlaybooks = testsDir.appendingPathComponent("Fixtures")
    static let evidence = repoRoot.appendingPathComponent("Tests/DiagnosticRulesTests/Fixtures/evidence")
    static let golden = testsDir.appendingPathComponent("Golden")

    static func evidenceText(_ name: String) -> String {
        let data = (try? Data(contentsOf: evidence.appendingPathComponent(name))) ?? Data()
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// The 7024 event text whose error the parsers cannot turn into a number (since issue 10
    /// "Invalid Signature" is read as 0x80090006), so that the error-code question follows.
    static func eventWithoutErrorNumber() -> String {
        evidenceText("event-7024-text.txt").replacingOccurrences(of: "Invalid Signature", with: "Unexpected Failure")
    }

    /// The keywizard binary next to the test bundle (same build), or in .build/debug.
    static var binary: URL {
        let here = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        var dir = here.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("keywizard")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return repoRoot.appendingPathComponent(".build/debug/keywizard")
    }
}

func fixtureLibrary() -> PlaybookLibrary {
    PlaybookLibrary.load(directory: TestPaths.fixturePlaybooks)
}

extension WizardApp {
    /// Feed keys, collecting effects. Each key comes a second after the question on screen
    /// appeared (a reader's pace), so the type-ahead guard does not swallow it; the guard's
    /// own tests pass times explicitly.
    @discardableResult
    func press(_ keys: Key...) -> [Effect] { keys.flatMap { handle($0, at: paced) } }
    @discardableResult
    func type(_ s: String) -> [Effect] { s.flatMap { handle(.char($0), at: paced) } }

    var paced: Date { max(shownAt ?? .distantPast, lastKeyTime).addingTimeInterval(1) }
}

/// Compare a rendered screen with Tests/KeyWizardTests/Golden/<name>.txt; with
/// KEYWIZARD_UPDATE_GOLDEN=1 the file is (re)written instead.
func assertGolden(
    _ app: WizardApp, _ name: String, rows: Int, cols: Int, unicode: Bool = true, file: StaticString = #filePath,
    line: UInt = #line
) {
    let canvas = GridCanvas(rows: rows, cols: cols, unicode: unicode)
    app.render(on: canvas)
    let text = canvas.render()
    let url = TestPaths.golden.appendingPathComponent("\(name)-\(cols)x\(rows)\(unicode ? "" : "-ascii").txt")
    if ProcessInfo.processInfo.environment["KEYWIZARD_UPDATE_GOLDEN"] == "1" {
        try? FileManager.default.createDirectory(at: TestPaths.golden, withIntermediateDirectories: true)
        try? text.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        XCTFail(
            "missing golden file \(url.lastPathComponent); run with KEYWIZARD_UPDATE_GOLDEN=1 and review it",
            file: file, line: line)
        return
    }
    if expected != text {
        XCTFail(
            "screen differs from \(url.lastPathComponent):\n--- expected\n\(expected)--- got\n\(text)", file: file,
            line: line)
    }
    // No line may be wider than the canvas.
    for l in text.split(separator: "\n") {
        XCTAssertLessThanOrEqual(TextWidth.width(String(l)), cols, file: file, line: line)
    }
}
