import Foundation

/// Counts the fsync calls the file layer makes, so that tests can check *that* a journal
/// record or a whole-file write reached the disk before the call returned, instead of
/// inferring it from timing (which depends on the machine). Always on: two integer
/// increments behind a lock cost nothing next to an fsync.
final class FileSyncCounter: @unchecked Sendable {
    static let shared = FileSyncCounter()

    struct Counts: Equatable {
        /// fsync of a regular file (a journal record, a temporary file before its rename).
        var files = 0
        /// fsync of a folder (after a file was created or renamed in it).
        var folders = 0
    }

    private let lock = NSLock()
    private var counts = Counts()

    var current: Counts {
        lock.lock()
        defer { lock.unlock() }
        return counts
    }

    func recordFile() {
        lock.lock()
        counts.files += 1
        lock.unlock()
    }

    func recordFolder() {
        lock.lock()
        counts.folders += 1
        lock.unlock()
    }
}
