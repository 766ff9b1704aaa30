import Foundation
import XCTest

/// The command line behaves like its peers: --version, `--` ends the options, a mistyped
/// command is named with its close matches, one error prefix, one JSON key style with the
/// schema version in every document.
final class CLIConventionsTests: XCTestCase {
    func kw(_ args: String...) throws -> (status: Int32, output: String) {
        let b = TestPaths.binary.path
        guard FileManager.default.isExecutableFile(atPath: b) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("keywizard binary not found at \(b)") }
            throw XCTSkip("keywizard binary not found at \(b); run swift build first")
        }
        let state = NSTemporaryDirectory() + "kw-cli-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: state) }
        return sh([b] + args, env: ["XDG_STATE_HOME": state, "LANG": "C.UTF-8"], input: "")
    }

    func testVersion() throws {
        let r = try kw("--version")
        XCTAssertEqual(r.status, 0)
        XCTAssertNotNil(r.output.range(of: #"^keywizard \d+\.\d+\.\d+\n$"#, options: .regularExpression), r.output)
    }

    func testUnknownCommandNamesCloseMatches() throws {
        let r = try kw("decod", "5")
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(
            r.output,
            "keywizard: error: unknown command 'decod' (did you mean 'decode'?); `keywizard help` lists the commands\n")
        let far = try kw("frobnicate")
        XCTAssertEqual(far.status, 1)
        XCTAssertFalse(far.output.contains("Usage: keywizard run"), far.output)
        XCTAssertTrue(far.output.hasPrefix("keywizard: error: unknown command 'frobnicate'"), far.output)
    }

    func testDoubleDashEndsTheOptions() throws {
        let r = try kw("decode", "--", "-2146893818")
        XCTAssertEqual(r.status, 0, r.output)
        XCTAssertTrue(r.output.hasPrefix("-2146893818 -> 0x80090006 NTE_BAD_SIGNATURE"), r.output)
    }

    func testOneErrorPrefix() throws {
        for args in [
            ["run", "--bogus"], ["decode", "xyz"], ["parse", "/nonexistent/file.txt"], ["lint", "/nonexistent/dir"]
        ] {
            let r = sh([TestPaths.binary.path] + args, env: ["LANG": "C.UTF-8"], input: "")
            XCTAssertEqual(r.status, 1, "\(args): \(r.output)")
            XCTAssertTrue(r.output.hasPrefix("keywizard: error: "), "\(args): \(r.output)")
        }
    }

    func testJSONIsSnakeCaseWithASchemaVersion() throws {
        for (args, format) in [
            (["sid", "DefaultAppPool"], "keywizard-sid/1"),
            (["decode", "5"], "keywizard-decode/1"),
            (["container", "iisWasKey"], "keywizard-container/1"),
            (["compare-keys", "1F35E5A122334455AABBCCDD", "1F35E5A1223344550011EEFF"], "keywizard-compare-keys/1")
        ] {
            let r = sh([TestPaths.binary.path] + args + ["--format", "json"], env: ["LANG": "C.UTF-8"], input: "")
            XCTAssertEqual(r.status, 0, r.output)
            let object = try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any]
            XCTAssertEqual(object?["format"] as? String, format)
            var keys: [String] = []
            func collect(_ v: Any) {
                if let d = v as? [String: Any] {
                    keys += d.keys
                    d.values.forEach(collect)
                }
                if let a = v as? [Any] { a.forEach(collect) }
            }
            collect(object as Any)
            XCTAssertFalse(keys.isEmpty)
            for k in keys {
                XCTAssertNil(k.range(of: "[A-Z]", options: .regularExpression), "\(args): key '\(k)' is not snake_case")
            }
        }
    }
}
