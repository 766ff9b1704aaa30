import Foundation

/// A playbook as a tree a reviewer can read top to bottom (`keywizard explain`).
public enum PlaybookOutline {
    public static func render(_ p: Playbook) -> String {
        var out: [String] = []
        out.append("\(p.title)  [\(p.id) v\(p.version)]")
        out.append("file: \(p.file)")
        out.append("")
        out.append(contentsOf: wrap(p.symptom, indent: "  "))
        out.append("")
        out.append("Steps (asked in this order while relevant):")
        for (i, s) in p.steps.enumerated() {
            out.append("  \(i + 1). \(s.id) [\(s.input.rawValue)] \(s.prompt)")
            if let c = s.askWhen { out.append("       ask when: \(c.text)") }
            for line in commandLines(s.commands, prefix: "run: ") { out.append("       " + line) }
            if let f = s.sets { out.append("       sets: \(f)") }
            if !s.fields.isEmpty {
                out.append(
                    "       parsers: \(s.parsers.joined(separator: ", ")); sets: "
                        + s.fields.map { "\($0.field) -> \($0.fact)" }.joined(separator: ", "))
            }
            if let key = s.selectKey { out.append("       from a hive: the key named by \(key)") }
            for (n, c) in s.choices.enumerated() { out.append("       \(n + 1)) \(c.value.description): \(c.label)") }
        }
        if !p.derived.isEmpty {
            out.append("")
            out.append("Computed facts:")
            for d in p.derived { out.append("  \(d.fact) = \(d.value.text)") }
        }
        out.append("")
        out.append("Rules (priority, then file order):")
        let rules = p.rules.sorted { $0.priority != $1.priority ? $0.priority > $1.priority : $0.order < $1.order }
        for r in rules {
            out.append("  \(r.id)\(r.priority != 0 ? " (priority \(r.priority))" : "")")
            if !r.description.isEmpty { out.append("    # \(r.description)") }
            out.append("    when \(r.when.text)")
            for s in r.sets { out.append("    set \(s.fact) = \(s.value.text)") }
            for d in r.concludes { out.append("    conclude \(d)") }
        }
        out.append("")
        out.append("Diagnoses:")
        for d in p.diagnoses {
            out.append(
                "  \(d.id): \(d.title) [\(d.severity.rawValue), confidence \(d.confidence.rawValue)\(d.final ? ", final" : "")]"
            )
            let by = p.rules.filter { $0.concludes.contains(d.id) }.map(\.id)
            out.append("    concluded by: \(by.isEmpty ? "(no rule)" : by.joined(separator: ", "))")
            for (i, step) in d.remediation.enumerated() {
                out.append("    \(i + 1). \(step.text)")
                for line in commandLines(step.commands, prefix: "$ ") { out.append("       " + line) }
                if let c = step.caution { out.append("       caution: \(c)") }
                if let v = step.verify { out.append("       verify: \(v)") }
                for line in commandLines(step.verifyCommands, prefix: "$ ") { out.append("       " + line) }
            }
        }
        return out.joined(separator: "\n")
    }

    /// A command as written: one line when it is the same everywhere, else one per key.
    static func commandLines(_ c: VersionedCommand?, prefix: String) -> [String] {
        guard let c else { return [] }
        if c.isPlain { return [prefix + c.texts[0]] }
        return c.variants.map { "\(prefix)[\($0.key)] \($0.text)" }
    }

    /// Word-wrap to `width` columns.
    public static func wrap(_ text: String, width: Int = 78, indent: String = "") -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = indent
            for word in paragraph.split(separator: " ") {
                if line.count + word.count + 1 > width, line.count > indent.count {
                    lines.append(line)
                    line = indent
                }
                line += (line.count > indent.count ? " " : "") + word
            }
            lines.append(line)
        }
        return lines
    }
}
