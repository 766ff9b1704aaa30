import Foundation
import XCTest

@testable import DiagnosticRules

/// Fixture access for the evidence tests. Fixtures are written by Tools/make-fixtures.py in
/// the byte formats Windows produces (CRLF, UTF-16LE with BOM).
enum EvidenceFixtures {
    static var directory: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("evidence")
    }

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    static func text(_ name: String) throws -> String {
        EvidenceText.decode(try data(name))
    }

    static func allNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    }

    /// The raw key hex written into the fixtures (never to appear in any output).
    static func secrets() throws -> [String] {
        try text("secrets.txt").split(separator: "\n").map { String($0) }.filter { !$0.isEmpty }
    }
}

extension ParsedEvidence {
    func value(_ name: String) -> Value? { field(name)?.value }
    func strings(_ name: String) -> [String]? { value(name)?.listValue?.compactMap(\.stringValue) }
}

/// Runs `body`, failing the test (not crashing it) unless it throws an `EvidenceError`.
func assertEvidenceError(
    _ body: @autoclosure () throws -> ParsedEvidence, file: StaticString = #filePath, line: UInt = #line,
    _ check: (EvidenceError) -> Void = { _ in }
) {
    do {
        let parsed = try body()
        XCTFail("expected an EvidenceError, got \(parsed.kind): \(parsed.summary)", file: file, line: line)
    } catch let error as EvidenceError {
        XCTAssertGreaterThanOrEqual(error.line, 1, file: file, line: line)
        check(error)
    } catch {
        XCTFail("expected an EvidenceError, got \(error)", file: file, line: line)
    }
}
