import DiagnosticRules
import Foundation

/// `replay --all` over 10,000 sessions that reach a diagnosis from real evidence, written the
/// way `keywizard diagnose --save` writes them: three evidence blocks each (the 7024 event,
/// the MachineGuid query, the MachineKeys listing) from the shipped example cases, parsed,
/// matched to the playbook's steps and journalled. The sessions are then replayed by the real
/// `keywizard replay --all` command built next to this benchmark, so the figures are the
/// command's own: wall time and peak RSS of the process (targets: < 3 s, < 60 MB).
func replayBenchmark(sessions count: Int = 10_000) {
    let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    let playbooks = root.appendingPathComponent("Playbooks")
    let lib = PlaybookLibrary.load(directory: playbooks)
    let evidenceDir = playbooks.appendingPathComponent("tests/iis-admin-machineguid/evidence")
    guard let playbook = lib.playbook("iis-admin-machineguid"),
        let names = try? FileManager.default.contentsOfDirectory(atPath: evidenceDir.path)
    else {
        print(
            "replay --all    skipped: run from the package root (Playbooks/iis-admin-machineguid.yaml and its cases not found)"
        )
        return
    }
    func texts(_ prefix: String) -> [AnswerBuilder.EvidenceInput] {
        names.filter { $0.hasPrefix(prefix) }.sorted().compactMap { name in
            guard let data = FileManager.default.contents(atPath: evidenceDir.appendingPathComponent(name).path) else {
                return nil
            }
            return AnswerBuilder.EvidenceInput(name: name, text: EvidenceText.decode(data))
        }
    }
    let engine = Engine(playbook: playbook)
    // Every combination of the cases' event, MachineGuid and listing files that reaches a
    // diagnosis; combinations that stop early are left out (they replay two answers and
    // measure nothing).
    var combos: [[Answer]] = []
    var diagnosesSeen = Set<String>()
    for event in texts("event-7024") {
        for guid in texts("machineguid") {
            for listing in texts("machinekeys-") {
                let filled = AnswerBuilder.fill(
                    playbook: playbook, evidence: [event, guid, listing], existing: [],
                    context: EvidenceContext())
                let conclusion = engine.evaluate(filled.answers)
                guard !conclusion.diagnoses.isEmpty, filled.answers.count >= 3 else { continue }
                combos.append(filled.answers)
                diagnosesSeen.formUnion(conclusion.diagnoses.map(\.diagnosis.id))
            }
        }
    }
    guard !combos.isEmpty else {
        print("replay --all    skipped: no combination of the example evidence reaches a diagnosis")
        return
    }

    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("keywizard-bench-\(getpid())")
    defer { try? FileManager.default.removeItem(at: dir) }
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let writeStart = Date()
    for i in 0..<count {
        let t0 = Date(timeIntervalSince1970: 1_740_821_400 + Double(i))
        let answers = combos[i % combos.count].enumerated().map { n, a in
            var a = a
            a.time = t0.addingTimeInterval(Double(n))
            return a
        }
        let url = dir.appendingPathComponent(String(format: "s%05d.jsonl", i))
        do {
            try SessionFile.write(
                answers: answers, playbook: playbook, conclusion: engine.evaluate(answers),
                hostLabel: "BENCH\(i % 7)", to: url, now: t0.addingTimeInterval(60))
        } catch {
            print("replay --all    failed to write \(url.path): \(error)")
            return
        }
    }
    let written = Date().timeIntervalSince(writeStart)

    let binary = URL(fileURLWithPath: keywizardBinary)
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
        print("replay --all    skipped: \(binary.path) not built (swift build -c release --product keywizard)")
        return
    }
    guard let run = ChildProcess.measure([binary.path, "replay", "--all", dir.path, "--playbooks", playbooks.path])
    else {
        print("replay --all    could not start \(binary.path)")
        return
    }
    let closing = run.output.split(separator: "\n").last.map(String.init) ?? "(no output)"
    // The floor of the peak figure: what /bin/true reports through the same relay.
    let floor = ChildProcess.measure(["/bin/true"])?.maxRSSMB ?? 0
    print(
        String(
            format:
                "replay --all   %6d sessions (%d evidence combinations, %d diagnoses)   %5.2f s wall  %5.1f MB peak RSS (floor %.1f)   [%@]   targets < 3 s, < 60 MB  (written in %.1f s)",
            count, combos.count, diagnosesSeen.count, run.seconds, run.maxRSSMB, floor, closing, written))
}
