/// The checklist as one self-contained HTML page (no scripts, no external files) with a print
/// stylesheet: margins that suit both A4 and Letter, steps never split across pages, and
/// commands in `<pre>` so the browser never re-wraps them.
public enum ChecklistHTML {
    public static func render(_ c: Checklist) -> String {
        var b: [String] = []
        b.append("<!DOCTYPE html>")
        b.append("<html lang=\"en\">")
        b.append("<head>")
        b.append("<meta charset=\"utf-8\">")
        b.append("<title>\(esc(c.title))</title>")
        b.append("<style>")
        b.append(stylesheet)
        b.append("</style>")
        b.append("</head>")
        b.append("<body>")
        b.append("<h1>\(esc(c.title))</h1>")
        b.append("<table class=\"meta\">")
        b.append(row("Host", c.host ?? "(not given)"))
        if let w = c.windows { b.append(row("Windows", w)) }
        b.append(row("Date", c.date))
        b.append(row("Playbook", "\(c.playbook.id) \(c.playbook.version)"))
        if let s = c.session { b.append(row("Session", s)) }
        b.append(row("Status", c.status == .finished ? "diagnosis complete" : "interview unfinished"))
        b.append("</table>")
        b.append("<h2>Symptom</h2>")
        b.append("<p>\(esc(c.symptom))</p>")
        b.append("<h2>Evidence</h2>")
        if c.evidence.isEmpty {
            b.append("<p>(no answers recorded)</p>")
        } else {
            b.append("<ul class=\"evidence\">")
            for e in c.evidence {
                b.append(
                    "<li><b>\(esc(e.step))</b>: \(esc(e.answer)) <span class=\"source\">(\(esc(e.source)))</span></li>")
            }
            b.append("</ul>")
        }
        if c.diagnoses.isEmpty {
            b.append("<h2>Diagnosis</h2>")
            b.append("<p>No diagnosis was reached.</p>")
        }
        for d in c.diagnoses {
            b.append("<section class=\"diagnosis\">")
            b.append("<h2>Diagnosis: \(esc(d.title))</h2>")
            b.append(
                "<p class=\"rating\"><code>\(esc(d.id))</code>: severity \(esc(d.severity.rawValue)), confidence \(esc(d.confidence.rawValue))</p>"
            )
            b.append("<p>\(esc(d.summary))</p>")
            b.append("<p class=\"source\">How it was concluded: see the appendix.</p>")
            b.append("</section>")
        }
        if let q = c.openQuestion {
            b.append("<h2>Still open</h2>")
            b.append("<p>\(esc(q.prompt))</p>")
            if let cmd = q.command { b.append("<pre class=\"command\"><code>\(esc(cmd))</code></pre>") }
        }
        let steps = c.diagnoses.flatMap(\.steps)
        if !steps.isEmpty {
            b.append("<h2>Remediation steps</h2>")
            b.append("<ol class=\"steps\">")
            for s in steps {
                if s.step.isAlternative {
                    // Another way to do the step above: no box of its own.
                    b.append("<li class=\"step or\" value=\"\(s.number)\">")
                    b.append("<p><i>or:</i> \(esc(s.step.alternativeText))</p>")
                } else {
                    b.append("<li class=\"step\" value=\"\(s.number)\">")
                    b.append("<p><span class=\"box\"></span><b>\(s.number).</b> \(esc(s.text))</p>")
                }
                if let cmd = s.command { b.append(command(cmd)) }
                if let caution = s.caution { b.append("<p class=\"caution\"><b>Caution:</b> \(esc(caution))</p>") }
                if s.verify != nil || s.verifyCommand != nil {
                    b.append("<div class=\"verify\">")
                    b.append("<p><span class=\"box\"></span><b>Verify:</b> \(esc(s.verify ?? "run:"))</p>")
                    if let cmd = s.verifyCommand { b.append(command(cmd)) }
                    b.append("</div>")
                }
                b.append("</li>")
            }
            b.append("</ol>")
        }
        let refs = c.diagnoses.flatMap(\.references)
        if !refs.isEmpty {
            b.append("<h2>References</h2>")
            b.append("<ul>")
            for r in refs { b.append("<li>\(esc(r.title))\(r.url.map { " &lt;\(esc($0))&gt;" } ?? "")</li>") }
            b.append("</ul>")
        }
        if !c.diagnoses.isEmpty {
            // The rule trace is for reviewers, not for the operator's steps: an appendix.
            b.append("<section class=\"appendix\">")
            b.append("<h2>Appendix: how each diagnosis was concluded</h2>")
            for d in c.diagnoses {
                b.append("<h3>\(esc(d.title))</h3>")
                b.append("<pre class=\"why\">\(esc(d.explanation.text))</pre>")
            }
            b.append("</section>")
        }
        b.append("<section class=\"signoff\">")
        b.append("<h2>Sign-off</h2>")
        b.append("<p>Performed by: <span class=\"line\"></span> Date: <span class=\"line short\"></span></p>")
        b.append("<p>Verified by: <span class=\"line\"></span> Date: <span class=\"line short\"></span></p>")
        b.append("</section>")
        b.append("</body>")
        b.append("</html>")
        return OutputSanitizer.text(b.joined(separator: "\n") + "\n")
    }

    /// No `size` in `@page`: the printer's paper (A4 or Letter) is used, and these margins
    /// leave room for binding and hand-written notes on both.
    static let stylesheet = """
        @page { margin: 18mm 16mm 20mm 16mm; }
        body { font-family: Georgia, "Times New Roman", serif; font-size: 11pt; line-height: 1.35; max-width: 48em; margin: 1em auto; color: #000; }
        h1 { font-size: 16pt; border-bottom: 2px solid #000; padding-bottom: 4pt; }
        h2 { font-size: 13pt; margin-top: 14pt; break-after: avoid; page-break-after: avoid; }
        h3 { font-size: 11pt; break-after: avoid; page-break-after: avoid; }
        table.meta td { padding: 1pt 10pt 1pt 0; vertical-align: top; }
        table.meta td:first-child { font-weight: bold; }
        pre { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 9pt; white-space: pre; overflow-x: auto; }
        pre.command { background: #f3f3f3; border-left: 3px solid #555; padding: 3pt 6pt; margin: 3pt 0 3pt 1.6em; }
        pre.why { font-size: 8.5pt; white-space: pre-wrap; overflow-wrap: anywhere; }
        pre.command.print { display: none; }
        li.step.or { margin-left: 1.6em; }
        ol.steps { list-style: none; padding-left: 0; }
        li.step { break-inside: avoid; page-break-inside: avoid; margin-bottom: 9pt; }
        .box { display: inline-block; width: 0.9em; height: 0.9em; border: 1.5px solid #000; margin-right: 0.4em; vertical-align: -0.1em; }
        .verify { margin-left: 1.6em; }
        .caution { margin-left: 1.6em; font-style: italic; }
        .source { color: #444; }
        .signoff { break-inside: avoid; page-break-inside: avoid; margin-top: 18pt; }
        .signoff p { margin: 14pt 0; }
        .line { display: inline-block; width: 16em; border-bottom: 1px solid #000; }
        .line.short { width: 8em; }
        @media print { body { max-width: none; margin: 0; } pre { overflow: visible; } pre.command.screen { display: none; } pre.command.print { display: block; } }
        """

    /// Characters of a command per printed line: 9 pt monospace inside the page margins.
    static let printColumns = 78

    /// A command twice: one line on screen (select it whole), and for paper wrapped inside
    /// the page with a visible continuation mark (↵) at the end of each continued line.
    static func command(_ cmd: String) -> String {
        var pieces: [String] = []
        var rest = Substring(cmd)
        while rest.count > printColumns {
            // Break between two visible characters: a space at either side of the mark
            // would be lost by PDF text extraction and by many copy-from-PDF tools.
            let chars = Array(rest)
            var cut = printColumns - 1
            while cut > printColumns / 2 && (chars[cut - 1] == " " || chars[cut] == " ") { cut -= 1 }
            pieces.append(String(chars[0..<cut]) + "↵")
            rest = rest.dropFirst(cut)
        }
        pieces.append(String(rest))
        return "<pre class=\"command screen\"><code>\(esc(cmd))</code></pre>\n"
            + "<pre class=\"command print\" aria-hidden=\"true\"><code>\(esc(pieces.joined(separator: "\n")))</code></pre>"
    }

    static func row(_ label: String, _ value: String) -> String {
        "<tr><td>\(esc(label))</td><td>\(esc(value))</td></tr>"
    }

    /// Escape text for element content and attribute values.
    static func esc(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
