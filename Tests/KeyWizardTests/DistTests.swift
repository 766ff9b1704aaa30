import Foundation
import XCTest

/// `make dist` builds the tarball a jump host gets: one binary with the Swift runtime linked
/// in, the playbooks, the man page and the completions. `.ci/run` makes it before the tests;
/// here it is unpacked in a temporary folder and run with the Swift toolchain out of sight.
final class DistTests: XCTestCase {
    func tarball() throws -> URL {
        let dist = TestPaths.repoRoot.appendingPathComponent("dist")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dist.path)) ?? [])
            .filter { $0.hasPrefix("keywizard-") && $0.hasSuffix(".tar.gz") }.sorted()
        guard let name = names.last else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                XCTFail("no dist/keywizard-*.tar.gz; .ci/run runs `make dist` first")
            }
            throw XCTSkip("no dist/keywizard-*.tar.gz; run `make dist` first")
        }
        return dist.appendingPathComponent(name)
    }

    func testTheDistributedBinaryRunsWithoutTheSwiftToolchain() throws {
        let tar = try tarball()
        let size = (try FileManager.default.attributesOfItem(atPath: tar.path)[.size] as? NSNumber)?.intValue ?? 0
        XCTAssertLessThan(size, 30 * 1_048_576, "the tarball should stay under 30 MB")

        let tmp = NSTemporaryDirectory() + "kw-dist-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let untar = sh(["/bin/tar", "-C", tmp, "-xzf", tar.path])
        XCTAssertEqual(untar.status, 0, untar.output)
        let top = tmp + "/" + tar.deletingPathExtension().deletingPathExtension().lastPathComponent
        let bin = top + "/bin/keywizard"
        for file in [
            "/share/keywizard/playbooks/iis-admin-machineguid.yaml", "/share/man/man1/keywizard.1",
            "/share/bash-completion/completions/keywizard", "/share/zsh/site-functions/_keywizard",
            "/share/fish/vendor_completions.d/keywizard.fish"
        ] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: top + file), "missing \(file)")
        }

        let ldd = sh(["/usr/bin/ldd", bin])
        XCTAssertEqual(ldd.status, 0, ldd.output)
        for toolchainLibrary in [
            "libswift", "libFoundation", "lib_Foundation", "libdispatch", "libBlocksRuntime", "/opt/swift"
        ] {
            XCTAssertFalse(
                ldd.output.contains(toolchainLibrary), "the binary still needs \(toolchainLibrary):\n\(ldd.output)")
        }
        // The hive and event-log readers are loaded only to read such a file (dlopen), so a
        // start maps none of them and a jump host without them still runs keywizard.
        for reader in ["libhivex", "libevtx", "libevt.", "libbfio"] {
            XCTAssertFalse(ldd.output.contains(reader), "the binary links \(reader) at start:\n\(ldd.output)")
        }
        // XML is read by XMLReader, not FoundationXML: no libxml2, and so no system ICU, zlib or
        // liblzma, at start or at all.
        for library in ["libxml2", "libicu", "liblzma", "libz."] {
            XCTAssertFalse(ldd.output.contains(library), "the binary links \(library):\n\(ldd.output)")
        }

        // No Swift on PATH, no LD_LIBRARY_PATH, run from somewhere else: the playbooks are
        // found next to the binary.
        let env = [
            "PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": "", "HOME": tmp, "XDG_STATE_HOME": tmp + "/state",
            "KEYWIZARD_PLAYBOOKS": "", "LANG": "C.UTF-8"
        ]
        let version = sh(["/usr/bin/env", "-u", "LD_LIBRARY_PATH", "-C", tmp, bin, "--version"], env: env)
        XCTAssertEqual(version.status, 0, version.output)
        XCTAssertTrue(version.output.hasPrefix("keywizard "), version.output)
        let lint = sh(
            ["/usr/bin/env", "-u", "LD_LIBRARY_PATH", "-u", "KEYWIZARD_PLAYBOOKS", "-C", tmp, bin, "lint"], env: env)
        XCTAssertEqual(lint.status, 0, lint.output)
        XCTAssertTrue(lint.output.contains("share/keywizard/playbooks: "), lint.output)
        let decode = sh(["/usr/bin/env", "-u", "LD_LIBRARY_PATH", "-C", tmp, bin, "decode", "2148073478"], env: env)
        XCTAssertTrue(decode.output.contains("NTE_BAD_SIGNATURE"), decode.output)
        // ... and loaded when an event log is read.
        let evtx = TestPaths.repoRoot.appendingPathComponent(
            "Tests/WindowsArtifactsTests/Fixtures/samples/system-7024-iisadmin-derived.evtx"
        ).path
        let parse = sh(["/usr/bin/env", "-u", "LD_LIBRARY_PATH", "-C", tmp, bin, "parse", evtx], env: env)
        XCTAssertEqual(parse.status, 0, parse.output)
        XCTAssertTrue(parse.output.contains("event_id              7024"), parse.output)
        let man = sh(["/bin/grep", "-c", "^.SS keywizard diagnose", top + "/share/man/man1/keywizard.1"])
        XCTAssertEqual(
            man.output.trimmingCharacters(in: .whitespacesAndNewlines), "1", "the man page documents each command")
    }
}
