import XCTest

@testable import DiagnosticRules

/// Pins container file names against the published prefixes (domain notes §3.2).
final class KeyContainerTests: XCTestCase {
    static let published: [(String, String)] = [
        ("iisConfigurationKey", "6de9cb26d2b98c01ec4e9e8b34824aa2"),
        ("iisWasKey", "76944fb33636aeddb9590521c2e8815a"),
        ("NetFrameworkConfigurationKey", "d6d986f09a1ee04e24c949879fdb506c"),
        ("TSSecKeySet1", "f686aace6942fb7f7ceb231212eef4a4")
    ]
    static let guid = "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"

    func testPublishedPrefixes() {
        for (name, prefix) in Self.published {
            XCTAssertEqual(KeyContainerName.hashPrefix(name), prefix, name)
            XCTAssertEqual(KeyContainerName.hashPrefix(name.uppercased()), prefix, "names are lower-cased first")
            XCTAssertEqual(KeyContainerCatalog.container(hash: prefix)?.name, name)
        }
    }

    func testIIS6PrefixesMatchTheReportedFiles() {
        // Published only as the leading digits "c23" (IISADMIN's key) and "7a4" (vivekkum).
        XCTAssertTrue(KeyContainerName.hashPrefix("Microsoft Internet Information Server").hasPrefix("c23"))
        XCTAssertTrue(KeyContainerName.hashPrefix("MS IIS DCOM Server").hasPrefix("7a4"))
    }

    func testFileName() {
        XCTAssertEqual(
            KeyContainerName.fileName(container: "iisWasKey", machineGuid: "{5C1F7A2E-0D4B-4F3A-9E61-2B7C8D90A1F4}"),
            "76944fb33636aeddb9590521c2e8815a_" + Self.guid)
        XCTAssertNil(KeyContainerName.fileName(container: "iisWasKey", machineGuid: "not-a-guid"))
        XCTAssertNil(KeyContainerName.fileName(container: "キー", machineGuid: Self.guid))
        XCTAssertTrue(KeyContainerName.isANSIRepresentable("Clé€"))
        XCTAssertFalse(KeyContainerName.isANSIRepresentable("キー"))
    }

    func testWindows1252() {
        XCTAssertEqual(ANSICodePage.windows1252("é€"), [0xE9, 0x80])
        XCTAssertNil(ANSICodePage.windows1252("\u{81}"))
        XCTAssertEqual(ANSICodePage.windows1252Lossy("aキ"), [0x61, 0x3F])
    }

    func testCatalogFlagsUnconfirmedEntries() {
        let unknown = KeyContainerCatalog.container(hash: "BEDBF0B4DA5F8061B6444BAEDF4C00B1")
        XCTAssertNotNil(unknown)
        XCTAssertNil(unknown?.name)
        XCTAssertEqual(unknown?.confirmed, false)
        XCTAssertEqual(KeyContainerCatalog.container(named: "tsseckeyset1")?.confirmed, false)
        XCTAssertEqual(KeyContainerCatalog.container(named: "MS IIS DCOM Client")?.confirmed, false)
        XCTAssertEqual(KeyContainerCatalog.container(named: "iisWasKey")?.confirmed, true)
        XCTAssertEqual(Set(KeyContainerCatalog.all.map(\.hashPrefix)).count, KeyContainerCatalog.all.count)
    }

    func testParseFileName() throws {
        let p = try XCTUnwrap(
            KeyContainerFile.parse("76944FB33636AEDDB9590521C2E8815A_5C1F7A2E-0D4B-4F3A-9E61-2B7C8D90A1F4  \r\n"))
        XCTAssertEqual(p.hash, "76944fb33636aeddb9590521c2e8815a")
        XCTAssertEqual(p.machineGuid, Self.guid)
        for bad in [
            "", "76944fb33636aeddb9590521c2e8815a", "76944fb33636aeddb9590521c2e8815_" + Self.guid,
            "76944fb33636aeddb9590521c2e8815z_" + Self.guid, "76944fb33636aeddb9590521c2e8815a_x"
        ] {
            XCTAssertNil(KeyContainerFile.parse(bad), bad)
        }
    }

    func testIdentify() throws {
        let file = "6de9cb26d2b98c01ec4e9e8b34824aa2_" + Self.guid
        let same = try XCTUnwrap(KeyContainerFile.identify(fileName: file, machineGuid: Self.guid.uppercased()))
        XCTAssertEqual(same.container?.name, "iisConfigurationKey")
        XCTAssertEqual(same.guidMatches, true)
        let other = try XCTUnwrap(
            KeyContainerFile.identify(
                fileName: #"C:\ProgramData\Microsoft\Crypto\RSA\MachineKeys\"# + file,
                machineGuid: "00000000-0000-0000-0000-000000000001"))
        XCTAssertEqual(other.guidMatches, false)
        XCTAssertNil(try XCTUnwrap(KeyContainerFile.identify(fileName: file, machineGuid: nil)).guidMatches)
        let bare = try XCTUnwrap(
            KeyContainerFile.identify(fileName: "F686AACE6942FB7F7CEB231212EEF4A4", machineGuid: Self.guid))
        XCTAssertEqual(bare.container?.name, "TSSecKeySet1")
        XCTAssertNil(bare.machineGuid)
        XCTAssertNil(bare.guidMatches)
        XCTAssertNil(
            KeyContainerFile.identify(fileName: "0123456789abcdef0123456789abcdef_" + Self.guid, machineGuid: nil)?
                .container)
        XCTAssertNil(KeyContainerFile.identify(fileName: "readme.txt", machineGuid: nil))
        XCTAssertNil(KeyContainerFile.identify(fileName: file, machineGuid: "bad"))
    }
}

final class KeyContainerNonASCIITests: XCTestCase {
    /// Fullwidth digits pass Character.isHexDigit; Windows never writes them in file names.
    func testFullwidthHexIsNotAHashOrGUID() {
        let fullwidth = String(repeating: "\u{FF21}", count: 32)
        XCTAssertNil(KeyContainerFile.parse(fullwidth + "_5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"))
        XCTAssertNil(KeyContainerFile.identify(fileName: fullwidth, machineGuid: nil))
        XCTAssertNil(GUIDText.normalize("\u{FF21}c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"))
    }
}
