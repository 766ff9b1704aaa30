import XCTest

@testable import DiagnosticRules

/// cmd expands `%name%` inside quotes: a whole environment-variable reference (as the
/// Framework folder the playbooks compute, `%windir%\Microsoft.NET\Framework`) goes in as it
/// is; any other `%` is refused, so a value can never smuggle in a half-open expansion.
final class CommandQuotingPercentTests: XCTestCase {
    func render(_ value: String) -> String {
        Template.renderCommand(#""{root}\v2.0.50727\aspnet_regiis.exe" -ga "x""#) { $0 == "root" ? value : nil }
    }

    func testWholeVariableReferencesAreKept() {
        XCTAssertEqual(
            render(#"%windir%\Microsoft.NET\Framework"#),
            #""%windir%\Microsoft.NET\Framework\v2.0.50727\aspnet_regiis.exe" -ga "x""#)
        XCTAssertEqual(
            render(#"%ProgramFiles(x86)%\x"#), #""%ProgramFiles(x86)%\x\v2.0.50727\aspnet_regiis.exe" -ga "x""#)
    }

    func testAnyOtherPercentSignIsRefused() {
        for bad in ["50%", "%windir", "%%", "%a b%", "100% & calc"] {
            XCTAssertTrue(render(bad).hasPrefix(#""{root: not inserted because"#), bad)
        }
    }
}
