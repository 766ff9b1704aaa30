import Foundation
import XCTest

@testable import DiagnosticRules

/// Pastes often lose their last line break. Every parser must read a text without a final
/// newline exactly as it reads the same text with one: same fields (values and lines),
/// same notes, same summary.
final class NoFinalNewlineTests: XCTestCase {
    func comparable(_ e: ParsedEvidence) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(e)) ?? Data(), as: UTF8.self)
    }

    func testEveryParserReadsItsLastLineWithoutAFinalNewline() throws {
        var covered: Set<String> = []
        var cases = 0
        // The fixture files, and each parser's published example input (the parsers added
        // for other Windows versions and languages have their forms there).
        var inputs: [(name: String, text: String)] = []
        for name in try EvidenceFixtures.allNames() where name != "secrets.txt" && !name.hasPrefix("broken") {
            inputs.append((name, try EvidenceFixtures.text(name)))
        }
        for parser in EvidenceRegistry.all {
            let example = parser.schema.example
            inputs.append(("example of \(parser.id)", example.hasSuffix("\n") ? example : example + "\n"))
        }
        for (name, text) in inputs {
            var bare = text
            while bare.hasSuffix("\n") { bare.removeLast() }
            XCTAssertNotEqual(bare, text, "\(name) should end with a newline (the fixture is the 'with' case)")
            for parser in EvidenceRegistry.all {
                guard let with = try? parser.parse(text, context: EvidenceContext()) else { continue }
                let without: ParsedEvidence
                do { without = try parser.parse(bare, context: EvidenceContext()) } catch {
                    XCTFail("\(parser.id) reads \(name) but refuses it without its final newline: \(error)")
                    continue
                }
                XCTAssertEqual(comparable(without), comparable(with), "\(parser.id) on \(name) without a final newline")
                covered.insert(parser.id)
                cases += 1
            }
        }
        XCTAssertEqual(covered, Set(EvidenceRegistry.all.map(\.id)), "every parser has a fixture it reads")
        XCTAssertGreaterThanOrEqual(cases, 20)
    }

    /// A paste cut after any line (operators often copy only part of a listing) reads the
    /// same with or without a newline after that line: every line-prefix of every fixture.
    func testEveryPrefixOfEveryFixtureReadsTheSameWithoutItsNewline() throws {
        var compared = 0
        for name in try EvidenceFixtures.allNames() where name != "secrets.txt" && !name.hasPrefix("broken") {
            let lines = try EvidenceFixtures.text(name).split(separator: "\n", omittingEmptySubsequences: false).map(
                String.init)
            for parser in EvidenceRegistry.all where parser.detect(lines.joined(separator: "\n")) > 0 {
                for k in 1..<lines.count where !lines[k - 1].allSatisfy(\.isWhitespace) {
                    let bare = lines[0..<k].joined(separator: "\n")
                    let with = try? parser.parse(bare + "\n", context: EvidenceContext())
                    let without = try? parser.parse(bare, context: EvidenceContext())
                    XCTAssertEqual(
                        without.map(comparable), with.map(comparable), "\(parser.id) on the first \(k) lines of \(name)"
                    )
                    compared += 1
                }
            }
        }
        XCTAssertGreaterThan(compared, 200)
    }

    /// The last line carries the answer in these short pastes; without a final newline it
    /// must still be read.
    func testOneLinePastesWithoutANewline() throws {
        let reg = try RegQueryParser().parse(
            "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\n    MachineGuid    REG_SZ    5C1F7A2E-0D4B-4F3A-9E61-2B7C8D90A1F4",
            context: EvidenceContext())
        XCTAssertEqual(reg.value("machine_guid"), .guid("5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"))
        XCTAssertEqual(reg.field("machine_guid")?.line, 2)

        let listing = try MachineKeysListingParser().parse(
            SessionFixtures.listingWithKeyUnderOldGuid().trimmingCharacters(in: .newlines), context: EvidenceContext())
        let withNewline = try MachineKeysListingParser().parse(
            SessionFixtures.listingWithKeyUnderOldGuid(), context: EvidenceContext())
        XCTAssertEqual(comparable(listing), comparable(withNewline))
    }
}
