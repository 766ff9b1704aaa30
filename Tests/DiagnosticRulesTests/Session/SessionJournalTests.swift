import Foundation
import XCTest

@testable import DiagnosticRules

final class SessionJournalTests: XCTestCase {
    func testJournalRoundTripGivesTheSameConclusion() throws {
        let playbook = try SessionFixtures.shippedPlaybook()
        let clock = SessionFixtures.Clock()
        let answers = try SessionFixtures.machineGuidChangedAnswers(playbook, clock: clock)
        let dir = try SessionFixtures.temporaryDirectory(self)
        let url = dir.appendingPathComponent("s.jsonl")

        let journal = try SessionJournal.create(at: url, playbook: playbook, hostLabel: "WEB01", clock: clock.now)
        try journal.recordSymptom()
        for a in answers { try journal.append(a) }
        let conclusion = Engine(playbook: playbook).evaluate(answers)
        XCTAssertEqual(conclusion.diagnoses.map(\.diagnosis.id), ["machineguid-changed"])
        try journal.recordConclusion(conclusion)
        journal.close()

        let loaded = try SessionFile.load(url)
        XCTAssertEqual(loaded.damage, [])
        XCTAssertEqual(loaded.header.playbook, PlaybookIdentity(playbook))
        XCTAssertEqual(loaded.header.hostLabel, "WEB01")
        XCTAssertEqual(loaded.header.format, "keywizard-session/1")
        XCTAssertEqual(loaded.playbookId, playbook.id)
        XCTAssertEqual(loaded.answers, answers, "answers survive to the millisecond")
        XCTAssertEqual(
            loaded.lastConclusion, ConclusionSnapshot(conclusion, time: SessionFixtures.date(Double(answers.count + 2)))
        )

        let replayed = Engine(playbook: playbook).evaluate(loaded.answers)
        XCTAssertEqual(replayed.diagnoses.map(\.diagnosis.id), conclusion.diagnoses.map(\.diagnosis.id))
        XCTAssertEqual(replayed.facts, conclusion.facts)
        XCTAssertEqual(replayed.nextStep?.id, conclusion.nextStep?.id)
    }

    func testOneRecordPerLineWithTheDocumentedShape() throws {
        let playbook = try SessionFixtures.shippedPlaybook()
        let clock = SessionFixtures.Clock()
        let url = try SessionFixtures.temporaryDirectory(self).appendingPathComponent("s.jsonl")
        let journal = try SessionJournal.create(at: url, playbook: playbook, clock: clock.now)
        try journal.append(Answer(step: "error_code", value: .value(.integer(2_148_073_478)), time: clock.now()))
        try journal.append(Answer(step: "event", value: .unknown, source: .evidenceFile("ev.txt"), time: clock.now()))
        try journal.recordForget(step: "event")
        journal.close()
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 5)
        XCTAssertEqual(
            lines[0],
            #"{"contentHash":"\#(playbook.contentHash)","format":"keywizard-session/1","playbook":"iis-admin-machineguid","playbookVersion":"1.1.0","started":"2025-03-01T09:30:00.000Z","tool":"\#(KeyWizardVersion.current)","type":"header"}"#
        )
        XCTAssertEqual(
            lines[1], #"{"playbook":"iis-admin-machineguid","time":"2025-03-01T09:30:02.000Z","type":"symptom"}"#)
        XCTAssertEqual(
            lines[2],
            #"{"kind":"value","source":"typed","step":"error_code","time":"2025-03-01T09:30:01.000Z","type":"answer","value":{"integer":2148073478}}"#
        )
        XCTAssertEqual(
            lines[3],
            #"{"kind":"unknown","source":"evidence-file","sourceName":"ev.txt","step":"event","time":"2025-03-01T09:30:03.000Z","type":"answer"}"#
        )
        XCTAssertEqual(lines[4], #"{"step":"event","time":"2025-03-01T09:30:04.000Z","type":"forget"}"#)
        let loaded = try SessionFile.load(url)
        XCTAssertEqual(loaded.answers.map(\.step), ["error_code"], "forget withdraws the earlier answer")
    }

    func testFilesAre0600AndNewFoldersAre0700() throws {
        let playbook = try SessionFixtures.shippedPlaybook()
        let dir = try SessionFixtures.temporaryDirectory(self).appendingPathComponent("state/keywizard/sessions")
        let url = dir.appendingPathComponent("s.jsonl")
        let journal = try SessionJournal.create(at: url, playbook: playbook)
        journal.close()
        XCTAssertEqual(try permissions(url), 0o600)
        XCTAssertEqual(try permissions(dir), 0o700)
        XCTAssertEqual(try permissions(dir.deletingLastPathComponent()), 0o700)
        let exported = dir.appendingPathComponent("export.jsonl")
        try SessionFile.export(try SessionFile.load(url), to: exported)
        XCTAssertEqual(try permissions(exported), 0o600)
    }

    func testCreateRefusesAnExistingFile() throws {
        let playbook = try SessionFixtures.shippedPlaybook()
        let url = try SessionFixtures.temporaryDirectory(self).appendingPathComponent("s.jsonl")
        try SessionJournal.create(at: url, playbook: playbook).close()
        XCTAssertThrowsError(try SessionJournal.create(at: url, playbook: playbook)) { error in
            XCTAssertEqual(error as? SessionError, .alreadyExists(path: url.path))
        }
    }

    func testWritesAfterCloseThrowInsteadOfVanishing() throws {
        let playbook = try SessionFixtures.shippedPlaybook()
        let url = try SessionFixtures.temporaryDirectory(self).appendingPathComponent("s.jsonl")
        let journal = try SessionJournal.create(at: url, playbook: playbook)
        journal.close()
        XCTAssertThrowsError(try journal.append(Answer(step: "event", value: .unknown)))
    }

    func testResumeAppendsToTheSameFile() throws {
        let playbook = try SessionFixtures.shippedPlaybook()
        let answers = try SessionFixtures.machineGuidChangedAnswers(playbook)
        let url = try SessionFixtures.temporaryDirectory(self).appendingPathComponent("s.jsonl")
        let first = try SessionJournal.create(at: url, playbook: playbook)
        for a in answers.prefix(2) { try first.append(a) }
        first.close()
        let (journal, session, backup) = try SessionJournal.open(existing: url)
        XCTAssertNil(backup)
        XCTAssertEqual(session.answers, Array(answers.prefix(2)))
        XCTAssertTrue(journal.symptomRecorded)
        for a in answers.dropFirst(2) { try journal.append(a) }
        journal.close()
        let loaded = try SessionFile.load(url)
        XCTAssertEqual(loaded.answers, answers)
        XCTAssertEqual(
            loaded.records.filter {
                if case .symptom = $0 { return true }
                return false
            }.count, 1)
    }

    func testRawTextIsKeptOnlyWhenAllowedAndNeverWithSecrets() throws {
        let plain = ParsedEvidence(kind: "reg-query", summary: "s", fields: [])
        let secret = ParsedEvidence(kind: "machinekey-config", summary: "s", fields: [], containsSecrets: true)
        let evidence = Answer(step: "x", value: .evidence(plain))
        XCTAssertEqual(SessionJournal.keepable("raw", for: evidence, allowed: true), "raw")
        XCTAssertNil(SessionJournal.keepable("raw", for: evidence, allowed: false))
        XCTAssertNil(SessionJournal.keepable("raw", for: Answer(step: "x", value: .evidence(secret)), allowed: true))
        XCTAssertNil(
            SessionJournal.keepable(
                "raw", for: Answer(step: "x", value: .value(.string("sha256:1234abcd/64B"))), allowed: true))
        XCTAssertNil(SessionJournal.keepable("raw", for: Answer(step: "x", value: .unknown), allowed: true))

        let playbook = try SessionFixtures.shippedPlaybook()
        let url = try SessionFixtures.temporaryDirectory(self).appendingPathComponent("s.jsonl")
        let journal = try SessionJournal.create(at: url, playbook: playbook, keepRawText: true)
        try journal.append(evidence, rawText: "MachineGuid REG_SZ x")
        journal.close()
        let loaded = try SessionFile.load(url)
        XCTAssertTrue(loaded.header.keepsRawText)
        XCTAssertEqual(loaded.entries.first?.rawText, "MachineGuid REG_SZ x")
    }

    func testWriteSavesAWholeSessionAtomically() throws {
        let playbook = try SessionFixtures.shippedPlaybook()
        let answers = try SessionFixtures.machineGuidChangedAnswers(playbook)
        let conclusion = Engine(playbook: playbook).evaluate(answers)
        let dir = try SessionFixtures.temporaryDirectory(self)
        let url = dir.appendingPathComponent("saved.jsonl")
        try "old contents".write(to: url, atomically: false, encoding: .utf8)
        try SessionFile.write(
            answers: answers, playbook: playbook, conclusion: conclusion, hostLabel: "WEB02", to: url,
            now: SessionFixtures.date(60))
        let loaded = try SessionFile.load(url)
        XCTAssertEqual(loaded.answers, answers)
        XCTAssertEqual(loaded.header.hostLabel, "WEB02")
        XCTAssertEqual(loaded.lastConclusion?.diagnoses, ["machineguid-changed"])
        XCTAssertEqual(loaded.lastConclusion?.status, .finished)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: dir.path), ["saved.jsonl"], "no temp file left behind")
    }

    private func permissions(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}
