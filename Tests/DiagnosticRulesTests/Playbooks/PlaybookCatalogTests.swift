import Foundation
import XCTest

@testable import DiagnosticRules

/// The symptom menu reads only each playbook's head; these pin that what it reads is what the
/// full loader reads, and that a file broken further down is caught when it is opened.
final class PlaybookCatalogTests: XCTestCase {
    func testHeadersOfShippedPlaybooksEqualTheFullyLoadedOnes() throws {
        let catalog = PlaybookCatalog.scan(directory: ShippedPlaybooksTests.directory)
        let library = PlaybookLibrary.load(directory: ShippedPlaybooksTests.directory)
        XCTAssertEqual(catalog.diagnostics.map(\.description), [])
        XCTAssertEqual(catalog.headers.map(\.id), ShippedPlaybooksTests.expectedIds)
        for (header, playbook) in zip(catalog.headers, library.playbooks) {
            XCTAssertEqual(
                header,
                PlaybookHeader(
                    id: playbook.id, title: playbook.title, menuLabel: playbook.menuLabel,
                    symptom: playbook.symptom, file: header.file))
            // Read from the head, not by loading the file whole.
            let text = try String(contentsOf: header.file, encoding: .utf8)
            XCTAssertNotNil(PlaybookCatalog.head(of: text), header.id)
            guard case .success(let opened) = catalog.open(header) else { return XCTFail("cannot open \(header.id)") }
            XCTAssertEqual(opened.id, playbook.id)
            XCTAssertEqual(opened.steps.map(\.id), playbook.steps.map(\.id))
        }
    }

    func testHeadEndsAtTheFirstKeyThatIsNotAHeaderKey() {
        let text =
            "# comment\nid: a\ntitle: T\nsymptom: >\n  folded\n  text\nfacts:\n  - {id: x, type: string}\nid: late\n"
        XCTAssertEqual(
            PlaybookCatalog.head(of: text).map(String.init),
            "# comment\nid: a\ntitle: T\nsymptom: >\n  folded\n  text\n")
        let header = PlaybookCatalog.header(
            fromHead: PlaybookCatalog.head(of: text)!, file: URL(fileURLWithPath: "/x.yaml"))
        XCTAssertEqual(header?.symptom, "folded text\n")
        XCTAssertEqual(header?.menuLabel, "T", "no menu: the title")
        XCTAssertNil(PlaybookCatalog.head(of: "id: a\ntitle: T\n"), "no body: loaded whole")
    }

    func testBrokenBodyIsListedAndFailsWhenOpenedWithItsLocation() throws {
        let dir = try temporaryFolder()
        let shipped = try String(
            contentsOf: ShippedPlaybooksTests.directory.appendingPathComponent("iis-admin-machineguid.yaml"),
            encoding: .utf8)
        let broken = shipped.replacingOccurrences(
            of: "\nsteps:\n", with: "\nsteps:\n  - {id: bad, prompt: x, input: nonsense}\n")
        XCTAssertNotEqual(broken, shipped)
        try broken.write(to: dir.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let catalog = PlaybookCatalog.scan(directory: dir)
        XCTAssertEqual(catalog.diagnostics, [])
        XCTAssertEqual(catalog.headers.map(\.id), ["iis-admin-machineguid"])
        guard case .failure(let e) = catalog.open(catalog.headers[0]) else {
            return XCTFail("a broken playbook opened")
        }
        XCTAssertTrue(
            e.diagnostics.contains {
                $0.severity == .error && $0.location.file.hasSuffix("a.yaml") && $0.location.line > 1
            }, e.description)
    }

    func testUnreadableHeadsAndRepeatedIdsAreReported() throws {
        let dir = try temporaryFolder()
        let shipped = try String(
            contentsOf: ShippedPlaybooksTests.directory.appendingPathComponent("iis-admin-machineguid.yaml"),
            encoding: .utf8)
        try shipped.write(to: dir.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        try shipped.write(to: dir.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        try "servers:\n  - web01\n".write(to: dir.appendingPathComponent("c.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: dir.appendingPathComponent("d.yaml").path, withDestinationPath: "/etc/passwd")
        let catalog = PlaybookCatalog.scan(directory: dir)
        XCTAssertEqual(catalog.headers.map(\.id), ["iis-admin-machineguid"])
        let text = catalog.diagnostics.map(\.description).joined(separator: "\n")
        XCTAssertTrue(text.contains("b.yaml") && text.contains("also used by"), text)
        XCTAssertTrue(text.contains("c.yaml") && text.contains("not a KeyWizard playbook"), text)
        XCTAssertTrue(text.contains("d.yaml") && !text.contains("root:"), text)
    }

    func testOpeningAFileThatChangedIdIsRefused() throws {
        let dir = try temporaryFolder()
        let file = dir.appendingPathComponent("a.yaml")
        let shipped = try String(
            contentsOf: ShippedPlaybooksTests.directory.appendingPathComponent("iis-admin-machineguid.yaml"),
            encoding: .utf8)
        try shipped.write(to: file, atomically: true, encoding: .utf8)
        let catalog = PlaybookCatalog.scan(directory: dir)
        try shipped.replacingOccurrences(of: "id: iis-admin-machineguid\n", with: "id: other\n").write(
            to: file, atomically: true, encoding: .utf8)
        guard case .failure(let e) = catalog.open(catalog.headers[0]) else {
            return XCTFail("opened a different playbook")
        }
        XCTAssertTrue(e.description.contains("now holds playbook 'other'"), e.description)
    }

    /// `ProcessEnvironment` reads `environ` itself (Foundation's copy is slow); it must give
    /// the same dictionary.
    func testProcessEnvironmentEqualsFoundations() {
        setenv("KEYWIZARD_TEST_VALUE", "a=b c", 1)
        defer { unsetenv("KEYWIZARD_TEST_VALUE") }
        let ours = ProcessEnvironment.current()
        XCTAssertEqual(ours, ProcessInfo.processInfo.environment)
        XCTAssertEqual(ours["KEYWIZARD_TEST_VALUE"], "a=b c")
    }

    private func temporaryFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }
}
