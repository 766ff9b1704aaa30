import DiagnosticRules
import Foundation

/// `swift run -c release keywizard-bench`: prints the figures the README quotes, each
/// measured here on this machine. The engine on generated playbooks (a 1,000-rule playbook
/// evaluates to fixpoint in under 1 ms per session; 10x the rules costs at most 11x);
/// `replay --all` over sessions diagnosed from real evidence; start-up and memory beside
/// dialog and whiptail.

func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func row(_ cells: [String]) -> String {
    let widths = [9, 7, 13, 16, 16, 8]
    return zip(cells, widths).map { $0.0.padding(toLength: $0.1, withPad: " ", startingAt: 0) }.joined(separator: " ")
}

if CommandLine.arguments.count > 1 && CommandLine.arguments[1] == ChildProcess.measureFlag {
    ChildProcess.relay(Array(CommandLine.arguments.dropFirst(2)))
}

// KEYWIZARD_BENCH_ONLY=hostile runs only the hostile-input table (issue 15).
if ProcessInfo.processInfo.environment["KEYWIZARD_BENCH_ONLY"] == "hostile" {
    hostileInputBenchmark()
    exit(0)
}

/// The engine on generated playbooks: load+lint time and evaluation per session.
func engineBenchmark() {
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
            guard let playbook = loaded else {
                print("synthetic playbook failed to load")
                exit(1)
            }
            let engine = Engine(playbook: playbook)
            let answers = [Answer(step: "x", value: .value(.integer(1)))]
            var fired = 0
            let iterations = max(20, 200_000 / n)
            let evalTime = seconds {
                for _ in 0..<iterations { fired = engine.evaluate(answers).fired.count }
            }
            let perSession = evalTime / Double(iterations)
            print(
                row([
                    shape.rawValue, String(n), String(format: "%.1f", loadTime * 1000),
                    String(format: "%.3f", perSession * 1000), String(format: "%.0f", 1 / perSession), String(fired)
                ]))
        }
    }
}

/// What start-up pays before the first screen: loading (YAML, schema, type checks) the
/// shipped playbooks, which every command and the wizard's start menu need.
func loadBenchmark() {
    let dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Playbooks")
    var count = 0
    let runs = 20
    let t = seconds { for _ in 0..<runs { count = PlaybookLibrary.load(directory: dir).playbooks.count } }
    print(
        String(
            format: "shipped playbooks: %d loaded in %.1f ms (mean of %d loads)", count, t * 1000 / Double(runs), runs))
}

// `keywizard-bench [engine|load|replay|scan|hostile|startup|wire]...`: all of them by default.
let selected = Set(CommandLine.arguments.dropFirst())
let all = selected.isEmpty
if all || selected.contains("engine") {
    engineBenchmark()
    print("")
}
if all || selected.contains("load") {
    loadBenchmark()
    print("")
}
if all || selected.contains("replay") {
    replayBenchmark()
    print("")
}
if all || selected.contains("scan") {
    scanConfigsBenchmark()
    print("")
}
if all || selected.contains("hostile") {
    hostileInputBenchmark()
    print("")
}
if all || selected.contains("startup") {
    startupBenchmark()
    print("")
}
if all || selected.contains("wire") {
    // The keywizard binary the other benchmarks run, and the repository's playbooks.
    wireBytesBenchmark(keywizard: keywizardBinary, playbooks: FileManager.default.currentDirectoryPath + "/Playbooks")
}
