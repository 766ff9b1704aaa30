import Foundation
import XCTest

@testable import DiagnosticRules

/// The forms of issue 10: command output as Windows 2003, 2008+ and localized servers print
/// it (fixtures in Fixtures/forms, written by Tools/make-form-fixtures.py).
final class EvidenceFormsTests: XCTestCase {
    static var formsDirectory: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("forms")
    }

    static func text(_ path: String) throws -> String {
        EvidenceText.decode(try Data(contentsOf: formsDirectory.appendingPathComponent(path)))
    }

    static func allPaths() throws -> [String] {
        var out: [String] = []
        for family in try FileManager.default.contentsOfDirectory(atPath: formsDirectory.path).sorted() {
            let dir = formsDirectory.appendingPathComponent(family)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
            where name != "SOURCES.md" {
                out.append("\(family)/\(name)")
            }
        }
        return out
    }

    func parse(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> ParsedEvidence {
        let text = try Self.text(path)
        do { return try EvidenceRegistry.parseAuto(text) } catch {
            XCTFail("\(path): \(error)", file: file, line: line)
            throw error
        }
    }

    static let guid = "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"
    static let oldGuid = "0b8e2f4c-7a1d-4e55-8c3b-9f6a2d1e7c40"
    static let languages = ["de-DE", "fr-FR", "ja-JP", "zh-CN", "zh-TW"]

    // MARK: provenance

    /// Every fixture names where its form comes from (SOURCES.md next to it).
    func testEveryFixtureHasAProvenanceEntry() throws {
        var directories = [Self.formsDirectory.path]
        directories += try FileManager.default.contentsOfDirectory(atPath: Self.formsDirectory.path).map {
            Self.formsDirectory.appendingPathComponent($0).path
        }
        let cases = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Playbooks/tests/iis-admin-machineguid/evidence/forms")
        directories.append(cases.path)
        var checked = 0
        for dir in directories where FileManager.default.fileExists(atPath: dir + "/SOURCES.md") {
            let sources = try String(contentsOfFile: dir + "/SOURCES.md", encoding: .utf8)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name != "SOURCES.md" {
                let entry = sources.split(separator: "\n").first { $0.hasPrefix("- `\(name)`: ") }
                XCTAssertNotNil(entry, "\(dir)/\(name) has no SOURCES.md entry")
                if let entry {
                    XCTAssertTrue(
                        entry.contains("captured") || entry.contains("reconstructed") || entry.contains("made up"),
                        String(entry))
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 40)
    }

    // MARK: Windows Server 2003

    func testRegExe3WithTabsAndConsoleSpacesSetsMachineGuid() throws {
        for path in ["nt5/reg-query-machineguid-tabs.txt", "nt5/reg-query-machineguid-spaces.txt"] {
            let p = try parse(path)
            XCTAssertEqual(p.kind, "reg-query", path)
            XCTAssertEqual(p.value("machine_guid"), .guid(Self.guid), path)
            XCTAssertEqual(p.field("machine_guid")?.line, 4, path)
            XCTAssertEqual(p.value("windows_hint"), .string("nt5"), path)
        }
    }

    func testRegExe3AndLocalizedNotFoundMessages() throws {
        for path in ["nt5/reg-query-missing.txt"] + Self.languages.map({ "\($0)/reg-query-missing.txt" }) {
            let p = try parse(path)
            XCTAssertEqual(p.kind, "reg-query", path)
            XCTAssertEqual(p.value("registry_value_missing"), .boolean(true), path)
        }
        XCTAssertEqual(try parse("nt5/reg-query-missing.txt").value("windows_hint"), .string("nt5"))
    }

    func testEventViewerCopyOf2003() throws {
        let p = try parse("nt5/eventviewer-copy-7024.txt")
        XCTAssertEqual(p.kind, "eventviewer-copy")
        XCTAssertEqual(p.value("event_id"), .integer(7024))
        XCTAssertEqual(p.value("service_name"), .string("IIS Admin Service"))
        XCTAssertEqual(p.value("error_code"), .integer(2_148_073_478))
        XCTAssertEqual(p.value("time_created"), .string("5/14/2010 8:12:31 AM"))
        XCTAssertEqual(p.value("windows_hint"), .string("nt5"))
    }

    func testEventqueryListTableAndCSV() throws {
        let list = try parse("nt5/eventquery-list.txt")
        XCTAssertEqual(list.kind, "eventquery")
        XCTAssertEqual(list.value("event_count"), .integer(3))
        XCTAssertEqual(
            list.value("error_code"), .integer(2_148_073_478),
            "the newest IIS Admin event, not the 0x8009000D one pasted last")
        XCTAssertEqual(list.value("event_choice"), .string("newest 7024 for IIS Admin Service; 2 older ignored"))
        XCTAssertEqual(list.value("windows_hint"), .string("nt5"))
        let table = try parse("nt5/eventquery-table.txt")
        XCTAssertEqual(table.kind, "eventquery")
        XCTAssertEqual(table.value("time_created"), .string("5/14/2010 8:12:31 AM"))
        let csv = try parse("nt5/eventquery-csv.txt")
        XCTAssertEqual(csv.kind, "eventquery")
        XCTAssertEqual(csv.value("service_name"), .string("IIS Admin Service"))
        XCTAssertEqual(csv.value("error_code"), .integer(2_148_073_478))
    }

    func testWmicNteventListAndTable() throws {
        let list = try parse("nt5/wmic-ntevent-list.txt")
        XCTAssertEqual(list.kind, "wmic-ntevent")
        XCTAssertEqual(list.value("service_name"), .string("IIS Admin Service"))
        XCTAssertEqual(list.value("time_created"), .string("20100514081231.000000-000"))
        XCTAssertEqual(list.value("error_code"), .integer(2_148_073_478))
        let table = try parse("nt5/wmic-ntevent-table.txt")
        XCTAssertEqual(table.kind, "wmic-ntevent")
        XCTAssertEqual(table.value("service_key"), .string("IISADMIN"))
        XCTAssertEqual(table.value("service_name"), .string("IIS Admin Service"))
        XCTAssertEqual(table.value("provider"), .string("Service Control Manager"))
        XCTAssertEqual(table.value("event_count"), .integer(2))
    }

    func testCaclsOf2003() throws {
        let ok = try parse("nt5/cacls-machinekeys.txt")
        XCTAssertEqual(ok.kind, "cacls")
        XCTAssertEqual(ok.value("administrators_full_control"), .boolean(true))
        XCTAssertEqual(ok.value("system_full_control"), .boolean(true))
        XCTAssertEqual(
            ok.strings("acl_paths"),
            ["C:\\Documents and Settings\\All Users\\Application Data\\Microsoft\\Crypto\\RSA\\MachineKeys"])
        XCTAssertEqual(ok.value("windows_hint"), .string("nt5"))
        let bad = try parse("nt5/cacls-system-read.txt")
        XCTAssertEqual(bad.value("system_full_control"), .boolean(false))
        XCTAssertEqual(bad.strings("acl_problems"), ["SYSTEM lacks Full Control on MachineKeys folder"])
    }

    func testDirOf2003() throws {
        let p = try parse("nt5/dir-machinekeys.txt")
        XCTAssertEqual(p.value("key_file_count"), .integer(2))
        XCTAssertEqual(p.value("windows_hint"), .string("nt5"))
    }

    // MARK: Vista / 2008 and later

    /// wevtutil without /rd:true lists the oldest first; the newest (IIS Admin) is used.
    func testOldestFirstEventsLeadToTheNewestIISAdminEvent() throws {
        let p = try parse("nt6/wevtutil-three-oldest-first.txt")
        XCTAssertEqual(p.kind, "event-text")
        XCTAssertEqual(p.value("event_count"), .integer(3))
        XCTAssertEqual(p.value("service_name"), .string("IIS Admin Service"))
        XCTAssertEqual(p.value("error_code"), .integer(0x8009_0006))
        XCTAssertEqual(p.value("time_created"), .string("2024-05-14T08:12:31.123"))
        XCTAssertEqual(p.value("event_choice"), .string("newest 7024 for IIS Admin Service; 2 older ignored"))
        XCTAssertTrue(p.notes.contains { $0.message == "newest 7024 for IIS Admin Service; 2 older ignored" })
    }

    func testInvalidSignatureTextIsNTEBadSignature() throws {
        let p = try parse("nt6/wevtutil-invalid-signature.txt")
        XCTAssertEqual(p.value("error_text"), .string("Invalid Signature"))
        XCTAssertEqual(p.value("error_code"), .integer(0x8009_0006))
        XCTAssertEqual(p.value("windows_hint"), .string("nt6"))
    }

    func testEventViewerCopyOf2008WithEventXml() throws {
        let p = try parse("nt6/eventviewer-copy-7024.txt")
        XCTAssertEqual(p.kind, "eventviewer-copy")
        XCTAssertEqual(p.value("service_key"), .string("IISADMIN"))
        XCTAssertEqual(p.value("error_code"), .integer(2_148_073_478))
        XCTAssertEqual(p.value("windows_hint"), .string("nt6"))
    }

    func testGetEventLogIsNotTakenForGetWinEvent() throws {
        let list = try parse("nt6/get-eventlog-list.txt")
        XCTAssertEqual(list.kind, "get-eventlog")
        XCTAssertEqual(list.value("event_id"), .integer(7024), "InstanceId 3221232496 & 0xFFFF")
        XCTAssertEqual(list.value("service_name"), .string("IIS Admin Service"))
        XCTAssertEqual(list.value("error_code"), .integer(2_148_073_478))
        let table = try parse("nt6/get-eventlog-table.txt")
        XCTAssertEqual(table.kind, "get-eventlog")
        XCTAssertEqual(table.value("event_id"), .integer(7024))
        XCTAssertEqual(
            table.value("service_name"), .string("IIS Admin Service"), "Index orders the rows: 12346 is newest")
        XCTAssertNil(table.value("error_text"), "a message cut short by the table is no error text")
    }

    func testGetItemPropertyForms() throws {
        let list = try parse("nt6/ps-itemproperty.txt")
        XCTAssertEqual(list.kind, "ps-itemproperty")
        XCTAssertEqual(list.value("machine_guid"), .guid(Self.guid))
        XCTAssertEqual(list.value("registry_key"), .string("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography"))
        let bare = try parse("nt6/ps-itempropertyvalue.txt")
        XCTAssertEqual(bare.value("bare_value"), .string(Self.guid))
        let missing = try parse("nt6/ps-itemproperty-missing.txt")
        XCTAssertEqual(missing.value("registry_value_missing"), .boolean(true))
        XCTAssertTrue(missing.skippedLines.isEmpty, "the error record's continuation lines belong to the error")
    }

    /// A byte array PowerShell cut short is never fingerprinted (all cut keys would match).
    func testTruncatedAutoGenKeyArrayIsPresenceOnly() throws {
        let cut =
            "AutoGenKeyV4           : {106, 31, 200, 5...}\nAutoGenKeyFormat       : 1\nPSPath                 : Microsoft.PowerShell.Core\\Registry::HKEY_USERS\\S-1-5-20\nPSDrive                : HKU\n"
        let p = try EvidenceRegistry.parseAuto(cut)
        XCTAssertEqual(p.kind, "ps-itemproperty")
        XCTAssertEqual(p.value("autogen_key_present"), .boolean(true))
        XCTAssertNil(p.value("autogen_key_fingerprint"))
        XCTAssertTrue(p.containsSecrets)
        let whole = cut.replacingOccurrences(
            of: "{106, 31, 200, 5...}", with: "{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}")
        let q = try EvidenceRegistry.parseAuto(whole)
        XCTAssertEqual(q.value("autogen_key_fingerprint"), .string(KeyFingerprint(keyBytes: Array(1...16)).description))
        XCTAssertEqual(q.value("autogen_key_length"), .integer(16))
        XCTAssertFalse(q.fields.map(\.value.description).joined().contains("0102030405"))
    }

    // MARK: other languages

    func testLocalizedDirListingsKeepFileNamesWhole() throws {
        for language in Self.languages {
            for path in ["\(language)/dir-machinekeys.txt"]
                + (language == "fr-FR" ? ["fr-FR/dir-machinekeys-narrow-nbsp.txt"] : [])
            {
                let p = try parse(path)
                XCTAssertEqual(p.kind, "machinekeys-listing", path)
                XCTAssertEqual(p.value("key_file_count"), .integer(4), path)
                XCTAssertEqual(p.strings("key_files")?.first, "c2319c42033a5ca7f44e731bfd3fa2b5_\(Self.oldGuid)", path)
                XCTAssertEqual(p.strings("unparsed_files"), [], path)
                XCTAssertEqual(p.value("folder"), .string("C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys"), path)
                XCTAssertEqual(p.value("listing_language"), .string(language), path)
                XCTAssertTrue(p.skippedLines.isEmpty, "\(path): \(p.skippedLines)")
            }
        }
    }

    func testGetChildItemWithAMarkerBeforeTheTime() throws {
        let p = try parse("zh-TW/gci-machinekeys.txt")
        XCTAssertEqual(p.value("key_file_count"), .integer(4))
        XCTAssertEqual(p.value("folder"), .string("C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys"))
        XCTAssertTrue(p.skippedLines.isEmpty, "\(p.skippedLines)")
    }

    func testLocalizedEventViewerCopiesAreTheIISAdminService() throws {
        for language in Self.languages {
            let p = try parse("\(language)/eventviewer-copy-7024.txt")
            XCTAssertEqual(p.kind, "eventviewer-copy", language)
            XCTAssertEqual(p.value("event_id"), .integer(7024), language)
            XCTAssertEqual(p.value("service_name"), .string("IIS Admin Service"), language)
            XCTAssertEqual(p.value("error_code"), .integer(2_148_073_478), language)
            XCTAssertEqual(p.value("event_language"), .string(language), language)
            XCTAssertNotEqual(p.value("service_display_name"), .string("IIS Admin Service"), language)
        }
    }

    /// An unlisted localized service name without a service key stays unknown: it must not
    /// make the IIS Admin event "another service's".
    func testUnknownLocalizedServiceNameIsNotComparedButExplained() throws {
        let text = try Self.text("de-DE/eventviewer-copy-7024.txt")
            .replacingOccurrences(of: "IIS-Verwaltungsdienst", with: "IIS-Adminverwaltung")
            .replacingOccurrences(of: "<Binary>490049005300410044004D0049004E0000000000</Binary>", with: "")
            // A first label whose translation is not listed: the next known label starts the record.
            .replacingOccurrences(of: "Protokollname:", with: "Protokoll:")
        let p = try EventViewerCopyParser().parse(text, context: EvidenceContext())
        XCTAssertEqual(p.value("event_id"), .integer(7024))
        XCTAssertNil(p.value("service_name"))
        XCTAssertEqual(p.value("service_display_name"), .string("IIS-Adminverwaltung"))
        XCTAssertTrue(p.notes.contains { $0.message.contains("/f:xml to identify the service") }, "\(p.notes)")
        XCTAssertEqual(p.value("error_code"), .integer(2_148_073_478))
        // English names are compared as before: another service is another service.
        let english = try EvidenceFixtures.text("event-7024-text.txt").replacingOccurrences(
            of: "IIS Admin Service", with: "Contoso Agent")
        XCTAssertEqual(
            try EventTextParser().parse(english, context: EvidenceContext()).value("service_name"),
            .string("Contoso Agent"))
    }

    /// wevtutil /f:text with German labels; a French dir saved in code page 850 (NBSP 0xFF
    /// decoded as U+FFFD) and a zh-TW dir whose 上午 arrived as U+FFFD still give whole names.
    func testLocalizedWevtutilAndCodePageDamage() throws {
        let german =
            "Event[0]:\n  Protokollname: System\n  Quelle: Service Control Manager\n  Datum: 2024-05-14T08:12:31.123\n  Ereignis-ID: 7024\n  Beschreibung: \nDer Dienst \"IIS-Verwaltungsdienst\" wurde mit folgendem dienstspezifischem Fehler beendet: %%2148073478\n"
        let p = try EvidenceRegistry.parseAuto(german)
        XCTAssertEqual(p.kind, "event-text")
        XCTAssertEqual(p.value("event_id"), .integer(7024))
        XCTAssertEqual(p.value("service_name"), .string("IIS Admin Service"))
        XCTAssertEqual(p.value("error_code"), .integer(2_148_073_478))
        let fr = try Self.text("fr-FR/dir-machinekeys.txt").replacingOccurrences(of: "\u{00A0}", with: "\u{FFFD}")
        let tw = try Self.text("zh-TW/dir-machinekeys.txt").replacingOccurrences(of: "上午", with: "\u{FFFD}\u{FFFD}")
        for text in [fr, tw] {
            let listing = try MachineKeysListingParser().parse(text, context: EvidenceContext())
            XCTAssertEqual(listing.value("key_file_count"), .integer(4))
            XCTAssertEqual(listing.strings("key_files")?.first, "c2319c42033a5ca7f44e731bfd3fa2b5_\(Self.oldGuid)")
        }
    }

    func testUnsupportedLanguageNamesTheLanguageNeutralCommand() throws {
        let text = try Self.text("other/eventviewer-copy-ru-RU.txt")
        assertEvidenceError(try EvidenceRegistry.parseAuto(text)) { error in
            XCTAssertEqual(error.parser, "eventviewer-copy")
            XCTAssertEqual(error.line, 1)
            XCTAssertTrue(error.expected.contains("/f:xml"), error.expected)
            XCTAssertTrue(error.expected.contains("English, German, French, Japanese and Chinese"), error.expected)
        }
    }

    func testJunkGetsAHumanMessage() throws {
        let text = try Self.text("nt6/junk.txt")
        assertEvidenceError(try EvidenceRegistry.parseAuto(text)) { error in
            XCTAssertTrue(
                error.description.hasPrefix(
                    "line 1: 'hello, this is not command output' is not the output of any command KeyWizard reads"),
                error.description)
            XCTAssertFalse(error.description.contains("expected not recognised"), error.description)
        }
    }

    // MARK: event ordering and times

    func testEventTimesInEveryForm() {
        let cases: [(String, Bool?, [Int])] = [
            ("2024-05-14T08:12:31.123Z", nil, [2024, 5, 14, 8, 12, 31, 1_230_000]),
            ("20100514081231.000000-000", nil, [2010, 5, 14, 8, 12, 31, 0]),
            ("5/14/2024 8:12:31 PM", nil, [2024, 5, 14, 20, 12, 31, 0]),
            ("14.05.2024 08:12:31", nil, [2024, 5, 14, 8, 12, 31, 0]),
            ("04/05/2024 08:12:31", true, [2024, 5, 4, 8, 12, 31, 0]),
            ("04/05/2024 08:12:31", false, [2024, 4, 5, 8, 12, 31, 0]),
            ("2024/5/14 下午 08:12:31", nil, [2024, 5, 14, 20, 12, 31, 0]),
            ("2024/05/14 8:12:31", nil, [2024, 5, 14, 8, 12, 31, 0])
        ]
        for (text, dayFirst, expected) in cases {
            XCTAssertEqual(EventTime.sortKey(text, dayFirst: dayFirst), expected, text)
        }
        XCTAssertNil(EventTime.sortKey("May 14 08:12"))
        XCTAssertEqual(EventTime.dayFirst(["04/05/2024 08:00:00", "14/05/2024 08:00:00"]), true)
        XCTAssertEqual(EventTime.dayFirst(["5/14/2024 8:00:00 AM"]), false)
        XCTAssertNil(EventTime.dayFirst(["2024-05-14T08:00:00"]))
    }

    // MARK: schemas

    /// Every field any parser emits on any fixture (old and new) is in its schema, typed.
    func testEveryEmittedFieldIsInTheParsersSchema() throws {
        var texts: [String] = []
        for path in try Self.allPaths() { texts.append(try Self.text(path)) }
        for name in try EvidenceFixtures.allNames() where name != "secrets.txt" {
            texts.append(try EvidenceFixtures.text(name))
        }
        for parser in EvidenceRegistry.all { texts.append(parser.schema.example) }
        var seen = 0
        for text in texts {
            for parser in EvidenceRegistry.all where parser.detect(text) > EvidenceRegistry.threshold {
                guard let parsed = try? parser.parse(text, context: EvidenceContext(knownKeyDigests: ["00"])) else {
                    continue
                }
                for field in parsed.fields {
                    seen += 1
                    guard let spec = parser.schema.field(field.name) else {
                        XCTFail("\(parser.id) emits '\(field.name)', not in its schema")
                        continue
                    }
                    XCTAssertTrue(
                        spec.type == field.value.type || spec.alternateType == field.value.type,
                        "\(parser.id).\(field.name) is \(field.value.type), schema says \(spec.type)")
                }
            }
        }
        XCTAssertGreaterThan(seen, 300)
    }

    func testEveryParserExampleParsesWithItsOwnParser() throws {
        XCTAssertEqual(Set(EvidenceRegistry.all.map(\.id)).count, EvidenceRegistry.all.count)
        for id in [
            "reg-query", "ps-itemproperty", "eventviewer-copy", "eventquery", "wmic-ntevent", "get-eventlog", "cacls"
        ] {
            XCTAssertNotNil(EvidenceRegistry.parser(id: id), id)
        }
        for parser in EvidenceRegistry.all {
            let parsed = try parser.parse(parser.schema.example, context: EvidenceContext())
            XCTAssertFalse(parsed.fields.isEmpty, parser.id)
            XCTAssertEqual(
                EvidenceRegistry.detect(parser.schema.example)?.id, parser.id,
                "example of \(parser.id) is detected as another format")
            XCTAssertFalse(parser.schema.fields.isEmpty, parser.id)
            for spec in parser.schema.fields { XCTAssertFalse(spec.meaning.isEmpty, "\(parser.id).\(spec.name)") }
        }
        let catalog = ParserCatalog.lines()
        XCTAssertTrue(catalog.contains("eventviewer-copy  Event Viewer copied event text (2003 and 2008+ layouts)"))
        XCTAssertTrue(catalog.contains { $0.hasPrefix("    windows_hint ") && $0.contains("\"nt5\"") })
    }
}
