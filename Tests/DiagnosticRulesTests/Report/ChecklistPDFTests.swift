import Foundation
import XCTest

@testable import DiagnosticRules

/// The printed checklist keeps every command whole: each shipped case's HTML checklist is
/// printed to PDF by headless Chromium, read back with pdftotext, and every remediation
/// command must be found on one line once the continuation marks (↵) are joined.
final class ChecklistPDFTests: XCTestCase {
    func tool(_ name: String) -> String? {
        for dir in ["/usr/bin", "/usr/local/bin", "/bin"]
        where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") { return "\(dir)/\(name)" }
        return nil
    }

    func run(_ path: String, _ args: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }

    func testEveryCommandIsWholeInThePrintedPDF() throws {
        guard let chromium = tool("chromium") ?? tool("chromium-browser") else {
            throw XCTSkip("chromium is not installed (apt-get install chromium; .ci/run installs it)")
        }
        guard let pdftotext = tool("pdftotext") else {
            throw XCTSkip("pdftotext is not installed (apt-get install poppler-utils)")
        }
        let dir = NSTemporaryDirectory() + "kw-pdf-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lib = PlaybookLibrary.load(directory: ShippedPlaybooksTests.directory)
        let runner = CaseRunner(library: lib)
        var commands = 0
        for (i, url) in PlaybookCase.caseFiles(in: ShippedPlaybooksTests.directory.appendingPathComponent("tests"))
            .enumerated()
        {
            guard case .success(let c) = PlaybookCase.load(url), let conclusion = runner.run(c).conclusion else {
                continue
            }
            let doc = Checklist(
                conclusion: conclusion,
                context: ChecklistContext(hostLabel: "WEB01", date: Date(timeIntervalSince1970: 0)))
            let expected = doc.diagnoses.flatMap {
                $0.steps.flatMap { [$0.command, $0.verifyCommand].compactMap { $0 } }
            }
            guard !expected.isEmpty else { continue }
            let html = "\(dir)/\(i).html"
            let pdf = "\(dir)/\(i).pdf"
            let txt = "\(dir)/\(i).txt"
            try ChecklistHTML.render(doc).write(toFile: html, atomically: true, encoding: .utf8)
            XCTAssertEqual(
                run(
                    chromium,
                    [
                        "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        "--user-data-dir=\(dir)/profile", "--print-to-pdf=\(pdf)", "file://\(html)"
                    ]), 0, c.name)
            XCTAssertEqual(run(pdftotext, ["-enc", "UTF-8", pdf, txt]), 0, c.name)
            let text = (try? String(contentsOfFile: txt, encoding: .utf8)) ?? ""
            let joined = text.replacingOccurrences(of: "↵\n", with: "")
            let lines = Set(joined.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
            for cmd in expected {
                let near = joined.components(separatedBy: "\n").filter { $0.contains(String(cmd.prefix(20))) }.joined(
                    separator: "\n")
                XCTAssertTrue(
                    lines.contains(cmd),
                    "\(c.playbookId)/\(c.name): command not whole in the PDF: \(cmd)\nPDF text:\n\(near)")
                commands += 1
            }
        }
        XCTAssertGreaterThan(commands, 30)
    }
}
