/// The checklist as Markdown (for a ticket or a wiki page): GitHub task-list boxes, commands
/// in fenced code blocks so they are copied exactly, prose escaped so that paths with `\`,
/// `*` or `_` render as written.
public enum ChecklistMarkdown {
    public static func render(_ c: Checklist) -> String {
        var out: [String] = []
        out.append("# \(escape(c.title))")
        out.append("")
        out.append("| | |")
        out.append("| --- | --- |")
        out.append("| Host | \(cell(c.host ?? "(not given)")) |")
        if let w = c.windows { out.append("| Windows | \(cell(w)) |") }
        out.append("| Date | \(cell(c.date)) |")
        out.append("| Playbook | \(cell("\(c.playbook.id) \(c.playbook.version)")) |")
        if let s = c.session { out.append("| Session | \(cell(s)) |") }
        out.append("| Status | \(c.status == .finished ? "diagnosis complete" : "interview unfinished") |")
        out.append("")
        out.append("## Symptom")
        out.append("")
        out.append(escape(c.symptom))
        out.append("")
        out.append("## Evidence")
        out.append("")
        if c.evidence.isEmpty { out.append("(no answers recorded)") }
        for e in c.evidence { out.append("- **\(escape(e.step))**: \(escape(e.answer)) (\(escape(e.source)))") }
        if c.diagnoses.isEmpty {
            out.append("")
            out.append("## Diagnosis")
            out.append("")
            out.append("No diagnosis was reached.")
        }
        for d in c.diagnoses {
            out.append("")
            out.append("## Diagnosis: \(escape(d.title))")
            out.append("")
            out.append("*`\(d.id)`: severity \(d.severity.rawValue), confidence \(d.confidence.rawValue)*")
            out.append("")
            out.append(escape(d.summary))
            out.append("")
            out.append("### Why")
            out.append("")
            out += fence(d.explanation.text, indent: "")
        }
        if let q = c.openQuestion {
            out.append("")
            out.append("## Still open")
            out.append("")
            out.append(escape(q.prompt))
            if let cmd = q.command {
                out.append("")
                out += fence(cmd, indent: "")
            }
        }
        let steps = c.diagnoses.flatMap(\.steps)
        if !steps.isEmpty {
            out.append("")
            out.append("## Remediation steps")
            for s in steps {
                out.append("")
                if s.step.isAlternative {
                    out.append("  *or:* \(escape(s.step.alternativeText))")
                    if let cmd = s.command {
                        out.append("")
                        out += fence(cmd, indent: "  ")
                    }
                    if let caution = s.caution {
                        out.append("")
                        out.append("  > **Caution:** \(escape(caution))")
                    }
                    continue
                }
                out.append("- [ ] **\(s.number).** \(escape(s.text))")
                if let cmd = s.command {
                    out.append("")
                    out += fence(cmd, indent: "  ")
                }
                if let caution = s.caution {
                    out.append("")
                    out.append("  > **Caution:** \(escape(caution))")
                }
                if s.verify != nil || s.verifyCommand != nil {
                    out.append("")
                    out.append("  - [ ] **Verify:** \(escape(s.verify ?? "run:"))")
                    if let cmd = s.verifyCommand {
                        out.append("")
                        out += fence(cmd, indent: "    ")
                    }
                }
            }
        }
        let refs = c.diagnoses.flatMap(\.references)
        if !refs.isEmpty {
            out.append("")
            out.append("## References")
            out.append("")
            for r in refs { out.append("- " + escape(r.title) + (r.url.flatMap(safeURL).map { " <\($0)>" } ?? "")) }
        }
        out.append("")
        out.append("## Sign-off")
        out.append("")
        out.append("Performed by: ______________________ Date: ____________")
        out.append("")
        out.append("Verified by: ______________________ Date: ____________")
        return OutputSanitizer.text(out.map { $0.trailingSpacesTrimmed }.joined(separator: "\n") + "\n")
    }

    /// A fenced block long enough not to be closed by backticks inside the text.
    static func fence(_ text: String, indent: String) -> [String] {
        var longest = 0
        var run = 0
        for ch in text {
            if ch == "`" {
                run += 1
                longest = max(longest, run)
            } else {
                run = 0
            }
        }
        let marks = String(repeating: "`", count: max(3, longest + 1))
        return [indent + marks] + text.split(separator: "\n", omittingEmptySubsequences: false).map { indent + $0 } + [
            indent + marks
        ]
    }

    /// Backslash-escape Markdown punctuation so prose renders literally.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            if "\\`*_[]<>#|{}!".contains(ch) { out.append("\\") }
            if ch == "\n" || ch == "\r" || ch == "\r\n" {
                out.append(" ")
                continue
            }
            out.append(ch)
        }
        return out
    }

    static func cell(_ text: String) -> String { escape(text) }

    /// Only http(s) links without spaces or angle brackets become autolinks: a `javascript:`
    /// URL or one that closes the `<...>` early is left out.
    static func safeURL(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        return url.contains(where: { $0 == "<" || $0 == ">" || $0.isWhitespace || $0.isNewline }) ? nil : url
    }
}
