import Foundation
import XCTest

@testable import DiagnosticRules

/// A paste is an answer only when it gives what the step asks for; one notation for codes.
final class StepEvidenceTests: XCTestCase {
    static let playbookYAML = """
        id: t
        title: T
        version: "1"
        symptom: test
        facts:
          - {id: machine_guid, type: guid}
          - {id: error_code, type: integer}
        steps:
          - id: guid
            prompt: "Paste reg query"
            input: paste
            parser: [reg-query, reg-export, ps-itemproperty]
            fields: {machine_guid: machine_guid}
          - {id: code, prompt: "code?", input: errorcode, sets: error_code}
        rules:
          - {id: r, when: "exists(machine_guid) and error_code == 0x80090006", then: {conclude: [d]}}
        diagnoses:
          - {id: d, title: D, severity: critical, confidence: high, summary: "s", remediation: [{text: t}]}
        """

    func testAPasteThatYieldsNoStepFieldIsNotRecognisedForThisStep() throws {
        let p = try playbook(Self.playbookYAML)
        let step = try XCTUnwrap(p.step("guid"))
        let text =
            "! REG.EXE VERSION 3.0\n\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\n    MachineGuid = 3e08c9a1-5b7d-4c2e-8f10-6a4b2d9e7c13\n"
        guard case .failure(let e) = StepInput.interpret(text, for: step, in: p) else {
            return XCTFail("accepted a paste that sets nothing")
        }
        XCTAssertTrue(
            e.message.hasPrefix(
                "not recognised for this step: read as reg query output, but it gives none of machine_guid"), e.message)
        XCTAssertTrue(
            e.message.contains(
                "first line it could not read: line 4: 'MachineGuid = 3e08c9a1-5b7d-4c2e-8f10-6a4b2d9e7c13'"), e.message
        )
    }

    func testRegistryValueMissingIsStillAnAnswer() throws {
        let p = try playbook(Self.playbookYAML)
        let step = try XCTUnwrap(p.step("guid"))
        let r = StepInput.interpret(
            "Error:  The system was unable to find the specified registry key or value\n", for: step, in: p)
        guard case .success(.evidence(let e)) = r else { return XCTFail("\(r)") }
        XCTAssertEqual(e.field("registry_value_missing")?.value, .boolean(true))
    }

    func testBareValueAnswersAOneFieldStep() throws {
        let p = try playbook(Self.playbookYAML)
        let step = try XCTUnwrap(p.step("guid"))
        let r = StepInput.interpret("{3E08C9A1-5B7D-4C2E-8F10-6A4B2D9E7C13}\n", for: step, in: p)
        guard case .success(.evidence(let e)) = r else { return XCTFail("\(r)") }
        XCTAssertEqual(e.field("machine_guid")?.value, .guid("3e08c9a1-5b7d-4c2e-8f10-6a4b2d9e7c13"))
        // A lone word is not a GUID: refused, with the line.
        guard case .failure(let refusal) = StepInput.interpret("hello\n", for: step, in: p) else {
            return XCTFail("a bare word set machine_guid")
        }
        XCTAssertTrue(refusal.message.contains("not recognised for this step"), refusal.message)
        XCTAssertTrue(refusal.message.contains("line 1: 'hello'"), refusal.message)
        XCTAssertNil(EvidenceRegistry.detect("hello\n"), "a lone line is no recognised format")
    }

    /// Whatever `keywizard decode` accepts, the error-code question accepts.
    func testErrorCodeQuestionTakesDecodeNotation() throws {
        let p = try playbook(Self.playbookYAML)
        let step = try XCTUnwrap(p.step("code"))
        for text in [
            "2148073478", "-2146893818", "0x80090006", "80090006", "%%2148073478", "2148073478 (0x80090006)",
            "NTE_BAD_SIGNATURE", "nte_bad_signature", "Invalid Signature", "Invalid signature.", "invalid  signature"
        ] {
            XCTAssertNotNil(ErrorDecoder.decode(text: text), "decode refuses \(text)")
            guard case .success(.value(let v)) = StepInput.interpret(text, for: step, in: p) else {
                XCTFail(text)
                continue
            }
            XCTAssertEqual(v, .integer(0x8009_0006), text)
        }
        XCTAssertEqual(ErrorNotation.parse("Keyset does not exist"), 0x8009_0016)
        XCTAssertEqual(ErrorNotation.parse("Access is denied."), 0x8007_0005)
        XCTAssertEqual(ErrorNotation.parse("ERROR_ACCESS_DENIED"), 5)
        XCTAssertNil(ErrorNotation.parse("no such error"))
        guard case .failure(let e) = StepInput.interpret("banana", for: step, in: p) else { return XCTFail() }
        XCTAssertTrue(e.message.contains("Invalid Signature"), e.message)
    }

    /// `parser: [event-txt]` and `fields: {machine_giud: ...}` are load and lint errors with
    /// file:line:col of the id and the key, for any step, whatever its ask_when.
    func testParserAndFieldTyposFailWithPositions() throws {
        let yaml = Self.playbookYAML
            .replacingOccurrences(
                of: "parser: [reg-query, reg-export, ps-itemproperty]", with: "parser: [reg-query, event-txt]")
        let r = loadPlaybook(yaml, file: "typo.yaml")
        XCTAssertNil(r.playbook)
        let messages = r.diagnostics.map(\.description)
        XCTAssertTrue(
            messages.contains {
                $0.hasPrefix(
                    "typo.yaml:12:25: error: step 'guid' names unknown parser 'event-txt' (did you mean 'event-text'?)")
            }, "\(messages)")

        let field = Self.playbookYAML.replacingOccurrences(
            of: "fields: {machine_guid: machine_guid}", with: "fields: {machine_giud: machine_guid}")
        let r2 = loadPlaybook(field, file: "field.yaml")
        XCTAssertNil(r2.playbook)
        XCTAssertTrue(
            r2.diagnostics.map(\.description).contains {
                $0.hasPrefix(
                    "field.yaml:13:14: error: step 'guid': no parser of reg-query, reg-export, ps-itemproperty gives field 'machine_giud' (did you mean 'machine_guid'?)"
                )
            }, "\(r2.diagnostics)")

        let typed = Self.playbookYAML.replacingOccurrences(
            of: "fields: {machine_guid: machine_guid}", with: "fields: {machine_guid: error_code}")
        let r3 = loadPlaybook(typed, file: "type.yaml")
        XCTAssertTrue(
            r3.diagnostics.map(\.description).contains {
                $0.contains(
                    "type.yaml:13:14: error: step 'guid': field 'machine_guid' is guid, but fact 'error_code' is declared integer"
                )
            }, "\(r3.diagnostics)")
    }

    func testShippedPlaybooksPassTheParserLint() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Playbooks")
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".yaml") {
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            let p = try playbook(text, file: name)
            XCTAssertEqual(PlaybookLinter.parserFindings(p).map(\.description), [], name)
        }
    }
}
