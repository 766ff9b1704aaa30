import Foundation
import XCTest

@testable import DiagnosticRules

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The promises behind "nothing is lost": a whole-file write replaces the file in one step
/// (a reader never sees a half-written or truncated file), and every record is fsync'ed
/// before the call that wrote it returns. fsync is checked by counting the calls through
/// `FileSyncCounter`, not by timing.
final class SessionDurabilityTests: XCTestCase {
    /// Reads a file descriptor from its start to its end.
    private func readAll(_ fd: Int32) -> Data {
        var out = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        var offset: off_t = 0
        while true {
            let n = pread(fd, &buffer, buffer.count, offset)
            guard n > 0 else { break }
            out.append(contentsOf: buffer[0..<n])
            offset += off_t(n)
        }
        return out
    }

    private func inode(_ path: String) -> UInt64 {
        var st = stat()
        XCTAssertEqual(stat(path, &st), 0, path)
        return UInt64(st.st_ino)
    }

    func testAReaderHoldingTheOldFileSeesItUnchangedAndTheNewFileIsComplete() throws {
        let dir = try SessionFixtures.temporaryDirectory(self)
        let url = dir.appendingPathComponent("s.jsonl")
        let old = Data(String(repeating: "old record line\n", count: 200).utf8)
        let new = Data(String(repeating: "the new, longer record line\n", count: 300).utf8)
        try AtomicFile.write(old, to: url)
        let oldInode = inode(url.path)

        let reader = open(url.path, O_RDONLY)
        XCTAssertGreaterThanOrEqual(reader, 0)
        defer { close(reader) }
        try AtomicFile.write(new, to: url)

        XCTAssertEqual(readAll(reader), old, "the file a reader holds open must keep its old content, byte for byte")
        XCTAssertEqual(try Data(contentsOf: url), new, "the path must name the complete new content")
        XCTAssertNotEqual(
            inode(url.path), oldInode, "the new content must arrive by rename (a new inode), not by rewriting in place")
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: dir.path), ["s.jsonl"],
            "no temporary file is left behind")
    }

    func testSavingASessionOverAnOpenOneIsAtomicToo() throws {
        let playbook = try SessionFixtures.shippedPlaybook()
        let answers = try SessionFixtures.machineGuidChangedAnswers(playbook)
        let conclusion = Engine(playbook: playbook).evaluate(answers)
        let url = try SessionFixtures.temporaryDirectory(self).appendingPathComponent("saved.jsonl")
        try SessionFile.write(
            answers: Array(answers.prefix(2)), playbook: playbook, conclusion: conclusion, hostLabel: "A", to: url)
        let first = try Data(contentsOf: url)
        let reader = open(url.path, O_RDONLY)
        XCTAssertGreaterThanOrEqual(reader, 0)
        defer { close(reader) }
        try SessionFile.write(answers: answers, playbook: playbook, conclusion: conclusion, hostLabel: "B", to: url)
        XCTAssertEqual(readAll(reader), first)
        XCTAssertEqual(try SessionFile.load(url).answers, answers)
    }

    func testEveryJournalRecordIsSyncedBeforeTheCallReturns() throws {
        let playbook = try SessionFixtures.shippedPlaybook()
        let answers = try SessionFixtures.machineGuidChangedAnswers(playbook)
        let dir = try SessionFixtures.temporaryDirectory(self).appendingPathComponent("new/sessions")
        let url = dir.appendingPathComponent("s.jsonl")
        let counter = FileSyncCounter.shared

        var before = counter.current
        let journal = try SessionJournal.create(at: url, playbook: playbook)
        var after = counter.current
        XCTAssertEqual(after.files - before.files, 1, "the header is synced")
        XCTAssertGreaterThanOrEqual(after.folders - before.folders, 1, "the folder holding a new journal is synced")

        before = counter.current
        try journal.recordSymptom()
        XCTAssertEqual(counter.current.files - before.files, 1, "the symptom record is synced")
        for a in answers {
            before = counter.current
            try journal.append(a)
            after = counter.current
            XCTAssertEqual(after.files - before.files, 1, "answer \(a.step) is synced before append returns")
        }
        before = counter.current
        try journal.recordForget(step: answers.last!.step)
        try journal.recordConclusion(Engine(playbook: playbook).evaluate(answers))
        XCTAssertEqual(counter.current.files - before.files, 2)
        journal.close()
    }

    func testAWholeFileWriteSyncsTheFileAndItsFolder() throws {
        let url = try SessionFixtures.temporaryDirectory(self).appendingPathComponent("whole.jsonl")
        let before = FileSyncCounter.shared.current
        try AtomicFile.write(Data("content\n".utf8), to: url)
        let after = FileSyncCounter.shared.current
        XCTAssertEqual(after.files - before.files, 1, "the temporary file is synced before the rename")
        XCTAssertEqual(after.folders - before.folders, 1, "the folder is synced after the rename")
    }

    func testResumingACutJournalSyncsTheRepairNewline() throws {
        let playbook = try SessionFixtures.shippedPlaybook()
        let url = try SessionFixtures.temporaryDirectory(self).appendingPathComponent("s.jsonl")
        let journal = try SessionJournal.create(at: url, playbook: playbook)
        try journal.recordSymptom()
        journal.close()
        try Data(try Data(contentsOf: url).dropLast()).write(to: url)
        let before = FileSyncCounter.shared.current
        let (resumed, _, _) = try SessionJournal.open(existing: url)
        XCTAssertEqual(
            FileSyncCounter.shared.current.files - before.files, 1, "the newline that ends the cut record is synced")
        resumed.close()
    }
}
