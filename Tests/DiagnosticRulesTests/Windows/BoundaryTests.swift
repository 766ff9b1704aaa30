import XCTest

@testable import DiagnosticRules

/// The exact edges of the key comparison (bytes 0-3 IsolateApps, 4-7 IsolateByAppId, the
/// base key from byte 8) and GUID normalisation straight from raw pasted text.
final class BoundaryTests: XCTestCase {
    static let key = (0..<64).map { String(format: "%02X", ($0 * 29 + 3) & 0xFF) }.joined()

    func flipped(_ positions: [Int], _ hex: String = key) -> String {
        var bytes = KeyFingerprint.bytes(fromHex: hex)!
        for p in positions { bytes[p] ^= 0x5A }
        return bytes.map { String(format: "%02X", $0) }.joined()
    }

    func testEveryByteLandsOnItsSideOfTheIsolationBoundaries() {
        for position in 0..<16 {
            let expected: KeyClassification =
                position < 4 ? .isolateApps : position < 8 ? .isolateByAppId : .differentBaseKey
            let r = KeyComparison.classify(Self.key, flipped([position]))
            XCTAssertEqual(r.classification, expected, "a difference in byte \(position)")
            XCTAssertEqual(r.differingPositions, [position])
        }
        XCTAssertEqual(
            KeyComparison.classify(Self.key, flipped([3, 4])).classification, .isolateApps,
            "bytes 3 and 4: both modifiers")
        XCTAssertEqual(KeyComparison.classify(Self.key, flipped([4, 8])).classification, .differentBaseKey)
        XCTAssertEqual(KeyComparison.classify(Self.key, flipped([7, 8])).classification, .differentBaseKey)
    }

    func testTheBaseKeyIsComparedOnlyFromANinthSharedByte() {
        for bytes in 1...12 {
            let a = String(Self.key.prefix(bytes * 2))
            let b = String(flipped([0]).prefix(bytes * 2))
            let r = KeyComparison.classify(a, b)
            XCTAssertEqual(r.comparedBytes, bytes)
            XCTAssertEqual(r.baseKeyCompared, bytes > 8, "\(bytes) shared bytes")
            XCTAssertEqual(
                r.explanation.contains("the base key itself was not compared"), bytes <= 8,
                "\(bytes) shared bytes: \(r.explanation)")
        }
        // One key longer than the other: the overlap decides.
        let r = KeyComparison.classify(String(Self.key.prefix(16)), flipped([1]))
        XCTAssertEqual(r.comparedBytes, 8)
        XCTAssertFalse(r.baseKeyCompared)
        XCTAssertTrue(r.explanation.contains("Only 8 bytes overlap"), r.explanation)
        XCTAssertTrue(r.explanation.contains("different lengths (8 and 64 bytes)"), r.explanation)
    }

    func testKeyBytesNeedWholeBytes() {
        XCTAssertNil(KeyFingerprint.bytes(fromHex: "ABC"))
        XCTAssertNil(KeyFingerprint(hexKey: String(Self.key.dropLast())))
        XCTAssertEqual(KeyFingerprint.bytes(fromHex: "0x0A-0b:0C 0d"), [0x0A, 0x0B, 0x0C, 0x0D])
        XCTAssertEqual(KeyFingerprint(hexKey: Self.key)?.description.count, "sha256:12345678/64B".count)
    }

    /// Container file names are always 32 lower-case hex digits before the `_`: each of the
    /// four MD5 words keeps its leading zeros (one word in 16 starts with a zero digit).
    func testContainerHashesAreAlways32HexDigits() {
        var wordsWithLeadingZero = 0
        for i in 0..<200 {
            let h = KeyContainerName.hashPrefix("container-\(i)")
            XCTAssertEqual(h.count, 32, h)
            XCTAssertTrue(h.allSatisfy { $0.isHexDigit && !$0.isUppercase }, h)
            wordsWithLeadingZero += stride(from: 0, to: 32, by: 8).filter { Array(h)[$0] == "0" }.count
        }
        XCTAssertGreaterThan(wordsWithLeadingZero, 10, "the sample reaches words with leading zeros")
    }

    /// The LSA secret holds only the 4.x keys of LocalSystem pools; on 2.0 a LocalSystem
    /// pool uses its own hive like every other identity (the IIS 5 secret's name is unknown).
    func testLocalSystemOn20UsesItsHiveNotThe4xSecret() {
        let l = AutoGenKeyLocations.locations(sid: "S-1-5-18", identity: .localSystem, frameworkVersion: .v2)
        XCTAssertEqual(l.map(\.kind), [.userHive, .machineAutoGenKeys])
        XCTAssertEqual(l.first?.key, #"HKU\S-1-5-18\Software\Microsoft\ASP.NET\2.0.50727.0"#)
        XCTAssertTrue(
            l.first?.note.contains("IIS 5/5.1 running as SYSTEM used an LSA secret instead, name unknown") ?? false)
        for identity in [PoolIdentity.networkService, .localService, .applicationPoolIdentity] {
            XCTAssertFalse(
                AutoGenKeyLocations.locations(sid: "S-1-5-20", identity: identity, frameworkVersion: .v4).contains {
                    $0.kind == .lsaSecret
                })
        }
    }

    func testHexTextKeepsLeadingZeros() {
        XCTAssertEqual(ErrorDecoder.hexText(0), "0x00000000")
        XCTAssertEqual(ErrorDecoder.hexText(5), "0x00000005")
        XCTAssertEqual(ErrorDecoder.hexText(0x0009_0006), "0x00090006")
        XCTAssertEqual(ErrorDecoder.decode(0).hex, "0x00000000")
        XCTAssertEqual(ErrorDecoder.hresultFromWin32(5), 0x8007_0005)
    }

    func testGUIDNormalisationFromRawText() {
        let g = "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"
        for raw in [
            g, " \(g)", "\(g) ", "\t\(g)\r\n", "\n{\(g.uppercased())}\n", "  {\(g)}  ", "\u{00A0}\(g)",
            g.uppercased() + "\r"
        ] {
            XCTAssertEqual(GUIDText.normalize(raw), g, "raw: \(raw.debugDescription)")
        }
        for bad in [
            "{\(g)", "\(g)}", "{ \(g) }", String(g.dropLast()), g + "0", g.replacingOccurrences(of: "-", with: ""), "",
            "  "
        ] {
            XCTAssertNil(GUIDText.normalize(bad), "raw: \(bad.debugDescription)")
        }
        XCTAssertTrue(GUIDText.same(" {\(g.uppercased())}\n", g))
        XCTAssertFalse(GUIDText.same("not a guid", "not a guid"))
    }
}
