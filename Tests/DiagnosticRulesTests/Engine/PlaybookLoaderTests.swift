import XCTest

@testable import DiagnosticRules

final class PlaybookLoaderTests: XCTestCase {
    func messages(_ yaml: String) -> [String] {
        let r = loadPlaybook(yaml, file: "x.yaml")
        let lint = r.playbook.map(PlaybookLinter.lint) ?? []
        return (r.diagnostics + lint).map(\.description)
    }

    let base = """
        id: x
        title: X
        version: "1"
        symptom: s
        facts:
          - {id: machine_guid, type: guid}
          - {id: code, type: integer}
        steps:
          - {id: guid, prompt: "g?", input: guid, sets: machine_guid}
          - {id: code, prompt: "c?", input: errorcode, sets: code}
        rules:
          - id: r
            when: machine_guid == {00000000-0000-0000-0000-000000000000} and code == 5
            then: {conclude: [d]}
        diagnoses:
          - {id: d, title: D, severity: low, summary: "guid {machine_guid}"}
        """

    func testCleanPlaybookHasNoFindings() {
        XCTAssertEqual(messages(base), [])
    }

    func testUnknownFactWithSuggestionAndPosition() {
        let m = messages(base.replacingOccurrences(of: "when: machine_guid ==", with: "when: machine_gud =="))
        XCTAssertTrue(
            m.contains("x.yaml:13:11: error: unknown fact 'machine_gud' (did you mean 'machine_guid'?)"), "\(m)")
    }

    func testUnknownKeyAndTypeErrors() {
        XCTAssertTrue(
            messages(base.replacingOccurrences(of: "symptom: s", with: "symptom: s\nsymtom: t")).contains {
                $0.contains("x.yaml:5:1: error: unknown key 'symtom' in the playbook")
            })
        XCTAssertTrue(
            messages(base.replacingOccurrences(of: "code == 5", with: "code == \"five\"")).contains {
                $0.contains("cannot compare integer 'code' with string")
            })
        XCTAssertTrue(
            messages(base.replacingOccurrences(of: "type: integer", with: "type: integr")).contains {
                $0.contains("unknown fact type 'integr'") && $0.contains("did you mean 'integer'")
            })
        XCTAssertTrue(
            messages(base.replacingOccurrences(of: "code == 5", with: "cout(code) == 5")).contains {
                $0.contains("unknown function 'cout' (did you mean 'count'?)")
            })
    }

    func testDuplicateIdsAndUnknownDiagnosis() {
        XCTAssertTrue(
            messages(base.replacingOccurrences(of: "  - {id: code, prompt", with: "  - {id: guid, prompt")).contains {
                $0.contains("duplicate step id 'guid'")
            })
        XCTAssertTrue(
            messages(base.replacingOccurrences(of: "conclude: [d]", with: "conclude: [e]")).contains {
                $0.contains("unknown diagnosis 'e'")
            })
    }

    func testLintFindsDeadLogic() {
        let extra =
            base
            .replacingOccurrences(
                of: "  - {id: code, type: integer}",
                with: "  - {id: code, type: integer}\n  - {id: never, type: boolean}"
            )
            .replacingOccurrences(
                of: "  - {id: code, prompt: \"c?\", input: errorcode, sets: code}",
                with: "  - {id: code, prompt: \"c?\", input: errorcode, sets: code, ask_when: \"never == true\"}")
            + "\n  - {id: orphan, title: O, severity: low, summary: s}"
        let m = messages(extra)
        XCTAssertTrue(m.contains { $0.contains("step 'code' can never be asked: nothing sets 'never'") }, "\(m)")
        XCTAssertTrue(m.contains { $0.contains("diagnosis 'orphan' is never concluded by any rule") }, "\(m)")
        XCTAssertTrue(m.contains { $0.contains("fact 'never' is read") && $0.contains("never set") }, "\(m)")
    }

    func testYAMLSyntaxErrorHasPosition() {
        let m = messages("id: x\ntitle: [unclosed\n")
        XCTAssertEqual(m.count, 1)
        XCTAssertTrue(m[0].hasPrefix("x.yaml:3:"), m[0])
    }

    func testPlaceholderMustNameAFact() {
        XCTAssertTrue(
            messages(base.replacingOccurrences(of: "{machine_guid}\"", with: "{machine_gui}\"")).contains {
                $0.contains("placeholder '{machine_gui}' names no fact")
            })
    }
}
