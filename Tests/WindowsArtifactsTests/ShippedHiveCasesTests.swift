import DiagnosticRules
import Foundation
import WindowsArtifacts
import XCTest

/// The shipped example cases whose evidence includes hive files
/// (`Playbooks/tests/*/evidence/hives/`, written by Tools/make-hive-evidence.py), run with
/// the hive readers as `keywizard test` runs them. The DiagnosticRules tests skip these cases:
/// that target does not link the readers.
final class ShippedHiveCasesTests: XCTestCase {
    func testHiveCasesPassWithTheHiveReaders() throws {
        let lib = PlaybookLibrary.load(directory: Samples.playbooks)
        let runner = CaseRunner(library: lib) { path in
            guard let format = ArtifactReader.format(ofFileAt: path) else {
                throw HiveError(path: path, message: "not a hive or event log")
            }
            return try ArtifactReader.read(path: path, format: format)
        }
        var hiveCases: [String] = []
        var results: [CaseRunner.CaseResult] = []
        for url in PlaybookCase.caseFiles(in: Samples.playbooks.appendingPathComponent("tests")) {
            guard case .success(let c) = PlaybookCase.load(url) else { return XCTFail("\(url.path) does not load") }
            let r = runner.run(c)
            XCTAssertTrue(r.passed, "\(r.playbook)/\(r.name):\n" + r.failures.joined(separator: "\n"))
            results.append(r)
            if !c.artifactEvidence.isEmpty { hiveCases.append(c.name) }
        }
        XCTAssertEqual(
            hiveCases.sorted(),
            [
                "hive-machine-store-for-the-pools-sid", "hive-user-file-identity-changed",
                "hive-user-file-no-key-anywhere"
            ])
        for c in runner.coverage(results) { XCTAssertEqual(c.percent, 100, "coverage of \(c.playbook)") }
        // What the hive case read: ShopPool's entry, cited in the SOFTWARE file.
        let machine = try XCTUnwrap(results.first { $0.name == "hive-machine-store-for-the-pools-sid" }?.conclusion)
        XCTAssertEqual(
            machine.facts["machine_key_present"]?.origin.description,
            "evidence/hives/SOFTWARE, key HKLM\\SOFTWARE\\Microsoft\\ASP.NET\\4.0.30319.0\\AutoGenKeys\\S-1-5-82-3521694234-755059382-4038971400-676492-3051792751, value AutoGenKeyV4: the software-hive evidence for step 'machine_hive_query'"
        )
    }
}
