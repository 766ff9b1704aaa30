import Foundation
import XCTest

@testable import DiagnosticRules

/// A session that ends with two diagnoses, rendered in every checklist format: each format
/// must carry both diagnoses, every step of both, numbered 1-5 without restarting, and
/// escape what its format needs escaped. Goldens pin the full output.
final class TwoDiagnosesChecklistTests: XCTestCase {
    static let yaml = """
        id: two-causes
        title: Two causes at once
        version: "1.0.0"
        symptom: Users are logged out and IIS Admin stops.
        facts:
          - {id: pool_recycled, type: boolean}
          - {id: guid_changed, type: boolean}
        steps:
          - {id: recycled, prompt: "Did the pool recycle?", input: yesno, sets: pool_recycled}
          - {id: changed, prompt: "Did MachineGuid change?", input: yesno, sets: guid_changed}
        rules:
          - {id: r-recycle, when: "pool_recycled == true", then: {conclude: [autogen-lost]}}
          - {id: r-guid, when: "guid_changed == true", then: {conclude: [guid-moved]}}
        diagnoses:
          - id: autogen-lost
            title: The auto-generated key was lost on recycle
            severity: high
            summary: The pool's AutoGenKey was not persisted.
            remediation:
              - text: Back up the pool registry key.
                command: reg export "HKU\\S-1-5-20\\Software\\Microsoft\\ASP.NET" C:\\kw\\aspnet.reg /y
              - text: Load the profile (<processModel loadUserProfile="true" />).
                verify: The key exists after the next recycle.
                verify_command: reg query "HKU\\S-1-5-20\\Software\\Microsoft\\ASP.NET\\4.0.30319.0" 2>&1
            references:
              - {title: "Second diagnosis & its <references>", url: "https://example.invalid/a?b=1&c=2"}
          - id: guid-moved
            title: MachineGuid moved away from the key containers
            severity: critical
            summary: The containers carry the old GUID.
            remediation:
              - text: Copy MachineKeys, keeping ACLs.
                command: robocopy "%ALLUSERSPROFILE%\\Microsoft\\Crypto\\RSA\\MachineKeys" C:\\kw\\MachineKeys /COPYALL /B
              - text: Set MachineGuid back.
                caution: Other software keys licences on MachineGuid.
              - text: Restart IIS.
                command: iisreset
        """

    func checklist() throws -> Checklist {
        let p = try playbook(Self.yaml, file: "two-causes.yaml")
        let answers = [
            Answer(step: "recycled", value: .value(.boolean(true))),
            Answer(step: "changed", value: .value(.boolean(true)))
        ]
        let conclusion = Engine(playbook: p).evaluate(answers)
        XCTAssertEqual(conclusion.diagnoses.map(\.diagnosis.id), ["autogen-lost", "guid-moved"])
        return Checklist(conclusion: conclusion, context: ChecklistGoldenTests.context)
    }

    static let steps = [
        "Back up the pool registry key.", "Load the profile", "Copy MachineKeys, keeping ACLs.",
        "Set MachineGuid back.", "Restart IIS."
    ]

    func testTheStructureNumbersStepsAcrossDiagnoses() throws {
        let c = try checklist()
        XCTAssertEqual(c.diagnoses.map(\.id), ["autogen-lost", "guid-moved"])
        XCTAssertEqual(c.diagnoses.map { $0.steps.map(\.number) }, [[1, 2], [3, 4, 5]])
    }

    func testJSONHoldsBothDiagnosesAndIsValid() throws {
        let json = try ChecklistJSON.render(try checklist())
        let decoded = try JSONDecoder().decode(Checklist.self, from: Data(json.utf8))
        XCTAssertEqual(decoded, try checklist())
        XCTAssertEqual(decoded.diagnoses.flatMap(\.steps).map(\.number), [1, 2, 3, 4, 5])
        Golden.check(json, "checklists/sessions/two-diagnoses.json")
    }

    func testTextHoldsEveryStepOfBoth() throws {
        let text = ChecklistText.render(try checklist())
        assertBoth(text, "text")
        for n in 1...5 { XCTAssertTrue(text.contains("[ ] \(n). "), "text: step \(n)") }
        Golden.check(text, "checklists/sessions/two-diagnoses.txt")
    }

    func testMarkdownHoldsEveryStepOfBoth() throws {
        let md = ChecklistMarkdown.render(try checklist())
        assertBoth(md, "markdown")
        for n in 1...5 { XCTAssertTrue(md.contains("- [ ] **\(n).** "), "markdown: step \(n)") }
        XCTAssertEqual(md.components(separatedBy: "- [ ] **").count - 1, 6, "five step boxes and one verify box")
        Golden.check(md, "checklists/sessions/two-diagnoses.md")
    }

    func testHTMLHoldsEveryStepOfBothEscaped() throws {
        let html = ChecklistHTML.render(try checklist())
        assertBoth(html, "html")
        XCTAssertTrue(html.contains("2&gt;&amp;1"), "commands are escaped")
        XCTAssertTrue(html.contains("&lt;processModel loadUserProfile=&quot;true&quot; /&gt;"))
        XCTAssertTrue(html.contains("Second diagnosis &amp; its &lt;references&gt;"))
        XCTAssertFalse(html.contains("<processModel"), "no raw markup from the playbook")
        Golden.check(html, "checklists/sessions/two-diagnoses.html")
    }

    private func assertBoth(_ out: String, _ format: String, file: StaticString = #filePath, line: UInt = #line) {
        for title in ["The auto-generated key was lost on recycle", "MachineGuid moved away from the key containers"] {
            XCTAssertTrue(out.contains(title), "\(format): \(title)", file: file, line: line)
        }
        for step in Self.steps {
            XCTAssertTrue(out.contains(step), "\(format): step '\(step)'", file: file, line: line)
        }
        XCTAssertTrue(out.contains("iisreset"), "\(format): the last command", file: file, line: line)
    }
}
