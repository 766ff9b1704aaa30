import XCTest

@testable import DiagnosticRules

final class AutoGenKeyLocationTests: XCTestCase {
    let sid = PoolSIDTests.defaultAppPoolSID

    func testDefaultAppPool4x() {
        let l = AutoGenKeyLocations.locations(sid: sid, identity: .applicationPoolIdentity, frameworkVersion: .v4)
        XCTAssertEqual(
            l.map(\.key),
            [
                #"HKU\S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415\Software\Microsoft\ASP.NET\4.0.30319.0"#,
                #"HKLM\SOFTWARE\Microsoft\ASP.NET\4.0.30319.0\AutoGenKeys\S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415"#
            ])
        XCTAssertEqual(l.map(\.kind), [.userHive, .machineAutoGenKeys])
        XCTAssertEqual(l.map(\.lookupOrder), [1, 2])
        XCTAssertEqual(l[0].values.map(\.name), ["AutoGenKeyV4", "AutoGenKeyCreationTime", "AutoGenKeyFormat"])
        XCTAssertEqual(l[0].regQuery, "reg query \"\(l[0].key)\"")
        XCTAssertTrue(
            l.allSatisfy { $0.orderConfirmed },
            "HKCU of the identity, then HKLM AutoGenKeys: cited (darkthread, machine-keys.md 4.1)")
        let format = l[0].values.first { $0.name == "AutoGenKeyFormat" }
        XCTAssertEqual(format?.confirmed, false, "AutoGenKeyFormat is documented for 2.0.50727.0 only")
    }

    func testDefaultAppPool2x() {
        let l = AutoGenKeyLocations.locations(sid: sid, identity: .applicationPoolIdentity, frameworkVersion: .v2)
        XCTAssertEqual(
            l[0].key,
            #"HKU\S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415\Software\Microsoft\ASP.NET\2.0.50727.0"#
        )
        XCTAssertEqual(l[0].values.first?.name, "AutoGenKey")
        XCTAssertTrue(l[0].confirmed)
        XCTAssertEqual(
            l[1].key,
            #"HKLM\SOFTWARE\Microsoft\ASP.NET\2.0.50727.0\AutoGenKeys\S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415"#
        )
        XCTAssertTrue(l[1].confirmed, "darkthread's test page reads HKLM AutoGenKeys for 2.0.50727.0")
        let format = l[0].values.first { $0.name == "AutoGenKeyFormat" }
        XCTAssertEqual(format?.confirmed, true)
        XCTAssertEqual(format?.meaning, "1 = the key is stored encrypted (DPAPI user store), 2 = stored as clear text")
    }

    func testLocalSystemUsesTheLSASecret() {
        let l = AutoGenKeyLocations.locations(sid: "S-1-5-18", identity: .localSystem, frameworkVersion: .v4)
        XCTAssertEqual(l.first?.key, #"HKLM\SECURITY\Policy\Secrets\L$ASP.NETAutoGenKeysV44.0.30319.0"#)
        XCTAssertEqual(l.first?.kind, .lsaSecret)
        XCTAssertEqual(l.first?.values.map(\.name), ["CupdTime"])
        XCTAssertEqual(l.last?.key, #"HKLM\SOFTWARE\Microsoft\ASP.NET\4.0.30319.0\AutoGenKeys\S-1-5-18"#)
    }

    func testVersionParsing() {
        XCTAssertEqual(ASPNETVersion(parsing: "2.0"), .v2)
        XCTAssertEqual(ASPNETVersion(parsing: "v4.0.30319"), .v4)
        XCTAssertEqual(ASPNETVersion(parsing: "4.8"), .v4)
        XCTAssertEqual(ASPNETVersion(parsing: "3.5"), .v2)
        XCTAssertNil(ASPNETVersion(parsing: "5.0"))
        XCTAssertNil(ASPNETVersion(parsing: "both"))
    }
}
