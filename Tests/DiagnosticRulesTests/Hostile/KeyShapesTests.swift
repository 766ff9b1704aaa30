import XCTest

@testable import DiagnosticRules

/// Issue 15, finding 7: key shapes the scrubber missed. Every form here must be hidden by
/// `scrub`, detected by `containsSecret` (so a raw paste is never kept), and never reach an
/// error message.
final class KeyShapesTests: XCTestCase {
    static let hex128 = String((0..<64).map { String(format: "%02X", ($0 * 37 + 11) % 256) }.joined())
    static let base64Key = Data((0..<64).map { UInt8(($0 * 53 + 7) % 256) }).base64EncodedString()
    static let guid = "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"

    /// (form, the secret part that must vanish)
    static var forms: [(String, String)] {
        let h = hex128
        let grouped4 = stride(from: 0, to: 64, by: 4).map { i in String(h.dropFirst(i).prefix(4)) }.joined(
            separator: " ")
        let grouped8 = stride(from: 0, to: 64, by: 8).map { i in String(h.dropFirst(i).prefix(8)) }.joined(
            separator: "-")
        return [
            ("AutoGenKeyV4    REG_SZ    \(base64Key)", String(base64Key.prefix(20))),
            ("\"ValidationKey\"=\"\(base64Key)\"", String(base64Key.prefix(20))),
            ("The key \(base64Key) was rejected.", String(base64Key.prefix(20))),
            ("<EventData><Data>\(base64Key)</Data></EventData>", String(base64Key.prefix(20))),
            ("param3=\(base64Key)", String(base64Key.prefix(20))),
            ("key: \(grouped4)", String(grouped4.prefix(14))),
            ("key: \(grouped8)", String(grouped8.prefix(17))),
            ("AutoGenKeyV4 : {124, 26, 158, 42, 7, 99, 201, 13...}", "124, 26, 158"),
            ("bytes 124, 26, 158, 42, 7, 99, 201, 13, 250", "124, 26, 158"),
            ("\(h)_\(guid)", String(h.prefix(40))),
            ("\(String(h.prefix(40)))_\(guid)", String(h.prefix(40))),
            ("\"AutoGenKeyV4\"=hex:6a,1f,2b", "6a,1f,2b"),
            ("bytes 6a-1f-2b-c5", "6a-1f-2b-c5"),
            ("AutoGenKey    REG_BINARY    0A1B2C", "0A1B2C"),
            ("<Data Name=\"DecryptionKey\">0A1B2C3D</Data>", "0A1B2C3D"),
            ("des 0123456789ABCDEF end", "0123456789ABCDEF")
        ]
    }

    func testEveryFormIsScrubbedAndDetected() {
        for (text, secret) in Self.forms {
            XCTAssertTrue(SecretScrubber.containsSecret(text), "not detected: \(text)")
            let out = SecretScrubber.scrub(text)
            XCTAssertFalse(out.contains(secret), "leaked: \(out)")
            XCTAssertTrue(out.contains(SecretScrubber.marker), out)
        }
    }

    func testContainerFileNameStaysAndOrdinaryTextStays() {
        let file = "6de9cb26d2b98c01ec4e9e8b34824aa2_\(Self.guid)"
        for text in [
            file, Self.guid, "NetFrameworkConfigurationKey", "iisConfigurationKey and iisWasKey",
            "2024-05-14T08:12:31.123", "0x80090006 (2148073478)",
            "05/14/2024  08:02 AM  2,401", "HKLM\\SOFTWARE\\Microsoft\\ASP.NET\\4.0.30319.0",
            "S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415"
        ] {
            XCTAssertFalse(SecretScrubber.containsSecret(text), text)
            XCTAssertEqual(SecretScrubber.scrub(text), text)
        }
    }

    func testAutoGenerateSettingIsNotAKey() {
        XCTAssertFalse(SecretScrubber.containsSecret("validationKey=\"AutoGenerate,IsolateApps\""))
        XCTAssertFalse(SecretScrubber.containsSecret("AutoGenKeyCreationTime    REG_QWORD    0x1daa59b6b3f2e80"))
    }

    func testErrorMessagesNeverQuoteKeys() {
        let e = EvidenceError(parser: "auto", line: 1, expected: "a known format", found: "x \(Self.hex128)")
        XCTAssertFalse(e.description.contains(String(Self.hex128.prefix(16))), e.description)
        do {
            _ = try EvidenceRegistry.parseAuto("\(Self.base64Key)\nmore\n")
            XCTFail("not evidence")
        } catch {
            XCTAssertFalse("\(error)".contains(String(Self.base64Key.prefix(16))), "\(error)")
        }
    }

    func testKeptPasteNeverHoldsAnyForm() {
        let parsed = ParsedEvidence(kind: "event-text", summary: "s", fields: [])
        let answer = Answer(step: "event", value: .evidence(parsed), source: .pasted)
        for (text, _) in Self.forms {
            XCTAssertNil(SessionJournal.keepable("Event[0]:\n\(text)\n", for: answer, allowed: true), text)
        }
    }
}
