import ArgumentParser
import DiagnosticRules
import Foundation
import WindowsArtifacts

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the playbooks' example cases (Playbooks/tests/<playbook>/*.yaml).",
        discussion:
            "Ends with 'N passed, N failed'; exit status 1 on any failure or when coverage is below --min-coverage.")

    @Argument(help: "Playbook folder (cases are in its tests/ folder).") var directory: String?
    @OptionGroup var options: PlaybookOptions
    @Flag(help: "Report, per playbook, the rules, diagnoses and steps no case exercises.") var coverage = false
    @Option(help: "Fail when a playbook's coverage is below this percentage.") var minCoverage: Double?
    @Flag(name: .shortAndLong, help: "Print every case, not only failures.") var verbose = false

    func run() throws {
        try guarded {
            let lib = try options.library(directory)
            // Hives and event logs among a case's evidence are read as `diagnose` reads them.
            let runner = CaseRunner(library: lib, artifactReader: Self.readArtifact)
            var results: [CaseRunner.CaseResult] = []
            var loadFailures = 0
            for url in PlaybookCase.caseFiles(in: lib.directory.appendingPathComponent("tests")) {
                switch PlaybookCase.load(url) {
                case .failure(let e):
                    loadFailures += 1
                    print("FAIL \(PlaybookLibrary.displayPath(url))\n\(e.description)")
                case .success(let c):
                    let r = runner.run(c)
                    results.append(r)
                    if !r.passed {
                        print("FAIL \(r.playbook)/\(r.name)")
                        for f in r.failures { print("  " + f.replacingOccurrences(of: "\n", with: "\n  ")) }
                    } else if verbose {
                        print("ok   \(r.playbook)/\(r.name)")
                    }
                }
            }
            var belowThreshold = false
            if coverage || minCoverage != nil {
                for c in runner.coverage(results) {
                    print(
                        String(
                            format: "coverage %@: %.0f%% (%d of %d rules, diagnoses and steps)", c.playbook, c.percent,
                            c.covered, c.total))
                    if !c.uncoveredRules.isEmpty {
                        print("  rules never fired: " + c.uncoveredRules.joined(separator: ", "))
                    }
                    if !c.uncoveredDiagnoses.isEmpty {
                        print("  diagnoses never concluded: " + c.uncoveredDiagnoses.joined(separator: ", "))
                    }
                    if !c.uncoveredSteps.isEmpty {
                        print("  steps never answered: " + c.uncoveredSteps.joined(separator: ", "))
                    }
                    if let min = minCoverage, c.percent < min { belowThreshold = true }
                }
            }
            let passed = results.filter(\.passed).count
            let failed = results.count - passed + loadFailures
            print("\(passed) passed, \(failed) failed")
            if failed > 0 || belowThreshold { throw ExitCode(1) }
        }
    }

    /// A case's hive or event log file, read by the WindowsArtifacts reader its first bytes name.
    @Sendable static func readArtifact(_ path: String) throws -> ParsedEvidence {
        guard let format = ArtifactReader.format(ofFileAt: path) else {
            throw Failure("\(path): not a registry hive or event log")
        }
        return try ArtifactReader.read(path: path, format: format)
    }
}
