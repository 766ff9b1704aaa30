import CStartupMemory
import Foundation
import XCTest

/// keywizard gives back the pages of its applied relocation records at start. The test
/// process is position-independent too: the release must find a range there, take those
/// pages out of the resident set, and leave everything working afterwards (lazy binding reads
/// the separate PLT records, which are not touched).
final class StartupMemoryTests: XCTestCase {
    func testAppliedRelocationsAreGivenBackAndNothingBreaks() throws {
        let released = startup_release_applied_relocations()
        XCTAssertGreaterThan(released, 0, "no whole page of DT_RELA records found in this PIE process")
        XCTAssertEqual(released % Int(sysconf(Int32(_SC_PAGESIZE))), 0)
        // Idempotent: the same range again.
        XCTAssertEqual(startup_release_applied_relocations(), released)

        // The process still works: functions bound lazily after the release, a library loaded
        // now, Foundation, and the real binary end to end (the rest of the suite runs it).
        let handle = dlopen("libm.so.6", RTLD_NOW)
        XCTAssertNotNil(handle)
        if let handle { dlclose(handle) }
        let data = try JSONEncoder().encode(["after": "release"])
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "{\"after\":\"release\"}")
        XCTAssertEqual(String(format: "%05d", 42), "00042")
    }
}
