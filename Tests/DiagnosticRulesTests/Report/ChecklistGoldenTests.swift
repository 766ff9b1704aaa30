import Foundation
import XCTest
@testable import DiagnosticRules

/// Checklists rendered for every example case under Playbooks/tests/ (whatever cases exist),
/// and for a recorded session in all four formats, compared with reviewed golden files.
/// The date is fixed so goldens never change with the clock.
final class ChecklistGoldenTests: XCTestCase {
    static let context = ChecklistContext(hostLabel: "WEB01", date: SessionFixtures.date(), session: "golden.jsonl", tool: "golden")

    func testEveryPlaybookCaseHasItsGoldenTextChecklist() throws {
        let lib = PlaybookLibrary.load(directory: SessionFixtures.playbooksDirectory)
        let runner = CaseRunner(library: lib)
        for url in PlaybookCase.caseFiles(in: SessionFixtures.playbooksDirectory.appendingPathComponent("tests")) {
            guard case .success(let c) = PlaybookCase.load(url) else { continue }   // `keywizard test` reports broken cases
            guard let conclusion = runner.run(c).conclusion else { continue }
            let text = ChecklistText.render(Checklist(conclusion: conclusion, context: Self.context))
            Golden.check(text, "checklists/\(c.playbookId)/\(c.name).txt")
            ChecklistTextTests.assertPrintable(text, commands: commands(conclusion), name: "\(c.playbookId)/\(c.name)")
        }
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

        let unfinished = Checklist(conclusion: Engine(playbook: playbook).evaluate(Array(answers.prefix(2))), context: Self.context)
        Golden.check(ChecklistText.render(unfinished), "checklists/sessions/unfinished.txt")
    }

    private func commands(_ c: Conclusion) -> [String] {
        c.diagnoses.flatMap { d in d.diagnosis.remediation.map(c.present).flatMap { [$0.command, $0.verifyCommand].compactMap { $0 } } }
    }
}
