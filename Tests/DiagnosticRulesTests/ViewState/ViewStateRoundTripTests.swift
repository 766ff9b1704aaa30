import Foundation
import XCTest

@testable import DiagnosticRules

/// ViewStates produced here for every mode validate with their own keys, and fail with the
/// reason an operator needs (MAC mismatch, cannot decrypt, page mismatch) with other keys.
final class ViewStateRoundTripTests: XCTestCase {
    /// A minimal page state: 0xFF 0x01, Pair(Pair(String "1", Null), Null) - `/wEPDwUBMWRk`.
    let payload: [UInt8] = [0xFF, 0x01, 0x0F, 0x0F, 0x05, 0x01, 0x31, 0x64, 0x64]
    let page = ViewStatePage(generator: 0xCA0B0334, path: "/shop/cart.aspx")

    func hex(_ n: Int) -> String { ViewStateProducer.random(n).map { String(format: "%02X", $0) }.joined() }

    func testDESKnownAnswer() {
        // The worked example of FIPS 46 tutorials: key 133457799BBCDFF1, block 0123456789ABCDEF.
        let des = DESCipher(key: [0x13, 0x34, 0x57, 0x79, 0x9B, 0xBC, 0xDF, 0xF1])
        XCTAssertEqual(des.encryptBlock(0x0123_4567_89AB_CDEF), 0x85E8_1354_0F0A_B405)
        XCTAssertEqual(des.decryptBlock(0x85E8_1354_0F0A_B405), 0x0123_4567_89AB_CDEF)
    }

    func testSP800108MatchesAPublishedDerivation() {
        // SP800-108 counter mode, HMAC-SHA512, label "label", empty context, 64-byte key of
        // 0x01: computed independently (Python hmac/hashlib) as the first 8 bytes below.
        let key = [UInt8](repeating: 1, count: 64)
        let derived = ViewStateCrypto.deriveKey(key, label: Array("label".utf8), context: [])
        XCTAssertEqual(derived.count, 64)
        XCTAssertEqual(derived.prefix(8).map { String(format: "%02x", $0) }.joined(), Self.expectedKDFPrefix)
    }
    static let expectedKDFPrefix = "18cd0184aa2fceeb"

    func testLegacySignedEveryValidation() throws {
        for validation in ["MD5", "SHA1", "HMACSHA256", "HMACSHA384", "HMACSHA512"] {
            let c = try ViewStateCandidate(
                label: "node-b", validationKeyHex: hex(64), decryptionKeyHex: nil, validation: validation)
            let other = try ViewStateCandidate(
                label: "node-a", validationKeyHex: hex(64), decryptionKeyHex: nil, validation: validation)
            let vs = try XCTUnwrap(ViewStateProducer.legacy(payload, candidate: c, page: page, encrypt: false))
            let verdict = ViewStateVerifier.verify(vs, page: page, candidates: [other, c])
            XCTAssertEqual(verdict.validFile, "node-b", validation)
            XCTAssertEqual(verdict.results[0].outcome, .macMismatch, validation)
            XCTAssertEqual(verdict.results[1].mode, "legacy signed (\(validation))")
            var otherPage = page
            otherPage.generator = 0x12345678
            // MD5 is not keyed: MachineKeySection copies the key over the modifier's place, so
            // the generator does not enter an MD5 MAC at all (reference source fact).
            let otherResult = ViewStateVerifier.verify(vs, page: otherPage, candidates: [c]).validFile
            if validation == "MD5" {
                XCTAssertEqual(otherResult, "node-b")
            } else {
                XCTAssertNil(otherResult, validation)
            }
        }
    }

    func testLegacyEncryptedEveryCipher() throws {
        for (decryption, keyBytes) in [
            ("DES", 8), ("3DES", 24), ("AES", 16), ("AES", 24), ("AES", 32), ("Auto", 8), ("Auto", 32)
        ] {
            for mode in ["Framework20SP1", "Framework20SP2"] {
                for legacyEncryption in [false, true] {
                    let name = "\(decryption)/\(keyBytes)/\(mode)/\(legacyEncryption)"
                    let c = try ViewStateCandidate(
                        label: "b", validationKeyHex: hex(64), decryptionKeyHex: hex(keyBytes),
                        validation: "HMACSHA256", decryption: decryption, compatibilityMode: mode,
                        useLegacyEncryption: legacyEncryption)
                    let vs = try XCTUnwrap(
                        ViewStateProducer.legacy(payload, candidate: c, page: page, encrypt: true), name)
                    let verdict = ViewStateVerifier.verify(vs, page: page, candidates: [c])
                    XCTAssertEqual(verdict.validFile, "b", "\(name): \(verdict.results.map(\.reason))")
                    if !legacyEncryption {
                        // Same validation key, another decryption key: the MAC matches, decryption fails.
                        var wrong = c
                        wrong.decryptionKey = KeyFingerprint.bytes(fromHex: hex(keyBytes))
                        XCTAssertEqual(
                            ViewStateVerifier.verify(vs, page: page, candidates: [wrong]).results[0].outcome,
                            .cannotDecrypt, name)
                        // Same keys, another page: the generator inside differs.
                        var otherPage = page
                        otherPage.generator = 0x0BADF00D
                        XCTAssertEqual(
                            ViewStateVerifier.verify(vs, page: otherPage, candidates: [c]).results[0].outcome,
                            .pageMismatch, name)
                    }
                }
            }
        }
    }

    func testLegacyPrefixIsAsLongAsTheKey() throws {
        // 24-byte AES key: 24 random bytes + 9 payload + 4 modifier = 37 -> 48 bytes of ciphertext + 32 MAC.
        let c = try ViewStateCandidate(
            label: "b", validationKeyHex: hex(64), decryptionKeyHex: hex(24), validation: "HMACSHA256",
            decryption: "AES")
        XCTAssertEqual(ViewStateProducer.legacy(payload, candidate: c, page: page, encrypt: true)?.count, 48 + 32)
        // Framework20SP1 without signing: no prefix, no MAC: 9 + 4 = 13 -> 16.
        let sp1 = try ViewStateCandidate(
            label: "b", validationKeyHex: hex(64), decryptionKeyHex: hex(24), validation: "HMACSHA256",
            decryption: "AES", compatibilityMode: "Framework20SP1", useLegacyEncryption: true)
        XCTAssertEqual(ViewStateProducer.legacy(payload, candidate: sp1, page: page, encrypt: true)?.count, 16)
    }

    func testFramework45EveryValidation() throws {
        for validation in ["SHA1", "HMACSHA256", "HMACSHA384", "HMACSHA512"] {
            for decryption in ["AES", "Auto"] {
                let c = try ViewStateCandidate(
                    label: "b", validationKeyHex: hex(64), decryptionKeyHex: hex(32), validation: validation,
                    decryption: decryption, compatibilityMode: "Framework45")
                var userPage = page
                userPage.viewStateUserKey = "alice"
                let vs = try XCTUnwrap(ViewStateProducer.framework45(payload, candidate: c, page: userPage))
                XCTAssertEqual(ViewStateVerifier.verify(vs, page: userPage, candidates: [c]).validFile, "b", validation)
                XCTAssertEqual(
                    ViewStateVerifier.verify(vs, page: page, candidates: [c]).results[0].outcome, .macMismatch,
                    "no user key")
                var otherPage = userPage
                otherPage.path = "/shop/other.aspx"
                XCTAssertEqual(
                    ViewStateVerifier.verify(vs, page: otherPage, candidates: [c]).results[0].outcome, .macMismatch)
                var wrong = c
                wrong.decryptionKey = KeyFingerprint.bytes(fromHex: hex(32))
                XCTAssertEqual(
                    ViewStateVerifier.verify(vs, page: userPage, candidates: [wrong]).results[0].outcome, .cannotDecrypt
                )
            }
        }
    }

    /// A wrong decryptionKey must never read as matching: padding that happens to be valid
    /// (about 1 key in 256) is not enough. Was a flaky "valid" in testFramework45EveryValidation.
    func testFramework45WrongDecryptionKeyIsNeverValid() throws {
        let c = try ViewStateCandidate(
            label: "b", validationKeyHex: hex(64), decryptionKeyHex: hex(32), validation: "HMACSHA256",
            decryption: "AES", compatibilityMode: "Framework45")
        let vs = try XCTUnwrap(ViewStateProducer.framework45(payload, candidate: c, page: page))
        var valid = 0
        for _ in 0..<2_000 {
            var wrong = c
            wrong.decryptionKey = KeyFingerprint.bytes(fromHex: hex(32))
            if ViewStateVerifier.verify(vs, page: page, candidates: [wrong]).results[0].outcome != .cannotDecrypt {
                valid += 1
            }
        }
        XCTAssertEqual(valid, 0, "wrong decryption keys reported as decrypting")
    }

    /// The same for the legacy modes, signed or not, with and without the random prefix: a
    /// wrong decryptionKey whose garbage ends in valid padding read as "decrypted, but another
    /// page" (pageMismatch) about once in 256 keys, and is now "cannot decrypt" like the rest.
    func testLegacyWrongDecryptionKeyNeverDecrypts() throws {
        for (decryption, keyBytes, mode, legacyEncryption) in [
            ("AES", 32, "Framework20SP2", false), ("DES", 8, "Framework20SP1", false),
            ("3DES", 24, "Framework20SP1", true), ("AES", 16, "Framework20SP2", true)
        ] {
            let name = "\(decryption)/\(keyBytes)/\(mode)/\(legacyEncryption)"
            let c = try ViewStateCandidate(
                label: "b", validationKeyHex: hex(64), decryptionKeyHex: hex(keyBytes), validation: "HMACSHA256",
                decryption: decryption, compatibilityMode: mode, useLegacyEncryption: legacyEncryption)
            let vs = try XCTUnwrap(ViewStateProducer.legacy(payload, candidate: c, page: page, encrypt: true), name)
            XCTAssertEqual(ViewStateVerifier.verify(vs, page: page, candidates: [c]).validFile, "b", name)
            var outcomes: [ViewStateVerifier.Outcome: Int] = [:]
            for _ in 0..<1_000 {
                var wrong = c
                wrong.decryptionKey = KeyFingerprint.bytes(fromHex: hex(keyBytes))
                let outcome = ViewStateVerifier.verify(vs, page: page, candidates: [wrong]).results[0].outcome
                outcomes[outcome, default: 0] += 1
            }
            XCTAssertEqual(outcomes, [.cannotDecrypt: 1_000], "\(name): wrong decryption keys read as decrypting")
        }
    }

    func testPurposesFromTheURL() {
        XCTAssertEqual(
            ViewStatePage(path: ViewStatePage.path(fromURL: "http://172.16.25.128/form.aspx")).purposes,
            ["TemplateSourceDirectory: /", "Type: FORM_ASPX"])
        XCTAssertEqual(
            ViewStatePage(path: "/Shop/Cart.aspx", viewStateUserKey: "u1").purposes,
            ["TemplateSourceDirectory: /SHOP", "Type: CART_ASPX", "ViewStateUserKey: u1"])
        XCTAssertEqual(
            ViewStatePage(path: ViewStatePage.path(fromURL: "https://x/app/?a=1")).purposes,
            ["TemplateSourceDirectory: /APP", "Type: DEFAULT_ASPX"])
    }

    func testMacDisabledAndSignedAreToldApart() throws {
        XCTAssertEqual(ObjectStateScanner.serializedLength(payload), payload.count)
        let c = try ViewStateCandidate(label: "b", validationKeyHex: hex(64), decryptionKeyHex: nil, validation: "SHA1")
        let signed = try XCTUnwrap(ViewStateProducer.legacy(payload, candidate: c, page: page, encrypt: false))
        XCTAssertEqual(ObjectStateScanner.serializedLength(signed), payload.count)
        XCTAssertTrue(ViewStateVerifier.verify(payload, page: page, candidates: []).macDisabled)
        let other = try ViewStateCandidate(
            label: "a", validationKeyHex: hex(64), decryptionKeyHex: nil, validation: "SHA1")
        XCTAssertFalse(ViewStateVerifier.verify(signed, page: page, candidates: [other]).macDisabled)
    }

    func testCandidateFromConfigRefusesWhatItCannotCheck() throws {
        XCTAssertThrowsError(
            try ViewStateCandidate.fromConfig("<configuration><system.web/></configuration>", label: "a.config"))
        XCTAssertThrowsError(
            try ViewStateCandidate.fromConfig(
                #"<machineKey validationKey="AutoGenerate,IsolateApps"/>"#, label: "a.config")
        ) {
            XCTAssertTrue("\($0)".contains("a.config:1"), "\($0)")
        }
        let c = try ViewStateCandidate.fromConfig(
            """
            <configuration>
              <appSettings><add key="aspnet:UseLegacyEncryption" value="true"/></appSettings>
              <system.web><httpRuntime targetFramework="4.8"/><machineKey validationKey="\(hex(64))" decryptionKey="\(hex(32))" validation="HMACSHA512"/></system.web>
            </configuration>
            """, label: "b.config")
        XCTAssertEqual(c.compatibilityMode, "Framework45")
        XCTAssertEqual(c.validation, "HMACSHA512")
        XCTAssertEqual(c.decryption, "Auto")
        XCTAssertTrue(c.useLegacyEncryption)
    }

    func testEventTextGivesViewStateAndPath() {
        let event = """
            Event code: 4009
            Event message: Viewstate verification failed. Reason: The viewstate supplied failed integrity check.
            ViewStateException information:
                Exception message: Invalid viewstate.
                Client IP: 10.0.0.7
                Path: /shop/cart.aspx
                User-Agent: Mozilla/5.0
                ViewState: /wEPDwUBMWRk
            """
        XCTAssertEqual(ViewStateEventParser.viewState(in: event), "/wEPDwUBMWRk")
        XCTAssertEqual(ViewStateEventParser.path(in: event), "/shop/cart.aspx")
        XCTAssertEqual(ViewStateVerifier.decode("/wEPDwUBMWRk"), payload)
    }
}
