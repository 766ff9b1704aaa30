import XCTest

@testable import DiagnosticRules

/// `keywizard lint` and `keywizard test --min-coverage 100` over the repository's own
/// Playbooks folder, so `swift test` fails when a shipped playbook or case breaks.
final class ShippedPlaybooksTests: XCTestCase {
    /// <repo>/Playbooks, found from this file's path (Tests/DiagnosticRulesTests/Playbooks/).
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Playbooks")

    static let expectedIds = [
        "aspnet-autogen-keys", "iis-admin-machineguid", "iis-shared-config-keys", "webfarm-viewstate-mac"
    ]

    func loadLibrary() throws -> PlaybookLibrary {
        let lib = PlaybookLibrary.load(directory: Self.directory)
        XCTAssertEqual(lib.diagnostics.map(\.description), [], "load diagnostics")
        return lib
    }

    func testShippedPlaybooksLoadAndLintClean() throws {
        let lib = try loadLibrary()
        XCTAssertEqual(Set(lib.playbooks.map(\.id)), Set(Self.expectedIds))
        for p in lib.playbooks {
            XCTAssertEqual(PlaybookLinter.lint(p).map(\.description), [], "lint \(p.id)")
        }
    }

    func testMenuLabelsAreShortAndEveryDiagnosisEndsWithAVerifyStep() throws {
        for p in try loadLibrary().playbooks {
            XCTAssertFalse(p.menuLabel.isEmpty, p.id)
            XCTAssertLessThan(p.menuLabel.count, 70, "menu label of \(p.id)")
            for d in p.diagnoses {
                let last = d.remediation.last
                XCTAssertNotNil(last?.verify, "\(p.id)/\(d.id): remediation must end with verify")
                XCTAssertNotNil(last?.verifyCommands, "\(p.id)/\(d.id): remediation must end with verify_command")
            }
            for s in p.steps where s.input == .paste {
                XCTAssertNotNil(
                    s.commands, "\(p.id)/\(s.id): every piece of evidence needs the command that collects it")
            }
        }
    }

    func testEveryShippedCasePassesWithFullCoverage() throws {
        let lib = try loadLibrary()
        let runner = CaseRunner(library: lib)
        var results: [CaseRunner.CaseResult] = []
        let files = PlaybookCase.caseFiles(in: Self.directory.appendingPathComponent("tests"))
        XCTAssertGreaterThanOrEqual(files.count, 24)
        for url in files {
            switch PlaybookCase.load(url) {
            case .failure(let e): XCTFail("\(url.lastPathComponent): \(e.description)")
            case .success(let c):
                // Cases with hive files need the WindowsArtifacts readers, which this target
                // does not link: ShippedHiveCasesTests runs them. Coverage is full without them.
                guard c.artifactEvidence.isEmpty else { continue }
                let r = runner.run(c)
                XCTAssertTrue(r.passed, "\(r.playbook)/\(r.name):\n" + r.failures.joined(separator: "\n"))
                results.append(r)
            }
        }
        for id in Self.expectedIds {
            XCTAssertGreaterThanOrEqual(results.filter { $0.playbook == id }.count, 6, "cases of \(id)")
        }
        for c in runner.coverage(results) {
            XCTAssertEqual(
                c.percent, 100,
                "coverage of \(c.playbook): rules \(c.uncoveredRules), diagnoses \(c.uncoveredDiagnoses), steps \(c.uncoveredSteps)"
            )
            XCTAssertEqual(c.uncoveredDiagnoses, [], "every diagnosis of \(c.playbook) has a case")
        }
    }
}
