import ArgumentParser
import DiagnosticRules
import Foundation

/// `keywizard resume [SESSION]`: continue the latest unfinished session (or SESSION) at the
/// first unanswered question, in the same journal.
struct ResumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resume",
        abstract: "Continue an unfinished session at its first unanswered question.")

    @Argument(
        help: "Session file (default: the most recently active unfinished session).",
        completion: Completions.sessionFiles) var session: String?
    @Flag(name: .long, help: "Line dialogue on stdin/stdout instead of the full screen.") var plain = false
    @Flag(name: .customLong("no-color"), help: "Monochrome: reverse video and bold only.") var noColor = false
    @OptionGroup var options: PlaybookOptions
    @OptionGroup var sessions: SessionOptions

    func run() throws {
        try guarded {
            let url: URL
            if let s = session {
                url = URL(fileURLWithPath: s)
            } else {
                do { try sessions.store.checkDirectory() } catch { throw Failure("\(error)") }
                guard let latest = sessions.store.latestUnfinished() else {
                    throw Failure(
                        "no unfinished session in \(sessions.store.directory.path); start one with `keywizard run`, or name the session FILE"
                    )
                }
                url = latest.url
            }
            let opened: (journal: SessionJournal, session: LoadedSession, backup: URL?)
            do { opened = try SessionJournal.open(existing: url) } catch { throw Failure("\(error)") }
            if let b = opened.backup {
                writeStandardError("keywizard: warning: \(url.path) was damaged; the original is kept as \(b.path)\n")
            }
            let lib = try options.library()
            let id = opened.session.playbookId
            guard let playbook = lib.playbook(id) else {
                throw Failure(
                    "the session uses playbook '\(id)', which is not in \(PlaybookLibrary.displayPath(lib.directory)); pass --playbooks DIR"
                )
            }
            let recorder = JournalSessionRecorder(resuming: opened.journal)
            let answers = opened.session.answers
            let known = try KnownKeysLoading.load(explicit: nil, playbooks: options.playbooks)
            if plain {
                var dialogue = PlainDialogue(
                    playbooks: lib.playbooks, start: playbook, answers: answers, recorder: recorder,
                    input: StandardInputLines(),
                    output: {
                        print($0)
                        fflush(nil)
                    })
                dialogue.context = known.context
                dialogue.host = opened.journal.header.hostLabel
                let status = dialogue.run()
                if recorder.failed { throw ExitCode(1) }
                try PlainDialogue<StandardInputLines>.exit(status)
                return
            }
            try RunCommand.runFullScreen(
                playbooks: lib.playbooks, start: playbook, answers: answers, recorder: recorder,
                monochrome: noColor || RunCommand.monochrome(ProcessInfo.processInfo.environment),
                context: known.context, host: opened.journal.header.hostLabel)
        }
    }
}
