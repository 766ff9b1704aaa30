import Foundation

/// The checklist as plain text for a printer (`lp`): prose wrapped at 80 columns, no ANSI
/// codes, `[ ]` boxes, and every command alone on its line exactly as it must be typed (a
/// wrapped command is a wrong command, so long commands simply run past the margin).
public enum ChecklistText {
    public static let width = 80

    public static func render(_ c: Checklist) -> String {
        var out: [String] = []
        func prose(_ text: String, _ first: String, _ rest: String) {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            for paragraph in trimmed.split(separator: "\n", omittingEmptySubsequences: false) {
                out += TextWrap.wrap(String(paragraph), width: width, firstPrefix: first, prefix: rest)
            }
        }
        func command(_ cmd: String, _ indent: String) {
            for line in cmd.split(separator: "\n", omittingEmptySubsequences: false) { out.append(indent + line) }
        }
        func heading(_ text: String) {
            out.append("")
            out.append(text.uppercased())
            out.append(String(repeating: "-", count: min(text.count, width)))
        }

        prose(c.title, "", "")
        out.append(String(repeating: "=", count: width))
        out += TextWrap.field("Host:", c.host ?? "(not given)")
        if let w = c.windows { out += TextWrap.field("Windows:", w) }
        out += TextWrap.field("Date:", c.date)
        out += TextWrap.field("Playbook:", "\(c.playbook.id) \(c.playbook.version)")
        if let s = c.session { out += TextWrap.field("Session:", s) }
        out += TextWrap.field("Status:", c.status == .finished ? "diagnosis complete" : "interview unfinished")

        heading("Symptom")
        prose(c.symptom, "  ", "  ")

        heading("Evidence")
        if c.evidence.isEmpty { out.append("  (no answers recorded)") }
        for e in c.evidence { prose("\(e.step): \(e.answer) (\(e.source))", "  - ", "    ") }

        if c.diagnoses.isEmpty {
            heading("Diagnosis")
            out.append("  No diagnosis was reached.")
        }
        for d in c.diagnoses {
            heading("Diagnosis: \(d.id)")
            prose(d.title, "  ", "  ")
            out.append("  Severity \(d.severity.rawValue), confidence \(d.confidence.rawValue).")
            out.append("")
            prose(d.summary, "  ", "  ")
            out.append("")
            out.append("  Why:")
            for line in d.explanation {
                let indent = "    " + String(repeating: "  ", count: line.depth)
                prose(line.text, indent, indent + "  ")
            }
        }
        if let q = c.openQuestion {
            heading("Still open")
            prose(q.prompt, "  ", "  ")
            if let cmd = q.command { command(cmd, "      ") }
        }

        let steps = c.diagnoses.flatMap(\.steps)
        if !steps.isEmpty {
            heading("Remediation steps")
            for s in steps {
                out.append("")
                if s.step.isAlternative && s.number > 0 {
                    let or = "        or: "
                    prose(s.step.alternativeText, or, String(repeating: " ", count: or.count))
                    if let cmd = s.command { command(cmd, String(repeating: " ", count: or.count) + "  ") }
                    if let caution = s.caution {
                        prose(
                            "CAUTION: " + caution, String(repeating: " ", count: or.count),
                            String(repeating: " ", count: or.count + 9))
                    }
                    continue
                }
                let box = "  [ ] \(s.number). "
                prose(s.text, box, String(repeating: " ", count: box.count))
                let inner = String(repeating: " ", count: box.count)
                if let cmd = s.command { command(cmd, inner + "  ") }
                if let caution = s.caution { prose("CAUTION: " + caution, inner, inner + "         ") }
                if s.verify != nil || s.verifyCommand != nil {
                    let vbox = inner + "[ ] Verify: "
                    prose(s.verify ?? "run:", vbox, inner + "    ")
                    if let cmd = s.verifyCommand { command(cmd, inner + "      ") }
                }
            }
        }
        let refs = c.diagnoses.flatMap(\.references)
        if !refs.isEmpty {
            heading("References")
            for r in refs { prose(r.title + (r.url.map { " <\($0)>" } ?? ""), "  - ", "    ") }
        }

        heading("Sign-off")
        out.append("")
        out.append("  Performed by: ______________________________   Date: ________________")
        out.append("")
        out.append("  Verified by:  ______________________________   Date: ________________")
        return OutputSanitizer.text(out.map { $0.trailingSpacesTrimmed }.joined(separator: "\n") + "\n")
    }
}

extension String {
    var trailingSpacesTrimmed: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
