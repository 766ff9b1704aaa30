import Foundation
import XCTest

@testable import DiagnosticRules

/// Secrets of every length and shape the scrubber promises to catch, from 16 hex digits
/// (an 8-byte DES key) up, outside any `validationKey=` attribute: bare, in sentences, in
/// JSON, after `0x`, upper, lower and mixed case, and as separated bytes from 8 bytes up.
final class SecretShapesTests: XCTestCase {
    /// Deterministic hex of `digits` digits, no two neighbours alike.
    static func hex(_ digits: Int, seed: Int = 7) -> String {
        let alphabet = Array("0123456789ABCDEF")
        return String((0..<digits).map { alphabet[($0 * 7 + seed + $0 / 16) % 16] })
    }

    static let contexts: [@Sendable (String) -> String] = [
        { $0 },
        { "DES key: \($0)" },
        { "the key \($0) was found." },
        { "\"key\":\"\($0)\"" },
        { "(\($0))" },
        { "key=\($0);next" },
        { "line one\n\t\($0)\nline three" },
        { "0x\($0)" },
        { "AutoGenKeyV4    REG_BINARY    \($0)" }
    ]

    func assertHidden(_ secret: String, in text: String, file: StaticString = #filePath, line: UInt = #line) {
        let scrubbed = SecretScrubber.scrub(text)
        XCTAssertFalse(
            scrubbed.contains(secret), "\(secret.count) characters leaked from: \(text)", file: file, line: line)
        XCTAssertTrue(scrubbed.contains(SecretScrubber.marker), "no marker for: \(text)", file: file, line: line)
        XCTAssertTrue(SecretScrubber.containsSecret(text), "containsSecret missed: \(text)", file: file, line: line)
    }

    func testHexRunsFrom16DigitsUpAreHiddenInEveryContextAndCase() {
        for digits in [16, 17, 20, 24, 31, 32, 33, 40, 48, 63, 64, 96, 128, 256] {
            let upper = Self.hex(digits)
            for shape in [
                upper, upper.lowercased(),
                String(upper.enumerated().map { $0.offset % 2 == 0 ? Character($0.element.lowercased()) : $0.element })
            ] {
                for context in Self.contexts {
                    assertHidden(shape, in: context(shape))
                }
            }
        }
    }

    func testA16DigitDESKeyOutsideAnyAttributeIsHidden() {
        let des = "0123456789ABCDEF"
        XCTAssertEqual(SecretScrubber.scrub("decryption with \(des) failed"), "decryption with <key redacted> failed")
        XCTAssertEqual(SecretScrubber.scrub(des.lowercased()), "<key redacted>")
    }

    func testSeparatedBytesFrom8BytesUpAreHidden() {
        for count in [8, 9, 12, 16, 24, 32, 64] {
            let bytes = (0..<count).map { String(format: "%02X", ($0 * 53 + 17) & 0xFF) }
            for separator in ["-", ",", ":", " ", ", "] {
                let shape = bytes.joined(separator: separator)
                for context in Self.contexts.prefix(4) {
                    let text = context(shape)
                    let scrubbed = SecretScrubber.scrub(text)
                    XCTAssertFalse(
                        scrubbed.contains(bytes.prefix(8).joined(separator: separator)),
                        "\(count) bytes with '\(separator)' leaked: \(scrubbed)")
                    XCTAssertTrue(
                        SecretScrubber.containsSecret(text), "containsSecret missed \(count) bytes with '\(separator)'")
                    XCTAssertTrue(SecretScrubber.containsSecret(shape.lowercased()))
                }
            }
        }
    }

    func testKeyAttributesInAnyCaseHideWhateverTheyHold() {
        for attribute in ["validationKey", "decryptionKey", "validationkey", "DECRYPTIONKEY", "ValidationKey"] {
            let text = "<machineKey \(attribute)=\"not-hex but secret\" />"
            let scrubbed = SecretScrubber.scrub(text)
            XCTAssertFalse(scrubbed.contains("not-hex but secret"), scrubbed)
            XCTAssertTrue(SecretScrubber.containsSecret(text), text)
        }
    }

    func testC1ControlsAreReplacedToo() {
        // 0x9B is CSI on terminals that read 8-bit controls; 0x85 is NEL.
        XCTAssertEqual(SecretScrubber.scrub("a\u{9B}31mb\u{85}c\u{7F}d"), "a?31mb?c?d")
    }

    func testShortHexAndIdentifiersStay() {
        for text in ["0x80090006", "ABCDEF0123456", "8009000B", "hex 123456789ABCDEF (15 digits)"] {
            XCTAssertEqual(SecretScrubber.scrub(text), text)
        }
    }

    /// Raw pasted text is kept (when the operator agreed) only if nothing in it is shaped
    /// like a key, even when the parser itself recognised no key.
    func testRawTextWithAnUnrecognisedKeyIsNeverKept() {
        let clean = ParsedEvidence(kind: "reg-query", summary: "s", fields: [])
        let answer = Answer(step: "s", value: .evidence(clean))
        XCTAssertEqual(
            SessionJournal.keepable(
                "MachineGuid    REG_SZ    5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4", for: answer, allowed: true),
            "MachineGuid    REG_SZ    5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4")
        for raw in ["key 0123456789ABCDEF", "hex:01,23,45,67,89,ab,cd,ef", "<machineKey validationKey=\"x\"/>"] {
            XCTAssertNil(SessionJournal.keepable(raw, for: answer, allowed: true), raw)
        }
    }

    func testEveryParserHidesADESKeyInFreeText() throws {
        let des = "A1B2C3D4E5F60718"
        let event = try EvidenceFixtures.text("event-7024-text.txt").replacingOccurrences(
            of: "Description:", with: "Description: key \(des)")
        let parsed = try EventTextParser().parse(event, context: EvidenceContext())
        let json = String(decoding: try JSONEncoder().encode(parsed), as: UTF8.self)
        XCTAssertFalse(json.contains(des), json)
        XCTAssertTrue(parsed.containsSecrets, "scrubbed evidence is marked as having held a secret")
    }
}
