import Foundation
import XCTest

@testable import DiagnosticRules

/// `diagnose` parses each evidence file once and hands the result on; the result must never
/// be reused for another context (a list of disclosed keys changes what a config says).
final class EvidenceInputParseOnceTests: XCTestCase {
    func testAParseIsReusedOnlyInTheContextItWasMadeIn() throws {
        let source = try KnownKeysSource.load(KnownKeysEvidenceTests.shippedList)
        let withList = EvidenceContext(knownKeyDigests: source.list.digests, knownKeyListVersion: source.version)
        let config = """
            <configuration><system.web>
            <machineKey validationKey="\(KnownKeysEvidenceTests.disclosedValidationKey)" \
            decryptionKey="\(KnownKeysEvidenceTests.disclosedDecryptionKey)" validation="SHA1" decryption="AES" />
            </system.web></configuration>
            """
        let input = AnswerBuilder.EvidenceInput(name: "web.config", text: config, parsedIn: EvidenceContext())
        XCTAssertNil(try input.parse(in: EvidenceContext()).field("validation_key_disclosed"))
        XCTAssertEqual(try input.parse(in: withList).field("validation_key_disclosed")?.value, .boolean(true))
        let listed = AnswerBuilder.EvidenceInput(name: "web.config", text: config, parsedIn: withList)
        XCTAssertEqual(try listed.parse(in: withList).field("validation_key_disclosed")?.value, .boolean(true))
        XCTAssertNil(try listed.parse(in: EvidenceContext()).field("validation_key_disclosed"))
    }

    func testAFailedParseIsReportedAgainNotSwallowed() {
        let input = AnswerBuilder.EvidenceInput(
            name: "junk.txt", text: "nothing KeyWizard reads\n", parsedIn: EvidenceContext())
        XCTAssertThrowsError(try input.parse(in: EvidenceContext()))
    }
}
