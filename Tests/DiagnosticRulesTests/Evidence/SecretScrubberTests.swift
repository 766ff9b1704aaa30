import XCTest

@testable import DiagnosticRules

/// Key material a parser did not recognise as a key must still never leave the parser.
final class SecretScrubberTests: XCTestCase {
    let key = "BC7A1C0EFB2D4E6F8091A2B3C4D5E6F708192A3B4C5D6E7F"

    func testShapesOfKeysAreHidden() {
        XCTAssertEqual(SecretScrubber.scrub("key \(key) end"), "key <key redacted> end")
        XCTAssertEqual(SecretScrubber.scrub("1F-35-E5-A1-22-33-44-55-66"), "<key redacted>")
        XCTAssertEqual(SecretScrubber.scrub("hex:6a,1f,2b,c5,d6,e7,f8,09,1a"), "hex:<key redacted>")
        XCTAssertEqual(
            SecretScrubber.scrub("<machineKey validationKey=\"\(key),IsolateApps\" />"),
            "<machineKey validationKey=\"<key redacted>\" />")
        XCTAssertTrue(SecretScrubber.containsSecret(key))
        XCTAssertFalse(SecretScrubber.containsSecret("validationKey=\"AutoGenerate,IsolateApps\""))
    }

    /// `33, 45, 67, 89` is also four hex bytes: hiding that first used to leave the rest of the
    /// list (7 of its 11 bytes here) too short to be seen as one.
    func testDecimalListWithTwoDigitNumbersIsHiddenWhole() {
        let list = "124, 26, 158, 33, 45, 67, 89, 131, 93, 146, 65"
        XCTAssertEqual(SecretScrubber.scrub("AutoGenKeyV4 : {\(list)}"), "AutoGenKeyV4 : <key redacted>")
        XCTAssertEqual(SecretScrubber.scrub("bytes \(list) end"), "bytes <key redacted> end")
        XCTAssertEqual(SecretScrubber.scrub("bytes \(list)."), "bytes <key redacted>.")
        // Hex bytes whose tail is all digits: one marker, not two.
        XCTAssertEqual(
            SecretScrubber.scrub("hex 1f, 2b, 3c, 4d, 10, 20, 30, 40, 50, 60, 70, 80 end"), "hex <key redacted> end")
    }

    func testWhatIsNotAKeyStays() {
        let file = "6de9cb26d2b98c01ec4e9e8b34824aa2_5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"
        for text in [
            file, "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4", "sha256:006e112e/64B", "0x80090006 (2148073478)",
            "05/14/2024  08:02 AM  2,401", "S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415"
        ] {
            XCTAssertEqual(SecretScrubber.scrub(text), text)
            XCTAssertFalse(SecretScrubber.containsSecret(text), text)
        }
    }

    func testControlCharactersCannotReachTheTerminal() {
        XCTAssertEqual(SecretScrubber.scrub("WEB01\u{1B}]0;x\u{07}\u{1B}[2J\tok\n"), "WEB01?]0;x??[2J\tok\n")
    }

    func testEventMessageRunningIntoAWebConfigIsScrubbed() throws {
        let event = """
            Event[0]:
              Log Name: System
              Source: Service Control Manager
              Date: 2024-05-14T08:12:31.123
              Event ID: 7024
              Level: Error
              Computer: WEB01.contoso.local
              Description:
            The IIS Admin Service service terminated with service-specific error 2148073478 (0x80090006).
            <configuration><system.web>
            <machineKey validationKey="\(key)" decryptionKey="0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF" />
            </system.web></configuration>
            """
        let parsed = try EvidenceRegistry.parseAuto(event)
        let json = String(decoding: try JSONEncoder().encode(parsed), as: UTF8.self)
        XCTAssertFalse(json.contains(String(key.prefix(16))), json)
        XCTAssertFalse(json.contains("0123456789ABCDEF"), json)
        XCTAssertTrue(parsed.containsSecrets)
        let answer = Answer(step: "event", value: .evidence(parsed), source: .pasted)
        XCTAssertNil(SessionJournal.keepable(event, for: answer, allowed: true))
    }

    func testBrokenRegContinuationDoesNotLeakBytes() throws {
        let reg =
            "Windows Registry Editor Version 5.00\n\n[HKEY_USERS\\S-1-5-82-1\\Software\\Microsoft\\ASP.NET\\4.0.30319.0]\n"
            + "\"AutoGenKeyV4\"=hex:6a,1f,2b,\\\n\n  c5,d6,e7,f8,09,1a,2b,3c,4d,5e\n"
        let parsed = try EvidenceRegistry.parser(id: "reg-export")!.parse(reg, context: EvidenceContext())
        let json = String(decoding: try JSONEncoder().encode(parsed), as: UTF8.self)
        XCTAssertFalse(json.contains("c5,d6,e7"), json)
        XCTAssertEqual(
            parsed.field("autogen_key_length")?.value, .integer(13), "the blank line must not cut the value short")
    }

    func testRawPasteWithAKeyIsNeverKeptEvenIfTheParserSawNone() {
        let parsed = ParsedEvidence(kind: "event-text", summary: "s", fields: [])
        let answer = Answer(step: "event", value: .evidence(parsed), source: .pasted)
        XCTAssertNil(SessionJournal.keepable("Event[0]:\n\(key)\n", for: answer, allowed: true))
        XCTAssertEqual(SessionJournal.keepable("Event[0]:\nplain\n", for: answer, allowed: true), "Event[0]:\nplain\n")
    }
}
