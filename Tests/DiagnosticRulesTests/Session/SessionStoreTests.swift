import Foundation
import XCTest

@testable import DiagnosticRules

final class SessionStoreTests: XCTestCase {
    func testDefaultDirectoryFollowsXDG() {
        XCTAssertEqual(
            SessionStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/srv/state", "HOME": "/home/op"]).path,
            "/srv/state/keywizard/sessions")
        XCTAssertEqual(
            SessionStore.defaultDirectory(environment: ["HOME": "/home/op"]).path,
            "/home/op/.local/state/keywizard/sessions")
        // XDG says a relative path is invalid and must be ignored.
        XCTAssertEqual(
            SessionStore.defaultDirectory(environment: ["XDG_STATE_HOME": "state", "HOME": "/home/op"]).path,
            "/home/op/.local/state/keywizard/sessions")
    }

    func testNewSessionNamesAreTimestampedAndNeverReused() throws {
        let store = SessionStore(directory: try SessionFixtures.temporaryDirectory(self))
        let first = store.newSessionURL(playbook: "iis-admin-machineguid", now: SessionFixtures.date())
        XCTAssertEqual(first.lastPathComponent, "20250301T093000Z-iis-admin-machineguid.jsonl")
        try Data().write(to: first)
        XCTAssertEqual(
            store.newSessionURL(playbook: "iis-admin-machineguid", now: SessionFixtures.date()).lastPathComponent,
            "20250301T093000Z-iis-admin-machineguid-2.jsonl")
        XCTAssertEqual(
            store.newSessionURL(playbook: "../x y", now: SessionFixtures.date()).lastPathComponent,
            "20250301T093000Z-.._x_y.jsonl")
    }

    func testListAndLatestUnfinished() throws {
        let playbook = try SessionFixtures.shippedPlaybook()
        let answers = try SessionFixtures.machineGuidChangedAnswers(playbook)
        let store = SessionStore(directory: try SessionFixtures.temporaryDirectory(self))
        let engine = Engine(playbook: playbook)

        let finished = store.newSessionURL(playbook: playbook.id, now: SessionFixtures.date())
        try SessionFile.write(
            answers: answers, playbook: playbook, conclusion: engine.evaluate(answers), hostLabel: "WEB01",
            to: finished,
            now: SessionFixtures.date(10))
        let clock = SessionFixtures.Clock()
        let older = try SessionJournal.create(
            at: store.newSessionURL(playbook: playbook.id, now: SessionFixtures.date(100)),
            playbook: playbook, hostLabel: "WEB02", clock: clock.now)
        try older.append(answers[0])
        older.close()
        let newer = try SessionJournal.create(
            at: store.newSessionURL(playbook: playbook.id, now: SessionFixtures.date(200)),
            playbook: playbook, hostLabel: "WEB03", clock: { SessionFixtures.date(500) })
        try newer.append(answers[0])
        newer.close()
        try Data("not a session\n".utf8).write(to: store.directory.appendingPathComponent("zz-broken.jsonl"))

        let list = store.list()
        XCTAssertEqual(list.map(\.hostLabel), ["WEB01", "WEB02", "WEB03", nil])
        XCTAssertEqual(list.map(\.status.label), ["finished", "unfinished", "unfinished", "unreadable"])
        XCTAssertEqual(list[0].diagnoses, ["machineguid-changed"])
        XCTAssertEqual(list[0].answerCount, answers.count)
        XCTAssertEqual(store.latestUnfinished()?.hostLabel, "WEB03")
    }
}
