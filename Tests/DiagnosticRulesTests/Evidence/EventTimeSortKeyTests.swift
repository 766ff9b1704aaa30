import Foundation
import XCTest

@testable import DiagnosticRules

/// `EventTime.sortKey` reads dates on the UTF-8 bytes; it must order every date as the
/// Character-by-Character version it replaced (kept here as the reference) did.
final class EventTimeSortKeyTests: XCTestCase {
    func referenceSortKey(_ raw: String, dayFirst: Bool? = nil) -> [Int]? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let digitsOnly = text.prefix(while: { $0.isASCII && $0.isNumber })
        if digitsOnly.count == 14, text.dropFirst(14).first.map({ $0 == "." }) ?? true {
            let d = Array(digitsOnly).map { Int(String($0))! }
            func n(_ a: Int, _ b: Int) -> Int { d[a..<b].reduce(0) { $0 * 10 + $1 } }
            return [n(0, 4), n(4, 6), n(6, 8), n(8, 10), n(10, 12), n(12, 14), 0]
        }
        var groups: [(value: Int, digits: Int, separatorBefore: Character?)] = []
        var current = ""
        var lastSeparator: Character?
        for c in text {
            if c.isASCII && c.isNumber {
                current.append(c)
                continue
            }
            if !current.isEmpty {
                groups.append((Int(current) ?? 0, current.count, lastSeparator))
                current = ""
            }
            lastSeparator = c
        }
        if !current.isEmpty { groups.append((Int(current) ?? 0, current.count, lastSeparator)) }
        guard groups.count >= 5 else { return nil }
        var year: Int
        var month: Int
        var day: Int
        if groups[0].digits == 4 {
            (year, month, day) = (groups[0].value, groups[1].value, groups[2].value)
        } else if groups[2].digits == 4 || groups[2].digits == 2 {
            year = groups[2].digits == 2 ? 2000 + groups[2].value : groups[2].value
            let a = groups[0].value
            let b = groups[1].value
            let dotted = groups[1].separatorBefore == "."
            let dayFirstHere = a > 12 ? true : (b > 12 ? false : (dotted ? true : (dayFirst ?? false)))
            (day, month) = dayFirstHere ? (a, b) : (b, a)
        } else {
            return nil
        }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = groups[3].value
        let minute = groups[4].value
        let second = groups.count > 5 ? groups[5].value : 0
        var fraction = 0
        if groups.count > 6, groups[6].separatorBefore == "." || groups[6].separatorBefore == "," {
            let digits = String(groups[6].value).count
            fraction = groups[6].value * Int(pow(10.0, Double(max(0, 7 - max(digits, groups[6].digits)))))
        }
        let upper = text.uppercased()
        let pm = upper.contains("PM") || upper.contains("P.M.") || text.contains("午後") || text.contains("下午")
        let am = upper.contains("AM") || upper.contains("A.M.") || text.contains("午前") || text.contains("上午")
        if pm && hour < 12 { hour += 12 }
        if am && hour == 12 { hour = 0 }
        guard hour < 24, minute < 60, second < 61 else { return nil }
        return [year, month, day, hour, minute, second, fraction]
    }

    func testSortKeyEqualsTheCharacterVersion() {
        var cases = [
            "2024-05-14T08:12:31.123", "14/05/2024 08:12:31", "05/14/2024 8:12:31 PM", "14.05.2024 08:12:31",
            "2024/05/14 午後 8:12:31", "2024年5月14日 8:12:31", "20240514081231.123456-000", "5/14/24 12:01:02 AM",
            "99999999999999999999/05/2024 08:12", "  2024-05-14 08:12:31,5  ", "", "May 14 08:12",
            "14 mai 2024 08:12:31"
        ]
        let pieces = [
            "2024", "14", "05", "5", "12", "31", "08", "/", "-", ".", ",", ":", " ", "T", "PM", "AM", "p.m.", "午後", "年",
            "\u{A0}", "123456", "pm", "Am", "a.M.", "下午", "上午", "午前", "P", "m", "ß"
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            cases.append(
                (0..<Int.random(in: 3...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                    .joined())
        }
        for c in cases {
            for dayFirst in [nil, true, false] {
                XCTAssertEqual(EventTime.sortKey(c, dayFirst: dayFirst), referenceSortKey(c, dayFirst: dayFirst), c)
            }
        }
    }

    /// `EventTime.dayFirst` reads the first three numbers on the bytes of an ASCII text; it
    /// must read what splitting by Character read, overflowing runs and non-ASCII included.
    func testFirstNumbersEqualTheCharacterVersion() {
        func reference(_ text: String) -> [Int] {
            text.split(whereSeparator: { !($0.isASCII && $0.isNumber) }).prefix(3).compactMap { Int($0) }
        }
        let pieces = [
            "2024", "14", "05", "5", "31", "/", "-", ".", " ", "T", "99999999999999999999", "0000000000000000000000001",
            "\u{301}", "é", "٣", "年", ""
        ]
        var generator = SystemRandomNumberGenerator()
        var cases = ["", "14/05/2024", "2024-05-14T08:12:31.123", "1/2", "99999999999999999999/05/2024 08:12"]
        for _ in 0..<5000 {
            cases.append(
                (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                    .joined())
        }
        for c in cases { XCTAssertEqual(EventTime.firstNumbers(c), reference(c), c) }
        XCTAssertEqual(EventTime.dayFirst(["2024-05-14T08:12:31", "14/05/2024 08:12:31"]), true)
        XCTAssertEqual(EventTime.dayFirst(["05/14/2024 8:12:31 PM"]), false)
        XCTAssertNil(EventTime.dayFirst(["2024-05-14T08:12:31", "05/05/2024"]))
    }
}
