import Foundation
import XCTest

@testable import DiagnosticRules

/// Checklists rendered for every example case under Playbooks/tests/ (whatever cases exist),
/// and for a recorded session in all four formats, compared with reviewed golden files.
/// The date is fixed so goldens never change with the clock.
final class ChecklistGoldenTests: XCTestCase {
    static let context = ChecklistContext(
        hostLabel: "WEB01", date: SessionFixtures.date(), session: "golden.jsonl", tool: "golden")

    func testEveryPlaybookCaseHasItsGoldenTextChecklist() throws {
        let lib = PlaybookLibrary.load(directory: SessionFixtures.playbooksDirectory)
        let runner = CaseRunner(library: lib)
        var expected: Set<String> = []
        var caseFiles = PlaybookCase.caseFiles(in: SessionFixtures.playbooksDirectory.appendingPathComponent("tests"))
        XCTAssertGreaterThanOrEqual(caseFiles.count, 30, "the shipped example cases are found")
        for url in caseFiles {
            // A broken case is a failure here too (not only in `keywizard test`): skipping it
            // would let its golden go stale unnoticed.
            guard case .success(let c) = PlaybookCase.load(url) else {
                XCTFail("case \(url.path) does not load")
                continue
            }
            // Cases with hive files need the WindowsArtifacts readers, which this target does
            // not link: ShippedHiveCasesTests runs them.
            guard c.artifactEvidence.isEmpty else {
                caseFiles.removeAll { $0 == url }
                continue
            }
            guard let conclusion = runner.run(c).conclusion else {
                XCTFail("case \(c.name) of \(c.playbookId) did not run")
                continue
            }
            let text = ChecklistText.render(Checklist(conclusion: conclusion, context: Self.context))
            let golden = "checklists/\(c.playbookId)/\(c.name).txt"
            XCTAssertTrue(expected.insert(golden).inserted, "two cases share the golden \(golden)")
            Golden.check(text, golden)
            ChecklistTextTests.assertPrintable(text, commands: commands(conclusion), name: "\(c.playbookId)/\(c.name)")
        }
        // One golden per case, no more: a golden whose case was renamed or removed is stale.
        let onDisk = goldens(excluding: "sessions")
        XCTAssertEqual(onDisk.count, caseFiles.count, "golden checklists vs example cases")
        XCTAssertEqual(onDisk.subtracting(expected).sorted(), [], "goldens without a case (stale; delete them)")
        if !Golden.updating { XCTAssertEqual(expected.subtracting(onDisk).sorted(), [], "cases without a golden") }
    }

    /// The session goldens are exactly those the session tests write.
    func testNoStaleSessionGoldens() {
        let names = [
            "machineguid-changed.txt", "machineguid-changed.md", "machineguid-changed.html", "machineguid-changed.json",
            "unfinished.txt", "two-diagnoses.txt", "two-diagnoses.md", "two-diagnoses.html", "two-diagnoses.json"
        ]
        XCTAssertEqual(goldens(only: "sessions"), Set(names.map { "checklists/sessions/" + $0 }))
    }

    /// Golden paths under Fixtures/checklists, relative to Fixtures.
    private func goldens(excluding: String? = nil, only: String? = nil) -> Set<String> {
        let root = Golden.fixtures.appendingPathComponent("checklists")
        var out: Set<String> = []
        for folder in (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [] {
            if folder == excluding || (only != nil && folder != only) { continue }
            for file in (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path))
                ?? []
            {
                out.insert("checklists/\(folder)/\(file)")
            }
        }
        return out
    }

    func testRecordedSessionInEveryFormat() throws {
        let playbook = try SessionFixtures.shippedPlaybook()
        let answers = try SessionFixtures.machineGuidChangedAnswers(playbook)
        let conclusion = Engine(playbook: playbook).evaluate(answers)
        let checklist = Checklist(conclusion: conclusion, context: Self.context)
        Golden.check(ChecklistText.render(checklist), "checklists/sessions/machineguid-changed.txt")
        Golden.check(ChecklistMarkdown.render(checklist), "checklists/sessions/machineguid-changed.md")
        Golden.check(ChecklistHTML.render(checklist), "checklists/sessions/machineguid-changed.html")
        Golden.check(try ChecklistJSON.render(checklist), "checklists/sessions/machineguid-changed.json")

        let unfinished = Checklist(
            conclusion: Engine(playbook: playbook).evaluate(Array(answers.prefix(2))), context: Self.context)
        Golden.check(ChecklistText.render(unfinished), "checklists/sessions/unfinished.txt")
    }

    private func commands(_ c: Conclusion) -> [String] {
        c.diagnoses.flatMap { d in
            d.diagnosis.remediation.map(c.present).flatMap { [$0.command, $0.verifyCommand].compactMap { $0 } }
        }
    }
}
