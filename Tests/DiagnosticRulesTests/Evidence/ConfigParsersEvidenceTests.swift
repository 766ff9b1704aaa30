import Foundation
import XCTest

@testable import DiagnosticRules

final class ApplicationHostConfigEvidenceTests: XCTestCase {
    func testPoolsSitesAndProviders() throws {
        let text = try EvidenceFixtures.text("applicationHost.config")
        XCTAssertEqual(EvidenceRegistry.detect(text)?.id, "applicationhost-config")
        let parsed = try ApplicationHostConfigParser().parse(text, context: EvidenceContext())
        XCTAssertEqual(parsed.strings("app_pools"), ["DefaultAppPool", "ShopPool", "LegacyPool"])
        XCTAssertEqual(
            parsed.strings("pool_identities"),
            ["DefaultAppPool=ApplicationPoolIdentity", "ShopPool=SpecificUser", "LegacyPool=NetworkService"])
        XCTAssertEqual(parsed.strings("pool_users"), ["ShopPool=CONTOSO\\svc-shop"])
        XCTAssertEqual(
            parsed.strings("pool_load_user_profile"), ["DefaultAppPool=false", "ShopPool=true", "LegacyPool=false"])
        XCTAssertEqual(
            parsed.strings("applications"),
            ["Default Web Site/=DefaultAppPool", "Default Web Site/shop=ShopPool", "Intranet/=LegacyPool"])
        XCTAssertEqual(parsed.value("encrypted_passwords"), .boolean(true))
        XCTAssertEqual(
            parsed.strings("config_providers"),
            ["IISWASOnlyRsaProvider=iisWasKey", "AesProvider=iisConfigurationKey", "IISWASOnlyAesProvider=iisWasKey"])
        XCTAssertEqual(parsed.field("app_pools")?.line, 11)
        XCTAssertFalse(parsed.containsSecrets)
        let json = String(decoding: try JSONEncoder().encode(parsed), as: UTF8.self)
        XCTAssertFalse(json.contains("q1w2e3r4"), "password blob must not be emitted")
    }

    func testPlaintextPasswordIsFlaggedNotEmitted() throws {
        let text =
            "<applicationPools><add name=\"P\"><processModel identityType=\"SpecificUser\" userName=\"D\\u\" password=\"Hunter2!\"/></add></applicationPools>"
        let parsed = try ApplicationHostConfigParser().parse(text, context: EvidenceContext())
        XCTAssertEqual(parsed.strings("plaintext_password_pools"), ["P"])
        XCTAssertTrue(parsed.containsSecrets)
        XCTAssertEqual(parsed.value("encrypted_passwords"), .boolean(false))
        XCTAssertFalse(String(describing: parsed).contains("Hunter2"))
    }

    func testDefaultsWhenNothingSaysAndErrors() throws {
        let parsed = try ApplicationHostConfigParser().parse(
            "<applicationPools><add name=\"A\"/></applicationPools>", context: EvidenceContext())
        XCTAssertEqual(parsed.strings("pool_identities"), ["A=ApplicationPoolIdentity"])
        assertEvidenceError(
            try ApplicationHostConfigParser().parse(
                "<configuration><system.web/></configuration>", context: EvidenceContext()))
        assertEvidenceError(
            try ApplicationHostConfigParser().parse(
                "<applicationPools>\n<add name=\"A\">\n", context: EvidenceContext()))
    }
}

final class MachineKeyConfigEvidenceTests: XCTestCase {
    let parser = MachineKeyConfigParser()

    func testExplicitKeys() throws {
        let secrets = try EvidenceFixtures.secrets()
        let parsed = try parser.parse(try EvidenceFixtures.text("web-explicit.config"), context: EvidenceContext())
        XCTAssertTrue(parsed.containsSecrets)
        XCTAssertEqual(parsed.value("machinekey_present"), .boolean(true))
        XCTAssertEqual(parsed.field("machinekey_present")?.line, 6)
        XCTAssertEqual(parsed.value("validation_key_mode"), .string("explicit"))
        XCTAssertEqual(parsed.value("validation_key_isolate_apps"), .boolean(false))
        XCTAssertEqual(parsed.value("validation_key_length"), .integer(64))
        XCTAssertEqual(
            parsed.value("validation_key_fingerprint"), .string(KeyFingerprint(hexKey: secrets[1])!.description))
        XCTAssertEqual(parsed.value("decryption_key_length"), .integer(32))
        XCTAssertEqual(
            parsed.value("decryption_key_fingerprint"), .string(KeyFingerprint(hexKey: secrets[2])!.description))
        XCTAssertEqual(parsed.value("validation"), .string("HMACSHA256"))
        XCTAssertEqual(parsed.value("decryption"), .string("AES"))
        XCTAssertEqual(parsed.value("target_framework"), .string("4.8"))
        XCTAssertEqual(parsed.value("compatibility_mode"), .string("Framework45"))
        XCTAssertNil(parsed.field("compatibility_mode_declared"))
        XCTAssertEqual(parsed.strings("key_problems"), [])
        XCTAssertNil(parsed.field("validation_key_disclosed"), "no known-key list given")
    }

    func testDisclosedKeyDetection() throws {
        let secrets = try EvidenceFixtures.secrets()
        let digest = KnownKeys.digest(ofKeyText: secrets[1]) // Microsoft's convention: the key text upper-cased
        let parsed = try parser.parse(
            try EvidenceFixtures.text("web-explicit.config"), context: EvidenceContext(knownKeyDigests: [digest]))
        XCTAssertEqual(parsed.value("validation_key_disclosed"), .boolean(true))
        XCTAssertEqual(parsed.value("decryption_key_disclosed"), .boolean(false))
        let auto = try parser.parse(
            try EvidenceFixtures.text("web-autogen.config"), context: EvidenceContext(knownKeyDigests: [digest]))
        XCTAssertEqual(auto.value("validation_key_disclosed"), .boolean(false))
    }

    func testAutoGenerateModifiersAndDeclaredMode() throws {
        let parsed = try parser.parse(try EvidenceFixtures.text("web-autogen.config"), context: EvidenceContext())
        XCTAssertFalse(parsed.containsSecrets)
        XCTAssertEqual(parsed.value("validation_key_mode"), .string("autogenerate"))
        XCTAssertEqual(parsed.value("validation_key_isolate_apps"), .boolean(true))
        XCTAssertEqual(parsed.value("validation_key_isolate_by_app_id"), .boolean(false))
        XCTAssertEqual(parsed.value("decryption_key_isolate_by_app_id"), .boolean(true))
        XCTAssertEqual(parsed.value("validation"), .string("SHA1"))
        XCTAssertEqual(parsed.value("decryption"), .string("Auto"))
        XCTAssertEqual(parsed.value("compatibility_mode"), .string("Framework20SP2"))
        XCTAssertEqual(parsed.value("compatibility_mode_declared"), .string("Framework20SP2"))
        XCTAssertNil(parsed.field("validation_key_fingerprint"))
    }

    func testNoMachineKeyMeansDefaults() throws {
        let parsed = try parser.parse(try EvidenceFixtures.text("web-no-machinekey.config"), context: EvidenceContext())
        XCTAssertEqual(parsed.value("machinekey_present"), .boolean(false))
        XCTAssertEqual(parsed.value("validation_key_mode"), .string("default"))
        XCTAssertEqual(parsed.value("validation_key_isolate_apps"), .boolean(true))
        XCTAssertEqual(parsed.value("compatibility_mode"), .string("Framework45"))
        XCTAssertEqual(parsed.value("target_framework"), .string("4.5"))
    }

    func testProblemsUseDotNetWording() throws {
        let parsed = try parser.parse(try EvidenceFixtures.text("web-problems.config"), context: EvidenceContext())
        let problems = parsed.strings("key_problems") ?? []
        XCTAssertTrue(
            problems.contains(
                "Machine validation key is invalid. It is '30' chars long. It should be either \"AutoGenerate\" or between 40 and 128 Hex chars long, and may be followed by \",IsolateApps\"."
            ), "\(problems)")
        XCTAssertTrue(
            problems.contains(
                "The validation must be one of these values: SHA1, HMACSHA256, HMACSHA384, HMACSHA512, MD5, 3DES, AES, or alg:[HashAlgorithm]."
            ))
        XCTAssertTrue(problems.contains("decryptionKey is 40 hex chars; 3DES needs 48"))
        XCTAssertEqual(parsed.value("decryption_key_length"), .integer(20))
    }

    func testWrongCaseAutoGenerateAloneAndOddHex() throws {
        let parsed = try parser.parse(try EvidenceFixtures.text("machinekey-alone.txt"), context: EvidenceContext())
        let problems = parsed.strings("key_problems") ?? []
        XCTAssertTrue(problems.contains { $0.contains("case-sensitive") })
        XCTAssertTrue(problems.contains { $0.hasPrefix("Machine validation key is invalid. It is '12' chars long.") })
        XCTAssertEqual(parsed.value("decryption_key_mode"), .string("autogenerate"))
        XCTAssertEqual(parsed.value("compatibility_mode"), .string("Framework20SP1"))
        let odd = try parser.parse(
            "<machineKey validationKey=\"\(String(repeating: "A", count: 41))\" decryptionKey=\"XYZ\" />",
            context: EvidenceContext())
        let oddProblems = odd.strings("key_problems") ?? []
        XCTAssertTrue(oddProblems.contains("Validation key specified has invalid hex characters."))
        XCTAssertTrue(oddProblems.contains("Decryption key specified has invalid hex characters."))
        let aes = try parser.parse(
            "<machineKey decryption=\"AES\" decryptionKey=\"\(String(repeating: "B", count: 40))\" />",
            context: EvidenceContext())
        XCTAssertTrue((aes.strings("key_problems") ?? []).contains { $0.contains("UNCONFIRMED") })
    }

    func testEncryptedSectionAndBrokenXML() throws {
        let parsed = try parser.parse(
            "<machineKey configProtectionProvider=\"RsaProtectedConfigurationProvider\"><EncryptedData/></machineKey>",
            context: EvidenceContext())
        XCTAssertEqual(parsed.value("machinekey_encrypted"), .boolean(true))
        XCTAssertNil(parsed.field("validation_key_mode"))
        assertEvidenceError(
            try parser.parse(
                "<configuration>\n<system.web>\n<machineKey validationKey=\"AutoGenerate\n", context: EvidenceContext())
        )
        assertEvidenceError(try parser.parse("just text", context: EvidenceContext()))
    }
}
