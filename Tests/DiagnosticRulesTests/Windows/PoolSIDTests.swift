import XCTest

@testable import DiagnosticRules

/// Pins pool SIDs against the published DefaultAppPool SID (domain notes §5).
final class PoolSIDTests: XCTestCase {
    static let defaultAppPoolSID = "S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415"

    func testDefaultAppPool() {
        XCTAssertEqual(SIDCalculator.appPoolSID(poolName: "DefaultAppPool"), Self.defaultAppPoolSID)
    }

    func testCaseAndAccountPrefixDoNotMatter() {
        XCTAssertEqual(SIDCalculator.appPoolSID(poolName: "defaultapppool"), Self.defaultAppPoolSID)
        XCTAssertEqual(SIDCalculator.appPoolSID(poolName: "DEFAULTAPPPOOL"), Self.defaultAppPoolSID)
        XCTAssertEqual(SIDCalculator.appPoolSID(poolName: #"IIS APPPOOL\DefaultAppPool"#), Self.defaultAppPoolSID)
        XCTAssertEqual(SIDCalculator.appPoolSID(poolName: #"iis apppool\DefaultAppPool"#), Self.defaultAppPoolSID)
        XCTAssertNotEqual(SIDCalculator.appPoolSID(poolName: "ShopPool"), Self.defaultAppPoolSID)
        XCTAssertTrue(SIDCalculator.appPoolSID(poolName: "ShopPool").hasPrefix("S-1-5-82-"))
    }

    func testIdentityTypesParseNamesAndNumbers() {
        let expected: [(String, Int, PoolIdentity, String?)] = [
            ("LocalSystem", 0, .localSystem, "S-1-5-18"),
            ("LocalService", 1, .localService, "S-1-5-19"),
            ("NetworkService", 2, .networkService, "S-1-5-20"),
            ("SpecificUser", 3, .specificUser, nil),
            ("ApplicationPoolIdentity", 4, .applicationPoolIdentity, nil)
        ]
        for (name, number, identity, sid) in expected {
            XCTAssertEqual(PoolIdentity(parsing: name), identity)
            XCTAssertEqual(PoolIdentity(parsing: name.lowercased()), identity)
            XCTAssertEqual(PoolIdentity(parsing: String(number)), identity)
            XCTAssertEqual(identity.rawValue, number)
            XCTAssertEqual(identity.configName, name)
            XCTAssertEqual(identity.wellKnownSID, sid)
        }
        XCTAssertNil(PoolIdentity(parsing: "5"))
        XCTAssertNil(PoolIdentity(parsing: "System"))
    }

    func testSIDForEachIdentity() {
        XCTAssertEqual(SIDCalculator.sid(for: .networkService, poolName: nil, userSID: nil), .success("S-1-5-20"))
        XCTAssertEqual(
            SIDCalculator.sid(for: .applicationPoolIdentity, poolName: "DefaultAppPool", userSID: nil),
            .success(Self.defaultAppPoolSID))
        XCTAssertEqual(
            SIDCalculator.sid(for: .applicationPoolIdentity, poolName: nil, userSID: nil), .failure(.missingPoolName))
        XCTAssertEqual(SIDCalculator.sid(for: .specificUser, poolName: nil, userSID: nil), .failure(.missingUserSID))
        XCTAssertEqual(
            SIDCalculator.sid(for: .specificUser, poolName: nil, userSID: "CONTOSO\\svc"),
            .failure(.invalidUserSID("CONTOSO\\svc")))
        XCTAssertEqual(
            SIDCalculator.sid(for: .specificUser, poolName: nil, userSID: "s-1-5-21-1-2-3-1001"),
            .success("S-1-5-21-1-2-3-1001"))
    }

    func testSIDSyntax() {
        for good in ["S-1-5-18", "S-1-5-32-568", Self.defaultAppPoolSID, "s-1-5-21-1004336348-1177238915-682003330-512"]
        {
            XCTAssertTrue(SIDCalculator.isValidSID(good), good)
        }
        for bad in ["", "S-1", "S-2-5-18", "S-1-5-", "S-1-5-x", "S-1-5-4294967296", "1-5-18", "S-1-5-18-", "S-1--5"] {
            XCTAssertFalse(SIDCalculator.isValidSID(bad), bad)
        }
    }

    func testWellKnownSIDs() {
        XCTAssertEqual(WellKnownSID.iisIUSRS, "S-1-5-32-568")
        XCTAssertEqual(WellKnownSID.entry(for: "s-1-5-32-568")?.account, "BUILTIN\\IIS_IUSRS")
        XCTAssertEqual(WellKnownSID.entry(for: "S-1-5-17")?.confirmed, false, "IUSR's SID is unconfirmed in the notes")
    }
}
