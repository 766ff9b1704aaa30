import ArgumentParser
import DiagnosticRules
import Foundation

/// `keywizard diagnose`: the whole interview without a terminal. Evidence files are matched
/// to the playbook's paste steps by format, an answers file gives the rest, and the report
/// says what is wrong and how to fix it, or which command collects what is still missing.
struct DiagnoseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract: "Diagnose from saved evidence files and an answers file, without questions.",
        discussion: """
        Each EVIDENCE file (reg query / .reg export, MachineKeys listing, event text or XML, \
        icacls, web.config, applicationHost.config) is recognised by its content and given to \
        the step that asks for it. --answers FILE is a YAML mapping of step id to answer \
        (`step: value`, `step: ~` for "don't know", `step: {evidence: FILE}`).

        Exit status: 0 with a diagnosis (or when the playbook does not cover the case), 2 when \
        the evidence is not enough yet (the report lists what to collect), 1 on bad input.
        """)

    @Argument(help: "Evidence files (command output saved on the server).") var evidence: [String] = []
    @Option(help: "Playbook id (default: the playbook the evidence points to).") var playbook: String?
    @Option(help: "YAML answers file: step id -> answer.") var answers: String?
    @Option(help: "Output: text, markdown or json.") var format: ReportFormat = .text
    @Option(help: "List of publicly disclosed keys (SHA-256 digests or hex keys; default: $KEYWIZARD_KNOWN_KEYS).")
    var knownKeys: String?
    @Option(help: "Also record this run as a session file (replay it, print its checklist).") var save: String?
    @Option(help: "Host label recorded with --save (e.g. WEB01).") var host: String?
    @OptionGroup var options: PlaybookOptions

    func run() throws {
        var status: Int32 = 0
        try guarded {
            let lib = try options.library()
            var context = EvidenceContext()
            if let list = knownKeys ?? ProcessInfo.processInfo.environment["KEYWIZARD_KNOWN_KEYS"], !list.isEmpty {
                context.knownKeyDigests = try Self.loadKnownKeys(list)
            }
            var inputs: [AnswerBuilder.EvidenceInput] = []
            for path in evidence {
                let text = EvidenceText.decode(try Self.read(path, what: "evidence file"))
                do { _ = try EvidenceRegistry.parseAuto(EvidenceText.normalizeNewlines(text), context: context) } catch {
                    throw Failure("\(path): \(error); save the raw command output (see `keywizard explain <playbook>` for the commands)")
                }
                inputs.append(.init(name: path, text: text))
            }
            let chosen: Playbook
            if let id = playbook {
                guard let p = lib.playbook(id) else {
                    throw Failure("no playbook '\(id)'; use one of: " + lib.playbooks.map(\.id).joined(separator: ", "))
                }
                chosen = p
            } else if let p = AnswerBuilder.choosePlaybook(lib.playbooks, evidence: inputs, context: context) {
                chosen = p
            } else {
                throw Failure((inputs.isEmpty ? "no evidence given" : "the evidence does not point to one playbook")
                    + "; name it with --playbook (one of: " + lib.playbooks.map(\.id).joined(separator: ", ") + ")")
            }
            var given: [Answer] = []
            if let file = answers {
                let url = URL(fileURLWithPath: file)
                let data = try Self.read(file, what: "answers file")
                guard let text = String(data: data, encoding: .utf8) else {
                    throw Failure("\(file): not UTF-8 text; save the answers file as UTF-8")
                }
                let built = AnswerBuilder.answers(fromText: text, file: file, baseDirectory: url.deletingLastPathComponent(),
                                                  playbook: chosen, context: context)
                if !built.problems.isEmpty {
                    throw Failure(built.problems.map(\.description).joined(separator: "\n") + "\nfix the answers file; `keywizard explain \(chosen.id)` lists the steps")
                }
                given = built.answers
            }
            let filled = AnswerBuilder.fill(playbook: chosen, evidence: inputs, existing: given, context: context)
            let notes = filled.unmatched.map(\.description)
            for n in notes { writeStandardError("keywizard diagnose: note: \(n)\n") }
            let conclusion = Engine(playbook: chosen).evaluate(given + filled.answers)
            if let path = save {
                do {
                    try SessionFile.write(answers: given + filled.answers, playbook: chosen, conclusion: conclusion,
                                          hostLabel: host, to: URL(fileURLWithPath: path))
                } catch {
                    throw Failure("\(path): cannot save the session (\(error)); check the folder exists and is writable")
                }
            }
            let report = ConclusionReport(conclusion, notes: notes)
            switch format {
            case .text: print(report.text(width: 80))
            case .markdown: print(report.markdown(), terminator: "")
            case .json:
                do { print(try report.json()) } catch { throw Failure("cannot encode the report as JSON: \(error)") }
            }
            if report.status == .incomplete { status = 2 }
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// A regular file of at most 16 MB (as `parse` refuses): a huge file, a FIFO or a device
    /// is refused in one line before anything reads it.
    static func read(_ path: String, what: String) throws -> Data {
        switch RegularFileReader.read(path, followSymlinks: true) {
        case .success(let data): return data
        case .failure(.tooLarge(let bytes, let limit)):
            throw Failure("\(OutputSanitizer.line(path)): \(bytes) bytes is too large for a \(what) (limit \(limit / 1_048_576) MB); save only the command's output")
        case .failure(let f):
            throw Failure("\(OutputSanitizer.line(path)): cannot read the \(what) (\(f)); check the path")
        }
    }

    static func loadKnownKeys(_ path: String) throws -> Set<String> {
        let data = try read(path, what: "known-keys list")
        do { return try KnownKeys.load(text: EvidenceText.decode(data)) } catch let e as KnownKeys.LoadError {
            throw Failure("\(path):\(e.line): \(e.message); each line must be a 64-hex SHA-256 digest or a hex key (# for comments)")
        }
    }
}
