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
        init(reason: String) { self.reason = reason }
    }

    /// Open (or create) a file for appending; `exclusive` refuses an existing file. Never
    /// follows a symlink (O_NOFOLLOW), refuses anything but a regular file (a FIFO would
    /// block, a device would be written to), and a created file is 0600 whatever the umask.
    static func openAppend(_ path: String, create: Bool, exclusive: Bool) throws -> Int32 {
        var flags = O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK
        if create { flags |= O_CREAT }
        if exclusive { flags |= O_EXCL }
        let fd = retrying { open(path, flags, 0o600) }
        guard fd >= 0 else {
            if errno == ELOOP { throw Failure(reason: "it is a symbolic link, which KeyWizard does not follow") }
            throw Failure("open")
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = errno
            close(fd)
            throw Failure("fstat", e)
        }
        if let kind = RegularFileReader.kindName(st.st_mode) {
            close(fd)
            throw Failure(reason: "it is \(kind), not a regular file")
        }
        if create, exclusive { _ = fchmod(fd, 0o600) }
        return fd
    }

    /// An advisory lock on an open session file for as long as it stays open, so a second
    /// `resume` of the same session refuses instead of interleaving answers.
    static func lockExclusive(_ fd: Int32) throws {
        guard retrying({ flock(fd, LOCK_EX | LOCK_NB) }) == 0 else {
            if errno == EWOULDBLOCK {
                throw Failure(
                    reason: "another keywizard is using this session right now; finish or quit that one first")
            }
            throw Failure("flock")
        }
    }

    /// A folder for private state: a real folder (a symlink to one is judged by its target),
    /// owned by this user and writable by no one else. Otherwise another user could plant or
    /// read session files there.
    static func checkPrivateDirectory(_ path: String) throws {
        var st = stat()
        guard stat(path, &st) == 0 else { throw Failure("stat") }
        guard (st.st_mode & S_IFMT) == S_IFDIR else { throw Failure(reason: "it is not a folder") }
        if st.st_uid != geteuid() { throw Failure(reason: "it belongs to another user (uid \(st.st_uid))") }
        if st.st_mode & 0o022 != 0 {
            throw Failure(
                reason:
                    "other users can write to it (mode \(String(st.st_mode & 0o777, radix: 8))); run chmod 700 on it")
        }
    }

    /// Whether anything (even a dangling symlink) is at `path`.
    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
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
    /// `createFolders: false` for files the operator names (a checklist): a mistyped folder
    /// is reported, not created.
    public static func write(_ data: Data, to url: URL, createFolders: Bool = true) throws {
        let path = url.path
        let dir = url.deletingLastPathComponent().path
        let temp = dir + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            if createFolders { try POSIXFile.makeDirectories(dir) }
            // Rename only onto a regular file: a device, FIFO or symlink at the target is
            // refused, never replaced (as root, /dev/full once became a regular file).
            var st = stat()
            if lstat(path, &st) == 0, let kind = RegularFileReader.kindName(st.st_mode) {
                throw POSIXFile.Failure(
                    reason:
                        "it is \(kind); KeyWizard replaces only regular files (name another file, or - for standard output)"
                )
            }
            let fd = try POSIXFile.openAppend(temp, create: true, exclusive: true)
            do { try POSIXFile.writeAll(fd, data) } catch {
                POSIXFile.closeFile(fd)
                throw error
            }
            POSIXFile.closeFile(fd)
            guard rename(temp, path) == 0 else { throw POSIXFile.Failure("rename") }
            POSIXFile.syncDirectory(dir)
        } catch let f as POSIXFile.Failure {
            unlink(temp)
            throw SessionError.cannotWrite(path: PlaybookLibrary.displayPath(url), reason: f.reason)
        }
    }
}
