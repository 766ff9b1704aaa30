import Foundation
import XCTest

/// Runs a command (bounded by `timeout`) and returns (status, stdout+stderr). posix_spawn
/// and waitpid, not Foundation.Process: the latter leaves `tmux new-session -d` unreaped.
@discardableResult
func sh(_ args: [String], env: [String: String]? = nil, input: String? = nil, timeout: TimeInterval = 20) -> (
    status: Int32, output: String
) {
    let tmp = NSTemporaryDirectory() + "kw-sh-\(UUID().uuidString)"
    let outPath = tmp + ".out"
    let inPath = tmp + ".in"
    try? (input ?? "").write(toFile: inPath, atomically: true, encoding: .utf8)
    defer {
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: inPath)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = ["/usr/bin/timeout", "-k", "2", String(Int(timeout))] + args
    var environment = ProcessInfo.processInfo.environment
    for (k, v) in env ?? [:] { environment[k] = v }
    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        cArgs.forEach { free($0) }
        cEnv.forEach { free($0) }
    }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, argv[0], &actions, nil, cArgs, cEnv)
    guard rc == 0 else { return (127, "posix_spawn failed: \(rc)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let code: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return (code, out)
}

func which(_ tool: String) -> String? {
    for dir in ["/usr/bin", "/usr/sbin", "/bin", "/usr/local/bin", "/sbin"] {
        let p = dir + "/" + tool
        if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return nil
}

/// Skip when a tool is missing locally; fail under CI=true.
func requireTool(_ tool: String) throws -> String {
    if let p = which(tool) { return p }
    if ProcessInfo.processInfo.environment["CI"] == "true" {
        XCTFail("\(tool) is required for the end-to-end tests under CI=true but is not installed")
        throw XCTSkip("\(tool) missing (CI failure recorded)")
    }
    throw XCTSkip("\(tool) is not installed; end-to-end terminal tests skipped")
}

/// A detached tmux session on a private server socket, driven like an operator would.
final class TmuxSession {
    let socket: String
    let name = "kw"
    let tmux: String

    init(tmux: String, width: Int, height: Int, command: String, env: [String: String]) throws {
        self.tmux = tmux
        socket = NSTemporaryDirectory() + "kw-tmux-\(getpid())-\(UUID().uuidString.prefix(8))"
        let exports = env.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let r = sh([
            tmux, "-S", socket, "-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
            "env \(exports) \(command); echo EXITED $?; sleep 30"
        ])
        if r.status != 0 { throw XCTSkip("tmux could not start: \(r.output)") }
        sh([tmux, "-S", socket, "set-option", "-g", "window-size", "manual"])
    }

    deinit { kill() }

    func kill() {
        sh([tmux, "-S", socket, "kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }

    func send(_ keys: String...) { send(keys) }
    func send(_ keys: [String]) { sh([tmux, "-S", socket, "send-keys", "-t", name] + keys) }
    func sendLiteral(_ text: String) { sh([tmux, "-S", socket, "send-keys", "-t", name, "-l", text]) }

    /// Paste as a terminal does, with bracketed-paste markers when the program asked for them.
    func paste(_ text: String) {
        let file = NSTemporaryDirectory() + "kw-paste-\(UUID().uuidString)"
        try? text.write(toFile: file, atomically: true, encoding: .utf8)
        sh([tmux, "-S", socket, "load-buffer", "-b", "kwpaste", file])
        sh([tmux, "-S", socket, "paste-buffer", "-p", "-d", "-b", "kwpaste", "-t", name])
        try? FileManager.default.removeItem(atPath: file)
    }

    func capture() -> String { sh([tmux, "-S", socket, "capture-pane", "-p", "-J", "-t", name]).output }
    /// The screen and its scrollback, wrapped lines joined into their logical lines.
    func captureAll() -> String { sh([tmux, "-S", socket, "capture-pane", "-p", "-J", "-S", "-", "-t", name]).output }

    func resize(width: Int, height: Int) {
        sh([tmux, "-S", socket, "resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// The pid of the program in the pane (the shell's child).
    func panePID() -> Int32? {
        Int32(
            sh([tmux, "-S", socket, "display-message", "-p", "-t", name, "#{pane_pid}"]).output.trimmingCharacters(
                in: .whitespacesAndNewlines))
    }

    /// Poll the screen until `text` shows (or the timeout), returning the last screen.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line)
        -> String
    {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = capture()
            if screen.contains(text) {
                // A reader's pause: keys sent as a new question appears are held back by the
                // wizard's type-ahead guard (0.3 s), by design.
                usleep(350_000)
                return screen
            }
            usleep(50_000)
        }
        XCTFail("'\(text)' did not appear within \(timeout)s; screen:\n\(screen)", file: file, line: line)
        return screen
    }
}
