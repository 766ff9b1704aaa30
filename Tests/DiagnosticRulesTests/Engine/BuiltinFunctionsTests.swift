import XCTest

@testable import DiagnosticRules

/// Every built-in function a playbook can call, with its edge cases: case rules, empty
/// lists, GUID normalisation, and unknown (nil) where the documentation promises it.
final class BuiltinFunctionsTests: XCTestCase {
    private func call(_ name: String, _ args: Value...) -> Value? {
        guard let f = Builtins.named(name) else {
            XCTFail("no built-in \(name)")
            return nil
        }
        XCTAssertEqual(f.parameters.count, args.count, name)
        return f.call(args)
    }

    private func strings(_ items: String...) -> Value { .list(items.map(Value.string)) }

    static let guid = "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"
    static let other = "0b8e2f4c-7a1d-4e55-8c3b-9f6a2d1e7c40"

    func testTextFunctions() {
        XCTAssertEqual(call("lower", .string("IIS Admin")), .string("iis admin"))
        XCTAssertEqual(call("upper", .string("iis admin")), .string("IIS ADMIN"))
        XCTAssertEqual(call("starts_with", .string("IIS Admin Service"), .string("iis")), .boolean(true))
        XCTAssertEqual(call("starts_with", .string("The IIS Admin"), .string("IIS")), .boolean(false))
        XCTAssertEqual(
            call("contains_text", .string("The IIS Admin Service"), .string("admin SERVICE")), .boolean(true))
        XCTAssertEqual(call("contains_text", .string("W3SVC"), .string("admin")), .boolean(false))
        XCTAssertEqual(call("text", .integer(42)), .string("42"))
        XCTAssertEqual(call("text", .boolean(true)), .string("true"))
    }

    func testListFunctions() {
        XCTAssertEqual(call("count", strings("a", "b", "a")), .integer(3))
        XCTAssertEqual(call("count", .list([])), .integer(0))
        XCTAssertEqual(call("first", strings("x", "y")), .string("x"))
        XCTAssertNil(call("first", .list([])))
        XCTAssertEqual(call("distinct", strings("b", "a", "b", "c", "a")), strings("b", "a", "c"))
        XCTAssertEqual(call("concat", strings("a", "b"), strings("b", "c")), strings("a", "b", "c"))
        XCTAssertEqual(call("without", strings("a", "b", "a"), .string("a")), strings("b"))
        XCTAssertEqual(
            call("without", .list([.guid(Self.guid), .guid(Self.other)]), .string(Self.guid.uppercased())),
            .list([.guid(Self.other)]),
            "GUIDs are removed whatever their case")
    }

    func testLookupFindsKeyValueEntriesCaseInsensitively() {
        let list = strings("DefaultAppPool=ApplicationPoolIdentity", "ShopPool=SpecificUser=odd", "broken entry")
        XCTAssertEqual(call("lookup", list, .string("defaultapppool")), .string("ApplicationPoolIdentity"))
        XCTAssertEqual(
            call("lookup", list, .string("SHOPPOOL")), .string("SpecificUser=odd"),
            "the value is everything after the first '='")
        XCTAssertNil(call("lookup", list, .string("Missing")))
        XCTAssertNil(call("lookup", list, .string("broken entry")))
    }

    func testGUIDFunction() {
        XCTAssertEqual(call("guid", .string(" {\(Self.guid.uppercased())}\n")), .guid(Self.guid))
        XCTAssertNil(call("guid", .string("not a guid")))
    }

    func testErrorFunctions() {
        XCTAssertEqual(call("error_name", .integer(0x8009_0006)), .string("NTE_BAD_SIGNATURE"))
        XCTAssertEqual(call("error_hex", .integer(2_148_073_478)), .string("0x80090006"))
        XCTAssertEqual(call("error_hex", .integer(5)), .string("0x00000005"))
        XCTAssertEqual(call("error_facility", .integer(0x8009_0006)), .integer(9))
        XCTAssertEqual(call("error_facility", .integer(0x8007_0005)), .integer(7))
        XCTAssertEqual(call("win32_code", .integer(0x8007_0005)), .integer(5))
        XCTAssertEqual(call("win32_code", .integer(5)), .integer(5))
        XCTAssertNil(call("win32_code", .integer(0x8009_0006)))
    }

    func testIdentityFunctions() {
        let sid = "S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415"
        XCTAssertEqual(call("pool_sid", .string("DefaultAppPool")), .string(sid))
        XCTAssertEqual(
            call("identity_sid", .string("ApplicationPoolIdentity"), .string("DefaultAppPool")), .string(sid))
        XCTAssertEqual(call("identity_sid", .string("NetworkService"), .string("DefaultAppPool")), .string("S-1-5-20"))
        XCTAssertEqual(call("identity_sid", .string("LocalSystem"), .string("x")), .string("S-1-5-18"))
        XCTAssertNil(call("identity_sid", .string("SpecificUser"), .string("x")), "a SpecificUser SID must be typed")
        XCTAssertEqual(
            call("autogen_user_key", .string("S-1-5-20"), .string("4.0.30319.0")),
            .string(#"HKU\S-1-5-20\Software\Microsoft\ASP.NET\4.0.30319.0"#))
        XCTAssertEqual(
            call("autogen_machine_key", .string("S-1-5-20"), .string("2.0.50727.0")),
            .string(#"HKLM\SOFTWARE\Microsoft\ASP.NET\2.0.50727.0\AutoGenKeys\S-1-5-20"#))
        XCTAssertEqual(
            call("autogen_user_key", .string("S-1-5-20"), .string("3.5")),
            .string(#"HKU\S-1-5-20\Software\Microsoft\ASP.NET\2.0.50727.0"#), ".NET 3.5 runs on the 2.0 CLR")
    }

    func testContainerFunctions() {
        let c23 = KeyContainerName.hashPrefix("Microsoft Internet Information Server")
        XCTAssertEqual(call("container_hash", .string("iisWasKey")), .string("76944fb33636aeddb9590521c2e8815a"))
        XCTAssertEqual(
            call("container_file", .string("iisWasKey"), .guid(Self.guid)),
            .string("76944fb33636aeddb9590521c2e8815a_" + Self.guid))
        let listing = strings(
            "\(c23)_\(Self.other)", "\(c23)_\(Self.guid.uppercased())", "\(c23)_\(Self.other)",
            "76944fb33636aeddb9590521c2e8815a_\(Self.guid)", "notes.txt")
        XCTAssertEqual(
            call("container_guids", listing, .string("Microsoft Internet Information Server")),
            .list([.guid(Self.other), .guid(Self.guid)]), "each GUID once, in listing order")
        XCTAssertEqual(call("container_guids", listing, .string("No Such Container")), .list([]))
        XCTAssertEqual(call("known_containers", listing), strings("Microsoft Internet Information Server", "iisWasKey"))
        XCTAssertEqual(
            call("files_without_guid", listing, .guid(Self.guid)),
            strings("\(c23)_\(Self.other)", "\(c23)_\(Self.other)"))
    }
}
