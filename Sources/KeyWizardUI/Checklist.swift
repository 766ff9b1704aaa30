import DiagnosticRules
import Foundation

/// The recovery checklist written from the final screen: each concluded diagnosis with its
/// summary and remediation steps as boxes to tick, in plain text or Markdown.
public enum Checklist {
    public static func render(_ c: Conclusion, markdown: Bool, date: Date = Date()) -> String {
        var out: [String] = []
        let stamp = ISO8601DateFormatter().string(from: date)
        if markdown {
            out.append("# \(c.playbook.title)")
            out.append("")
            out.append("KeyWizard checklist, playbook `\(c.playbook.id)` \(c.playbook.version), \(stamp)")
        } else {
            out.append(c.playbook.title)
            out.append(String(repeating: "=", count: min(78, c.playbook.title.count)))
            out.append("KeyWizard checklist, playbook \(c.playbook.id) \(c.playbook.version), \(stamp)")
        }
        out.append("")
        if c.diagnoses.isEmpty {
            out.append("No diagnosis was reached. Run `keywizard` again and press h on the final screen to see what is missing.")
        }
        for d in c.diagnoses {
            out.append(markdown ? "## \(d.diagnosis.title)" : d.diagnosis.title)
            if !markdown { out.append(String(repeating: "-", count: min(78, d.diagnosis.title.count))) }
            out.append("")
            out.append("Severity \(d.diagnosis.severity.rawValue), confidence \(d.diagnosis.confidence.rawValue).")
            out.append("")
            out += TextWidth.wrap(d.summary.trimmingCharacters(in: .whitespacesAndNewlines), width: 78)
            out.append("")
            for (i, r) in d.diagnosis.remediation.enumerated() {
                let box = markdown ? "- [ ] " : "[ ] \(i + 1). "
                let pad = String(repeating: " ", count: box.count)
                let text = TextWidth.wrap(c.render(r.text), width: 78 - box.count)
                for (j, l) in text.enumerated() { out.append((j == 0 ? box : pad) + l) }
                if let cmd = r.command {
                    if markdown { out += ["", pad + "```", pad + c.render(cmd), pad + "```", ""] } else { out.append(pad + "    " + c.render(cmd)) }
                }
                if let caution = r.caution {
                    out += TextWidth.wrap((markdown ? "**Caution:** " : "Caution: ") + c.render(caution), width: 78 - box.count).map { pad + $0 }
                }
                if let v = r.verify { out += TextWidth.wrap("Check: " + c.render(v), width: 78 - box.count).map { pad + $0 } }
                if let vc = r.verifyCommand {
                    if markdown { out += ["", pad + "```", pad + c.render(vc), pad + "```", ""] } else { out.append(pad + "    " + c.render(vc)) }
                }
            }
            out.append("")
        }
        out.append(markdown ? "## Answers" : "Answers")
        if !markdown { out.append("-------") }
        for id in c.relevantSteps {
            guard let a = c.answers[id] else { continue }
            let shown: String
            switch a.value {
            case .value(let v): shown = v.description
            case .unknown: shown = "don't know"
            case .evidence(let e): shown = e.summary
            }
            out.append((markdown ? "- `\(id)`: " : "- \(id): ") + shown)
        }
        return out.joined(separator: "\n") + "\n"
    }
}
