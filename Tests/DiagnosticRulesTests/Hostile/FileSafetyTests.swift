import Foundation
import XCTest

@testable import DiagnosticRules

/// Issue 15, finding 8: `checklist -o` and `diagnose --save` renamed over devices, FIFOs and
/// symlinks; an unsafe or foreign sessions folder was used without a word; a symlink at the
/// next session name lost the journal; `resume` followed a symlinked session; files were
/// created 0666 under umask 000; two resumes interleaved without a lock.
final class FileSafetyTests: XCTestCase {
    var dir = ""

    override func setUp() {
        dir = NSTemporaryDirectory() + "kw-files-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        chmod(dir, 0o700)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func mode(_ path: String) -> mode_t {
        var st = stat()
        lstat(path, &st)
        return st.st_mode
    }

    func testAtomicWriteRefusesFIFOsSymlinksAndDevices() throws {
        let fifo = dir + "/fifo"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertThrowsError(try AtomicFile.write(Data("x".utf8), to: URL(fileURLWithPath: fifo))) { e in
            XCTAssertTrue("\(e)".contains("FIFO"), "\(e)")
        }
        XCTAssertEqual(mode(fifo) & S_IFMT, S_IFIFO, "the FIFO is still a FIFO")
        let target = dir + "/target"
        try "keep".write(toFile: target, atomically: false, encoding: .utf8)
        let link = dir + "/link"
        XCTAssertEqual(symlink(target, link), 0)
        XCTAssertThrowsError(try AtomicFile.write(Data("x".utf8), to: URL(fileURLWithPath: link)))
        XCTAssertEqual(mode(link) & S_IFMT, S_IFLNK)
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "keep")
        XCTAssertThrowsError(try AtomicFile.write(Data("x".utf8), to: URL(fileURLWithPath: "/dev/null"))) { e in
            XCTAssertTrue("\(e)".contains("device"), "\(e)")
        }
        XCTAssertEqual(mode("/dev/null") & S_IFMT, S_IFCHR)
    }

    func testFilesAre0600WhateverTheUmask() throws {
        let old = umask(0)
        defer { umask(old) }
        let out = dir + "/checklist.txt"
        try AtomicFile.write(Data("x".utf8), to: URL(fileURLWithPath: out))
        XCTAssertEqual(mode(out) & 0o777, 0o600)
        let p = try playbook(chainPlaybook)
        let j = try SessionJournal.create(at: URL(fileURLWithPath: dir + "/s.jsonl"), playbook: p)
        j.close()
        XCTAssertEqual(mode(dir + "/s.jsonl") & 0o777, 0o600)
    }

    func testUnsafeOrForeignSessionFolderIsRefused() throws {
        let open = dir + "/open"
        try FileManager.default.createDirectory(atPath: open, withIntermediateDirectories: true)
        chmod(open, 0o777)
        XCTAssertThrowsError(try SessionStore(directory: URL(fileURLWithPath: open)).ensureDirectory()) { e in
            XCTAssertTrue("\(e)".contains("other users can write"), "\(e)")
        }
        let link = dir + "/link"
        XCTAssertEqual(symlink(open, link), 0)
        XCTAssertThrowsError(
            try SessionStore(directory: URL(fileURLWithPath: link)).checkDirectory(), "a symlink to an open folder")
        let foreign = dir + "/foreign"
        try FileManager.default.createDirectory(atPath: foreign, withIntermediateDirectories: true)
        chmod(foreign, 0o700)
        if geteuid() == 0 {
            XCTAssertEqual(chown(foreign, 4242, 4242), 0)
            XCTAssertThrowsError(try SessionStore(directory: URL(fileURLWithPath: foreign)).checkDirectory()) { e in
                XCTAssertTrue("\(e)".contains("another user"), "\(e)")
            }
        }
        let mine = dir + "/mine"
        XCTAssertNoThrow(try SessionStore(directory: URL(fileURLWithPath: mine)).ensureDirectory())
    }

    func testPlantedSymlinkAtNextNameIsSkippedAndNeverFollowed() throws {
        let store = SessionStore(directory: URL(fileURLWithPath: dir + "/sessions"))
        try store.ensureDirectory()
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let first = store.newSessionURL(playbook: "chain", now: now)
        XCTAssertEqual(symlink(dir + "/elsewhere", first.path), 0)
        let next = store.newSessionURL(playbook: "chain", now: now)
        XCTAssertNotEqual(next, first, "a dangling symlink counts as taken")
        let p = try playbook(chainPlaybook)
        XCTAssertThrowsError(try SessionJournal.create(at: first, playbook: p), "never created through a symlink")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/elsewhere"))
    }

    func testResumeRefusesSymlinkAndSecondRunIsLocked() throws {
        let p = try playbook(chainPlaybook)
        let real = URL(fileURLWithPath: dir + "/real.jsonl")
        let j = try SessionJournal.create(at: real, playbook: p)
        j.close()
        let link = dir + "/link.jsonl"
        XCTAssertEqual(symlink(real.path, link), 0)
        XCTAssertThrowsError(try SessionJournal.open(existing: URL(fileURLWithPath: link)))
        let first = try SessionJournal.open(existing: real)
        XCTAssertThrowsError(try SessionJournal.open(existing: real)) { e in
            XCTAssertEqual(e as? SessionError, .inUse(path: PlaybookLibrary.displayPath(real)))
        }
        first.journal.close()
        XCTAssertNoThrow(try SessionJournal.open(existing: real).journal.close(), "free again once the first run ends")
    }
}
