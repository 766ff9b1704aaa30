import XCTest

@testable import DiagnosticRules

/// Issue 15, finding 2: one long unbroken token (a 1 MB service name) made wrapping
/// quadratic: `diagnose` took 64 s, `checklist` on a 4 MB summary ran past 100 s. Speed is
/// measured by keywizard-bench; these tests pin the results and use a bound ten times what
/// a linear wrap needs in a debug build, which the quadratic one missed by minutes.
final class LinearLayoutTests: XCTestCase {
    func testMegabyteTokenWrapsInLinearTime() {
        let token = String(repeating: "x", count: 1_048_576)
        let start = Date()
        let lines = TextWrap.wrap("service " + token + " end", width: 80, firstPrefix: "Name: ", prefix: "      ")
        XCTAssertLessThan(Date().timeIntervalSince(start), 10, "linear wrapping takes well under a second")
        XCTAssertTrue(lines.allSatisfy { $0.count <= 80 })
        XCTAssertEqual(lines.joined().filter { $0 == "x" }.count, token.count, "nothing is lost")
    }

    func testSessionRecordOverOneMegabyteIsDropped() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kw-rec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = try playbook(chainPlaybook)
        let url = dir.appendingPathComponent("s.jsonl")
        let c = Engine(playbook: p).evaluate([])
        try SessionFile.write(answers: [], playbook: p, conclusion: c, hostLabel: nil, to: url)
        var data = try Data(contentsOf: url)
        data += Data(("{\"type\":\"note\",\"text\":\"" + String(repeating: "A", count: 1_100_000) + "\"}\n").utf8)
        try data.write(to: url)
        let loaded = try SessionFile.load(url)
        XCTAssertEqual(loaded.damage.count, 1)
        XCTAssertTrue(loaded.damage[0].reason.contains("longer than 1 MB"), loaded.damage[0].reason)
    }

    func testOversizedFileIsRefusedBeforeReading() throws {
        let path = NSTemporaryDirectory() + "kw-big-\(UUID().uuidString)"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        defer { unlink(path) }
        XCTAssertEqual(truncate(path, off_t(RegularFileReader.maximumBytes + 1)), 0)
        guard case .failure(.tooLarge) = RegularFileReader.read(path) else {
            return XCTFail("a file over 16 MB is refused")
        }
    }

    func testOverlongEvidenceLineAndAnswersAreRefusedInOneLine() throws {
        let token = "The " + String(repeating: "S", count: 1_048_576) + " service terminated.\n"
        XCTAssertThrowsError(try EvidenceRegistry.parseAuto("Event[0]:\n  Event ID: 7024\n" + token)) { e in
            XCTAssertTrue("\(e)".contains("at most 256 KB"), "\(e)")
            XCTAssertFalse("\(e)".contains("SSSS"), "the refusal does not quote the line")
        }
        let p = try playbook(chainPlaybook)
        let step = try XCTUnwrap(p.steps.first)
        guard case .failure(let e) = StepInput.interpret(String(repeating: "7", count: 70_000), for: step, in: p) else {
            return XCTFail("an answer over 64 KB is refused")
        }
        XCTAssertTrue(e.message.contains("longer than 64 KB"), e.message)
    }
}
