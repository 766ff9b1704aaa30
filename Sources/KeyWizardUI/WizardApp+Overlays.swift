import DiagnosticRules
import Foundation

/// Help, why and how: what the overlays of the full-screen wizard say.
extension WizardApp {
    func showHelp() {
        var lines: [ExplanationLine] = []
        if let p = presentation {
            let step = p.step
            lines.append(ExplanationLine(0, step.prompt))
            lines.append(ExplanationLine(0, ""))
            // Paragraphs (blank-line separated) re-wrapped to the overlay's width.
            let paragraphs = step.help.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "\n\n")
            for para in paragraphs {
                let joined = para.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(
                    separator: " ")
                lines.append(ExplanationLine(1, joined))
            }
            if let c = step.command {
                lines.append(ExplanationLine(0, ""))
                lines.append(ExplanationLine(0, "Command to run on the server (F5 copies it, F6 shows it to select):"))
                lines.append(ExplanationLine(0, c))
            }
            lines.append(ExplanationLine(0, ""))
            lines.append(ExplanationLine(0, "Accepted: " + p.notations))
            if step.allowUnknown {
                lines.append(
                    ExplanationLine(
                        0, "Don't know? Choose \"I don't know\" or answer ?: the fact stays unknown, never false."))
            }
            lines.append(ExplanationLine(0, ""))
        } else if mode == .menu, let p = menu.indices.contains(menuIndex) ? menu[menuIndex] : nil {
            lines.append(ExplanationLine(0, p.title))
            lines.append(ExplanationLine(1, p.symptom.trimmingCharacters(in: .whitespacesAndNewlines)))
            lines.append(ExplanationLine(0, ""))
        }
        lines.append(ExplanationLine(0, "Keys"))
        let keys = [
            "Up/Down, digits, first letters: choose.",
            "Enter: answer with what is chosen (nothing is chosen until you choose).",
            "y / n: choose on a yes/no question.",
            "Text fields: Left/Right, Home/End (Ctrl-A/E), Backspace, Delete, Ctrl-U, Ctrl-W.",
            "Paste boxes: paste the whole output, then Ctrl-D (or a line with only .).",
            "Esc on an empty field, or b in menus: back to the previous question (pre-filled).",
            "? or F1: this help.",
            "w or F2: why is this asked.",
            "h or F3: how was this concluded.",
            "F5 (c on the result): copy the command to the clipboard.",
            "F6 (v on the result): show the command(s) to select with the mouse.",
            "n / p on the result: select the next / previous command.",
            "In text and paste fields use the F keys (letters are typed).",
            "q, F10 or Ctrl-C: quit (answers are kept)."
        ]
        lines += keys.map { ExplanationLine(1, $0) }
        overlay = .text(title: "Help", lines: lines, scroll: 0)
    }

    func showWhy() {
        guard let iv = interview else { return }
        overlay = .text(title: "Why is this asked?", lines: iv.whyAsked(), scroll: 0)
    }

    /// The rule detail behind Why: conditions and rules in the engine's terms.
    func whyDetail() -> [ExplanationLine] {
        guard let iv = interview, let step = iv.presentation?.step else { return [] }
        return Explainer(iv.conclusion).whyAsked(step: step.id)
    }

    func showHow() {
        guard let iv = interview else { return }
        overlay = .text(title: "How was this concluded?", lines: iv.how(), scroll: 0)
    }
}
