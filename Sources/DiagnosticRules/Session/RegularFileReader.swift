import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads input files (playbooks, evidence, session files) only when they are regular files
/// of a bounded size. A symlink, device or FIFO planted where a file is expected is refused
/// by name rather than followed (a playbook linked to /etc/shadow must not be read), and a
/// huge file is refused before it is read, so no input path can hang or exhaust memory.
public enum RegularFileReader {
    /// The largest input KeyWizard reads: `parse` has always refused files over 16 MB.
    public static let maximumBytes = 16 * 1_048_576

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case missing
        case notRegular(kind: String)
        case tooLarge(bytes: Int, limit: Int)
        case unreadable(reason: String)

        /// One line, never quoting the file's contents.
        public var description: String {
            switch self {
            case .missing: return "no such file"
            case .notRegular(let kind): return "not a regular file (\(kind)); KeyWizard reads only regular files"
            case .tooLarge(let bytes, let limit):
                return
                    "the file is \(String(format: "%.1f", Double(bytes) / 1_048_576)) MB; KeyWizard reads files up to \(limit / 1_048_576) MB (save only the relevant part)"
            case .unreadable(let reason): return "cannot read it: \(reason)"
            }
        }
    }

    /// The bytes of `path` when it is a regular file (not a symlink) of at most `limit` bytes.
    public static func read(_ path: String, limit: Int = maximumBytes, followSymlinks: Bool = false) -> Result<
        Data, Failure
    > {
        var st = stat()
        let statResult = followSymlinks ? stat(path, &st) : lstat(path, &st)
        if statResult != 0 {
            return .failure(errno == ENOENT ? .missing : .unreadable(reason: String(cString: strerror(errno))))
        }
        if let kind = kindName(st.st_mode) { return .failure(.notRegular(kind: kind)) }
        if Int(st.st_size) > limit { return .failure(.tooLarge(bytes: Int(st.st_size), limit: limit)) }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (followSymlinks ? 0 : O_NOFOLLOW))
        guard fd >= 0 else { return .failure(.unreadable(reason: String(cString: strerror(errno)))) }
        defer { close(fd) }
        // Checked again on the open file: the path may have been swapped since lstat.
        var fst = stat()
        guard fstat(fd, &fst) == 0 else { return .failure(.unreadable(reason: String(cString: strerror(errno)))) }
        if let kind = kindName(fst.st_mode) { return .failure(.notRegular(kind: kind)) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc_read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .failure(.unreadable(reason: String(cString: strerror(errno))))
            }
            if n == 0 { break }
            data.append(buffer, count: n)
            if data.count > limit { return .failure(.tooLarge(bytes: data.count, limit: limit)) }
        }
        return .success(data)
    }

    /// nil for a regular file, else what it is, for the refusal.
    static func kindName(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFLNK: return "a symbolic link"
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFSOCK: return "a socket"
        default: return "not a plain file"
        }
    }

    private static func Glibc_read(_ fd: Int32, _ p: UnsafeMutableRawPointer?, _ n: Int) -> Int {
        #if canImport(Darwin)
            return Darwin.read(fd, p, n)
        #elseif canImport(Musl)
            return Musl.read(fd, p, n)
        #else
            return Glibc.read(fd, p, n)
        #endif
    }
}
