import XCTest

@testable import DiagnosticRules

/// The subcommands print these renderers; they must fit 80 columns and flag unconfirmed facts.
final class WindowsTextTests: XCTestCase {
    func assertFits(_ lines: [String], width: Int = 80, file: StaticString = #filePath, line: UInt = #line) {
        for l in lines where l.count > width {
            XCTFail("\(l.count) columns: \(l)", file: file, line: line)
        }
    }

    func testWrap() {
        XCTAssertEqual(TextWrap.wrap("aa bb cc", width: 5), ["aa bb", "cc"])
        XCTAssertEqual(
            TextWrap.field("Code", "one two three", labelWidth: 6, width: 13), ["Code  one two", "      three"])
        XCTAssertEqual(TextWrap.wrap(#"HKLM\SOFTWARE\Microsoft"#, width: 10), [#"HKLM\"#, #"SOFTWARE\"#, "Microsoft"])
        XCTAssertEqual(TextWrap.wrap("abcdefghij", width: 4), ["abcd", "efgh", "ij"])
        XCTAssertEqual(TextWrap.wrap("", width: 4, firstPrefix: "x"), ["x"])
        XCTAssertEqual(TextWrap.ranges([9, 1, 3, 4, 5]), "1, 3-5, 9")
        XCTAssertEqual(TextWrap.ranges([]), "")
    }

    func testErrorDecodeText() throws {
        let lines = try XCTUnwrap(ErrorDecoder.decode(text: "2148073478")).textLines()
        assertFits(lines)
        XCTAssertEqual(lines.first, "2148073478 -> 0x80090006 NTE_BAD_SIGNATURE")
        XCTAssertTrue(lines.contains("Signed     -2146893818"))
        XCTAssertTrue(lines.contains("Facility   9 (SECURITY/SSPI)"))
        XCTAssertTrue(lines.contains("Message    Invalid signature."))
        let unconfirmed = ErrorDecoder.decode(1385).textLines()
        assertFits(unconfirmed)
        XCTAssertTrue(unconfirmed.joined(separator: " ").contains("logon type (unconfirmed)"))
        XCTAssertTrue(ErrorDecoder.decode(0x8009_2004).textLines().contains("Message    (no confirmed text known)"))
    }

    func testPoolSIDReport() throws {
        let report = try PoolSIDReport.make(
            identity: .applicationPoolIdentity, poolName: #"IIS APPPOOL\DefaultAppPool"#,
            userSID: nil, versions: ASPNETVersion.allCases
        ).get()
        XCTAssertEqual(report.pool, "DefaultAppPool")
        XCTAssertEqual(report.account, #"IIS APPPOOL\DefaultAppPool"#)
        XCTAssertEqual(report.sid, PoolSIDTests.defaultAppPoolSID)
        XCTAssertEqual(report.autoGenKeys.map(\.version), ["2.0.50727.0", "4.0.30319.0"])
        let lines = report.textLines()
        assertFits(lines)
        XCTAssertTrue(lines.contains("  set SID=" + PoolSIDTests.defaultAppPoolSID))
        XCTAssertTrue(lines.contains(#"  reg query "HKU\%SID%\Software\Microsoft\ASP.NET\4.0.30319.0""#))
        XCTAssertTrue(lines.joined(separator: " ").contains("in ASP.NET's lookup order"))
        XCTAssertFalse(lines.joined(separator: " ").contains("lookup order is unconfirmed"))
        XCTAssertFalse(lines.joined().contains("(unconfirmed) (unconfirmed)"))

        let system = try PoolSIDReport.make(identity: .localSystem, poolName: nil, userSID: nil, versions: [.v4]).get()
        XCTAssertEqual(system.account, #"NT AUTHORITY\SYSTEM (LocalSystem)"#)
        assertFits(system.textLines())
        XCTAssertEqual(
            PoolSIDReport.make(identity: .specificUser, poolName: "x", userSID: "bad", versions: [.v4]),
            .failure(.invalidUserSID("bad")))
    }

    func testContainerReports() throws {
        let guid = KeyContainerTests.guid
        let report = ContainerNameReport.make(name: "iisConfigurationKey", machineGuid: guid.uppercased())
        XCTAssertEqual(report.fileName, "6de9cb26d2b98c01ec4e9e8b34824aa2_" + guid)
        XCTAssertEqual(report.known?.name, "iisConfigurationKey")
        assertFits(report.textLines())
        let odd = ContainerNameReport.make(name: "キー", machineGuid: guid)
        XCTAssertFalse(odd.ansiExact)
        XCTAssertNil(odd.fileName)

        let id = try XCTUnwrap(
            KeyContainerFile.identify(
                fileName: "bedbf0b4da5f8061b6444baedf4c00b1_" + guid,
                machineGuid: "00000000-0000-0000-0000-000000000000"))
        let lines = id.textLines()
        assertFits(lines)
        XCTAssertTrue(lines.contains { $0.hasPrefix("Confirmed  no (unconfirmed") })
        XCTAssertTrue(lines.joined(separator: " ").contains("differs from the MachineGuid"))
    }

    func testComparisonTextShowsNoMoreThanFourBytes() {
        let a = KeyComparisonTests.base
        let r = KeyComparison.classify(a, a)
        let text = r.textLines().joined(separator: "\n")
        assertFits(r.textLines())
        XCTAssertTrue(text.contains("Result     identical"))
        XCTAssertFalse(text.lowercased().contains(String(a.prefix(10)).lowercased()))
    }
}
