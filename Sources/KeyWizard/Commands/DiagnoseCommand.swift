import ArgumentParser
import DiagnosticRules
import Foundation
import WindowsArtifacts

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

            Registry hives (SOFTWARE, SYSTEM, NTUSER.DAT) and .evtx logs copied off the server are \
            EVIDENCE files too. --windows-root DIR reads a Windows volume mounted read-only (a \
            rescue host): it finds the hives, RegBack, MachineKeys, event logs, applicationHost.config \
            and web.config files itself, runs every playbook they apply to, and writes nothing. \
            --backup-hive FILE is a SOFTWARE hive from before a MachineGuid change (reg save, a \
            snapshot): its MachineGuid is cited as the GUID before the change. With --playbook ID, \
            --answers FILE answers that playbook's questions the volume cannot (the pool's name, \
            the trigger), and the volume's files answer the rest.

            Exit status: 0 with a diagnosis (or when the playbook does not cover the case), 2 when \
            the evidence is not enough yet (the report lists what to collect), 1 on bad input.
            """)

    @Argument(help: "Evidence files (command output saved on the server).") var evidence: [String] = []
    @Option(help: "Playbook id (default: the playbook the evidence points to).", completion: Completions.playbookIds)
    var playbook: String?
    @Option(help: "YAML answers file: step id -> answer.") var answers: String?
    @Option(help: "Output: text, markdown or json.") var format: ReportFormat = .text
    @Option(
        help:
            "List of publicly disclosed keys: Microsoft's CSV or one SHA-256 digest / hex key a line (default: $KEYWIZARD_KNOWN_KEYS, the copy imported by `known-keys update`, or the shipped list)."
    )
    var knownKeys: String?
    @Option(help: "Also record this run as a session file (replay it, print its checklist).") var save: String?
    @Option(help: "Host label recorded with --save (e.g. WEB01).") var host: String?
    @Option(
        name: .customLong("windows-root"),
        help:
            "Root of a Windows volume mounted read-only: read its hives, logs, MachineKeys and configs, run every playbook that applies."
    )
    var windowsRoot: String?
    @Option(
        name: .customLong("backup-hive"),
        help: "A SOFTWARE hive saved before MachineGuid changed (reg save, RegBack, snapshot); repeatable.")
    var backupHive: [String] = []
    @OptionGroup var options: PlaybookOptions

    func run() throws {
        var status: Int32 = 0
        try guarded {
            let lib = try options.library()
            let known = try KnownKeysLoading.load(explicit: knownKeys, playbooks: options.playbooks)
            let context = known.context
            let backups = try backupHive.map { path in
                do { return try BackupMachineGuid.read(path: path) } catch { throw Failure("--backup-hive \(error)") }
            }
            if let root = windowsRoot {
                status = try Self.diagnoseVolume(
                    root: root, backups: backupHive, library: lib, playbook: playbook, context: context,
                    extra: evidence, answers: answers, format: format)
                return
            }
            var inputs: [AnswerBuilder.EvidenceInput] = []
            var files: [AnswerBuilder.ParsedInput] = []
            var unreadable: [String] = []
            for path in evidence {
                if let kind = ArtifactReader.format(ofFileAt: path) {
                    do {
                        files.append(.init(name: path, parsed: try ArtifactReader.read(path: path, format: kind)))
                    } catch {
                        throw Failure("\(error)")
                    }
                    continue
                }
                let text = EvidenceText.decode(try Self.read(path, what: "evidence file"))
                // A file no parser reads is reported, not fatal: the other files still count.
                let input = AnswerBuilder.EvidenceInput(name: path, text: text, parsedIn: context)
                do { _ = try input.parse(in: context) } catch { unreadable.append("\(path): \(error)") }
                inputs.append(input)
            }
            if !evidence.isEmpty, unreadable.count == evidence.count, answers == nil {
                // Each message already says what to save instead; one line per file.
                throw Failure(unreadable.joined(separator: "\n"))
            }
            let chosen: Playbook
            if let id = playbook {
                guard let p = lib.playbook(id) else {
                    throw Failure("no playbook '\(id)'; use one of: " + lib.playbooks.map(\.id).joined(separator: ", "))
                }
                chosen = p
            } else if let p = AnswerBuilder.choosePlaybook(lib.playbooks, evidence: inputs, context: context) {
                chosen = p
            } else if let p = Self.choosePlaybook(lib.playbooks, files: files) {
                chosen = p
            } else {
                throw Failure(
                    (inputs.isEmpty ? "no evidence given" : "the evidence does not point to one playbook")
                        + "; name it with --playbook (one of: " + lib.playbooks.map(\.id).joined(separator: ", ") + ")")
            }
            let given = try answers.map { try Self.loadAnswers($0, playbook: chosen, context: context) } ?? []
            var filled = AnswerBuilder.fill(playbook: chosen, evidence: inputs, existing: given, context: context)
            let fromFiles = AnswerBuilder.fill(playbook: chosen, parsed: files, existing: given + filled.answers)
            filled.answers += fromFiles.answers
            filled.unmatched += fromFiles.unmatched
            var notes = filled.unmatched.map(\.description) + AnswerBuilder.skippedNotes(filled.answers)
            if !backups.isEmpty {
                notes.append(Self.attachBackup(backups, to: &filled.answers))
            }
            for n in notes { writeStandardError("keywizard diagnose: note: \(n)\n") }
            // Which disclosed-key list was checked goes into the report, not to stderr.
            notes.append(known.line)
            let conclusion = Engine(playbook: chosen).evaluate(given + filled.answers)
            if let path = save {
                do {
                    try SessionFile.write(
                        answers: given + filled.answers, playbook: chosen, conclusion: conclusion,
                        hostLabel: host, to: URL(fileURLWithPath: path))
                } catch {
                    throw Failure(
                        "\(path): cannot save the session (\(error)); check the folder exists and is writable")
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

    /// The playbook whose paste steps take the most of the files read by signature; on a tie,
    /// the one whose steps read more of them whole rather than one registry key of them
    /// (`select_key`: a SOFTWARE hive answers MachineGuid for certain, but holds the pool's
    /// AutoGenKeys entry only perhaps).
    static func choosePlaybook(_ playbooks: [Playbook], files: [AnswerBuilder.ParsedInput]) -> Playbook? {
        var best: (playbook: Playbook, score: Int, whole: Int)?
        for p in playbooks {
            let answers = AnswerBuilder.fill(playbook: p, parsed: files, existing: []).answers
            let whole = answers.filter { a in p.step(a.step)?.selectKey == nil }.count
            guard !answers.isEmpty else { continue }
            if let b = best, (answers.count, whole) <= (b.score, b.whole) { continue }
            best = (p, answers.count, whole)
        }
        return best?.playbook
    }

    /// Adds the backup's MachineGuid to the answer that holds the current one.
    static func attachBackup(_ backups: [BackupMachineGuid.Backup], to answers: inout [Answer]) -> String {
        for i in answers.indices {
            guard case .evidence(let parsed) = answers[i].value, parsed.field("machine_guid") != nil else { continue }
            let (attached, line) = BackupMachineGuid.attach(backups, to: parsed)
            answers[i].value = .evidence(attached)
            return line
        }
        return
            "--backup-hive not used: no evidence gives the current MachineGuid to compare it with (add the reg query output or the SOFTWARE hive)"
    }

    /// The answers file `file` for `playbook`; every problem in it is one line of the error.
    static func loadAnswers(_ file: String, playbook: Playbook, context: EvidenceContext) throws -> [Answer] {
        let url = URL(fileURLWithPath: file)
        let data = try Self.read(file, what: "answers file")
        guard let text = String(data: data, encoding: .utf8) else {
            throw Failure("\(file): not UTF-8 text; save the answers file as UTF-8")
        }
        let built = AnswerBuilder.answers(
            fromText: text, file: file, baseDirectory: url.deletingLastPathComponent(),
            playbook: playbook, context: context)
        if !built.problems.isEmpty {
            throw Failure(
                built.problems.map(\.description).joined(separator: "\n")
                    + "\nfix the answers file; `keywizard explain \(playbook.id)` lists the steps")
        }
        return built.answers
    }

    /// `--windows-root`: every playbook the volume's files apply to, in one report.
    static func diagnoseVolume(
        root: String, backups: [String], library: PlaybookLibrary, playbook: String?, context: EvidenceContext,
        extra: [String], answers: String?, format: ReportFormat
    ) throws -> Int32 {
        guard extra.isEmpty else {
            throw Failure("--windows-root reads everything from the volume; give no EVIDENCE files with it")
        }
        guard answers == nil || playbook != nil else {
            throw Failure(
                "--answers with --windows-root needs --playbook ID: an answers file answers one playbook's steps")
        }
        guard format == .text else { throw Failure("--windows-root prints a text report; drop --format") }
        let volume: WindowsVolume
        do { volume = try WindowsVolume(root: root) } catch { throw Failure("--windows-root \(error)") }
        var playbooks = library.playbooks
        if let id = playbook {
            guard let p = library.playbook(id) else {
                throw Failure("no playbook '\(id)'; use one of: " + library.playbooks.map(\.id).joined(separator: ", "))
            }
            playbooks = [p]
        }
        var given: [String: [Answer]] = [:]
        if let file = answers, let only = playbooks.first {
            given[only.id] = try loadAnswers(file, playbook: only, context: context)
        }
        let evidence = VolumeEvidence.collect(volume: volume, backupHives: backups, context: context)
        let diagnosis = VolumeDiagnosis(evidence: evidence, playbooks: playbooks, answers: given)
        print(diagnosis.text(root: root))
        return diagnosis.exitStatus
    }

    /// A regular file of at most 16 MB (as `parse` refuses): a huge file, a FIFO or a device
    /// is refused in one line before anything reads it.
    static func read(_ path: String, what: String) throws -> Data {
        switch RegularFileReader.read(path, followSymlinks: true) {
        case .success(let data): return data
        case .failure(.tooLarge(let bytes, let limit)):
            throw Failure(
                "\(OutputSanitizer.line(path)): \(bytes) bytes is too large for a \(what) (limit \(limit / 1_048_576) MB); save only the command's output"
            )
        case .failure(let f):
            throw Failure("\(OutputSanitizer.line(path)): cannot read the \(what) (\(f)); check the path")
        }
    }
}
