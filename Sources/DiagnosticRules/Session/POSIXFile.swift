import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX calls that make session files durable: Foundation's file APIs neither
/// fsync nor let us choose the mode a file is created with, and a journal must reach the
/// disk before an answer is acknowledged and must never be readable by other users.
enum POSIXFile {
    struct Failure: Error {
        var reason: String
        init(_ call: String, _ err: Int32 = errno) { reason = "\(call): \(String(cString: strerror(err)))" }
    }

    /// Open (or create) a file for appending; `exclusive` refuses an existing file.
    static func openAppend(_ path: String, create: Bool, exclusive: Bool) throws -> Int32 {
        var flags = O_WRONLY | O_APPEND | O_CLOEXEC
        if create { flags |= O_CREAT }
        if exclusive { flags |= O_EXCL }
        let fd = retrying { open(path, flags, 0o600) }
        guard fd >= 0 else { throw Failure("open") }
        return fd
    }

    /// Write every byte (a short write or EINTR continues), then fsync.
    static func writeAll(_ fd: Int32, _ data: Data, sync: Bool = true) throws {
        try data.withUnsafeBytes { (buf: UnsafeRawBufferPointer) in
            guard var p = buf.baseAddress else { return }
            var left = buf.count
            while left > 0 {
                let n = write(fd, p, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Failure("write")
                }
                left -= n
                p += n
            }
        }
        if sync { try self.sync(fd) }
    }

    static func sync(_ fd: Int32) throws {
        guard retrying({ countedFsync(fd, folder: false) }) == 0 else { throw Failure("fsync") }
    }

    /// fsync, counted (`FileSyncCounter`), so that tests can prove each durable write syncs.
    private static func countedFsync(_ fd: Int32, folder: Bool) -> Int32 {
        let r = fsync(fd)
        if r == 0 { folder ? FileSyncCounter.shared.recordFolder() : FileSyncCounter.shared.recordFile() }
        return r
    }

    static func closeFile(_ fd: Int32) {
        _ = close(fd)
    }

    /// fsync a folder, so that a file just created or renamed in it survives a crash.
    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = countedFsync(fd, folder: true)
        _ = close(fd)
    }

    /// Create a folder and its missing parents with mode 0700 (existing ones are left as
    /// they are).
    static func makeDirectories(_ path: String) throws {
        var built = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            built += "/" + part
            if mkdir(built, 0o700) != 0 && errno != EEXIST { throw Failure("mkdir \(built)") }
        }
    }

    private static func retrying(_ call: () -> Int32) -> Int32 {
        while true {
            let r = call()
            if r < 0 && errno == EINTR { continue }
            return r
        }
    }
}

/// Whole-file writes that never leave a half-written file: write a temporary file in the
/// same folder (mode 0600), fsync it, rename it over the target, fsync the folder.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let path = url.path
        let dir = url.deletingLastPathComponent().path
        let temp = dir + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try POSIXFile.makeDirectories(dir)
            let fd = try POSIXFile.openAppend(temp, create: true, exclusive: true)
            do { try POSIXFile.writeAll(fd, data) } catch { POSIXFile.closeFile(fd); throw error }
            POSIXFile.closeFile(fd)
            guard rename(temp, path) == 0 else { throw POSIXFile.Failure("rename") }
            POSIXFile.syncDirectory(dir)
        } catch let f as POSIXFile.Failure {
            unlink(temp)
            throw SessionError.cannotWrite(path: PlaybookLibrary.displayPath(url), reason: f.reason)
        }
    }
}
