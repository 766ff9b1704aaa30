import Foundation
import XCTest

@testable import DiagnosticRules

/// No artefact the session and report code writes may hold a machine key: not the journal,
/// not an export, not a checklist in any format, not replay output. The keys come from the
/// fixture web.config with explicit keys (parsed by EvidenceRegistry) and a sensitive typed
/// answer.
final class SessionSecretsTests: XCTestCase {
    static let yaml = """
        id: secrets
        title: Secrets
        version: "1"
        symptom: A web farm whose nodes disagree.
        facts:
          - {id: validation_key, type: string, sensitive: true, description: "the validationKey typed by the operator"}
          - {id: vk_fingerprint, type: string}
          - {id: mode, type: string}
        steps:
          - {id: key, prompt: "Type the validationKey of node 2.", input: text, sets: validation_key}
          - id: config
            prompt: Paste web.config of node 1.
            input: paste
            parser: machinekey-config
            fields: {validation_key_fingerprint: vk_fingerprint, compatibility_mode: mode}
        rules:
          - id: differ
            when: exists(validation_key) and exists(vk_fingerprint)
            then: {conclude: [keys-differ]}
        diagnoses:
          - id: keys-differ
            title: Nodes use different keys
            severity: high
            confidence: high
            final: true
            summary: "Node 2 has {validation_key}, node 1 has {vk_fingerprint} ({mode})."
            remediation:
              - text: "Replace key {validation_key} with {vk_fingerprint}."
                command: "echo {validation_key} {vk_fingerprint}"
                verify: "Both show {vk_fingerprint}."
                verify_command: "type web.config"
        """

    func testNoArtefactHoldsKeyHex() throws {
        let playbook = try DiagnosticRulesTests.playbook(Self.yaml)
        let config = try EvidenceFixtures.text("web-explicit.config")
        let typedKey = try EvidenceFixtures.secrets()[1] // the fixture's validationKey
        XCTAssertTrue(config.contains(typedKey))

        var wizard = Wizard(playbook: playbook)
        guard case .success(let a1) = wizard.submit(typedKey, time: SessionFixtures.date(1)),
            case .success(let a2) = wizard.submit(config, source: .pasted, time: SessionFixtures.date(2))
        else {
            return XCTFail("answers refused")
        }
        guard case .evidence(let parsed) = a2.value else { return XCTFail("expected evidence") }
        XCTAssertTrue(parsed.containsSecrets)
        XCTAssertEqual(try EvidenceRegistry.parseAuto(config).kind, "machinekey-config")
        let conclusion = wizard.conclusion
        XCTAssertEqual(conclusion.diagnoses.map(\.diagnosis.id), ["keys-differ"])

        let dir = try SessionFixtures.temporaryDirectory(self)
        var artefacts: [String: String] = [:]
        // The journal, with raw text allowed: the paste holds keys, so it must still not be kept.
        let journalURL = dir.appendingPathComponent("journal.jsonl")
        let journal = try SessionJournal.create(
            at: journalURL, playbook: playbook, hostLabel: "WEB01", keepRawText: true)
        try journal.append(a1, rawText: typedKey)
        try journal.append(a2, rawText: config)
        try journal.recordConclusion(conclusion)
        journal.close()
        let loaded = try SessionFile.load(journalURL)
        XCTAssertEqual(loaded.answers.count, 2)
        try SessionFile.export(loaded, to: dir.appendingPathComponent("export.jsonl"))
        try SessionFile.write(
            answers: [a1, a2], playbook: playbook, conclusion: conclusion, hostLabel: nil,
            to: dir.appendingPathComponent("saved.jsonl"))
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            artefacts[name] = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        }
        let checklist = Checklist(session: loaded, playbook: playbook, date: SessionFixtures.date())
        artefacts["checklist.txt"] = ChecklistText.render(checklist)
        artefacts["checklist.md"] = ChecklistMarkdown.render(checklist)
        artefacts["checklist.html"] = ChecklistHTML.render(checklist)
        artefacts["checklist.json"] = try ChecklistJSON.render(checklist)
        let outcome = SessionReplay.replay(loaded, engine: Engine(playbook: playbook))
        XCTAssertEqual(outcome.status, .same)
        artefacts["replay.txt"] = ReplayReport.text(outcome)
        artefacts["replay.md"] = ReplayReport.text(outcome, markdown: true)
        artefacts["replay.json"] = try ReplayReport.json(outcome)

        XCTAssertEqual(artefacts.count, 10)
        XCTAssertTrue(artefacts["checklist.txt"]!.contains("sha256:"), "fingerprints are shown instead")
        let windows = try keyWindows()
        for (name, text) in artefacts {
            let lower = text.lowercased()
            for w in windows where lower.contains(w) { XCTFail("\(name) holds key hex \(w)") }
            XCTAssertFalse(lower.contains("validationkey=\""), "\(name) holds raw web.config text")
        }
    }

    /// Every 20-hex-digit window of every fixture key, lower case.
    private func keyWindows() throws -> Set<String> {
        var out: Set<String> = []
        for secret in try EvidenceFixtures.secrets() {
            let chars = Array(secret.lowercased())
            var start = 0
            while start + 20 <= chars.count {
                out.insert(String(chars[start..<start + 20]))
                start += 5
            }
        }
        return out
    }
}
