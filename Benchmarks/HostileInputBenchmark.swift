import DiagnosticRules
import Foundation

/// Hostile input (issue 15): what `diagnose` does with a 1 MB unbroken token in evidence
/// (once 64 s: quadratic wrapping), with a 16 MB evidence file (the largest any input path
/// reads), and a playbook of 20 rules each matching a catastrophic regex (once 3.7 s per
/// rule, and the aborted match counted as false). Targets: < 0.5 s, < 0.5 s, < 1 s.
func hostileInputBenchmark() {
    let playbooks = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Playbooks")
    let playbook = PlaybookLibrary.load(directory: playbooks).playbook("iis-admin-machineguid")
    func cell(_ s: String, _ n: Int) -> String { s.padding(toLength: n, withPad: " ", startingAt: 0) }
    print(cell("hostile input", 36) + cell("seconds", 9) + cell("target", 8) + "result")
    print(String(repeating: "-", count: 74))

    /// Everything `diagnose FILE` does after reading the file: decode, parse, fill the
    /// playbook's steps, evaluate, and lay out the text report at 80 columns.
    func diagnose(_ data: Data) -> String {
        let text = EvidenceText.decode(data)
        // Parsed once and handed on, as `diagnose` does.
        let input = AnswerBuilder.EvidenceInput(name: "evidence.txt", text: text, parsedIn: EvidenceContext())
        let parsed: ParsedEvidence
        do { parsed = try input.parse(in: EvidenceContext()) } catch {
            return "refused: \(error)"
        }
        var lines = EvidenceReport(file: "evidence.txt", parsed: parsed).textLines().count
        if let p = playbook {
            let filled = AnswerBuilder.fill(
                playbook: p, evidence: [input], existing: [],
                context: EvidenceContext())
            let report = ConclusionReport(
                Engine(playbook: p).evaluate(filled.answers), notes: filled.unmatched.map(\.description))
            lines += report.text(width: 80).split(separator: "\n").count
        }
        return "\(lines) report lines"
    }

    func event(service: String, count: Int = 1) -> String {
        (0..<count).map { i in
            "Event[\(i)]:\n  Log Name: System\n  Source: Service Control Manager\n  Date: 2024-05-14T08:12:31.123\n  Event ID: 7024\n"
                + "  Task: N/A\n  Level: Error\n  Opcode: N/A\n  Keyword: Classic\n  User: N/A\n  User Name: N/A\n"
                + "  Computer: WEB01.contoso.local\n  Description: \nThe \(service) service terminated with service-specific error 2148073478 (0x80090006).\n\n"
        }.joined()
    }

    func report(_ name: String, target: Double, _ body: () -> String) {
        var result = ""
        let t = seconds { result = body() }
        print(
            cell(name, 36) + cell(String(format: "%.3f", t), 9) + cell("< \(target)", 8)
                + (t < target ? "ok, " : "OVER TARGET, ") + result)
    }

    let token = event(service: String(repeating: "S", count: 1_048_576))
    report("1 MB-token evidence (diagnose)", target: 0.5) { diagnose(Data(token.utf8)) }

    let over = Data(count: RegularFileReader.maximumBytes + 1)
    let overPath = FileManager.default.temporaryDirectory.appendingPathComponent("keywizard-bench-over-\(getpid())")
        .path
    _ = FileManager.default.createFile(atPath: overPath, contents: over)
    defer { unlink(overPath) }
    report("16 MB + 1 byte file (refused)", target: 0.5) {
        if case .failure(let f) = RegularFileReader.read(overPath) { return "refused: \(f)" }
        return "read (should have been refused)"
    }

    let one = event(service: "IIS Admin Service")
    let copies = RegularFileReader.maximumBytes / one.utf8.count
    let big = Data(event(service: "IIS Admin Service", count: copies).utf8)
    report("16 MB of event text (diagnose)", target: 0.5) { diagnose(big) }

    let path = FileManager.default.temporaryDirectory.appendingPathComponent("keywizard-bench-big-\(getpid())").path
    _ = FileManager.default.createFile(atPath: path, contents: nil)
    truncate(path, off_t(50 * 1_048_576))
    defer { unlink(path) }
    report("50 MB file (refused before read)", target: 0.5) {
        if case .failure(let f) = RegularFileReader.read(path) { return "refused: \(f)" }
        return "read (should have been refused)"
    }

    var yaml =
        "id: redos\ntitle: R\nversion: \"1\"\nsymptom: s\nfacts: [{id: name, type: string}]\n"
        + "steps: [{id: name, prompt: n, input: text, sets: name}]\nrules:\n"
    for i in 0..<20 { yaml += "  - {id: r\(i), when: 'name matches \"^(a+)+$\"', then: {conclude: [d]}}\n" }
    yaml += "diagnoses: [{id: d, title: D, severity: low, summary: s}]\n"
    report("catastrophic regex, 20 rules", target: 1.0) {
        guard let p = PlaybookLoader.load(text: yaml, file: "redos.yaml").playbook else { return "failed to load" }
        let c = Engine(playbook: p).evaluate([
            Answer(step: "name", value: .value(.string(String(repeating: "a", count: 40) + "!")))
        ])
        let unknown = p.rules.filter { r in Evaluator { c.facts[$0]?.value }.evaluate(r.when) == .unknown }.count
        return "\(unknown) of 20 conditions unknown, \(c.diagnoses.count) concluded"
    }
}
