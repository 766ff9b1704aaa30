import XCTest

@testable import DiagnosticRules

final class KeyComparisonTests: XCTestCase {
    /// A 64-byte key (128 hex digits), varied per byte so every position is distinct.
    static let base = (0..<64).map { String(format: "%02X", ($0 * 37 + 11) & 0xFF) }.joined()

    /// `base` with the byte at each position replaced by its complement.
    func flipped(_ positions: [Int], in hex: String = base) -> String {
        var bytes = KeyFingerprint.bytes(fromHex: hex)!
        for p in positions { bytes[p] ^= 0xFF }
        return bytes.map { String(format: "%02X", $0) }.joined()
    }

    func testRawValuesAreTheContract() {
        XCTAssertEqual(
            KeyClassification.allCases.map(\.rawValue),
            [
                "identical", "isolate-apps", "isolate-by-app-id", "different-base-key", "incomparable", "too-short",
                "not-a-key"
            ])
    }

    func testClassifications() {
        let b = Self.base
        XCTAssertEqual(KeyComparison.classify(b, b.lowercased()).classification, .identical)
        XCTAssertEqual(KeyComparison.classify(b, flipped([0, 3])).classification, .isolateApps)
        XCTAssertEqual(KeyComparison.classify(b, flipped([4, 7])).classification, .isolateByAppId)
        XCTAssertEqual(KeyComparison.classify(b, flipped([8])).classification, .differentBaseKey)
        XCTAssertEqual(KeyComparison.classify(b, flipped([2, 63])).classification, .differentBaseKey)
        XCTAssertEqual(KeyComparison.classify(b, "not hex").classification, .incomparable)
        XCTAssertEqual(KeyComparison.classify("", b).classification, .incomparable)
        let both = KeyComparison.classify(b, flipped([1, 5]))
        XCTAssertEqual(both.classification, .isolateApps)
        XCTAssertTrue(both.explanation.contains("IsolateByAppId"))
    }

    func testPrefixesAndDashes() {
        let b = Self.base
        let dashed = stride(from: 0, to: 40, by: 2).map { i -> String in
            let s = b.index(b.startIndex, offsetBy: i)
            return String(b[s..<b.index(s, offsetBy: 2)])
        }.joined(separator: "-")
        let r = KeyComparison.classify(dashed, flipped([6]))
        XCTAssertEqual(r.classification, .isolateByAppId)
        XCTAssertEqual(r.comparedBytes, 20)
        XCTAssertEqual(r.differingPositions, [6])
        XCTAssertTrue(r.baseKeyCompared)
        XCTAssertEqual(r.lengthA, 20)
        XCTAssertEqual(r.lengthB, 64)

        let short = KeyComparison.classify(String(b.prefix(8)), String(flipped([0]).prefix(16)))
        XCTAssertEqual(short.classification, .tooShort)
        XCTAssertEqual(short.comparedBytes, 4)
        XCTAssertFalse(short.baseKeyCompared)
        XCTAssertTrue(short.explanation.contains("Compared 4 bytes"))
        // Two equal 4-byte values are not "the same key".
        XCTAssertEqual(KeyComparison.classify("1F35E5A1", "1F35E5A1").classification, .tooShort)
        let eight = KeyComparison.classify(String(b.prefix(16)), String(flipped([0]).prefix(16)))
        XCTAssertEqual(eight.classification, .isolateApps)
        XCTAssertTrue(eight.explanation.contains("not compared"))
    }

    func testResultHoldsAtMostFourBytesOfEitherKey() throws {
        let a = Self.base
        let b = flipped([10])
        let r = KeyComparison.classify(a, b)
        XCTAssertEqual(r.firstBytesA, String(a.prefix(8)).lowercased())
        XCTAssertEqual(r.firstBytesB, String(b.prefix(8)).lowercased())
        let json = String(decoding: try JSONEncoder().encode(r), as: UTF8.self).lowercased()
        XCTAssertTrue(json.contains("\"classification\":\"different-base-key\""))
        // No run of 5 bytes (10 hex digits) of either key appears anywhere in the result.
        for key in [a.lowercased(), b.lowercased()] {
            for start in stride(from: 0, through: key.count - 10, by: 2) {
                let s = key.index(key.startIndex, offsetBy: start)
                XCTAssertFalse(json.contains(key[s..<key.index(s, offsetBy: 10)]), "leaks bytes at \(start / 2)")
            }
        }
    }

    func testAllZeroAndLowEntropyAreNotKeys() {
        let zero = String(repeating: "00", count: 24)
        let r = KeyComparison.classify(zero, zero)
        XCTAssertEqual(r.classification, .notAKey)
        XCTAssertTrue(r.notAKeyA?.contains("DestroyKeys") == true)
        XCTAssertEqual(
            KeyComparison.classify(String(repeating: "DEADBEEF", count: 16), Self.base).classification, .notAKey)
        XCTAssertEqual(KeyComparison.classify(Self.base, String(repeating: "0102", count: 32)).classification, .notAKey)
        XCTAssertNil(KeyComparison.notAKeyReason(KeyFingerprint.bytes(fromHex: Self.base)!))
        XCTAssertNotNil(KeyComparison.notAKeyReason([1, 2, 3, 1, 2, 3, 3, 2, 1, 1, 2]))
    }

    func testConfigsAreComparedByFingerprint() throws {
        func config(_ v: String, _ d: String, extra: String = "") -> String {
            "<configuration><system.web><machineKey validationKey=\"\(v)\" decryptionKey=\"\(d)\" \(extra)/></system.web></configuration>"
        }
        let d = String(Self.base.prefix(48))
        let same = try ConfigKeyComparison.compare(
            config(Self.base, d), file: "a.config", config(Self.base.lowercased(), d), file: "b.config")
        XCTAssertTrue(same.agree)
        XCTAssertEqual(same.items.first?.verdict, "same")
        let other = try ConfigKeyComparison.compare(
            config(Self.base, d), file: "a.config", config(flipped([9]), d, extra: "validation=\"SHA1\""),
            file: "b.config")
        XCTAssertFalse(other.agree)
        XCTAssertEqual(other.items.map(\.verdict), ["different", "same", "different", "same", "same"])
        let zero = try ConfigKeyComparison.compare(
            config(String(repeating: "00", count: 64), d), file: "a.config", config(Self.base, d), file: "b.config")
        XCTAssertEqual(zero.items[0].verdict, "not-comparable")
        let text =
            other.textLines().joined(separator: "\n") + String(decoding: try JSONEncoder().encode(other), as: UTF8.self)
        XCTAssertFalse(text.uppercased().contains(String(Self.base.prefix(12))), "key material in output")
        XCTAssertThrowsError(
            try ConfigKeyComparison.compare(
                "<configuration/>", file: "a.config", config(Self.base, d), file: "b.config")
        ) {
            XCTAssertTrue("\($0)".hasPrefix("a.config: no <machineKey>"), "\($0)")
        }
    }
}
