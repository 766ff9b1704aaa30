import Foundation
import XCTest

@testable import DiagnosticRules

final class MachineKeysListingEvidenceTests: XCTestCase {
    let parser = MachineKeysListingParser()
    let guid = "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"
    let oldGuid = "0b8e2f4c-7a1d-4e55-8c3b-9f6a2d1e7c40"

    func testCmdDir() throws {
        let parsed = try parser.parse(try EvidenceFixtures.text("machinekeys-dir.txt"), context: EvidenceContext())
        XCTAssertEqual(parsed.value("folder"), .string("C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys"))
        XCTAssertEqual(parsed.field("folder")?.line, 4)
        XCTAssertEqual(parsed.strings("key_files")?.count, 6)
        XCTAssertEqual(parsed.strings("key_files")?.last, "desktop.ini")
        XCTAssertEqual(parsed.field("key_files")?.line, 8)
        XCTAssertEqual(parsed.value("guid_suffixes"), .list([.guid(guid), .guid(oldGuid)]))
        XCTAssertEqual(parsed.strings("hash_prefixes")?.first, "6de9cb26d2b98c01ec4e9e8b34824aa2")
        XCTAssertEqual(parsed.strings("unparsed_files"), ["desktop.ini"])
        XCTAssertEqual(parsed.value("key_file_count"), .integer(5))
        XCTAssertTrue(parsed.notes.contains { $0.message.contains("desktop.ini") })
    }

    func testDirBareAndGetChildItemAgree() throws {
        let bare = try parser.parse(try EvidenceFixtures.text("machinekeys-dir-b.txt"), context: EvidenceContext())
        let gci = try parser.parse(try EvidenceFixtures.text("machinekeys-gci.txt"), context: EvidenceContext())
        XCTAssertEqual(bare.value("key_files"), gci.value("key_files"))
        XCTAssertEqual(bare.value("guid_suffixes"), .list([.guid(guid), .guid(oldGuid)]))
        XCTAssertEqual(gci.value("folder"), .string("C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys"))
        XCTAssertEqual(gci.field("key_files")?.line, 7)
        XCTAssertNil(bare.field("folder"))
        XCTAssertEqual(bare.strings("unparsed_files"), [])
    }

    func testFullPathsGiveNamesAndFolder() throws {
        let parsed = try parser.parse(try EvidenceFixtures.text("machinekeys-paths.txt"), context: EvidenceContext())
        XCTAssertEqual(
            parsed.strings("key_files"),
            ["6de9cb26d2b98c01ec4e9e8b34824aa2_\(guid)", "76944fb33636aeddb9590521c2e8815a_\(guid)"])
        XCTAssertEqual(parsed.value("folder"), .string("C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys"))
    }

    func testUpperCaseHashIsLowerCasedAndBracedGuidIsNotAKeyName() throws {
        let parsed = try parser.parse(
            "6DE9CB26D2B98C01EC4E9E8B34824AA2_\(guid.uppercased())\n", context: EvidenceContext())
        XCTAssertEqual(parsed.strings("hash_prefixes"), ["6de9cb26d2b98c01ec4e9e8b34824aa2"])
        XCTAssertEqual(parsed.value("guid_suffixes"), .list([.guid(guid)]))
        XCTAssertNil(MachineKeysListingParser.keyName("6de9cb26d2b98c01ec4e9e8b34824aa2_{\(guid)}"))
    }

    func testNoKeyFilesIsAnError() {
        assertEvidenceError(try parser.parse("hello world\nfoo bar\n", context: EvidenceContext())) {
            XCTAssertEqual($0.line, 1)
        }
        assertEvidenceError(try parser.parse("readme.txt\n", context: EvidenceContext()))
        let empty =
            " Directory of C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys\n\n05/14/2024  08:02 AM    <DIR>          .\n               0 File(s)              0 bytes\n"
        assertEvidenceError(try parser.parse(empty, context: EvidenceContext())) {
            XCTAssertTrue($0.found.contains("without any files"))
        }
    }
}
