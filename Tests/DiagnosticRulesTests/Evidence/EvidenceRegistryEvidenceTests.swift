import Foundation
import XCTest

@testable import DiagnosticRules

final class EvidenceRegistryEvidenceTests: XCTestCase {
    func testIdsAreUniqueAndLookedUp() {
        let ids = EvidenceRegistry.all.map(\.id)
        XCTAssertEqual(
            ids,
            [
                "reg-query", "reg-export", "machinekeys-listing", "event-xml", "event-text", "event-list",
                "applicationhost-config", "machinekey-config", "icacls", "ps-itemproperty", "eventviewer-copy",
                "eventquery", "wmic-ntevent", "get-eventlog", "cacls", "viewstate-verdict"
            ])
        XCTAssertEqual(EvidenceRegistry.parser(id: "icacls")?.id, "icacls")
        XCTAssertNil(EvidenceRegistry.parser(id: "nope"))
    }

    func testEveryFixtureIsDetectedAsItsFormat() throws {
        let expected: [String: String] = [
            "reg-query-machineguid.txt": "reg-query", "reg-query-machineguid.crlf.txt": "reg-query",
            "reg-query-autogenkey.txt": "reg-query", "reg-query-missing.txt": "reg-query",
            "reg-export-autogenkey.reg": "reg-export", "reg-export-machineguid.reg": "reg-export",
            "reg-export-machineguid.utf8.reg": "reg-export",
            "machinekeys-dir.txt": "machinekeys-listing", "machinekeys-dir-b.txt": "machinekeys-listing",
            "machinekeys-gci.txt": "machinekeys-listing", "machinekeys-paths.txt": "machinekeys-listing",
            "event-7024.xml": "event-xml", "events-wevtutil.xml": "event-xml", "events-exported.xml": "event-xml",
            "event-7024-text.txt": "event-text", "event-7024-list.txt": "event-list",
            "applicationHost.config": "applicationhost-config",
            "web-explicit.config": "machinekey-config", "web-autogen.config": "machinekey-config",
            "web-no-machinekey.config": "machinekey-config", "web-problems.config": "machinekey-config",
            "machinekey-alone.txt": "machinekey-config",
            "icacls-folder.txt": "icacls", "icacls-files.txt": "icacls"
        ]
        for (name, id) in expected {
            let text = try EvidenceFixtures.text(name)
            XCTAssertEqual(EvidenceRegistry.detect(text)?.id, id, name)
            let parsed = try EvidenceRegistry.parseAuto(text, context: EvidenceContext())
            XCTAssertEqual(parsed.kind, id, name)
            XCTAssertTrue(parsed.fields.allSatisfy { $0.line >= 1 && $0.line <= EvidenceLines(text).lines.count }, name)
        }
    }

    func testUnrecognisedTextNamesTheCandidates() throws {
        for name in ["broken-garbage.txt", "broken-binary.bin"] {
            let text = try EvidenceFixtures.text(name)
            assertEvidenceError(try EvidenceRegistry.parseAuto(text, context: EvidenceContext())) { error in
                XCTAssertEqual(error.parser, "auto")
                XCTAssertTrue(
                    error.expected.hasPrefix("readable forms: reg query output; .reg export; "), error.expected)
                XCTAssertFalse(error.description.contains("auto expected"), error.description)
            }
        }
    }
}
