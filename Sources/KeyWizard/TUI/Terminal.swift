import CNcurses
import DiagnosticRules
import Foundation
import KeyWizardUI

// Signal handling: handlers only write the signal number to a self-pipe; the event loop
// reads it. The terminal is restored by `Terminal.restore()` on every exit path (normal
// return, error, signal, and atexit for anything else).
//
// These four globals are `nonisolated(unsafe)` on purpose: C signal handlers (which cannot
// capture context or take a lock) read them, and they are written only on the main thread
// before the handlers are installed or while the TUI runs single-threaded.
nonisolated(unsafe) private var signalPipe: [Int32] = [-1, -1]
nonisolated(unsafe) private var terminalActive = false

private func onSignal(_ sig: Int32) {
    var b = UInt8(truncatingIfNeeded: sig)
    _ = write(signalPipe[1], &b, 1)
}

/// The terminal's settings before curses changed them, for the crash handler.
nonisolated(unsafe) private var savedTermios = termios()
nonisolated(unsafe) private var haveSavedTermios = false
/// Leave the alternate screen, show the cursor, reset attributes, bracketed paste off.
private let crashReset: [UInt8] = Array("\u{1B}[0m\u{1B}[?1049l\u{1B}[?25h\u{1B}[?2004l\r\n".utf8)

/// A crash (a Swift runtime trap is SIGILL or SIGTRAP; also SIGSEGV, SIGBUS, SIGFPE, SIGABRT)
/// must not leave the operator's SSH terminal in raw mode on the alternate screen. Only
/// async-signal-safe calls: write, tcsetattr, then the default action. The journal needs
/// nothing: every answer was already synced to disk.
private func onCrash(_ sig: Int32) {
    if terminalActive {
        _ = crashReset.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        if haveSavedTermios { _ = tcsetattr(0, TCSANOW, &savedTermios) }
    }
    signal(sig, SIG_DFL)
    raise(sig)
}

enum Terminal {
    static let pasteOn = "\u{1B}[?2004h"
    static let pasteOff = "\u{1B}[?2004l"

    /// Why the full-screen wizard cannot run here, or nil.
    static func unsuitable(environment: [String: String]) -> String? {
        let alternatives =
            "use `keywizard run --plain` (line dialogue), `keywizard diagnose` (evidence files) or `keywizard replay` (saved sessions)"
        if isatty(0) == 0 || isatty(1) == 0 {
            return
                "the interactive wizard needs a terminal (stdin and stdout are not both a tty; with ssh use -t); \(alternatives)"
        }
        let term = environment["TERM"] ?? ""
        if term.isEmpty || term == "dumb" {
            return
                "the interactive wizard needs a screen terminal, but TERM is \(term.isEmpty ? "unset" : "'dumb'"); \(alternatives)"
        }
        return nil
    }

    static func writeRaw(_ s: String) {
        let bytes = Array(s.utf8)
        _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
    }

    /// Leave curses mode and turn bracketed paste off. Safe to call twice.
    static func restore() {
        guard terminalActive else { return }
        terminalActive = false
        curs_set(1)
        endwin()
        writeRaw(pasteOff)
    }

    /// Enter curses mode. Returns the canvas, or an error message (unknown TERM).
    static func start(monochrome: Bool) -> Result<NcursesCanvas, Failure> {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        let unicode = codeset.uppercased().filter { $0 != "-" } == "UTF8"
        haveSavedTermios = tcgetattr(0, &savedTermios) == 0
        // The C library's own stdout/stdin FILE objects (not Swift's shared globals): curses
        // writes to the terminal on file descriptor 1 and reads from 0.
        guard let out = fdopen(STDOUT_FILENO, "w"), let inp = fdopen(STDIN_FILENO, "r"), newterm(nil, out, inp) != nil
        else {
            let term = getenv("TERM").map { String(cString: $0) } ?? ""
            return .failure(
                Failure(
                    "terminal type '\(term)' is unknown to this system's terminfo; set TERM=xterm or use `keywizard run --plain`"
                ))
        }
        terminalActive = true
        atexit { Terminal.restore() }
        raw()
        noecho()
        nonl()
        keypad(kw_stdscr(), true)
        kw_set_escdelay(25)
        let canvas = NcursesCanvas(unicode: unicode, color: !monochrome && has_colors())
        refresh()
        writeRaw(pasteOn)
        return .success(canvas)
    }

    static func installSignals() {
        if signalPipe[0] < 0 {
            var fds: [Int32] = [0, 0]
            if pipe(&fds) == 0 {
                signalPipe = fds
                for fd in fds {
                    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                }
            }
        }
        for sig in [SIGHUP, SIGTERM, SIGINT, SIGQUIT, SIGWINCH] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = onSignal
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, nil)
        }
        signal(SIGPIPE, SIG_IGN)
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = onCrash
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0 // the handler restores SIG_DFL itself before re-raising
            sigaction(sig, &action, nil)
        }
    }

    enum Event { case bytes([UInt8]), timeout, signal(Int32), hangup }

    /// Wait for input, a signal, or (when `timeoutMS` >= 0) the timeout.
    static func next(timeoutMS: Int32) -> Event {
        var fds = [
            pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
            pollfd(fd: signalPipe[0], events: Int16(POLLIN), revents: 0)
        ]
        let n = poll(&fds, 2, timeoutMS)
        if n < 0 { return errno == EINTR ? .timeout : .hangup }
        if n == 0 { return .timeout }
        if fds[1].revents & Int16(POLLIN) != 0 {
            var b: UInt8 = 0
            if read(signalPipe[0], &b, 1) == 1 { return .signal(Int32(b)) }
        }
        if fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
            var buf = [UInt8](repeating: 0, count: 4096)
            let r = read(0, &buf, buf.count)
            if r <= 0 { return r < 0 && (errno == EINTR || errno == EAGAIN) ? .timeout : .hangup }
            return .bytes(Array(buf[0..<r]))
        }
        return .timeout
    }

    /// Put `text` on the operator's clipboard with OSC 52 (ESC ] 52 ; c ; base64 BEL). The
    /// terminal at the far end of SSH does the copying. Inside tmux it is sent twice: plain
    /// (tmux takes it with `set-clipboard on` and forwards it) and wrapped for tmux's
    /// passthrough (reaches the outer terminal with `allow-passthrough on`); whichever the
    /// operator's tmux allows gets through, and both carry the same text.
    static func osc52(_ text: String, environment: [String: String] = ProcessEnvironment.current()) -> String {
        let seq = "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
        guard environment["TMUX"] != nil else { return seq }
        return seq + "\u{1B}Ptmux;" + seq.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\"
    }

    /// The copy view: leave full-screen mode, print the commands raw, one logical line each
    /// (the terminal's own selection then takes a command whole, however it wraps on screen),
    /// wait for Enter, and come back.
    static func copyView(_ commands: [String]) {
        def_prog_mode()
        endwin()
        writeRaw(pasteOff)
        var text =
            "\r\nKeyWizard copy view: select a command with the mouse (triple-click takes one whole line).\r\n\r\n"
        for c in commands { text += c + "\r\n\r\n" }
        text += "Press Enter to return to the wizard.\r\n"
        writeRaw(text)
        waiting: while true {
            switch next(timeoutMS: -1) {
            case .bytes(let b): if b.contains(13) || b.contains(10) || b.contains(3) { break waiting }
            case .hangup: break waiting
            case .signal(let s): if s != SIGWINCH { raise(s) }
            case .timeout: break
            }
        }
        reset_prog_mode()
        writeRaw(pasteOn)
        clearok(kw_stdscr(), true)
        resize()
    }

    static func resize() {
        var r: Int32 = 0
        var c: Int32 = 0
        kw_winsize(1, &r, &c)
        if r > 0 && c > 0 { resizeterm(r, c) }
    }
}

/// The full-screen wizard: reads keys, feeds the app, performs its effects, redraws.
struct TUILoop {
    let app: WizardApp
    let recorder: SessionRecording
    let canvas: NcursesCanvas
    /// `--crlf`: text checklists with Windows line ends.
    var crlf = false

    enum Exit: Error { case quit, signal(Int32) }

    func run() -> Exit {
        var decoder = KeyDecoder()
        app.resize(rows: canvas.rows, cols: canvas.cols)
        draw()
        while true {
            let event = Terminal.next(timeoutMS: decoder.needsTimeout ? 25 : -1)
            var keys: [Key] = []
            switch event {
            case .bytes(let b): keys = decoder.feed(b)
            case .timeout: if decoder.needsTimeout { keys = decoder.flush() }
            case .hangup: return .signal(SIGHUP)
            case .signal(let s):
                if s == SIGWINCH {
                    Terminal.resize()
                    app.resize(rows: canvas.rows, cols: canvas.cols)
                    keys = [.resize]
                } else {
                    return .signal(s)
                }
            }
            for key in keys {
                for effect in app.handle(key) {
                    if case .quit = effect { return .quit }
                    perform(effect)
                }
            }
            if !keys.isEmpty { draw() }
        }
    }

    func draw() {
        app.render(on: canvas)
        canvas.present()
    }

    func perform(_ effect: WizardApp.Effect) {
        do {
            switch effect {
            case .begin(let id):
                guard let p = app.interview?.playbook, p.id == id else { return }
                try recorder.begin(playbook: p)
                app.sessionLocation = recorder.location
            case .record(let outcome):
                try app.interview?.journal(outcome, to: recorder)
            case .copy(let command):
                Terminal.writeRaw(Terminal.osc52(command))
            case .copyView(let commands):
                Terminal.copyView(commands)
                app.resize(rows: canvas.rows, cols: canvas.cols)
            case .writeChecklist(let path, let md):
                guard let w = app.wizard else { return }
                do {
                    let text = checklistText(
                        w.conclusion, markdown: md, session: recorder.location, host: app.hostLabel,
                        crlf: ChecklistLineEnds.crlf(path: path, requested: crlf))
                    try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: path), createFolders: false)
                } catch { throw WriteFailure(path: path, error: error) }
                app.notify("Checklist written to \(path)")
            case .saveSession(let path):
                guard let w = app.wizard else { return }
                recorder.finish(w.conclusion)
                do {
                    try SessionFile.write(
                        answers: w.answers, playbook: w.playbook, conclusion: w.conclusion,
                        hostLabel: app.hostLabel, to: URL(fileURLWithPath: path))
                } catch { throw WriteFailure(path: path, error: error) }
                app.notify("Session saved to \(path)")
            case .quit:
                break
            }
        } catch {
            app.notify("\(error)", error: true)
        }
    }
}

/// The checklist of DiagnosticRules (the same as `keywizard checklist`), as text or Markdown,
/// for the host named with `--host`, with CRLF line ends when asked (Notepad on the server).
func checklistText(_ conclusion: Conclusion, markdown: Bool, session: String?, host: String?, crlf: Bool) -> String {
    let c = DiagnosticRules.Checklist(
        conclusion: conclusion,
        context: ChecklistContext(
            hostLabel: host, date: Date(), session: session.map { URL(fileURLWithPath: $0).lastPathComponent }))
    let text = markdown ? ChecklistMarkdown.render(c) : ChecklistText.render(c)
    return crlf ? ChecklistLineEnds.toCRLF(text) : text
}

/// Line ends of a written checklist: CRLF when asked (`--crlf`) or when the path is a
/// Windows path (a backslash or a drive letter), where Notepad would show LF text as one line.
enum ChecklistLineEnds {
    static func crlf(path: String, requested: Bool) -> Bool {
        if requested { return true }
        if path.contains("\\") { return true }
        let chars = Array(path)
        return chars.count >= 2 && chars[0].isLetter && chars[1] == ":"
    }

    static func toCRLF(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
    }
}

/// A file the operator named could not be written: one line with the path, the reason and
/// what to do, instead of a Foundation error dump.
struct WriteFailure: Error, CustomStringConvertible {
    let path: String
    let error: Error

    var description: String {
        let folder = (path as NSString).deletingLastPathComponent
        let reason: String
        if !FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder) {
            reason = "the folder \(folder) does not exist"
        } else {
            switch (error as? CocoaError)?.code {
            case .fileWriteNoPermission?: reason = "permission denied"
            case .fileWriteOutOfSpace?: reason = "the disk is full"
            case .fileWriteVolumeReadOnly?: reason = "the disk is read-only"
            default: reason = (error as? SessionError).map { "\($0)" } ?? "the file cannot be written"
            }
        }
        return "Cannot write \(path): \(reason). Give another path."
    }
}
