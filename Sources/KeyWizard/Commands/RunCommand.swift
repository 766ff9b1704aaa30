import ArgumentParser
import DiagnosticRules
import Foundation
import KeyWizardUI

/// `keywizard run` (also `keywizard` alone): the interactive wizard, full screen or plain.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Start the interactive wizard (full screen, or a line dialogue with --plain).",
        discussion: """
            Works over any SSH connection (ssh -t). Keys: arrows, digits or y/n select and Enter answers, \
            F1 or ? help, F2 or w why is this asked, F3 or h how was this concluded, Esc or b back, \
            F10 or q quit, F5 copy the command (OSC 52), F6 show it whole to select. Every answer is written \
            to the session journal as it is given.
            """)

    @Option(
        name: .long, help: "Start this playbook directly (skip the symptom menu).", completion: Completions.playbookIds)
    var playbook: String?
    @Flag(name: .long, help: "Line dialogue on stdin/stdout (dumb terminals, screen readers, expect).") var plain =
        false
    @Flag(name: .customLong("no-color"), help: "Monochrome: reverse video and bold only (also NO_COLOR, TERM=vt100).")
    var noColor = false
    @Option(name: .long, help: "Write the session journal to this file (default: $XDG_STATE_HOME/keywizard/sessions).")
    var session: String?
    @Flag(
        name: .long,
        help:
            "Keep pasted command output in the session as well as what was parsed from it (never output that holds keys)."
    )
    var keepEvidenceText = false
    @Option(
        name: .long,
        help: "Label the session with the server it is about (e.g. WEB01), for `keywizard sessions` and checklists.")
    var host: String?
    @Flag(
        name: .long,
        help:
            "Write text checklists with Windows line ends (CRLF); automatic for a Windows path (C:\\..., \\\\server\\...)."
    )
    var crlf = false
    @OptionGroup var options: PlaybookOptions

    /// What these options ask for, as a plain value (the quick start builds the same value
    /// without ArgumentParser; `QuickStartTests` holds the two to each other).
    var launch: WizardLaunch {
        WizardLaunch(
            playbook: playbook, plain: plain, noColor: noColor, session: session,
            keepEvidenceText: keepEvidenceText, host: host, crlf: crlf, folder: options.folder)
    }

    func run() throws { try launch.start() }

    /// `--playbook ID` names no playbook in the folder.
    static func noPlaybook(_ id: String, in directory: URL, available: [String]) -> String {
        "no playbook '\(id)' in \(PlaybookLibrary.displayPath(directory)); available: \(available.joined(separator: ", "))"
    }

    static func monochrome(_ env: [String: String]) -> Bool {
        if let n = env["NO_COLOR"], !n.isEmpty { return true }
        let term = env["TERM"] ?? ""
        return term.hasPrefix("vt100") || term.hasPrefix("vt220") || term == "linux-m"
    }

    static func runFullScreen(
        playbooks: [Playbook], start: Playbook?, answers: [Answer],
        recorder: SessionRecording, monochrome: Bool, context: EvidenceContext = EvidenceContext(),
        host: String?, crlf: Bool = false
    ) throws {
        let app = WizardApp(playbooks: playbooks, start: start, answers: answers, context: context)
        try runFullScreen(app: app, recorder: recorder, monochrome: monochrome, host: host, crlf: crlf)
    }

    /// `environment` is the caller's copy when it has one: Foundation builds the whole
    /// dictionary again on every `ProcessInfo.processInfo.environment`.
    static func runFullScreen(
        app: WizardApp, recorder: SessionRecording, monochrome: Bool, host: String?, crlf: Bool = false,
        environment: [String: String] = ProcessEnvironment.current()
    ) throws {
        if let why = Terminal.unsuitable(environment: environment) { throw Failure(why) }
        app.hostLabel = host
        if let p = app.interview?.playbook {
            try recorder.begin(playbook: p)
            app.sessionLocation = recorder.location
        }
        Terminal.installSignals()
        let canvas: NcursesCanvas
        switch Terminal.start(monochrome: monochrome) {
        case .success(let c): canvas = c
        case .failure(let f): throw f
        }
        let exit = TUILoop(app: app, recorder: recorder, canvas: canvas, crlf: crlf).run()
        Terminal.restore()
        switch exit {
        case .quit:
            if let loc = recorder.location { print("keywizard: session kept in \(loc)") }
        case .signal(let s):
            // The journal is already on disk (written per answer); just leave.
            throw ExitCode(128 + s)
        }
    }
}
