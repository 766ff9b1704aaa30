import XCTest

@testable import DiagnosticRules

/// The event-text parser reads lines, colons and event headers on the bytes (a 16 MB paste
/// has 800,000 lines). Each byte path must give what the Character version gives.
final class EventTextFastPathTests: XCTestCase {
    private let pieces = [
        "Event[0]:", "Event[", "]:", "Event ID", ": ", ":", "\u{301}", "7024", " ", "\t", "\n", "\r", "\r\n", "é", "٣",
        "Log Name", "Ereignis-ID", "\u{A0}", "x"
    ]

    private func randomTexts(_ count: Int) -> [String] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...10, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined()
        }
    }

    /// Lines as splitting Characters on LF, CR and CRLF gives them, numbered from 1.
    func testLineSequenceSplitsAsCharactersDo() {
        for text in randomTexts(3000) + ["", "\n", "a\r\n\r\nb\r", "\r\r\n"] {
            let reference = text.split(
                omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            let lines = Array(EvidenceLineSequence(text))
            XCTAssertEqual(lines.map { String($0.text) }, reference.map(String.init), text.debugDescription)
            XCTAssertEqual(lines.map(\.number), Array(1...max(1, reference.count)), text.debugDescription)
            XCTAssertEqual(EvidenceLines(text, limit: 2).lines.map(\.text), Array(lines.prefix(2).map(\.text)))
        }
    }

    /// The first ":" as a Character, also when a combining mark joins a colon.
    func testFirstColonIsTheFirstColonCharacter() {
        for text in randomTexts(3000) + ["a:\u{301}b:c", "Event ID: 7024"] {
            let line = Substring(text)
            XCTAssertEqual(EventTextParser.firstColon(line), line.firstIndex(of: ":"), text.debugDescription)
        }
    }

    /// `Event[n]:` headers, with the first-byte shortcut.
    func testEventHeaderAsTheCharacterCheck() {
        func reference(_ t: Substring) -> Bool {
            guard t.hasPrefix("Event["), t.hasSuffix("]:") else { return false }
            return t.dropFirst(6).dropLast(2).allSatisfy(\.isNumber)
        }
        for text in randomTexts(3000) + ["Event[12]:", "Event[٣]:", "Event[]:", "event[0]:", "Event[0]:\u{301}"] {
            XCTAssertEqual(
                EventTextParser.eventHeader(Substring(text)), reference(Substring(text)), text.debugDescription)
        }
    }

    /// Events already newest first are returned as they are; any other order is sorted as
    /// before (newest first, equal times in pasted order).
    func testNewestFirstKeepsAnOrderedPasteAndSortsTheRest() {
        let times = ["2024-05-14T08:12:31.123", "2024-05-14T08:12:31.124", "2024-05-13T23:59:59", "2023-12-31T00:00:00"]
        var generator = SystemRandomNumberGenerator()
        var sawSorted = false
        for round in 0..<500 {
            var records = (0..<Int.random(in: 2...8, using: &generator)).map { i in
                var r = EventRecord(line: i + 1)
                r.timeCreated = (times.randomElement(using: &generator)!, i + 1)
                return r
            }
            if round % 2 == 0 {
                // An ordered paste, as wevtutil /rd:true prints it.
                records.sort { $0.timeCreated!.0 > $1.timeCreated!.0 }
            }
            let keys = records.map { EventTime.sortKey($0.timeCreated!.0)! }
            let reference = records.indices.sorted { a, b in
                keys[a] == keys[b] ? a < b : keys[b].lexicographicallyPrecedes(keys[a])
            }
            let (result, ordered) = EventEvidence.newestFirst(records, dayFirst: nil)
            XCTAssertTrue(ordered)
            XCTAssertEqual(result.map(\.line), reference.map { records[$0].line })
            sawSorted = sawSorted || reference != Array(records.indices)
        }
        XCTAssertTrue(sawSorted, "some rounds must need sorting")
    }
}
