import Foundation
import XCTest

@testable import DiagnosticRules

final class EvidenceReportEvidenceTests: XCTestCase {
    func testStableJSONShape() throws {
        let parsed = ParsedEvidence(
            kind: "reg-query", summary: "s",
            fields: [
                EvidenceField(name: "machine_guid", value: .guid("5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"), line: 3),
                EvidenceField(name: "n", value: .integer(7), line: 1),
                EvidenceField(name: "l", value: .list([.string("a"), .boolean(true)]), line: 2)
            ], notes: [EvidenceNote(line: 1, message: "m")])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(EvidenceReport(file: "f.txt", parsed: parsed)), as: UTF8.self)
        XCTAssertEqual(
            json,
            #"{"contains_secrets":false,"fields":[{"line":3,"name":"machine_guid","type":"guid","value":"5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"},{"line":1,"name":"n","type":"integer","value":7},{"line":2,"name":"l","type":"list","value":["a",true]}],"file":"f.txt","notes":[{"line":1,"message":"m"}],"parser":"reg-query","summary":"s","title":"reg query output"}"#
        )
    }

    func testTextNamesFormatFieldsAndLines() throws {
        let parsed = try RegQueryParser().parse(
            try EvidenceFixtures.text("reg-query-autogenkey.txt"), context: EvidenceContext())
        let lines = EvidenceReport(file: "x.txt", parsed: parsed).textLines()
        XCTAssertEqual(lines[0], "x.txt: reg query output (reg-query)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("  line    3  autogen_key_length ") && $0.hasSuffix(" 1024") })
        XCTAssertTrue(lines.last!.contains("secret key material"))
    }
}
