import Foundation
import XCTest

@testable import DiagnosticRules

final class ConfigScannerTests: XCTestCase {
    var dir = ""
    override func setUp() {
        dir = NSTemporaryDirectory() + "kw-scan-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func write(_ name: String, _ text: String) {
        let path = dir + "/" + name
        try? FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static let keyA = String(repeating: "1A2B3C4D", count: 16)
    static let keyB = String(repeating: "9F8E7D6C", count: 16)
    static let dk = String(repeating: "0F1E2D3C", count: 8)

    func testFindsEveryMachineKeyWithLocationsDisclosureAndDisagreement() throws {
        write(
            "inetpub/site1/web.config",
            """
            <configuration>
              <system.web><machineKey validationKey="\(Self.keyA)" decryptionKey="\(Self.dk)" validation="HMACSHA256" decryption="AES"/></system.web>
            </configuration>
            """)
        write(
            "inetpub/site2/web.config",
            """
            <configuration>
              <location path="Default Web Site/app">
                <system.web><machineKey validationKey="\(Self.keyB),IsolateApps" decryptionKey="\(Self.dk)" validation="HMACSHA256" decryption="AES"/></system.web>
              </location>
            </configuration>
            """)
        write(
            "Framework64/Config/machine.config",
            """
            <configuration><system.web><machineKey validationKey="AutoGenerate,IsolateByAppId" decryptionKey="AutoGenerate"/></system.web></configuration>
            """)
        write("inetpub/site3/web.config", "<configuration><system.web/></configuration>")
        write("inetpub/site3/readme.txt", "<machineKey validationKey=\"\(Self.keyA)\"/>")
        write("inetpub/broken/web.config", "<configuration>\n<machineKey validationKey=\"x\">\n")
        let files = try ConfigScanner.files(under: [dir])
        XCTAssertEqual(files.count, 5)
        let context = EvidenceContext(
            knownKeyDigests: [KnownKeys.digest(ofKeyText: Self.keyB)], knownKeyListVersion: "test list")
        let scan = ConfigScanner.scan(files: files, context: context)
        XCTAssertEqual(scan.filesScanned, 5)
        XCTAssertEqual(scan.entries.count, 3)
        let located = try XCTUnwrap(scan.entries.first { $0.location != nil })
        XCTAssertEqual(located.location, "Default Web Site/app")
        XCTAssertEqual(located.line, 3)
        XCTAssertEqual(located.validationKey.modifiers, ["IsolateApps"])
        XCTAssertEqual(located.validationKey.disclosed, true)
        XCTAssertEqual(located.decryptionKey.disclosed, false)
        let auto = try XCTUnwrap(scan.entries.first { $0.file.hasSuffix("machine.config") })
        XCTAssertEqual(auto.validationKey.mode, "autogenerate")
        XCTAssertEqual(auto.validationKey.modifiers, ["IsolateByAppId"])
        XCTAssertTrue(scan.critical)
        XCTAssertTrue(scan.disagree)
        XCTAssertEqual(scan.groups.count, 2)
        XCTAssertEqual(scan.problems.count, 1)
        XCTAssertTrue(scan.problems[0].file.hasSuffix("broken/web.config"))

        let json = try ConfigScanReport.json(scan)
        for member in [
            "\"format\" : \"keywizard-scan/1\"", "\"files_scanned\" : 5", "\"compatibility_mode\"",
            "\"validation_key\"", "\"critical\" : true", "\"disclosed_count\" : 1"
        ] {
            XCTAssertTrue(json.contains(member), member)
        }
        let text = ConfigScanReport.text(scan).joined(separator: "\n")
        XCTAssertTrue(text.contains("DISAGREE"), text)
        XCTAssertTrue(text.contains("<location path=\"Default Web Site/app\">"), text)
        for secret in [Self.keyA, Self.keyB, Self.dk] {
            XCTAssertFalse(json.uppercased().contains(secret.prefix(16)), "key material in JSON")
            XCTAssertFalse(text.uppercased().contains(secret.prefix(16)), "key material in text")
        }
    }

    func testAgreeingFilesAndNoListAreNotCritical() throws {
        for site in ["a", "b"] {
            write(
                "\(site)/web.config",
                "<configuration><system.web><machineKey validationKey=\"\(Self.keyA)\" decryptionKey=\"\(Self.dk)\"/></system.web></configuration>"
            )
        }
        let scan = ConfigScanner.scan(files: try ConfigScanner.files(under: [dir]), context: EvidenceContext())
        XCTAssertFalse(scan.critical)
        XCTAssertFalse(scan.disagree)
        XCTAssertEqual(scan.groups.first?.members.count, 2)
        XCTAssertNil(scan.entries[0].validationKey.disclosed)
        XCTAssertThrowsError(try ConfigScanner.files(under: [dir + "/missing"]))
    }

    /// The fast tag scanner and the full XML parser read the same elements, lines and locations.
    func testFastScannerAgreesWithTheXMLParser() throws {
        let text = """
            <?xml version="1.0" encoding="utf-8"?>
            <!-- <machineKey validationKey="commented out"/> -->
            <configuration xmlns:x="urn:x">
              <system.web>
                <httpRuntime targetFramework="4.7.2" />
                <machineKey validationKey="\(Self.keyA)"
                            decryptionKey="\(Self.dk)" validation="SHA1" />
              </system.web>
              <![CDATA[ <machineKey validationKey="in cdata"/> ]]>
              <location path="Default Web Site/a&amp;b">
                <system.web><x:machineKey validationKey="AutoGenerate,IsolateApps"></x:machineKey></system.web>
              </location>
            </configuration>
            """
        let fast = ConfigScanner.scanData(Data(text.utf8), file: "f", context: EvidenceContext())
        let full = ConfigScanner.scanText(text, file: "f", context: EvidenceContext())
        XCTAssertEqual(fast.0, full.0)
        XCTAssertEqual(fast.0.count, 2)
        XCTAssertEqual(fast.0.map(\.line), [6, 11])
        XCTAssertEqual(fast.0[1].location, "Default Web Site/a&b")
        XCTAssertEqual(fast.0[0].compatibilityMode, "Framework45")
        XCTAssertNil(MachineKeyTagScanner.scan(Array("<configuration><system.web></configuration>".utf8)))
    }
}
