import Foundation
import XCTest

@testable import DiagnosticRules

final class EventParsersEvidenceTests: XCTestCase {
    func testDomainNotesExampleEvent() throws {
        let parsed = try EventXMLParser().parse(try EvidenceFixtures.text("event-7024.xml"), context: EvidenceContext())
        XCTAssertEqual(parsed.value("event_id"), .integer(7024))
        XCTAssertEqual(parsed.field("event_id")?.line, 3)
        XCTAssertEqual(parsed.value("provider"), .string("Service Control Manager"))
        XCTAssertEqual(parsed.value("time_created"), .string("2024-05-14T08:12:31.1234567Z"))
        XCTAssertEqual(parsed.value("computer"), .string("WEB01.contoso.local"))
        XCTAssertEqual(parsed.value("service_name"), .string("IIS Admin Service"))
        XCTAssertEqual(parsed.value("error_code"), .integer(2_148_073_478))
        XCTAssertEqual(parsed.field("error_code")?.line, 7)
        XCTAssertEqual(parsed.value("event_count"), .integer(1))
        XCTAssertEqual(parsed.value("event_ids"), .list([.integer(7024)]))
        XCTAssertEqual(parsed.value("event_qualifiers"), .integer(49152))
        XCTAssertTrue(parsed.summary.contains("0x80090006"), parsed.summary)
    }

    func testBareWevtutilEventsNewestFirst() throws {
        let text = try EvidenceFixtures.text("events-wevtutil.xml")
        XCTAssertEqual(EvidenceRegistry.detect(text)?.id, "event-xml")
        let parsed = try EventXMLParser().parse(text, context: EvidenceContext())
        XCTAssertEqual(parsed.value("event_count"), .integer(3))
        XCTAssertEqual(parsed.value("event_ids"), .list([.integer(7024), .integer(7024), .integer(7000)]))
        XCTAssertEqual(parsed.value("error_code"), .integer(2_148_073_478)) // from %%2148073478
        XCTAssertEqual(parsed.value("time_created"), .string("2024-05-15T09:01:02.0000000Z"))
        XCTAssertEqual(parsed.field("event_id")?.line, 1)
    }

    func testExportedEventsWithDeclarationAndRoot() throws {
        let parsed = try EventXMLParser().parse(
            try EvidenceFixtures.text("events-exported.xml"), context: EvidenceContext())
        XCTAssertEqual(parsed.value("event_id"), .integer(7024))
        XCTAssertEqual(parsed.field("event_id")?.line, 5)
    }

    func testTruncatedXMLNamesALine() throws {
        let text = try EvidenceFixtures.text("broken-truncated.xml")
        assertEvidenceError(try EventXMLParser().parse(text, context: EvidenceContext())) { error in
            XCTAssertLessThanOrEqual(error.line, EvidenceLines(text).lines.count)
            XCTAssertEqual(error.parser, "event-xml")
        }
    }

    func testWevtutilTextWithInvalidSignature() throws {
        let text = try EvidenceFixtures.text("event-7024-text.txt")
        XCTAssertEqual(EvidenceRegistry.detect(text)?.id, "event-text")
        let parsed = try EventTextParser().parse(text, context: EvidenceContext())
        XCTAssertEqual(parsed.value("event_id"), .integer(7024))
        XCTAssertEqual(parsed.field("event_id")?.line, 5)
        XCTAssertEqual(parsed.value("provider"), .string("Service Control Manager"))
        XCTAssertEqual(parsed.value("time_created"), .string("2024-05-15T09:01:02.000"))
        XCTAssertEqual(parsed.value("computer"), .string("WEB01.contoso.local"))
        XCTAssertEqual(parsed.value("service_name"), .string("IIS Admin Service"))
        // Issue 10: the text "Invalid Signature" (2012 R2 and later) is NTE_BAD_SIGNATURE.
        XCTAssertEqual(parsed.value("error_code"), .integer(0x8009_0006))
        XCTAssertEqual(parsed.value("error_text"), .string("Invalid Signature"))
        XCTAssertTrue(parsed.notes.contains { $0.message.contains("read as 2148073478 (0x80090006)") })
        XCTAssertEqual(
            parsed.value("event_message"),
            .string(
                "The IIS Admin Service service terminated with the following service-specific error: Invalid Signature."
            ))
        XCTAssertEqual(parsed.value("event_count"), .integer(2))
        XCTAssertEqual(parsed.value("log_name"), .string("System"))
    }

    func testFormatListUTF16() throws {
        let text = try EvidenceFixtures.text("event-7024-list.txt")
        XCTAssertEqual(EvidenceRegistry.detect(text)?.id, "event-list")
        let parsed = try EventListParser().parse(text, context: EvidenceContext())
        XCTAssertEqual(parsed.value("event_id"), .integer(7024))
        XCTAssertEqual(parsed.field("event_id")?.line, 5)
        XCTAssertEqual(parsed.value("time_created"), .string("5/14/2024 8:12:31 AM"))
        XCTAssertEqual(parsed.value("service_name"), .string("IIS Admin Service"))
        XCTAssertEqual(parsed.value("error_code"), .integer(2_148_073_478))
        XCTAssertEqual(parsed.value("event_ids"), .list([.integer(7024), .integer(7023)]))
        XCTAssertEqual(
            parsed.value("event_message"),
            .string("The IIS Admin Service service terminated with the service-specific error 2148073478 (0x80090006).")
        )
    }

    func testErrorCodeForms() {
        XCTAssertEqual(EventErrorCodeText.parse("2148073478 (0x80090006)", bareNumberAllowed: false), 2_148_073_478)
        XCTAssertEqual(EventErrorCodeText.parse("%%2148073478", bareNumberAllowed: false), 2_148_073_478)
        XCTAssertEqual(EventErrorCodeText.parse("-2146893818", bareNumberAllowed: true), 2_148_073_478)
        XCTAssertEqual(EventErrorCodeText.parse("0x80090006", bareNumberAllowed: false), 2_148_073_478)
        XCTAssertNil(EventErrorCodeText.parse("1", bareNumberAllowed: false))
        XCTAssertEqual(
            EventErrorCodeText.find(inMessage: "terminated with service-specific error 2148073478."), 2_148_073_478)
        XCTAssertNil(
            EventErrorCodeText.find(
                inMessage: "terminated with the following error: The system cannot find the file specified."))
        XCTAssertEqual(
            EventEvidence.serviceName(fromMessage: "The IIS Admin Service service terminated unexpectedly."),
            "IIS Admin Service")
        XCTAssertNil(EventEvidence.serviceName(fromMessage: "The service terminated."))
        XCTAssertNil(EventEvidence.serviceName(fromMessage: "The  service failed"))
    }

    func testCountsInParam2AreNotErrorCodes() throws {
        let xml =
            "<Event><System><Provider Name=\"Service Control Manager\"/><EventID>7031</EventID></System><EventData><Data Name=\"param1\">W3SVC</Data><Data Name=\"param2\">1</Data></EventData></Event>"
        let parsed = try EventXMLParser().parse(xml, context: EvidenceContext())
        XCTAssertNil(parsed.field("error_code"))
        XCTAssertEqual(parsed.value("service_name"), .string("W3SVC"))
    }

    func testNotEvents() {
        assertEvidenceError(try EventTextParser().parse("hello\n", context: EvidenceContext()))
        assertEvidenceError(try EventListParser().parse("\n\njust words here\n", context: EvidenceContext())) {
            XCTAssertEqual($0.line, 3)
        }
        assertEvidenceError(try EventXMLParser().parse("<Foo/>", context: EvidenceContext()))
    }
}
