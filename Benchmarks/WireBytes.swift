import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Bytes on the wire: a program on a pseudo-terminal (`PtyProcess`, 80x24, xterm-256color),
/// keys written to it, and the bytes it sends back counted once the output goes quiet. What
/// an operator on a slow SSH link pays per key. The same keys go to `dialog` and `whiptail`
/// when they are installed, for comparison.
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

    /// A shell command line on a new 80x24 pty.
    static func start(_ command: String) -> PtyProcess? {
        PtyProcess(["/bin/sh", "-c", "exec " + command], environment: environment)
    }

    /// Quit with the program's own keys (so nothing is left on the pty), then end it.
    static func stop(_ p: PtyProcess, quitKeys: [String]) {
        for k in quitKeys {
            p.send(k)
            _ = p.drain(quietMS: 300)
        }
        p.finish()
    }

    /// Mean bytes over `moves` Down keys in a menu, then over `chars` typed characters.
    static func run(_ label: String, menu: String?, field: String?, prepareField: [String] = [], quit: [String]) -> (
        String, String, String
    ) {
        signal(SIGPIPE, SIG_IGN)
        var menuBytes = "n/a"
        var fieldBytes = "n/a"
        if let menu, let p = start(menu) {
            let first = p.drain(quietMS: 600)
            if ProcessInfo.processInfo.environment["KW_BENCH_DEBUG"] != nil {
                FileHandle.standardError.write(Data(("start \(label): \(first) bytes" + "\n").utf8))
            }
            let counts = (0..<3).map { _ in p.measure(down) }
            menuBytes = "\(counts.max() ?? 0)"
            stop(p, quitKeys: quit)
        }
        if let field, let p = start(field) {
            let first = p.drain(quietMS: 600)
            if ProcessInfo.processInfo.environment["KW_BENCH_DEBUG"] != nil {
                FileHandle.standardError.write(Data(("field \(label): \(first) bytes" + "\n").utf8))
            }
            for k in prepareField {
                usleep(400_000) // past the wizard's type-ahead guard
                p.send(k)
                _ = p.drain(quietMS: 400)
            }
            usleep(400_000)
            let counts = "0x8009".map { p.measure(String($0)) }
            fieldBytes = "\(counts.max() ?? 0)"
            stop(p, quitKeys: quit)
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
    var rows = [
        WireBytes.run(
            "keywizard",
            menu: "\(keywizard) run --playbooks \(playbooks)",
            field: "\(keywizard) run --playbook iis-admin-machineguid --playbooks \(playbooks)",
            // Windows 2016, the 7024 symptom, "don't know" for the event paste:
            // the next question is the error code, a text field.
            prepareField: ["8", "\r", "1", "\r", "?", "\u{04}", "\r"], quit: ["\u{03}", "y"])
    ]
    let items =
        "1 'IIS Admin Service will not start (event 7024)' 2 'Users logged out after a recycle' 3 'Web farm nodes reject ViewState' 4 'Shared configuration keys'"
    for tool in ["/usr/bin/dialog", "/usr/bin/whiptail"] where FileManager.default.isExecutableFile(atPath: tool) {
        rows.append(
            WireBytes.run(
                (tool as NSString).lastPathComponent,
                menu: "\(tool) --menu 'What is the symptom?' 20 76 8 \(items)",
                field: "\(tool) --inputbox 'What service-specific error does event 7024 show?' 10 70",
                quit: ["\u{1B}", "\u{1B}"]))
    }
    for r in rows { print(line(r.0, r.1, r.2)) }
}
