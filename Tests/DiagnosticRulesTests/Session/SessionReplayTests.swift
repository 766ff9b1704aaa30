import Foundation
import XCTest

@testable import DiagnosticRules

final class SessionReplayTests: XCTestCase {
    var playbook: Playbook!
    var yaml = ""
    var session: LoadedSession!

    override func setUpWithError() throws {
        playbook = try SessionFixtures.shippedPlaybook()
        yaml = try String(
            contentsOf: SessionFixtures.playbooksDirectory.appendingPathComponent("iis-admin-machineguid.yaml"),
            encoding: .utf8)
        let answers = try SessionFixtures.machineGuidChangedAnswers(playbook)
        let url = try SessionFixtures.temporaryDirectory(self).appendingPathComponent("s.jsonl")
        try SessionFile.write(
            answers: answers, playbook: playbook, conclusion: Engine(playbook: playbook).evaluate(answers),
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
        let p = try DiagnosticRulesTests.playbook(
            yaml
                .replacingOccurrences(
                    of: "  - id: guid_history\n",
                    with:
                        "  - id: confirm\n    prompt: Did the server get a new MachineGuid recently?\n    input: yesno\n    sets: confirmed\n    ask_when: exists(error_code)\n\n  - id: guid_history\n"
                )
                .replacingOccurrences(
                    of: "  - {id: guid_history, type: string,",
                    with: "  - {id: confirmed, type: boolean}\n  - {id: guid_history, type: string,"
                )
                .replacingOccurrences(
                    of:
                        "when: not (exists(error_family) and error_family == \"other\") and c23_count >= 1 and not (guid_suffix in c23_suffixes)",
                    with:
                        "when: not (exists(error_family) and error_family == \"other\") and c23_count >= 1 and not (guid_suffix in c23_suffixes) and confirmed == true"
                ))
        let o = SessionReplay.replay(session, engine: Engine(playbook: p))
        XCTAssertEqual(o.status, .incomplete)
        XCTAssertEqual(o.status.exitCode, 2)
        XCTAssertEqual(o.uncoveredSteps, ["confirm"])
        XCTAssertEqual(o.lost, ["machineguid-changed"])
        XCTAssertTrue(
            ReplayReport.text(o).contains("New asks   confirm (Did the server get a new MachineGuid recently?)"))
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

    /// A session that stopped before any conclusion (the link dropped after two answers) is
    /// neither a pass nor a changed verdict: it has its own category and exit status.
    func testUnfinishedSessionsAreTheirOwnCategory() throws {
        let dir = try SessionFixtures.temporaryDirectory(self)
        let answers = Array(try SessionFixtures.machineGuidChangedAnswers(playbook).prefix(1))
        let url = dir.appendingPathComponent("u.jsonl")
        let engine = Engine(playbook: playbook)
        XCTAssertFalse(engine.evaluate(answers).finished)
        try SessionFile.write(
            answers: answers, playbook: playbook, conclusion: engine.evaluate(answers), hostLabel: nil, to: url,
            now: SessionFixtures.date(60))
        let o = SessionReplay.replay(try SessionFile.load(url), engine: engine)
        XCTAssertEqual(o.status, .unfinished)
        XCTAssertEqual(o.status.exitCode, 4)
        try FileManager.default.copyItem(at: session.url, to: dir.appendingPathComponent("s.jsonl"))
        let lib = PlaybookLibrary(directory: SessionFixtures.playbooksDirectory, playbooks: [playbook], diagnostics: [])
        var rows: [String] = []
        let totals = SessionReplay.replayAll(files: SessionStore(directory: dir).files(), library: lib, chunkSize: 1) {
            rows.append($0.url.lastPathComponent)
        }
        XCTAssertEqual(rows, ["s.jsonl", "u.jsonl"], "rows stream out in file order")
        XCTAssertEqual(totals.passed, 1)
        XCTAssertEqual(totals.unfinished, 1)
        XCTAssertEqual(totals.failed, 0)
        XCTAssertEqual(totals.exitCode, 4)
        let table = ReplayReport.batch(SessionReplay.replayAll(directory: dir, library: lib))
        XCTAssertTrue(table.hasSuffix("1 passed, 0 failed, 1 unfinished\n"), table)
    }

    /// Rows are handed out chunk by chunk, in file order, whatever the chunk size; the totals
    /// match the collected form.
    func testStreamingKeepsOrderAcrossChunks() throws {
        let dir = try SessionFixtures.temporaryDirectory(self)
        for i in 0..<7 {
            try FileManager.default.copyItem(at: session.url, to: dir.appendingPathComponent("s\(i).jsonl"))
        }
        try Data("garbage\n".utf8).write(to: dir.appendingPathComponent("s7.jsonl"))
        let lib = PlaybookLibrary(directory: SessionFixtures.playbooksDirectory, playbooks: [playbook], diagnostics: [])
        var seen: [String] = []
        var progress: [Int] = []
        let totals = SessionReplay.replayAll(
            files: SessionStore(directory: dir).files(), library: lib, chunkSize: 3,
            progress: { done, _ in progress.append(done) }
        ) { seen.append($0.url.lastPathComponent) }
        XCTAssertEqual(seen, (0..<8).map { "s\($0).jsonl" })
        XCTAssertEqual(progress, [3, 6, 8])
        XCTAssertEqual(totals.passed, 7)
        XCTAssertEqual(totals.errors, 1)
        XCTAssertEqual(totals.exitCode, 3)
    }
}
