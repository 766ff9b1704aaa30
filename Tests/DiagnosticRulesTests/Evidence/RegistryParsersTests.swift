import Foundation
import XCTest

@testable import DiagnosticRules

final class RegQueryEvidenceTests: XCTestCase {
    let parser = RegQueryParser()

    func testMachineGuidLFAndCRLFGiveTheSameFields() throws {
        for name in ["reg-query-machineguid.txt", "reg-query-machineguid.crlf.txt"] {
            let parsed = try parser.parse(try EvidenceFixtures.text(name), context: EvidenceContext())
            XCTAssertEqual(parsed.kind, "reg-query")
            XCTAssertEqual(
                parsed.value("registry_key"), .string("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography"))
            XCTAssertEqual(parsed.field("registry_key")?.line, 2)
            XCTAssertEqual(parsed.value("machine_guid"), .guid("5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"))
            XCTAssertEqual(parsed.field("machine_guid")?.line, 3)
            XCTAssertEqual(parsed.strings("values"), ["MachineGuid=REG_SZ=5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"])
            XCTAssertFalse(parsed.containsSecrets)
            XCTAssertTrue(parsed.summary.contains("5c1f7a2e"))
        }
    }

    func testAutoGenKeyIsFingerprintedNeverEmitted() throws {
        let parsed = try parser.parse(try EvidenceFixtures.text("reg-query-autogenkey.txt"), context: EvidenceContext())
        XCTAssertTrue(parsed.containsSecrets)
        XCTAssertEqual(parsed.value("autogen_key_present"), .boolean(true))
        XCTAssertEqual(parsed.value("autogen_key_length"), .integer(1024))
        let secret = try EvidenceFixtures.secrets()[0]
        let expected = KeyFingerprint(hexKey: secret)!.description
        XCTAssertEqual(parsed.value("autogen_key_fingerprint"), .string(expected))
        XCTAssertEqual(parsed.value("autogen_key_creation_time"), .integer(0x01DA_A59B_6B3F_2E80))
        XCTAssertEqual(parsed.value("autogen_key_format"), .integer(1))
        XCTAssertEqual(parsed.field("autogen_key_present")?.line, 3)
        XCTAssertEqual(
            parsed.strings("values"),
            ["AutoGenKeyCreationTime=REG_QWORD=0x1daa59b6b3f2e80", "AutoGenKeyFormat=REG_DWORD=0x1"])
        XCTAssertEqual(parsed.strings("autogen_key_names"), ["AutoGenKeyV4"])
    }

    func testMissingValueIsEvidence() throws {
        let parsed = try parser.parse(try EvidenceFixtures.text("reg-query-missing.txt"), context: EvidenceContext())
        XCTAssertEqual(parsed.value("registry_value_missing"), .boolean(true))
        XCTAssertEqual(parsed.field("registry_value_missing")?.line, 2)
        XCTAssertNil(parsed.field("machine_guid"))
    }

    func testValueNamesWithSpacesDefaultValueAndPrompt() throws {
        let text =
            "C:\\>reg query HKLM\\SOFTWARE\\X\n\nHKEY_LOCAL_MACHINE\\SOFTWARE\\X\n    (Default)    REG_SZ    hello world\n    Some Name    REG_DWORD    0x10\n    Empty    REG_SZ\n"
        let parsed = try parser.parse(text, context: EvidenceContext())
        XCTAssertEqual(
            parsed.strings("values"), ["(Default)=REG_SZ=hello world", "Some Name=REG_DWORD=0x10", "Empty=REG_SZ="])
        XCTAssertEqual(parsed.notes.first?.line, 1)
    }

    func testGarbageIsAnErrorWithItsLine() {
        assertEvidenceError(try parser.parse("\n\nnot registry output\n", context: EvidenceContext())) { error in
            XCTAssertEqual(error.line, 3)
            XCTAssertEqual(error.parser, "reg-query")
            XCTAssertTrue(error.expected.contains("HKEY_"))
        }
    }

    func testAutoGenFamilyNames() {
        XCTAssertTrue(RegistryEvidence.isAutoGenSecret("AutoGenKey"))
        XCTAssertTrue(RegistryEvidence.isAutoGenSecret("AutoGenKeyV4"))
        XCTAssertFalse(RegistryEvidence.isAutoGenSecret("AutoGenKeyCreationTime"))
        XCTAssertFalse(RegistryEvidence.isAutoGenSecret("AutoGenKeyFormat"))
    }
}

final class RegExportEvidenceTests: XCTestCase {
    let parser = RegExportParser()

    func testUTF16LEExportWithContinuations() throws {
        let text = try EvidenceFixtures.text("reg-export-autogenkey.reg")
        XCTAssertGreaterThanOrEqual(parser.detect(text), 90)
        let parsed = try parser.parse(text, context: EvidenceContext())
        XCTAssertTrue(parsed.containsSecrets)
        XCTAssertEqual(parsed.field("registry_key")?.line, 3)
        XCTAssertEqual(parsed.value("autogen_key_length"), .integer(1024))
        let secret = try EvidenceFixtures.secrets()[0]
        XCTAssertEqual(parsed.value("autogen_key_fingerprint"), .string(KeyFingerprint(hexKey: secret)!.description))
        XCTAssertEqual(parsed.field("autogen_key_fingerprint")?.line, 4)
        XCTAssertEqual(parsed.value("autogen_key_creation_time"), .integer(0x01DA_A59B_6B3F_2E80))
        XCTAssertEqual(parsed.value("autogen_key_format"), .integer(1))
        // Same fields as reg query for the same data.
        let query = try RegQueryParser().parse(
            try EvidenceFixtures.text("reg-query-autogenkey.txt"), context: EvidenceContext())
        for name in [
            "autogen_key_fingerprint", "autogen_key_length", "autogen_key_creation_time", "autogen_key_format", "values"
        ] {
            XCTAssertEqual(parsed.value(name), query.value(name), name)
        }
    }

    func testMachineGuidExportUTF16AndUTF8() throws {
        for name in ["reg-export-machineguid.reg", "reg-export-machineguid.utf8.reg"] {
            let parsed = try parser.parse(try EvidenceFixtures.text(name), context: EvidenceContext())
            XCTAssertEqual(parsed.value("machine_guid"), .guid("5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"))
            XCTAssertEqual(parsed.field("machine_guid")?.line, 4)
            XCTAssertEqual(
                parsed.value("registry_key"), .string("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography"))
        }
    }

    func testEscapesDwordAndExpandString() throws {
        let text = """
            REGEDIT4

            [HKEY_LOCAL_MACHINE\\SOFTWARE\\X]
            "Quote \\"q\\""="C:\\\\path"
            "Count"=dword:0000001f
            "Path"=hex(2):25,00,53,00,00,00
            @="def"
            """
        let parsed = try parser.parse(text, context: EvidenceContext())
        XCTAssertEqual(
            parsed.strings("values"),
            ["Quote \"q\"=REG_SZ=C:\\path", "Count=REG_DWORD=0x1f", "Path=REG_EXPAND_SZ=%S", "(Default)=REG_SZ=def"])
    }

    func testNotAnExport() {
        assertEvidenceError(try parser.parse("hello\nworld", context: EvidenceContext())) { XCTAssertEqual($0.line, 1) }
        assertEvidenceError(
            try parser.parse("Windows Registry Editor Version 5.00\n\nrubbish\n", context: EvidenceContext())
        ) { XCTAssertEqual($0.line, 3) }
    }
}
