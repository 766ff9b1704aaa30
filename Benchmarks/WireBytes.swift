import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Bytes on the wire: a program in a pseudo-terminal (80x24, xterm-256color), keys written
/// to it, and the bytes it sends back counted once the output goes quiet. What an operator
/// on a slow SSH link pays per key. The same keys go to `dialog` and `whiptail` when they
/// are installed, for comparison.
struct PtyProgram {
    /// Where the program's output arrives (the pty's bytes, relayed by `script`).
    let master: Int32
    let input: FileHandle
    let process: Process

    /// Start `command` (a shell line) on a new pty sized 80x24. util-linux `script` owns the
    /// pty and relays its bytes unchanged, so no pty calls are needed here.
    static func start(_ command: String, environment: [String: String]) -> PtyProgram? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        p.arguments = ["-qfec", "stty rows 24 cols 80; exec \(command)", "/dev/null"]
        p.environment = environment
        let inPipe = Pipe()
        let outPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let fd = outPipe.fileHandleForReading.fileDescriptor
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        return PtyProgram(master: fd, input: inPipe.fileHandleForWriting, process: p)
    }

    /// Read until nothing arrives for `quietMS`; returns the bytes read.
    func drain(quietMS: Int32 = 250, limitMS: Int = 5000) -> Int {
        var total = 0
        var buf = [UInt8](repeating: 0, count: 65536)
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(limitMS) * 1_000_000
        while DispatchTime.now().uptimeNanoseconds < deadline {
            var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0)]
            if poll(&fds, 1, quietMS) <= 0 { break }
            let n = read(master, &buf, buf.count)
            if n <= 0 { break }
            total += n
        }
        return total
    }

    /// Write a key; a program that already exited just does not answer (EPIPE is ignored).
    func send(_ s: String) {
        let bytes = Array(s.utf8)
        _ = bytes.withUnsafeBytes { write(input.fileDescriptor, $0.baseAddress, $0.count) }
    }

    /// Send one key and count the reply.
    func measure(_ key: String) -> Int {
        send(key)
        return drain()
    }

    /// Quit with the program's own key (so nothing is left on the pty), then end `script`.
    func stop(quitKeys: [String]) {
        for k in quitKeys { send(k); _ = drain(quietMS: 300) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

enum WireBytes {
    static let down = "\u{1B}[B"

    static var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm-256color"
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        env["XDG_STATE_HOME"] = NSTemporaryDirectory() + "keywizard-bench-state"
        env.removeValue(forKey: "TMUX")
        return env
    }

    /// Mean bytes over `moves` Down keys in a menu, then over `chars` typed characters.
    static func run(_ label: String, menu: String?, field: String?, prepareField: [String] = [], quit: [String]) -> (String, String, String) {
        signal(SIGPIPE, SIG_IGN)
        var menuBytes = "n/a"
        var fieldBytes = "n/a"
        if let menu, let p = PtyProgram.start(menu, environment: environment) {
            let first = p.drain(quietMS: 600)
            if ProcessInfo.processInfo.environment["KW_BENCH_DEBUG"] != nil { FileHandle.standardError.write(Data(("start \(label): \(first) bytes, running \(p.process.isRunning)" + "\n").utf8)) }
            let counts = (0..<3).map { _ in p.measure(down) }
            menuBytes = "\(counts.max() ?? 0)"
            p.stop(quitKeys: quit)
        }
        if let field, let p = PtyProgram.start(field, environment: environment) {
            let first = p.drain(quietMS: 600)
            if ProcessInfo.processInfo.environment["KW_BENCH_DEBUG"] != nil { FileHandle.standardError.write(Data(("field \(label): \(first) bytes, running \(p.process.isRunning)" + "\n").utf8)) }
            for k in prepareField {
                usleep(400_000)  // past the wizard's type-ahead guard
                p.send(k)
                _ = p.drain(quietMS: 400)
            }
            usleep(400_000)
            let counts = "0x8009".map { p.measure(String($0)) }
            fieldBytes = "\(counts.max() ?? 0)"
            p.stop(quitKeys: quit)
        }
        return (label, menuBytes, fieldBytes)
    }
}

/// The table: bytes for one menu move and one typed character (the largest of a few).
func wireBytesBenchmark(keywizard: String, playbooks: String) {
    print("bytes on the wire (80x24, xterm-256color; max over 3 moves / 6 characters)")
    func line(_ a: String, _ b: String, _ c: String) -> String {
        a.padding(toLength: 12, withPad: " ", startingAt: 0) + b.padding(toLength: 14, withPad: " ", startingAt: 0) + c
    }
    print(line("program", "menu move B", "typed char B"))
    var rows = [WireBytes.run("keywizard",
                              menu: "\(keywizard) run --playbooks \(playbooks)",
                              field: "\(keywizard) run --playbook iis-admin-machineguid --playbooks \(playbooks)",
                              // Windows 2016, the 7024 symptom, "don't know" for the event paste:
                              // the next question is the error code, a text field.
                              prepareField: ["8", "\r", "1", "\r", "?", "\u{04}", "\r"], quit: ["\u{03}", "y"])]
    let items = "1 'IIS Admin Service will not start (event 7024)' 2 'Users logged out after a recycle' 3 'Web farm nodes reject ViewState' 4 'Shared configuration keys'"
    for tool in ["/usr/bin/dialog", "/usr/bin/whiptail"] where FileManager.default.isExecutableFile(atPath: tool) {
        rows.append(WireBytes.run((tool as NSString).lastPathComponent,
                                  menu: "\(tool) --menu 'What is the symptom?' 20 76 8 \(items)",
                                  field: "\(tool) --inputbox 'What service-specific error does event 7024 show?' 10 70",
                                  quit: ["\u{1B}", "\u{1B}"]))
    }
    for r in rows { print(line(r.0, r.1, r.2)) }
}
