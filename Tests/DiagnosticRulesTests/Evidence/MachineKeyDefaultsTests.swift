import XCTest

@testable import DiagnosticRules

/// What ASP.NET uses when `<machineKey>` leaves an attribute out: validation HMACSHA256,
/// decryption Auto, keys AutoGenerate,IsolateApps (domain notes §4).
final class MachineKeyDefaultsTests: XCTestCase {
    func testOmittedAlgorithmsAreTheDefaults() throws {
        let parsed = try MachineKeyConfigParser().parse(
            "<configuration><system.web><machineKey validationKey=\"AutoGenerate,IsolateApps\" decryptionKey=\"AutoGenerate,IsolateApps\" /></system.web></configuration>",
            context: EvidenceContext())
        XCTAssertEqual(parsed.value("validation"), .string("HMACSHA256"))
        XCTAssertEqual(parsed.value("decryption"), .string("Auto"))
        XCTAssertEqual(parsed.value("validation_key_mode"), .string("autogenerate"))
        XCTAssertEqual(parsed.value("validation_key_isolate_apps"), .boolean(true))
        XCTAssertFalse(parsed.containsSecrets)
    }

    func testNoMachineKeyAtAllGivesTheDefaults() throws {
        let parsed = try MachineKeyConfigParser().parse(
            "<configuration><system.web><httpRuntime targetFramework=\"4.8\" /></system.web></configuration>",
            context: EvidenceContext())
        XCTAssertEqual(parsed.value("machinekey_present"), .boolean(false))
        XCTAssertEqual(parsed.value("validation"), .string("HMACSHA256"))
        XCTAssertEqual(parsed.value("decryption"), .string("Auto"))
        XCTAssertEqual(parsed.value("validation_key_mode"), .string("default"))
        XCTAssertEqual(parsed.value("compatibility_mode"), .string("Framework45"))
    }
}
