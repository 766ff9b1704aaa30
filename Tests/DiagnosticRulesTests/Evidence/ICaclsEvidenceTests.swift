import Foundation
import XCTest

@testable import DiagnosticRules

final class ICaclsEvidenceTests: XCTestCase {
    let parser = ICaclsParser()
    let folder = "C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys"

    func testFolderWithInheritOnlySystem() throws {
        let text = try EvidenceFixtures.text("icacls-folder.txt")
        XCTAssertEqual(EvidenceRegistry.detect(text)?.id, "icacls")
        let parsed = try parser.parse(text, context: EvidenceContext())
        XCTAssertEqual(parsed.strings("acl_paths"), [folder])
        XCTAssertEqual(
            parsed.strings("acl_entries"),
            [
                "\(folder)|Everyone|(R,W)", "\(folder)|BUILTIN\\Administrators|(F)",
                "\(folder)|NT AUTHORITY\\SYSTEM|(OI)(CI)(IO)(F)"
            ])
        XCTAssertEqual(parsed.value("administrators_full_control"), .boolean(true))
        XCTAssertEqual(parsed.value("system_full_control"), .boolean(false))
        XCTAssertEqual(parsed.value("everyone_has_access"), .boolean(true))
        XCTAssertEqual(parsed.strings("acl_problems"), ["SYSTEM lacks Full Control on MachineKeys folder"])
        XCTAssertEqual(parsed.value("files_processed"), .integer(1))
        XCTAssertEqual(parsed.value("files_failed"), .integer(0))
    }

    func testFilesWithSpacesInPrincipalAndAccessDenied() throws {
        let parsed = try parser.parse(try EvidenceFixtures.text("icacls-files.txt"), context: EvidenceContext())
        let file = "\(folder)\\6de9cb26d2b98c01ec4e9e8b34824aa2_5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"
        XCTAssertEqual(parsed.strings("acl_paths"), [file])
        XCTAssertEqual(parsed.strings("acl_entries")?.last, "\(file)|IIS APPPOOL\\Shop Pool|(R)")
        XCTAssertEqual(
            parsed.strings("access_denied_paths"),
            ["\(folder)\\76944fb33636aeddb9590521c2e8815a_5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"])
        XCTAssertEqual(parsed.field("access_denied_paths")?.line, 4)
        XCTAssertNil(parsed.field("system_full_control"), "folder not listed: unknown, not false")
        XCTAssertEqual(parsed.value("everyone_has_access"), .boolean(false))
    }

    func testPathWithSpacesSingleEntry() throws {
        let parsed = try parser.parse(
            "C:\\Documents and Settings\\All Users\\Application Data\\Microsoft\\Crypto\\RSA\\MachineKeys NT AUTHORITY\\SYSTEM:(F)\n",
            context: EvidenceContext())
        XCTAssertEqual(
            parsed.strings("acl_paths"),
            ["C:\\Documents and Settings\\All Users\\Application Data\\Microsoft\\Crypto\\RSA\\MachineKeys"])
        XCTAssertEqual(parsed.value("system_full_control"), .boolean(true))
        XCTAssertEqual(parsed.value("administrators_full_control"), .boolean(false))
    }

    func testGarbage() {
        assertEvidenceError(try parser.parse("\nnothing to see\n", context: EvidenceContext())) {
            XCTAssertEqual($0.line, 2)
        }
    }
}
