import XCTest

@testable import DiagnosticRules

final class CaseRunnerTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("kw-cases-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("tests/chain"), withIntermediateDirectories: true)
        try chainPlaybook.write(to: root.appendingPathComponent("chain.yaml"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    func writeCase(_ name: String, _ yaml: String) throws {
        try yaml.write(to: root.appendingPathComponent("tests/chain/\(name).yaml"), atomically: true, encoding: .utf8)
    }

    func results() -> [CaseRunner.CaseResult] {
        let lib = PlaybookLibrary.load(directory: root)
        let runner = CaseRunner(library: lib)
        return PlaybookCase.caseFiles(in: root.appendingPathComponent("tests")).map { url in
            switch PlaybookCase.load(url) {
            case .success(let c): return runner.run(c)
            case .failure(let e):
                return CaseRunner.CaseResult(
                    name: url.lastPathComponent, file: url.path, playbook: "?", failures: [e.description],
                    conclusion: nil)
            }
        }
    }

    func testPassingAndFailingCasesAndCoverage() throws {
        try writeCase(
            "big",
            """
            answers: {a: 42, b: yes}
            expect: {diagnoses: [big], absent: [small], facts: {c: big}, complete: true}
            """)
        try writeCase(
            "wrong",
            """
            answers: {a: 42, b: yes}
            expect: {diagnoses: [small]}
            """)
        try writeCase(
            "unknown-step",
            """
            answers: {zz: 1}
            expect: {next_step: a}
            """)
        let r = results()
        // Case files run in path order: big, unknown-step, wrong.
        XCTAssertEqual(r.map(\.passed), [true, false, false])
        XCTAssertTrue(r[2].failures[0].contains("expected diagnosis 'small', concluded [big]"), r[2].failures[0])
        XCTAssertTrue(r[2].failures[0].contains("rule 'small': ruled out"), r[2].failures[0])
        XCTAssertTrue(r[1].failures[0].hasSuffix("no step 'zz' in playbook 'chain'"), r[1].failures[0])

        let lib = PlaybookLibrary.load(directory: root)
        let cov = CaseRunner(library: lib).coverage(r)
        XCTAssertEqual(cov.count, 1)
        XCTAssertEqual(cov[0].uncoveredDiagnoses, ["small"])
        XCTAssertEqual(cov[0].uncoveredRules, ["small"])
        XCTAssertEqual(cov[0].uncoveredSteps, [])
        XCTAssertEqual(cov[0].total, 7)
        XCTAssertEqual(cov[0].covered, 5)
    }

    func testMalformedCaseIsAFailureWithItsPlace() throws {
        try writeCase("broken", "answers: {a: 1}\nexpect: {diagnosis: [big]}\n")
        let r = results()
        XCTAssertFalse(r[0].passed)
        XCTAssertTrue(
            r[0].failures[0].contains(
                "broken.yaml:2:10: error: unknown key 'diagnosis' in expect (did you mean 'diagnoses'?)"),
            r[0].failures[0])
    }
}
