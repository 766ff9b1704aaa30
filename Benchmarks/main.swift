import DiagnosticRules
import Foundation

/// `swift run -c release keywizard-bench`: prints a table of the engine's speed on generated
/// playbooks. Targets (issue 2): a 1,000-rule playbook evaluates to fixpoint in under 1 ms
/// per session; evaluation grows no worse than linearly with the rules that can fire.

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func row(_ cells: [String]) -> String {
    let widths = [9, 7, 13, 16, 16, 8]
    return zip(cells, widths).map { $0.0.padding(toLength: $0.1, withPad: " ", startingAt: 0) }.joined(separator: " ")
}

// `keywizard-bench wire`: only the bytes-on-the-wire table (no engine runs).
let wireOnly = CommandLine.arguments.dropFirst().first == "wire"
if !wireOnly {
print(row(["shape", "rules", "load+lint ms", "eval/session ms", "sessions/s", "fired"]))
print(String(repeating: "-", count: 74))
for shape in [SyntheticPlaybook.Shape.chain, .fanout] {
    for n in [100, 1_000, 10_000] {
        let yaml = SyntheticPlaybook.yaml(rules: n, shape: shape)
        var loaded: Playbook?
        let loadTime = seconds {
            let r = PlaybookLoader.load(text: yaml, file: "synthetic.yaml")
            loaded = r.playbook
            if let p = r.playbook { _ = PlaybookLinter.lint(p) }
        }
        guard let playbook = loaded else { print("synthetic playbook failed to load"); exit(1) }
        let engine = Engine(playbook: playbook)
        let answers = [Answer(step: "x", value: .value(.integer(1)))]
        var fired = 0
        let iterations = max(20, 200_000 / n)
        let evalTime = seconds {
            for _ in 0..<iterations { fired = engine.evaluate(answers).fired.count }
        }
        let perSession = evalTime / Double(iterations)
        print(row([shape.rawValue, String(n), String(format: "%.1f", loadTime * 1000),
                   String(format: "%.3f", perSession * 1000), String(format: "%.0f", 1 / perSession), String(fired)]))
    }
}

print("")
replayBenchmark()
}

print("")
// The binary next to this one (same build), and the repository's playbooks.
let binDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
let keywizardBinary = binDir.appendingPathComponent("keywizard").path
if FileManager.default.isExecutableFile(atPath: keywizardBinary) {
    wireBytesBenchmark(keywizard: keywizardBinary, playbooks: FileManager.default.currentDirectoryPath + "/Playbooks")
} else {
    print("bytes on the wire: build keywizard first (swift build -c release), then run from the repository root")
}
