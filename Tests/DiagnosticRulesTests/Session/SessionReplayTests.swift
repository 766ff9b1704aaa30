import Foundation
import XCTest
@testable import DiagnosticRules

final class SessionReplayTests: XCTestCase {
    var playbook: Playbook!
    var yaml = ""
    var session: LoadedSession!

    override func setUpWithError() throws {
        playbook = try SessionFixtures.shippedPlaybook()
        yaml = try String(contentsOf: SessionFixtures.playbooksDirectory.appendingPathComponent("iis-admin-machineguid.yaml"), encoding: .utf8)
        let answers = try SessionFixtures.machineGuidChangedAnswers(playbook)
        let url = try SessionFixtures.temporaryDirectory(self).appendingPathComponent("s.jsonl")
        try SessionFile.write(answers: answers, playbook: playbook, conclusion: Engine(playbook: playbook).evaluate(answers),
                              hostLabel: "WEB01", to: url, now: SessionFixtures.date(60))
        session = try SessionFile.load(url)
    }

    func edited(_ from: String, _ to: String) throws -> Playbook {
        XCTAssertTrue(yaml.contains(from), from)
        var text = yaml.replacingOccurrences(of: from, with: to)
        text = text.replacingOccurrences(of: "version: 1.1.0", with: "version: 1.2.0")
        return try DiagnosticRulesTests.playbook(text, file: "Playbooks/iis-admin-machineguid.yaml")
    }

    func testSamePlaybookSameConclusion() throws {
        let o = SessionReplay.replay(session, engine: Engine(playbook: playbook))
        XCTAssertEqual(o.status, .same)
        XCTAssertEqual(o.status.exitCode, 0)
        XCTAssertFalse(o.playbookChanged)
        XCTAssertEqual(o.replayed.diagnoses, ["machineguid-changed"])
        let text = ReplayReport.text(o)
        XCTAssertTrue(text.contains("(unchanged since the recording)"), text)
        XCTAssertTrue(text.contains("Result     same conclusion as recorded"), text)
    }

    func testChangedPlaybookChangedConclusion() throws {
        let newer = try edited("conclude: [machineguid-changed]", "conclude: [key-files-missing]")
        let o = SessionReplay.replay(session, engine: Engine(playbook: newer))
        XCTAssertEqual(o.status, .changed)
        XCTAssertEqual(o.status.exitCode, 3)
        XCTAssertTrue(o.playbookChanged)
        XCTAssertEqual(o.gained, ["key-files-missing"])
        XCTAssertEqual(o.lost, ["machineguid-changed"])
        let text = ReplayReport.text(o)
        XCTAssertTrue(text.contains("CHANGED since the recording: version 1.1.0 ->"), text)
        XCTAssertTrue(text.contains("Gained     key-files-missing"), text)
        XCTAssertTrue(text.contains("Lost       machineguid-changed"), text)
        let json = try ReplayReport.json(o)
        XCTAssertTrue(json.contains("\"result\" : \"changed\""), json)
    }

    func testNewQuestionMakesTheReplayIncomplete() throws {
        let p = try DiagnosticRulesTests.playbook(yaml
            .replacingOccurrences(of: "  - id: guid_history\n", with: "  - id: confirm\n    prompt: Did the server get a new MachineGuid recently?\n    input: yesno\n    sets: confirmed\n    ask_when: exists(error_code)\n\n  - id: guid_history\n")
            .replacingOccurrences(of: "  - {id: guid_history, type: string,", with: "  - {id: confirmed, type: boolean}\n  - {id: guid_history, type: string,")
            .replacingOccurrences(of: "when: not (exists(error_family) and error_family == \"other\") and c23_count >= 1 and not (guid_suffix in c23_suffixes)",
                                  with: "when: not (exists(error_family) and error_family == \"other\") and c23_count >= 1 and not (guid_suffix in c23_suffixes) and confirmed == true"))
        let o = SessionReplay.replay(session, engine: Engine(playbook: p))
        XCTAssertEqual(o.status, .incomplete)
        XCTAssertEqual(o.status.exitCode, 2)
        XCTAssertEqual(o.uncoveredSteps, ["confirm"])
        XCTAssertEqual(o.lost, ["machineguid-changed"])
        XCTAssertTrue(ReplayReport.text(o).contains("New asks   confirm (Did the server get a new MachineGuid recently?)"))
    }

    func testReplayAllCountsPassesAndFailures() throws {
        let dir = session.url.deletingLastPathComponent()
        try Data("garbage\n".utf8).write(to: dir.appendingPathComponent("broken.jsonl"))
        let lib = PlaybookLibrary(directory: SessionFixtures.playbooksDirectory, playbooks: [playbook], diagnostics: [])
        let entries = SessionReplay.replayAll(directory: dir, library: lib)
        XCTAssertEqual(entries.map(\.url.lastPathComponent), ["broken.jsonl", "s.jsonl"])
        XCTAssertEqual(entries.map(\.passed), [false, true])
        let table = ReplayReport.batch(entries)
        XCTAssertTrue(table.hasSuffix("1 passed, 1 failed\n"), table)
        XCTAssertTrue(table.contains("broken.jsonl:1: not a KeyWizard session file"), table)
    }
}
