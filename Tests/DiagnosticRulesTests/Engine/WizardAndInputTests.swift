import XCTest

@testable import DiagnosticRules

final class WizardAndInputTests: XCTestCase {
    func testWizardBackPrefillsAndRecomputes() throws {
        var w = Wizard(playbook: try playbook(chainPlaybook))
        XCTAssertEqual(w.currentStep?.id, "a")
        XCTAssertFalse(w.back(), "nothing to go back to at the first step")
        guard case .success = w.submit("42") else { return XCTFail() }
        XCTAssertEqual(w.currentStep?.id, "b")
        guard case .failure(let e) = w.submit("maybe") else { return XCTFail() }
        XCTAssertEqual(e.message, "answer y (yes) or n (no)")
        XCTAssertTrue(w.back())
        XCTAssertEqual(w.currentStep?.id, "a")
        XCTAssertEqual(w.answer(for: "a")?.value, .value(.integer(42)))
        guard case .success = w.submit("0") else { return XCTFail() }
        XCTAssertEqual(w.conclusion.diagnoses.map(\.diagnosis.id), ["small"])
        XCTAssertNil(w.currentStep)
    }

    func testStepTextShowsKnownFacts() throws {
        var w = Wizard(
            playbook: try playbook(
                """
                id: present
                title: P
                version: "1"
                symptom: s
                facts: [{id: pool, type: string}, {id: sid, type: string}, {id: seen, type: boolean}]
                steps:
                  - {id: pool, prompt: "Pool?", input: text, sets: pool}
                  - {id: seen, prompt: "Is there a key under {sid}?", help: "for {pool|the pool}", command: 'reg query "HKU\\{sid}"', input: yesno, sets: seen}
                derived: [{fact: sid, value: pool_sid(pool)}]
                rules: [{id: r, when: "seen == true", then: {conclude: [d]}}]
                diagnoses: [{id: d, title: D, severity: low, summary: s}]
                """))
        guard case .success = w.submit("DefaultAppPool") else { return XCTFail() }
        let step = try XCTUnwrap(w.currentStep)
        XCTAssertEqual(
            step.prompt, "Is there a key under S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415?")
        XCTAssertEqual(step.help, "for DefaultAppPool")
        XCTAssertEqual(step.command, "reg query \"HKU\\S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415\"")
    }

    func testInputKinds() throws {
        let p = try playbook(
            """
            id: inputs
            title: I
            version: "1"
            symptom: s
            facts:
              - {id: code, type: integer}
              - {id: g, type: guid}
              - {id: pick, type: string}
              - {id: key, type: string, sensitive: true}
              - {id: pool, type: string}
            steps:
              - {id: code, prompt: c, input: errorcode, sets: code}
              - {id: g, prompt: g, input: guid, sets: g}
              - id: pick
                prompt: p
                input: choice
                sets: pick
                choices: [{value: clone, label: Cloned}, {value: sysprep, label: Sysprepped}]
              - {id: key, prompt: k, input: text, sets: key}
              - {id: pool, prompt: p, input: text, sets: pool, pattern: '^[A-Za-z0-9 ._-]+$', pattern_message: "a pool name"}
            rules: [{id: r, when: "exists(code)", then: {conclude: [d]}}]
            diagnoses: [{id: d, title: D, severity: low, summary: s}]
            """)
        func run(_ step: String, _ text: String) -> Result<AnswerValue, StepInput.InputError> {
            StepInput.interpret(text, for: p.step(step)!, in: p)
        }
        for form in ["2148073478", "-2146893818", "0x80090006", "80090006"] {
            XCTAssertEqual(try run("code", form).get(), .value(.integer(2148073478)), form)
        }
        XCTAssertEqual(
            try run("g", "{5C1F7A2E-0D4B-4F3A-9E61-2B7C8D90A1F4}").get(),
            .value(.guid("5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4")))
        XCTAssertEqual(try run("pick", "2").get(), .value(.string("sysprep")))
        XCTAssertEqual(try run("pick", "Cloned").get(), .value(.string("clone")))
        XCTAssertEqual(try run("pick", "?").get(), .unknown)
        guard case .failure = run("pick", "3") else { return XCTFail() }
        guard case .failure(let e) = run("pool", "bad/name") else { return XCTFail() }
        XCTAssertEqual(e.message, "a pool name")
        // A key typed or pasted into an ordinary text field is refused, never stored.
        guard
            case .failure(let k) = run("pool", "<machineKey validationKey=\"BC7A1C0EFB2D4E6F8091A2B3C4D5E6F708192A3B\"")
        else { return XCTFail() }
        XCTAssertTrue(k.message.contains("machine-key material"), k.message)
        XCTAssertFalse(k.message.contains("BC7A1C0E"))
        // Sensitive answers never survive as typed: only a fingerprint.
        let key = "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"
        guard case .value(.string(let fp)) = try run("key", key).get() else { return XCTFail() }
        XCTAssertTrue(fp.hasPrefix("sha256:") && fp.hasSuffix("/24B"), fp)
        XCTAssertFalse(fp.contains("0123456789"))
    }

    func testPlaybookFolderLocationOrder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kw-locate-\(UUID().uuidString)")
        let env = root.appendingPathComponent("env")
        let share = root.appendingPathComponent("share/keywizard/playbooks")
        let bin = root.appendingPathComponent("bin")
        let cwd = root.appendingPathComponent("cwd/Playbooks")
        for d in [env, share, bin, cwd] {
            try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        }
        defer { try? FileManager.default.removeItem(at: root) }
        let exe = bin.appendingPathComponent("keywizard")
        func locate(_ explicit: String?, _ environment: [String: String]) -> String? {
            try? PlaybookLibrary.locate(
                explicit: explicit, environment: environment, executable: exe,
                currentDirectory: cwd.deletingLastPathComponent().path
            ).get().standardizedFileURL.path
        }
        XCTAssertEqual(locate(env.path, [:]), env.path)
        XCTAssertEqual(locate(nil, ["KEYWIZARD_PLAYBOOKS": env.path]), env.path)
        XCTAssertEqual(locate(nil, [:]), share.standardizedFileURL.path)
        try FileManager.default.removeItem(at: share)
        XCTAssertEqual(locate(nil, [:]), cwd.path)
        XCTAssertNil(locate("/nonexistent-kw", [:]))
    }
}
