import XCTest

@testable import DiagnosticRules

final class BuiltinsTests: XCTestCase {
    private func call(_ name: String, _ args: Value...) -> Value? {
        Builtins.named(name)?.call(args)
    }

    /// Microsoft's "Converting a time_t value to a FILETIME" adds 116444736000000000 ticks to
    /// Unix time: that FILETIME is 1970-01-01 00:00:00 UTC. Zero is the FILETIME epoch.
    func testFiletimeUTCPinsThePublishedEpochOffset() {
        XCTAssertEqual(call("filetime_utc", .integer(116_444_736_000_000_000)), .string("1970-01-01T00:00:00Z"))
        XCTAssertEqual(call("filetime_utc", .integer(0)), .string("1601-01-01T00:00:00Z"))
        // Leap day and end of year through the 400-year cycle arithmetic.
        XCTAssertEqual(
            call("filetime_utc", .integer(116_444_736_000_000_000 + 951_782_400 * 10_000_000)),
            .string("2000-02-29T00:00:00Z"))
        XCTAssertEqual(
            call("filetime_utc", .integer(116_444_736_000_000_000 + 1_703_980_799 * 10_000_000)),
            .string("2023-12-30T23:59:59Z"))
        // The AutoGenKeyCreationTime of the shared fixtures (hex(b):80,2e,3f,6b,9b,a5,da,01).
        XCTAssertEqual(call("filetime_utc", .integer(0x01da_a59b_6b3f_2e80)), .string("2024-05-14T01:09:49Z"))
    }

    func testFiletimeUTCIsUnknownForNonsense() {
        XCTAssertNil(call("filetime_utc", .integer(-1)))
        XCTAssertNil(call("filetime_utc", .integer(Int64.max)))
        XCTAssertNil(call("filetime_utc", .string("yesterday")))
    }
}
