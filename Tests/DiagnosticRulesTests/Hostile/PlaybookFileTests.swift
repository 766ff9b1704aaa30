import XCTest

@testable import DiagnosticRules

/// Issue 15, finding 9: `lint --playbooks DIR` with `x.yaml -> /etc/shadow` printed every
/// line of the target as "unknown key '...'". Playbooks are read only from regular files,
/// and a file that is not a playbook is reported by name without its contents.
final class PlaybookFileTests: XCTestCase {
    let shadow =
        "root:$6$s3cr3tSaltHash$abcdefghijkl:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\nsvc:$6$an0therHash$zyxw:19000:0:99999:7:::\n"

    private func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kw-pb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    func testSymlinkedPlaybookIsRefusedByName() throws {
        let dir = try folder()
        let secret = dir.appendingPathComponent("shadow")
        try shadow.write(to: secret, atomically: true, encoding: .utf8)
        let pbs = dir.appendingPathComponent("pb")
        try FileManager.default.createDirectory(at: pbs, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: pbs.appendingPathComponent("x.yaml").path, withDestinationPath: secret.path)
        let lib = PlaybookLibrary.load(directory: pbs)
        XCTAssertTrue(lib.playbooks.isEmpty)
        XCTAssertEqual(lib.diagnostics.count, 1)
        let text = lib.diagnostics.map(\.description).joined(separator: "\n")
        XCTAssertTrue(text.contains("x.yaml"), text)
        XCTAssertTrue(text.contains("symbolic link"), text)
        XCTAssertFalse(text.contains("s3cr3t") || text.contains("daemon") || text.contains("$6$"), text)
    }

    func testFileThatIsNotAPlaybookIsNotQuoted() throws {
        let dir = try folder()
        try shadow.write(to: dir.appendingPathComponent("x.yaml"), atomically: true, encoding: .utf8)
        let lib = PlaybookLibrary.load(directory: dir)
        XCTAssertEqual(lib.diagnostics.count, 1)
        let text = lib.diagnostics.map(\.description).joined(separator: "\n")
        XCTAssertTrue(text.contains("x.yaml") && text.contains("not a KeyWizard playbook"), text)
        XCTAssertFalse(text.contains("s3cr3t") || text.contains("daemon") || text.contains("$6$"), text)
    }

    func testFIFOIsRefusedWithoutBlocking() throws {
        let dir = try folder()
        let fifo = dir.appendingPathComponent("f.yaml").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        let r = PlaybookLoader.load(file: URL(fileURLWithPath: fifo), displayName: "f.yaml")
        XCTAssertNil(r.playbook)
        XCTAssertTrue(r.diagnostics.first?.message.contains("FIFO") == true, "\(r.diagnostics)")
    }

    func testStrayNonIdentifierKeyIsNotQuoted() throws {
        let r = loadPlaybook(
            "id: a\ntitle: t\nversion: '1'\nsymptom: s\nsteps: []\ndiagnoses: []\nroot:$6$s3cr3t:1:\n", file: "y.yaml")
        let text = r.diagnostics.map(\.description).joined(separator: "\n")
        XCTAssertFalse(text.contains("s3cr3t"), text)
    }
}
