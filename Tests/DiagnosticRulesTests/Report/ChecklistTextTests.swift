import Foundation
import XCTest

@testable import DiagnosticRules

final class ChecklistTextTests: XCTestCase {
    /// lp-friendly: no escape codes, prose within 80 columns, every command whole on its own
    /// line (long ones run past the margin rather than wrap).
    static func assertPrintable(
        _ text: String, commands: [String], name: String, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertFalse(text.contains("\u{1B}"), "\(name): ANSI escape", file: file, line: line)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let commandLines = Set(lines.filter { l in commands.contains { l.trimmingCharacters(in: .whitespaces) == $0 } })
        for cmd in commands {
            XCTAssertTrue(
                lines.contains { $0.trimmingCharacters(in: .whitespaces) == cmd },
                "\(name): command not on a line of its own: \(cmd)", file: file, line: line)
        }
        for l in lines where l.count > 80 && !commandLines.contains(l) {
            XCTFail("\(name): prose line over 80 columns: \(l)", file: file, line: line)
        }
    }

    func testShippedPlaybookChecklistIsPrintable() throws {
        let playbook = try SessionFixtures.shippedPlaybook()
        let answers = try SessionFixtures.machineGuidChangedAnswers(playbook)
        let c = Engine(playbook: playbook).evaluate(answers)
        let text = ChecklistText.render(Checklist(conclusion: c, context: ChecklistGoldenTests.context))
        let commands = c.diagnoses.flatMap { d in
            d.diagnosis.remediation.map(c.present).flatMap { [$0.command, $0.verifyCommand].compactMap { $0 } }
        }
        XCTAssertFalse(commands.isEmpty)
        XCTAssertTrue(commands.contains { $0.count > 80 }, "the fixture must exercise a command longer than a line")
        Self.assertPrintable(text, commands: commands, name: "machineguid-changed")
        XCTAssertTrue(text.contains("  [ ] 1. Back up the Cryptography key"), text)
        XCTAssertTrue(text.contains("[ ] Verify: IIS Admin is RUNNING"), text)
        XCTAssertTrue(
            text.contains(
                "reg add HKLM\\SOFTWARE\\Microsoft\\Cryptography /v MachineGuid /t REG_SZ /d \(SessionFixtures.originalGuid) /f"
            ))
        XCTAssertTrue(text.contains("Performed by:"))
        XCTAssertTrue(text.contains("Verified by:"))
    }

    func testHTMLIsEscapedAndPrintReady() throws {
        var c = try checklist()
        c.diagnoses[0].steps[0].command = "echo <script>alert('x')</script> & \"q\""
        c.host = "<b>WEB01</b>"
        let html = ChecklistHTML.render(c)
        XCTAssertFalse(html.contains("<script>"))
        XCTAssertFalse(html.contains("<b>WEB01</b>"))
        XCTAssertTrue(html.contains("echo &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"))
        XCTAssertTrue(html.contains("@page"))
        XCTAssertTrue(html.contains("page-break-inside: avoid"))
        XCTAssertFalse(
            html.contains("http://") || html.contains("https://") || html.contains("<link") || html.contains("src="),
            "self-contained")
    }

    func testMarkdownFencesSurviveBackticksAndEscapesProse() throws {
        var c = try checklist()
        c.diagnoses[0].steps[0].command = "powershell -c \"Write-Host ```a```\""
        c.diagnoses[0].steps[0].text = "Copy C:\\a_b\\*.xml"
        let md = ChecklistMarkdown.render(c)
        XCTAssertTrue(md.contains("  ````\n  powershell -c \"Write-Host ```a```\"\n  ````"), md)
        XCTAssertTrue(md.contains("Copy C:\\\\a\\_b\\\\\\*.xml"), md)
    }

    func testJSONIsVersionedAndRoundTrips() throws {
        let c = try checklist()
        let json = try ChecklistJSON.render(c)
        XCTAssertTrue(json.contains("\"format\" : \"keywizard-checklist/1\""))
        XCTAssertEqual(try JSONDecoder().decode(Checklist.self, from: Data(json.utf8)), c)
    }

    private func checklist() throws -> Checklist {
        let playbook = try SessionFixtures.shippedPlaybook()
        let answers = try SessionFixtures.machineGuidChangedAnswers(playbook)
        return Checklist(
            conclusion: Engine(playbook: playbook).evaluate(answers), context: ChecklistGoldenTests.context)
    }
}
