import Foundation
import XCTest

@testable import DiagnosticRules

/// Every published vector gives its expected result: the copy in the fixtures always, and
/// the one in ../shared/vectors when it exists (further vectors may be added there).
final class ViewStateVectorTests: XCTestCase {
    struct Vector: Decodable {
        var name: String
        var mode: String?
        var viewstate: String
        var generator: String?
        var url: String?
        var validationKey: String?
        var validation: String?
        var decryptionKey: String?
        var decryption: String?
        var viewStateUserKey: String?
        var expect: String
    }
    struct File: Decodable { var vectors: [Vector] }

    static var fixture: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(
            "viewstate/viewstate.json")
    }

    static var shared: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/vectors/viewstate.json")
    }

    func testFixtureVectors() throws {
        let count = try run(Self.fixture)
        XCTAssertEqual(count, 26)
    }

    func testSharedVectors() throws {
        guard FileManager.default.fileExists(atPath: Self.shared.path) else {
            throw XCTSkip("\(Self.shared.path) is absent; the fixture copy is tested by testFixtureVectors")
        }
        XCTAssertGreaterThan(try run(Self.shared), 0)
    }

    /// Names used in the vectors ("SHA256") as config values ("HMACSHA256").
    static func configName(_ validation: String) -> String {
        ["SHA256": "HMACSHA256", "SHA384": "HMACSHA384", "SHA512": "HMACSHA512"][validation] ?? validation
    }

    func run(_ url: URL) throws -> Int {
        let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        for v in file.vectors {
            let bytes = try XCTUnwrap(ViewStateVerifier.decode(v.viewstate), v.name)
            var page = ViewStatePage(
                generator: v.generator.flatMap(ViewStatePage.generator(fromHex:)),
                path: v.url.flatMap(ViewStatePage.path(fromURL:)), viewStateUserKey: v.viewStateUserKey)
            var candidates: [ViewStateCandidate] = []
            if let vk = v.validationKey, let validation = v.validation {
                let framework45 = (v.mode ?? "").contains("Framework45")
                candidates.append(
                    try ViewStateCandidate(
                        label: v.name, validationKeyHex: vk, decryptionKeyHex: v.decryptionKey,
                        validation: Self.configName(validation),
                        decryption: v.decryption ?? "Auto",
                        compatibilityMode: framework45 ? "Framework45" : "Framework20SP1"))
            }
            let verdict = ViewStateVerifier.verify(bytes, page: page, candidates: candidates)
            let expect = v.expect.lowercased()
            if expect.hasPrefix("valid") {
                XCTAssertEqual(verdict.validFile, v.name, "\(v.name): \(verdict.results.map(\.reason))")
                if expect.contains("invalid without the user key") {
                    page.viewStateUserKey = nil
                    XCTAssertNil(ViewStateVerifier.verify(bytes, page: page, candidates: candidates).validFile, v.name)
                }
            } else if expect.hasPrefix("invalid") {
                XCTAssertNil(verdict.validFile, v.name)
                XCTAssertFalse(verdict.macDisabled, v.name)
                XCTAssertTrue(verdict.results.allSatisfy { $0.outcome != .valid && $0.outcome != .notChecked }, v.name)
            } else if expect.hasPrefix("mac-disabled") {
                XCTAssertTrue(verdict.macDisabled, v.name)
                XCTAssertNil(verdict.validFile, v.name)
            } else {
                XCTFail("\(v.name): unknown expectation '\(v.expect)'")
            }
        }
        return file.vectors.count
    }
}
