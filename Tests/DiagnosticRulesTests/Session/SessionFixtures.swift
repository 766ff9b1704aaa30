import Foundation
import XCTest

@testable import DiagnosticRules

/// Shared material for the session and report tests: the shipped playbook, temporary
/// folders, a fixed clock, and a complete set of answers that concludes a diagnosis.
enum SessionFixtures {
    /// The package root, found from this file so tests can read `Playbooks/` and write goldens.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var playbooksDirectory: URL { packageRoot.appendingPathComponent("Playbooks") }

    static func shippedPlaybook() throws -> Playbook {
        let url = playbooksDirectory.appendingPathComponent("iis-admin-machineguid.yaml")
        let r = PlaybookLoader.load(file: url, displayName: "Playbooks/iis-admin-machineguid.yaml")
        guard let p = r.playbook else { throw PlaybookLoadError(r.diagnostics) }
        return p
    }

    /// A fresh temporary folder, removed when the test ends.
    static func temporaryDirectory(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kw-session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// 2025-03-01 09:30:00 UTC, plus `seconds`.
    static func date(_ seconds: Double = 0) -> Date { Date(timeIntervalSince1970: 1_740_821_400 + seconds) }

    /// A clock that ticks one second per call, so records get distinct, predictable times.
    final class Clock: @unchecked Sendable {
        private var t: Double = 0
        func now() -> Date {
            defer { t += 1 }
            return SessionFixtures.date(t)
        }
    }

    static let currentGuid = "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"
    static let originalGuid = "0b8e2f4c-7a1d-4e55-8c3b-9f6a2d1e7c40"

    /// A `dir /b` listing whose IIS metabase key file carries the old GUID only.
    static func listingWithKeyUnderOldGuid() -> String {
        let c23 = KeyContainerName.fileName(
            container: "Microsoft Internet Information Server", machineGuid: originalGuid)!
        return "\(c23)\n6de9cb26d2b98c01ec4e9e8b34824aa2_\(currentGuid)\n"
    }

    /// Answers, as an operator would give them, that conclude `machineguid-changed`; the
    /// interview ends after the question about what changed the GUID.
    static func machineGuidChangedAnswers(_ playbook: Playbook, clock: Clock = Clock()) throws -> [Answer] {
        let inputs: [(String, String, AnswerSource)] = [
            ("windows", "2016", .typed),
            ("symptom", "event7024", .typed),
            ("event", "?", .typed),
            ("error_code", "0x80090006", .typed),
            ("machine_guid_reg", try text("reg-query-machineguid.txt"), .pasted),
            ("machinekeys", listingWithKeyUnderOldGuid(), .pasted),
            ("guid_history", "sysprep", .typed)
        ]
        var wizard = Wizard(playbook: playbook)
        var out: [Answer] = []
        for (step, text, source) in inputs {
            XCTAssertEqual(wizard.currentStep?.id, step)
            switch wizard.submit(text, source: source, time: clock.now()) {
            case .success(let a): out.append(a)
            case .failure(let e): throw e
            }
        }
        return out
    }

    static func text(_ evidence: String) throws -> String { try EvidenceFixtures.text(evidence) }
}
