import DiagnosticRules
import Foundation
import WindowsArtifacts
import XCTest

/// The .evtx reader on the real samples (read as they are) and on bad and mutated copies.
final class EventLogEvidenceReaderTests: XCTestCase {
    func testSample7036ListsEverySCMEventNewestFirstWithServiceAndState() throws {
        let parsed = try EventLogEvidenceReader.read(path: Samples.evtx7036)
        XCTAssertEqual(parsed.kind, "event-log-file")
        guard case .list(let events)? = parsed.field("events")?.value else { return XCTFail("no events list") }
        // libyal's evtxexport reads the same six records: 7036, "<service>", "<state>".
        XCTAssertEqual(
            events.map(\.description),
            [
                "record 6  time not recorded  7036  Service Control Manager  Windows Insider Service | stopped",
                "record 5  time not recorded  7036  Service Control Manager  TCP/IP NetBIOS Helper | running",
                "record 4  2020-09-23T16:58:45Z  7036  Service Control Manager  Time Broker | running",
                "record 3  2020-09-23T16:58:24Z  7036  Service Control Manager  Windows Event Log | running",
                "record 2  2020-09-23T16:58:21Z  7036  Service Control Manager  Windows Insider Service | running",
                "record 1  2020-09-23T16:57:41Z  7036  Service Control Manager  Windows Error Reporting Service | running"
            ])
        // 7036 is not an event the playbooks use: no event fields, and a note says so.
        XCTAssertNil(parsed.field("event_id"))
        XCTAssertEqual(parsed.field("event_count")?.value, .integer(0))
        XCTAssertTrue(parsed.notes.contains { $0.message.contains("no event 1309, 1310, 1316, 7000, 7023, 7024") })
    }

    func testSample7045ServiceInstalled() throws {
        let parsed = try EventLogEvidenceReader.read(path: Samples.evtx7045)
        guard case .list(let events)? = parsed.field("events")?.value else { return XCTFail("no events list") }
        XCTAssertEqual(events.count, 1)
        XCTAssertTrue(
            events[0].description.hasPrefix(
                "record 1  2019-05-12T12:52:44Z  7045  Service Control Manager  WinPwnage | "), events[0].description)
        XCTAssertTrue(
            events[0].description.hasSuffix("| user mode service | demand start | LocalSystem"), events[0].description)
    }

    func testDerived7024GivesTheEventFieldsOfThePastedForms() throws {
        let parsed = try EventLogEvidenceReader.read(path: Samples.evtx7024)
        XCTAssertEqual(parsed.field("event_id")?.value, .integer(7024))
        XCTAssertEqual(parsed.field("service_name")?.value, .string("IIS Admin Service"))
        // %%2148073478 decoded as the text forms decode it: NTE_BAD_SIGNATURE.
        XCTAssertEqual(parsed.field("error_code")?.value, .integer(2_148_073_478))
        XCTAssertEqual(parsed.field("error_code")?.place, "record 6")
        XCTAssertEqual(parsed.field("error_code")?.line, 0)
        XCTAssertEqual(parsed.field("time_created")?.value, .string("2020-09-23T17:05:00Z"))
        XCTAssertEqual(parsed.field("event_count")?.value, .integer(1))
    }

    func testBadFilesGetOneClearLineEach() throws {
        let folder = try Samples.temporaryFolder(self)
        let real = try Data(contentsOf: URL(fileURLWithPath: Samples.evtx7036))
        let cases: [(String, Data, String)] = [
            ("empty.evtx", Data(), "the file is empty"),
            (
                "text.evtx", Data("Log Name: System\r\nSource: Service Control Manager\r\n".utf8),
                "not an .evtx event log"
            ),
            ("short.evtx", real.prefix(1000), "truncated .evtx file: 1000 bytes"),
            ("cut.evt", Data([0x30, 0, 0, 0]) + Data("LfLe".utf8), "not a readable .evt file")
        ]
        for (name, data, expected) in cases {
            let path = folder + "/" + name
            try data.write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(
                try ArtifactReader.read(path: path, format: ArtifactReader.format(ofFileAt: path) ?? .eventLog)
            ) { error in
                let line = "\(error)"
                XCTAssertTrue(line.hasPrefix(path + ": "), line)
                XCTAssertTrue(line.contains(expected), line)
                XCTAssertFalse(line.contains("\n"), line)
            }
        }
        // Cut after the header and the first records: what is left is read or refused, no crash.
        let cut = folder + "/cut.evtx"
        try real.prefix(6000).write(to: URL(fileURLWithPath: cut))
        do { _ = try EventLogEvidenceReader.read(path: cut) } catch { XCTAssertFalse("\(error)".contains("\n")) }
    }

    /// A real Windows 2000/2003-format .evt log, read through libevt into the same records.
    func testRealEvtLogThroughLibevt() throws {
        let file = try LegacyEventLogFile(path: Samples.path("TestLog.evt"))
        XCTAssertEqual(try file.recordCount(), 5)
        let first = try file.record(at: 0)
        XCTAssertEqual(first.recordNumber, 1)
        XCTAssertEqual(first.eventIdentifier, 1)
        XCTAssertEqual(first.sourceName, "TestApp")
        XCTAssertEqual(first.computer, "POPSICKL-79ADD4")
        XCTAssertEqual(first.strings, ["Test log entry, information"])
        XCTAssertEqual(FileTime.utcText(Int64(first.writtenTime)), "2021-07-21T02:40:16Z")
        XCTAssertEqual(try file.record(at: 1).level, 2, "an error event (type 1) is level 2 as in .evtx")
        // As evidence: no Service Control Manager or ASP.NET event in it, and it says so.
        let parsed = try ArtifactReader.read(path: Samples.path("TestLog.evt"), format: .legacyEventLog)
        XCTAssertEqual(parsed.summary, "5 records, 0 Service Control Manager / ASP.NET events")
        XCTAssertEqual(parsed.field("event_count")?.value, .integer(0))
        // The dirty copy is read too (or refused with one line), never a crash.
        do { _ = try EventLogEvidenceReader.read(path: Samples.path("TestLog-dirty.evt")) } catch {
            XCTAssertFalse("\(error)".contains("\n"))
        }
    }

    /// Mutated copies of the real logs (bytes flipped, ranges zeroed, cut short): every one
    /// is read or refused with an error, never a crash. Bounded and seeded.
    func testFuzzMutatedRealLogs() throws {
        let folder = try Samples.temporaryFolder(self)
        var generator = Samples.Generator(state: 14)
        var read = 0
        var refused = 0
        for source in [
            Samples.evtx7036, Samples.evtx7045, Samples.evtx7024, Samples.path("TestLog.evt"),
            Samples.path("TestLog-dirty.evt")
        ] {
            let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: source)))
            for iteration in 0..<100 {
                var bytes = original
                switch iteration % 3 {
                case 0:
                    for _ in 0..<(1 + Int(generator.next() % 16)) {
                        bytes[Int(generator.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: generator.next())
                    }
                case 1:
                    let skip = min(4096, bytes.count / 4)
                    let start = skip + Int(generator.next() % UInt64(bytes.count - skip))
                    let length = min(bytes.count - start, Int(generator.next() % 512))
                    for i in start..<(start + length) { bytes[i] = UInt8(truncatingIfNeeded: generator.next()) }
                default:
                    bytes = Array(bytes.prefix(Int(generator.next() % UInt64(bytes.count))))
                }
                let path = folder + "/fuzz" + (source.hasSuffix(".evt") ? ".evt" : ".evtx")
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                do {
                    _ = try EventLogEvidenceReader.read(path: path)
                    read += 1
                } catch {
                    refused += 1
                    XCTAssertFalse("\(error)".contains("\n"))
                }
            }
        }
        XCTAssertEqual(read + refused, 500)
    }
}
