import Foundation
import XCTest

@testable import DiagnosticRules

/// No parser may let a machine key out: not in fields, summaries, notes, errors or JSON.
final class EvidenceSecretLeakTests: XCTestCase {
    func testNoOutputContainsFixtureKeyHex() throws {
        let secrets = try EvidenceFixtures.secrets()
        XCTAssertFalse(secrets.isEmpty)
        // Any 20-hex-digit window of a key counts as a leak (case-insensitive).
        var windows: Set<String> = []
        for secret in secrets {
            let chars = Array(secret.lowercased())
            var start = 0
            while start + 20 <= chars.count {
                windows.insert(String(chars[start..<start + 20]))
                start += 10
            }
        }
        let digests = Set(secrets.map { KnownKeys.digest(ofKeyText: $0) })
        for name in try EvidenceFixtures.allNames() where name != "secrets.txt" {
            let text = try EvidenceFixtures.text(name)
            for parser in EvidenceRegistry.all {
                for context in [EvidenceContext(), EvidenceContext(knownKeyDigests: digests)] {
                    var output = ""
                    do {
                        let parsed = try parser.parse(text, context: context)
                        output += parsed.summary
                        output += parsed.fields.map { "\($0.name)=\($0.value.description)" }.joined(separator: "\n")
                        output += parsed.notes.map(\.message).joined(separator: "\n")
                        output += String(decoding: try JSONEncoder().encode(parsed), as: UTF8.self)
                    } catch {
                        output += String(describing: error)
                    }
                    let haystack = output.lowercased().filter { $0.isHexDigit }
                    let readable = output.lowercased()
                    for window in windows where haystack.contains(window) || readable.contains(window) {
                        // The hex-only haystack can join unrelated digits; confirm on the readable text.
                        XCTAssertFalse(readable.contains(window), "\(parser.id) on \(name) leaked key hex")
                    }
                }
            }
        }
    }
}
