import XCTest

@testable import DiagnosticRules

/// A session file edited by hand gets no more through than a paste: key-shaped text and
/// terminal control sequences in its evidence are scrubbed when it is loaded.
final class SessionScrubOnLoadTests: XCTestCase {
    func testEvidenceFromAFileIsScrubbed() throws {
        let p = try playbook(chainPlaybook)
        let key = "BC7A1C0EFB2D4E6F8091A2B3C4D5E6F708192A3B"
        let evil = ParsedEvidence(
            kind: "event-text", summary: "x\u{1B}[2J",
            fields: [
                EvidenceField(name: "event_message", value: .string("msg \(key)"), line: 1)
            ])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kw-scrub-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        let answers = [Answer(step: "a", value: .evidence(evil), source: .pasted)]
        try SessionFile.write(
            answers: answers, playbook: p, conclusion: Engine(playbook: p).evaluate([]), hostLabel: nil, to: url)
        let loaded = try SessionFile.load(url)
        guard case .evidence(let e)? = loaded.answers.first?.value else { return XCTFail("no evidence answer") }
        XCTAssertEqual(e.summary, "x?[2J")
        XCTAssertEqual(e.field("event_message")?.value, .string("msg <key redacted>"))
        XCTAssertTrue(e.containsSecrets)
    }

    /// Header and answer fields used to skip scrubbing when they held no digit, `+` or `/`;
    /// a key attribute needs none of them.
    func testAKeyAttributeWithoutDigitsInAHeaderFieldIsScrubbed() throws {
        let p = try playbook(chainPlaybook)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kw-scrub-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        try SessionFile.write(
            answers: [Answer(step: "a", value: .value(.string("decryptionKey=\"abcdefsecret\"")))], playbook: p,
            conclusion: Engine(playbook: p).evaluate([]), hostLabel: "web validationKey=\"abcdefsecret\"", to: url)
        let loaded = try SessionFile.load(url)
        XCTAssertEqual(loaded.header.hostLabel, "web validationKey=\"<key redacted>\"")
        XCTAssertEqual(loaded.answers.first?.value, .value(.string("decryptionKey=\"<key redacted>\"")))
    }
}

/// Going back from the result and changing an answer makes the saved conclusion stale:
/// the session is unfinished again and `resume` offers it.
final class StaleConclusionTests: XCTestCase {
    func testAnAnswerAfterTheConclusionMakesTheSessionUnfinished() throws {
        let p = try playbook(chainPlaybook)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kw-stale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("s.jsonl")
        let journal = try SessionJournal.create(at: url, playbook: p)
        let engine = Engine(playbook: p)
        var answers = [Answer(step: "a", value: .value(.integer(0)))]
        try journal.append(answers[0])
        try journal.recordConclusion(engine.evaluate(answers))
        XCTAssertEqual(try SessionFile.load(url).lastConclusion?.status, .finished)
        XCTAssertNil(SessionStore(directory: dir).latestUnfinished())
        answers.append(Answer(step: "a", value: .value(.integer(5))))
        try journal.append(answers[1])
        journal.close()
        XCTAssertNil(try SessionFile.load(url).lastConclusion)
        XCTAssertEqual(SessionStore(directory: dir).latestUnfinished()?.url.lastPathComponent, "s.jsonl")
    }
}
