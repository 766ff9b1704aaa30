import XCTest
@testable import DiagnosticRules

/// A session file edited by hand gets no more through than a paste: key-shaped text and
/// terminal control sequences in its evidence are scrubbed when it is loaded.
final class SessionScrubOnLoadTests: XCTestCase {
    func testEvidenceFromAFileIsScrubbed() throws {
        let p = try playbook(chainPlaybook)
        let key = "BC7A1C0EFB2D4E6F8091A2B3C4D5E6F708192A3B"
        let evil = ParsedEvidence(kind: "event-text", summary: "x\u{1B}[2J", fields: [
            EvidenceField(name: "event_message", value: .string("msg \(key)"), line: 1)])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kw-scrub-\(UUID().uuidString).jsonl")
        defer { try? FileManager.default.removeItem(at: url) }
        let answers = [Answer(step: "a", value: .evidence(evil), source: .pasted)]
        try SessionFile.write(answers: answers, playbook: p, conclusion: Engine(playbook: p).evaluate([]), hostLabel: nil, to: url)
        let loaded = try SessionFile.load(url)
        guard case .evidence(let e)? = loaded.answers.first?.value else { return XCTFail("no evidence answer") }
        XCTAssertEqual(e.summary, "x?[2J")
        XCTAssertEqual(e.field("event_message")?.value, .string("msg <key redacted>"))
        XCTAssertTrue(e.containsSecrets)
    }
}
