import DiagnosticRules
import Foundation

/// The result document (`Checklist`) as lines for a screen or plain mode: diagnoses,
/// summaries, numbered steps. Commands are never wrapped: a wrapped command copied from the
/// screen runs as two. With `elide` a command wider than the screen is cut with a marker
/// and copied whole by the copy key; without, it is printed whole (plain mode).
public enum ResultText {
    public struct Line {
        public var text: String
        public var style: TextStyle
        /// Index into `commands(of:)` when the line shows a command.
        public var command: Int?

        init(_ text: String, _ style: TextStyle, command: Int? = nil) {
            self.text = text
            self.style = style
            self.command = command
        }
    }

    /// Every command of the result, in reading order: each step's command, then its check.
    public static func commands(of doc: Checklist) -> [String] {
        doc.diagnoses.flatMap { d in d.steps.flatMap { [$0.command, $0.verifyCommand].compactMap { $0 } } }
    }

    public static func lines(_ doc: Checklist, width: Int, ellipsis: String? = nil) -> [Line] {
        var out: [Line] = []
        func wrap(_ s: String, _ style: TextStyle, indent: String = "", first: String = "") {
            for (j, l) in TextWidth.wrap(s, width: width - TextWidth.width(indent)).enumerated() {
                out.append(Line((j == 0 && !first.isEmpty ? first : indent) + l, style))
            }
        }
        if doc.diagnoses.isEmpty {
            out.append(Line("No diagnosis was reached.", .heading))
            wrap(
                "The answers did not match any diagnosis in this playbook. Press h to see, for each diagnosis, which facts ruled it out or are still missing; b goes back to change an answer.",
                .plain)
            return out
        }
        var index = 0
        for d in doc.diagnoses {
            wrap("Diagnosis: " + d.title, .heading)
            out.append(Line("severity \(d.severity.rawValue), confidence \(d.confidence.rawValue)", .dim))
            wrap(d.summary.trimmingCharacters(in: .whitespacesAndNewlines), .plain)
            out.append(Line("", .plain))
            if !d.steps.isEmpty { out.append(Line("What to do:", .bold)) }
            for s in d.steps {
                let n = "\(s.number). "
                let pad = String(repeating: " ", count: n.count)
                if s.step.isAlternative {
                    wrap(s.step.alternativeText, .plain, indent: pad + "    ", first: pad + "or: ")
                } else {
                    wrap(s.text, .plain, indent: pad, first: n)
                }
                func command(_ c: String) {
                    let room = width - pad.count
                    let shown =
                        ellipsis != nil && TextWidth.width(c) > room
                        ? TextWidth.truncate(c, to: room, ellipsis: ellipsis) : c
                    out.append(Line(pad + shown, .command, command: index))
                    index += 1
                }
                if let c = s.command { command(c) }
                if let caution = s.caution { wrap("Caution: " + caution, .warning, indent: pad) }
                if let v = s.verify { wrap("Check: " + v, .plain, indent: pad) }
                if let vc = s.verifyCommand { command(vc) }
            }
            out.append(Line("", .plain))
        }
        return out
    }
}
