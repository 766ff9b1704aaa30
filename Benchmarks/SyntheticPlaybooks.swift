import DiagnosticRules
import Foundation

/// Generated playbooks for the benchmark: the engine's cost on shapes no hand-written
/// playbook reaches.
enum SyntheticPlaybook {
    enum Shape: String { case chain, fanout }

    /// `chain`: rule i sets f_i when f_{i-1} holds; the rules are written in REVERSE order,
    /// the worst case for a naive re-scan (every rule fires, one per pass).
    /// `fanout`: one answer, N rules testing it against N values; one fires.
    static func yaml(rules n: Int, shape: Shape) -> String {
        var s = """
            id: synthetic-\(shape.rawValue)-\(n)
            title: Synthetic \(shape.rawValue) \(n)
            version: "1"
            symptom: generated for the benchmark
            facts:
              - {id: x, type: integer}

            """
        if shape == .chain { for i in 0..<n { s += "  - {id: f\(i), type: boolean}\n" } }
        s += "steps:\n  - {id: x, prompt: 'x?', input: integer, sets: x}\nrules:\n"
        switch shape {
        case .chain:
            for i in stride(from: n - 1, through: 0, by: -1) {
                let when = i == 0 ? "x == 1" : "f\(i - 1) == true and x > 0"
                s +=
                    "  - {id: r\(i), when: '\(when)', then: {set: {f\(i): 'true'}\(i == n - 1 ? ", conclude: [done]" : "")}}\n"
            }
        case .fanout:
            for i in 0..<n {
                s += "  - {id: r\(i), when: 'x == \(i) and x >= 0', then: {conclude: [d\(i % 10)]}}\n"
            }
        }
        s += "diagnoses:\n"
        if shape == .chain {
            s += "  - {id: done, title: Done, severity: low, summary: done}\n"
        } else {
            for i in 0..<10 { s += "  - {id: d\(i), title: D\(i), severity: low, summary: s}\n" }
        }
        return s
    }
}
