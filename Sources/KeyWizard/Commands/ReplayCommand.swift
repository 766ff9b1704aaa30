import ArgumentParser
import DiagnosticRules
import Foundation

/// `keywizard replay`: feed recorded answers through the current playbooks, without a
/// terminal, to see whether a playbook edit changes old verdicts.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-run a saved session's answers through the current playbook and compare the conclusion.",
        discussion: """
            Exit status: 0 same conclusion as recorded, 3 changed conclusion, 2 incomplete (the \
            recorded answers no longer reach a conclusion), 4 unfinished (the recording never \
            reached one either), 1 on errors. With --all DIR every session in DIR is replayed; the \
            table ends with 'N passed, N failed[, N unfinished]' and the exit status is 3 when a \
            verdict changed or a file could not be read, else 2 when answers are missing, else 4 \
            when sessions are unfinished, else 0.
            """)

    @Argument(help: "Session file (default: the newest in the session folder).", completion: Completions.sessionFiles)
    var session: String?
    @Option(help: "Replay every session file in this folder and print a summary table.") var all: String?
    @OptionGroup var options: PlaybookOptions
    @OptionGroup var sessions: SessionOptions
    @Option(help: "Output format: text, markdown or json.") var format: ReportFormat = .text
    @Flag(help: "Play the session back on screen, one answer at a time (training, hand-over).") var tui = false
    @Option(help: "With --tui: milliseconds between answers.") var delay: Int = 1500
    @Flag(name: .customLong("no-color"), help: "With --tui: monochrome.") var noColor = false

    func validate() throws {
        guard (0...600_000).contains(delay) else {
            throw ValidationError("--delay \(delay): give milliseconds between 0 and 600000 (10 minutes)")
        }
    }

    func run() throws {
        var status: Int32 = 0
        try guarded {
            let lib = try options.library()
            if let dir = all {
                status = try replayAll(dir, lib)
                return
            }
            let loaded = try sessions.load(try sessions.sessionURL(session))
            if tui {
                guard let playbook = lib.playbook(loaded.playbookId) else {
                    throw Failure(
                        "the session uses playbook '\(loaded.playbookId)', which is not in \(PlaybookLibrary.displayPath(lib.directory)); pass --playbooks DIR"
                    )
                }
                try ReplayScreen.run(
                    playbook: playbook, answers: loaded.answers, delayMS: delay,
                    monochrome: noColor || RunCommand.monochrome(ProcessInfo.processInfo.environment))
                return
            }
            let outcome: ReplayOutcome
            do { outcome = try SessionReplay.replay(loaded, library: lib) } catch { throw Failure("\(error)") }
            switch format {
            case .text: print(ReplayReport.text(outcome), terminator: "")
            case .markdown: print(ReplayReport.text(outcome, markdown: true), terminator: "")
            case .json: print(try ReplayReport.json(outcome), terminator: "")
            }
            status = outcome.status.exitCode
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// Streams the rows (text) or the array elements (JSON) as each chunk of sessions is
    /// replayed, so memory does not grow with the number of sessions; a progress line goes
    /// to stderr when it is a terminal.
    private func replayAll(_ dir: String, _ lib: PlaybookLibrary) throws -> Int32 {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw Failure("\(dir): no such folder; pass --all DIR with a folder of session files")
        }
        let files = SessionStore(directory: URL(fileURLWithPath: dir)).files()
        let showProgress = isatty(STDERR_FILENO) == 1
        let progress: (Int, Int) -> Void = { done, total in
            guard showProgress else { return }
            FileHandle.standardError.write(Data("\rreplayed \(done) of \(total) sessions\u{1B}[K".utf8))
        }
        let totals: SessionReplay.BatchTotals
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            struct Row: Encodable {
                var file: String
                var replay: ReplayReport.Summary?
                var problem: String?
            }
            var first = true
            var failure: Error?
            print("{\"format\":\"keywizard-replay-all/1\",\"results\":[")
            totals = SessionReplay.replayAll(files: files, library: lib, progress: progress) { e in
                let row = Row(file: e.url.path, replay: e.outcome.map(ReplayReport.summary), problem: e.problem)
                do {
                    let text = String(decoding: try encoder.encode(row), as: UTF8.self)
                    print((first ? "" : ",") + text)
                    first = false
                } catch { failure = error }
            }
            if let failure { throw Failure("cannot encode the replay results as JSON: \(failure)") }
            print("]}")
        case .text, .markdown:
            let table = ReplayReport.BatchTable(files: files, playbookIds: lib.playbooks.map(\.id))
            print(table.header)
            totals = SessionReplay.replayAll(files: files, library: lib, progress: progress) { e in
                for line in table.rows(e) { print(line) }
            }
            if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            for line in table.footer(totals) { print(line) }
        }
        return totals.exitCode
    }
}
