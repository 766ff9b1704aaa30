import Foundation

/// A finished (or stopped) interview rendered for people and scripts: the diagnoses with how
/// they were reached and what to do, or what is still missing and the command that collects
/// it. Used by `keywizard diagnose`; every renderer shows the same document.
///
/// Secrets: facts from sensitive evidence are already fingerprints when they reach the
/// engine, and the report prints facts, answers' parsed fields and playbook text only, so no
/// renderer can show a key.
///
/// JSON shape (`json()`), format `keywizard-diagnosis/1`. Keys are sorted; absent optional
/// values are omitted:
///
/// ```
/// {
///   "format": "keywizard-diagnosis/1",
///   "playbook": {"id": "...", "version": "...", "title": "..."},
///   "status": "diagnosed" | "incomplete" | "not-covered",
///   "diagnoses": [{"id", "title", "severity", "confidence", "final": bool, "summary",
///                  "rule", "remediation": [{"text", "command"?, "caution"?, "verify"?,
///                  "verify_command"?}], "explanation": [{"depth": int, "text"}]}],
///   "missing": [{"step", "prompt", "command"?, "help"?}],
///   "facts": [{"name", "value", "source"}],
///   "why_not": [{"diagnosis", "title", "explanation": [{"depth", "text"}]}],
///   "errors": ["engine error text"],
///   "notes": ["evidence or answers notes"]
/// }
/// ```
///
/// Status: `diagnosed` when at least one diagnosis was concluded; `incomplete` when none was
/// and relevant steps are still unanswered (`missing` lists them); `not-covered` when every
/// relevant step is answered and no diagnosis applies (the playbook does not cover the case).
/// `{fact}` placeholders in remediation and in the missing steps' commands are filled.
public struct ConclusionReport: Sendable {
    public static let format = "keywizard-diagnosis/1"

    public enum Status: String, Codable, Sendable {
        case diagnosed
        case incomplete
        case notCovered = "not-covered"
    }

    /// The one remediation type, templates filled (JSON: `verify_command`).
    public typealias Remediation = RemediationStep

    public struct DiagnosisEntry: Codable, Equatable, Sendable {
        public var id: String
        public var title: String
        public var severity: Severity
        public var confidence: Confidence
        public var final: Bool
        public var summary: String
        public var rule: String
        public var remediation: [Remediation]
        public var explanation: [ExplanationLine]
    }

    public struct MissingStep: Codable, Equatable, Sendable {
        public var step: String
        public var prompt: String
        public var command: String?
        public var help: String?
    }

    public struct FactEntry: Codable, Equatable, Sendable {
        public var name: String
        public var value: String
        public var source: String
    }

    public struct WhyNot: Codable, Equatable, Sendable {
        public var diagnosis: String
        public var title: String
        public var explanation: [ExplanationLine]
    }

    /// The whole report as data; the JSON document is exactly this.
    public struct Document: Codable, Equatable, Sendable {
        public var format: String
        public var playbook: ReportPlaybook
        public var status: Status
        /// The Windows the commands are written for (answered, or inferred with its evidence).
        public var windows: String?
        public var diagnoses: [DiagnosisEntry]
        public var missing: [MissingStep]
        public var facts: [FactEntry]
        public var whyNot: [WhyNot]
        public var errors: [String]
        public var notes: [String]
        enum CodingKeys: String, CodingKey {
            case format, playbook, status, windows, diagnoses, missing, facts, errors, notes
            case whyNot = "why_not"
        }
    }

    public let document: Document

    /// `notes`: problems with the inputs that did not stop the run (evidence that no step
    /// took, parser notes), shown after the diagnosis.
    public init(_ conclusion: Conclusion, notes: [String] = []) {
        let p = conclusion.playbook
        let explainer = Explainer(conclusion)
        let diagnoses = conclusion.diagnoses.map { c in
            DiagnosisEntry(
                id: c.diagnosis.id, title: c.diagnosis.title, severity: c.diagnosis.severity,
                confidence: c.diagnosis.confidence, final: c.diagnosis.final, summary: c.summary, rule: c.rule,
                remediation: c.diagnosis.remediation.map { $0.filled(by: conclusion) },
                explanation: explainer.how(diagnosis: c.diagnosis.id))
        }
        let missing = p.steps
            .filter { conclusion.relevantSteps.contains($0.id) && conclusion.answers[$0.id] == nil }
            .map { conclusion.present($0) }
            .map { s in
                MissingStep(
                    step: s.id, prompt: s.prompt, command: s.command,
                    help: s.help.isEmpty
                        ? nil : conclusion.render(s.help).trimmingCharacters(in: .whitespacesAndNewlines))
            }
        var order = p.facts.map(\.name)
        for name in conclusion.facts.keys.sorted() where !order.contains(name) { order.append(name) }
        let facts = order.compactMap { name in
            conclusion.facts[name].map {
                FactEntry(name: name, value: $0.value.description, source: $0.origin.description)
            }
        }
        let status: Status = !diagnoses.isEmpty ? .diagnosed : (missing.isEmpty ? .notCovered : .incomplete)
        let whyNot = explainer.whyNotAll().map {
            WhyNot(diagnosis: $0.diagnosis.id, title: $0.diagnosis.title, explanation: $0.lines)
        }
        document = Document(
            format: Self.format, playbook: ReportPlaybook(p),
            status: status, windows: conclusion.windows?.description, diagnoses: diagnoses, missing: missing,
            facts: facts, whyNot: whyNot,
            errors: conclusion.errors.map(\.description),
            notes: notes
                + conclusion.unansweredEvidence.sorted { $0.key < $1.key }.map {
                    "step '\($0.key)' is still asked: the hive evidence given for it says nothing about \($0.value)"
                })
    }

    public var status: Status { document.status }

    // MARK: JSON

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return OutputSanitizer.text(String(decoding: try encoder.encode(document), as: UTF8.self))
    }

    // MARK: Text

    /// Plain text, every line at most `width` columns (long commands and paths are broken
    /// with a hanging indent; use markdown or JSON to copy them whole).
    public func text(width: Int = 80) -> String {
        let d = document
        var out: [String] = []
        func para(_ text: String, _ indent: Int = 0, first: String? = nil, hang: Int = 0) {
            let pad = String(repeating: " ", count: indent)
            let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
            out += TextWrap.wrap(
                text, width: width, firstPrefix: first.map { pad + $0 } ?? pad,
                prefix: pad + String(repeating: " ", count: (first?.count ?? 0) + hang))
        }
        func heading(_ text: String) {
            if !out.isEmpty { out.append("") }
            para(text)
            out.append(String(repeating: "=", count: min(width, max(1, text.count))))
        }
        func explanation(_ lines: [ExplanationLine], indent: Int) {
            for l in lines { para(l.text, indent + 2 * l.depth, hang: 4) }
        }
        para("KeyWizard diagnosis: \(d.playbook.title)")
        para("playbook \(d.playbook.id) \(d.playbook.version); status: \(d.status.rawValue)")
        if let w = d.windows { para("Windows: \(w)") }
        for (i, diag) in d.diagnoses.enumerated() {
            heading("\(i + 1). \(diag.title) [\(diag.severity.rawValue), confidence \(diag.confidence.rawValue)]")
            para(diag.summary)
            out.append("")
            para("How this was concluded (rule '\(diag.rule)'):")
            explanation(diag.explanation, indent: 2)
            out.append("")
            para("What to do:")
            for (n, r) in diag.remediation.enumerated() {
                para(r.text, 2, first: "\(n + 1). ")
                let step = String(repeating: " ", count: "\(n + 1). ".count + 2)
                if let c = r.command { para(c, step.count, first: "> ") }
                if let c = r.caution { para(c, step.count, first: "CAUTION: ") }
                if let v = r.verify { para(v, step.count, first: "Verify: ") }
                if let c = r.verifyCommand { para(c, step.count, first: "> ") }
            }
        }
        if !d.missing.isEmpty {
            heading(
                d.diagnoses.isEmpty
                    ? "Not enough evidence yet - still needed" : "Further evidence that could add to this")
            for m in d.missing {
                para(m.prompt, 2, first: "- [\(m.step)] ")
                if let c = m.command { para(c, 4, first: "run: ") }
            }
            para(
                "Save each output to a file and run keywizard diagnose again with it, or answer in an answers file (step: value)."
            )
        }
        if d.status == .notCovered {
            heading("Not covered by this playbook")
            para(
                "Every question this playbook asks is answered and none of its diagnoses applies. The reasons each was ruled out follow."
            )
        }
        if !d.facts.isEmpty {
            heading("Facts")
            for f in d.facts { para("\(f.name) = \(f.value)  [\(f.source)]", 2, hang: 4) }
        }
        if !d.whyNot.isEmpty {
            heading("Why not the other diagnoses")
            for w in d.whyNot { explanation(w.explanation, indent: 2) }
        }
        if !d.errors.isEmpty {
            heading("Playbook logic errors")
            for e in d.errors { para(e, 2, first: "- ") }
        }
        if !d.notes.isEmpty {
            heading("Notes")
            for n in d.notes { para(n, 2, first: "- ") }
        }
        return OutputSanitizer.text(out.joined(separator: "\n"))
    }

    // MARK: Markdown

    public func markdown() -> String {
        let d = document
        var out: [String] = []
        // A fence longer than any backtick run in the command, every line indented with it, so
        // no value inside (a file name holding a newline and ```) can close the block.
        func code(_ c: String, indent: String = "") -> [String] { [""] + ChecklistMarkdown.fence(c, indent: indent) }
        func lines(_ ls: [ExplanationLine], base: Int = 0) -> [String] {
            ls.map { String(repeating: "  ", count: base + $0.depth) + "- " + escape($0.text) }
        }
        out.append("# KeyWizard diagnosis: \(escape(d.playbook.title))")
        out.append("")
        out.append("Playbook `\(d.playbook.id)` \(d.playbook.version) · status: **\(d.status.rawValue)**")
        if let w = d.windows { out += ["", "Windows: \(escape(w))"] }
        for diag in d.diagnoses {
            out += [
                "", "## \(escape(diag.title))", "",
                "*\(diag.severity.rawValue), confidence \(diag.confidence.rawValue)* · `\(diag.id)`", "",
                escape(diag.summary.trimmingCharacters(in: .whitespacesAndNewlines)), "", "### How this was concluded",
                ""
            ]
            out += lines(diag.explanation)
            out += ["", "### What to do", ""]
            for (n, r) in diag.remediation.enumerated() {
                out.append("\(n + 1). \(escape(r.text))")
                let indent = "   "
                if let c = r.command { out += code(c, indent: indent) }
                if let c = r.caution { out += ["", indent + "> **Caution:** " + escape(c)] }
                if let v = r.verify { out += ["", indent + "**Verify:** " + escape(v)] }
                if let c = r.verifyCommand { out += code(c, indent: indent) }
                out.append("")
            }
        }
        if !d.missing.isEmpty {
            out += ["", d.diagnoses.isEmpty ? "## Still needed" : "## Further evidence", ""]
            for m in d.missing {
                out.append("- **\(m.step)**: \(escape(m.prompt))")
                if let c = m.command { out += code(c, indent: "  ") }
            }
        }
        if d.status == .notCovered {
            out += [
                "", "## Not covered by this playbook", "",
                "Every question is answered and none of the diagnoses applies; see why not below."
            ]
        }
        if !d.facts.isEmpty {
            out += ["", "## Facts", "", "| fact | value | source |", "| --- | --- | --- |"]
            for f in d.facts { out.append("| \(cell(f.name)) | \(cell(f.value)) | \(cell(f.source)) |") }
        }
        if !d.whyNot.isEmpty {
            out += ["", "## Why not the other diagnoses", ""]
            for w in d.whyNot { out += lines(w.explanation) }
        }
        if !d.errors.isEmpty {
            out += ["", "## Playbook logic errors", ""] + d.errors.map { "- " + escape($0) }
        }
        if !d.notes.isEmpty {
            out += ["", "## Notes", ""] + d.notes.map { "- " + escape($0) }
        }
        return OutputSanitizer.text(out.joined(separator: "\n") + "\n")
    }

    /// Markdown-significant characters in prose (`<machineKey>` would vanish as HTML).
    private func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "<", ">", "*", "_", "`", "[", "]", "\\", "|", "#":
                out.append("\\")
                out.append(c)
            // Prose stays on its line: a newline in a value could start a fence or raw HTML.
            case "\n", "\r", "\r\n": out.append(" ")
            default: out.append(c)
            }
        }
        return out
    }

    private func cell(_ s: String) -> String { escape(s).replacingOccurrences(of: "\n", with: " ") }
}
