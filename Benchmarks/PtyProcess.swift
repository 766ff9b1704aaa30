import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A program started on a new pseudo-terminal of a given size, as over SSH: the benchmark
/// reads what it draws and measures it from outside (time to the first screen, resident
/// memory once the screen is up). Used for keywizard and for its peers dialog and whiptail,
/// in the same run and the same way.
final class PtyProcess {
    let pid: pid_t
    let master: Int32
    private(set) var received: [UInt8] = []
    let started: UInt64

    /// Starts `argv` with stdin, stdout and stderr on the slave side of a new pty of
    /// `cols`x`rows`, in its own session (so the pty is its controlling terminal).
    init?(_ argv: [String], cols: UInt16 = 80, rows: UInt16 = 24, environment: [String: String]) {
        // posix_openpt/unlockpt/ptsname need _XOPEN_SOURCE, which Swift's Glibc module does
        // not define; these are their Linux definitions (devpts needs no grantpt).
        let m = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        guard m >= 0 else { return nil }
        var unlock: Int32 = 0
        var number: UInt32 = 0
        // TIOCSPTLCK = _IOW('T', 0x31, int), TIOCGPTN = _IOR('T', 0x30, unsigned int) (asm-generic).
        guard ioctl(m, UInt(0x4004_5431), &unlock) == 0, ioctl(m, UInt(0x8004_5430), &number) == 0 else {
            close(m)
            return nil
        }
        let slavePath = "/dev/pts/\(number)"
        var size = winsize(ws_row: rows, ws_col: cols, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(m, UInt(TIOCSWINSZ), &size)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(0x80)) // POSIX_SPAWN_SETSID (glibc >= 2.26)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid, the first tty becomes the session's controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        posix_spawn_file_actions_addclose(&actions, m)
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var child: pid_t = 0
        started = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&child, argv[0], &actions, &attributes, cArgs, cEnv) == 0 else {
            close(m)
            return nil
        }
        pid = child
        master = m
    }

    /// Reads until `marker` has been drawn (or `timeout` passes) and returns the seconds from
    /// the start until then; nil on time-out.
    func waitFor(_ marker: String, timeout: Double = 5) -> Double? {
        let needle = Array(marker.utf8)
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while DispatchTime.now().uptimeNanoseconds < deadline {
            var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&fds, 1, 20) > 0 else { continue }
            let n = read(master, &buffer, buffer.count)
            if n <= 0 { return nil }
            received += buffer[0..<n]
            if contains(needle) { return Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
        }
        return nil
    }

    /// Reads whatever arrives for `seconds` and returns its byte count (after a key press:
    /// what one keystroke costs on the wire).
    func drain(for seconds: Double) -> Int {
        let before = received.count
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while DispatchTime.now().uptimeNanoseconds < deadline {
            var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&fds, 1, 10) > 0 else { continue }
            let n = read(master, &buffer, buffer.count)
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        return received.count - before
    }

    /// Reads until nothing arrives for `quietMS` (at most `limitMS` in all); returns the bytes
    /// read: what one key press costs once the program has finished answering it.
    func drain(quietMS: Int32 = 250, limitMS: Int = 5000) -> Int {
        let before = received.count
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(limitMS) * 1_000_000
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while DispatchTime.now().uptimeNanoseconds < deadline {
            var fds = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            if poll(&fds, 1, quietMS) <= 0 { break }
            let n = read(master, &buffer, buffer.count)
            if n <= 0 { break }
            received += buffer[0..<n]
        }
        return received.count - before
    }

    /// Writes a key and counts the reply.
    func measure(_ key: String) -> Int {
        send(key)
        return drain()
    }

    func send(_ bytes: String) {
        let data = Array(bytes.utf8)
        _ = data.withUnsafeBytes { write(master, $0.baseAddress, data.count) }
    }

    /// Resident memory now, from /proc (kB -> MB).
    var residentMB: Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return nil }
        let kb = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
        return kb / 1024
    }

    func finish() {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        close(master)
    }

    private func contains(_ needle: [UInt8]) -> Bool {
        guard received.count >= needle.count else { return false }
        let last = received.count - needle.count
        var i = max(0, last - 65_536 - needle.count)
        while i <= last {
            if received[i] == needle[0] && Array(received[i..<(i + needle.count)]) == needle { return true }
            i += 1
        }
        return false
    }
}
