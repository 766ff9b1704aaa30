import Foundation
import XCTest

@testable import DiagnosticRules

final class KnownKeysEvidenceTests: XCTestCase {
    /// Microsoft's list as shipped with the playbooks.
    static var shippedList: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Playbooks/known-keys/ms-disclosed-machinekeys.csv")
    }

    /// Public test keys (../shared/vectors/viewstate.json) whose digests are on Microsoft's list.
    static let disclosedValidationKey =
        "F5144F1A581A57BA3B60311AF7562A855998F7DD203CD8A71405599B980D8694B5C986C888BE4FC0E6571C2CE600D58CE82B8FA13106B17D77EA4CECDDBBEC1B"
    static let disclosedDecryptionKey = "B47D3CD1E780CF30C739A080995B9B10B64354AA135A2D78"

    func testDigestIsOfTheUpperCasedKeyText() {
        // SHA-256("ABC") and SHA-256("") as published (FIPS 180-2 examples use "abc"; these are
        // the same function on the upper-cased text).
        XCTAssertEqual(
            KnownKeys.digest(ofKeyText: "abc"), "b5d4045c3f466fa91fe2cc6abe79232a1a57cdf104f7a26e716e0a1e2789df78")
        XCTAssertEqual(KnownKeys.digest(ofKeyText: ""), KnownKeys.emptyDigest)
        XCTAssertEqual(KnownKeys.digest(ofKeyText: "deadbeef"), KnownKeys.digest(ofKeyText: "DEADBEEF"))
    }

    func testRawKeysAreHashedAsTextAndDigestsKept() throws {
        let digest = String(repeating: "AB", count: 32)
        let text = """
            # disclosed keys
            0102030405060708090a0b0c0d0e0f1011121314  # a raw validation key

            \(digest)
            """
        let list = try KnownKeys.parse(text: text)
        XCTAssertEqual(
            list.digests, [KnownKeys.digest(ofKeyText: "0102030405060708090A0B0C0D0E0F1011121314"), digest.lowercased()]
        )
        XCTAssertEqual(list.rows, 2)
        XCTAssertEqual(list.format, .lines)
    }

    func testBadLineNamesItsLine() {
        XCTAssertThrowsError(try KnownKeys.load(text: "# ok\n\nnot-a-key\n")) { error in
            XCTAssertEqual((error as? KnownKeys.LoadError)?.line, 3)
        }
    }

    func testMicrosoftCSVEmptySideNeverMarksAKey() throws {
        let a = String(repeating: "a", count: 64)
        let b = String(repeating: "b", count: 64)
        let list = try KnownKeys.parse(
            text: "validationKey, decryptionKey\n\(a), \(KnownKeys.emptyDigest)\n\(KnownKeys.emptyDigest), \(b)\n")
        XCTAssertEqual(list.format, .microsoftCSV)
        XCTAssertEqual(list.rows, 2)
        XCTAssertEqual(list.digests, [a, b])
        XCTAssertFalse(list.digests.contains(KnownKeys.emptyDigest))
    }

    func testMicrosoftCSVErrorsNameTheLine() {
        let a = String(repeating: "a", count: 64)
        XCTAssertThrowsError(try KnownKeys.parse(text: "validationKey, decryptionKey\n\(a), \(a)\n\(a)\n")) { error in
            XCTAssertEqual((error as? KnownKeys.LoadError)?.line, 3)
        }
        XCTAssertThrowsError(try KnownKeys.parse(text: "validationKey, decryptionKey\n\(a), xyz\n")) { error in
            XCTAssertEqual((error as? KnownKeys.LoadError)?.line, 2)
            XCTAssertTrue((error as? KnownKeys.LoadError)?.message.contains("decryptionKey") == true)
        }
        XCTAssertThrowsError(try KnownKeys.parse(text: "validationKey, decryptionKey\n"))
    }

    func testShippedListLoadsAndHoldsThePublicTestKeys() throws {
        let source = try KnownKeysSource.load(Self.shippedList)
        XCTAssertEqual(source.list.format, .microsoftCSV)
        XCTAssertEqual(source.list.rows, 3713)
        XCTAssertFalse(source.list.digests.contains(KnownKeys.emptyDigest))
        XCTAssertEqual(source.date, "2026-11")
        XCTAssertTrue(source.version.hasPrefix("3713 rows, "), source.version)
        XCTAssertTrue(source.list.digests.contains(KnownKeys.digest(ofKeyText: Self.disclosedValidationKey)))
        XCTAssertTrue(source.list.digests.contains(KnownKeys.digest(ofKeyText: Self.disclosedDecryptionKey)))
        // The same key written in lower case is the same disclosed key.
        XCTAssertTrue(
            source.list.digests.contains(KnownKeys.digest(ofKeyText: Self.disclosedValidationKey.lowercased())))
        XCTAssertFalse(source.list.digests.contains(KnownKeys.digest(ofKeyText: String(repeating: "5A", count: 64))))
    }

    func testOneConfigWithAListedKeyIsDisclosedAndAFreshKeyIsNot() throws {
        let source = try KnownKeysSource.load(Self.shippedList)
        let context = EvidenceContext(knownKeyDigests: source.list.digests, knownKeyListVersion: source.version)
        func parse(_ v: String, _ d: String) throws -> ParsedEvidence {
            try MachineKeyConfigParser().parse(
                """
                <configuration><system.web>
                <machineKey validationKey="\(v)" decryptionKey="\(d)" validation="SHA1" decryption="AES" />
                </system.web></configuration>
                """, context: context)
        }
        let listed = try parse(Self.disclosedValidationKey, Self.disclosedDecryptionKey)
        XCTAssertEqual(listed.field("validation_key_disclosed")?.value, .boolean(true))
        XCTAssertEqual(listed.field("decryption_key_disclosed")?.value, .boolean(true))
        XCTAssertTrue(listed.notes.contains { $0.message.contains(source.version) })
        let fresh = try parse(
            ViewStateProducer.random(64).map { String(format: "%02X", $0) }.joined(),
            ViewStateProducer.random(32).map { String(format: "%02X", $0) }.joined())
        XCTAssertEqual(fresh.field("validation_key_disclosed")?.value, .boolean(false))
        XCTAssertEqual(fresh.field("decryption_key_disclosed")?.value, .boolean(false))
    }
}
