import DiagnosticRules
import Foundation

/// Where the parts of a screen go for a canvas size. 80x24 is the design size: a bottom
/// panel; from 100 columns the facts move to a side panel.
public struct ScreenLayout: Equatable {
    public var rows: Int
    public var cols: Int
    /// Main area columns [0, mainWidth).
    public var mainWidth: Int
    /// Side panel (left column, width), or nil.
    public var side: (col: Int, width: Int)?
    /// Bottom panel (top row, height), or nil.
    public var bottom: (row: Int, height: Int)?
    /// Main area rows [bodyTop, bodyBottom).
    public var bodyTop: Int
    public var bodyBottom: Int

    public static func == (a: ScreenLayout, b: ScreenLayout) -> Bool {
        a.rows == b.rows && a.cols == b.cols && a.mainWidth == b.mainWidth && a.side?.col == b.side?.col
            && a.side?.width == b.side?.width && a.bottom?.row == b.bottom?.row && a.bottom?.height == b.bottom?.height
    }

    public static func make(rows: Int, cols: Int, panel: Bool) -> ScreenLayout {
        let legendRow = rows - 1
        if panel && cols >= 100 {
            let w = min(56, max(34, cols / 3))
            return ScreenLayout(
                rows: rows, cols: cols, mainWidth: cols - w - 1, side: (cols - w, w), bottom: nil,
                bodyTop: 2, bodyBottom: legendRow)
        }
        if panel {
            let h = rows >= 30 ? 8 : rows >= 20 ? 5 : 3
            return ScreenLayout(
                rows: rows, cols: cols, mainWidth: cols, side: nil, bottom: (legendRow - h, h),
                bodyTop: rows >= 20 ? 2 : 1, bodyBottom: legendRow - h)
        }
        return ScreenLayout(
            rows: rows, cols: cols, mainWidth: cols, side: nil, bottom: nil, bodyTop: rows >= 20 ? 2 : 1,
            bodyBottom: legendRow)
    }
}

extension WizardApp {
    /// Draw the whole screen.
    public func render(on canvas: Canvas) {
        canvas.clear()
        canvas.hideCursor()
        if canvas.rows < Self.minRows || canvas.cols < Self.minCols {
            renderTooSmall(canvas)
            return
        }
        switch mode {
        case .menu: renderMenu(canvas)
        case .question: renderQuestion(canvas)
        case .final: renderFinal(canvas)
        }
        if let o = overlay {
            renderOverlay(o, canvas)
            // The footer names the keys of what is on top, not of the screen beneath it.
            legend(canvas, overlayLegend(o, canvas))
        }
    }

    func renderTooSmall(_ canvas: Canvas) {
        let text =
            "Terminal too small: need \(Self.minCols)x\(Self.minRows), have \(canvas.cols)x\(canvas.rows). Enlarge the window."
        for (i, line) in TextWidth.wrap(text, width: max(1, canvas.cols)).enumerated() where i < canvas.rows {
            canvas.put(line, row: i, col: 0, style: .bold)
        }
    }

    // MARK: Bars

    func titleBar(_ canvas: Canvas, _ title: String, right: String = "") {
        canvas.fill(row: 0, col: 0, width: canvas.cols, style: .title)
        let r = right.isEmpty ? "" : right + " "
        let room = canvas.cols - TextWidth.width(r) - 2
        canvas.put(
            " " + TextWidth.truncate(title, to: room, ellipsis: canvas.box.ellipsis), row: 0, col: 0, style: .title)
        if !r.isEmpty { canvas.put(r, row: 0, col: canvas.cols - TextWidth.width(r), style: .title) }
    }

    /// The key legend on the last row: as many entries as fit.
    func legend(_ canvas: Canvas, _ entries: [(String, String)]) {
        let row = canvas.rows - 1
        canvas.fill(row: row, col: 0, width: canvas.cols, style: .legend)
        var col = 1
        for (key, label) in entries {
            let w = TextWidth.width(key) + 1 + TextWidth.width(label)
            if col + w > canvas.cols - 1 { break }
            canvas.put(key, row: row, col: col, style: TextStyle(bold: true, reverse: true, role: .legend))
            canvas.put(" " + label, row: row, col: col + TextWidth.width(key), style: .legend)
            col += w + 2
        }
    }

    func messageLine(_ canvas: Canvas, row: Int, width: Int) {
        guard let m = message else { return }
        let lines = TextWidth.wrap((m.error ? "! " : "") + m.text, width: width - 2)
        for (i, l) in lines.prefix(2).enumerated() {
            canvas.put(l, row: row + i, col: 1, style: m.error ? .error : .ok)
        }
    }

    // MARK: Menu

    func renderMenu(_ canvas: Canvas) {
        titleBar(canvas, "KeyWizard: IIS / ASP.NET machine-key troubleshooting")
        legend(
            canvas,
            [("↑↓", "move"), ("1-9", "select"), ("Enter", "start"), ("?", "help"), ("q", "quit")].map {
                (sym(canvas, $0.0), $0.1)
            })
        let w = canvas.cols
        var row = canvas.rows >= 20 ? 2 : 1
        canvas.put("What is the symptom?", row: row, col: 2, style: .heading)
        row += 2
        if menu.isEmpty {
            canvas.put(
                "No playbooks found. Run keywizard lint, or pass --playbooks DIR.", row: row, col: 2, style: .error)
            return
        }
        let listRows = max(1, min(menu.count, canvas.rows - row - 4))
        let first = max(0, min(menuIndex - listRows + 1, menu.count - listRows))
        for i in first..<min(menu.count, first + listRows) {
            // Only the pointer and number are highlighted, and nothing else on the screen
            // depends on the highlighted item: a move redraws two short marks, a few dozen
            // bytes on the wire, not two whole lines and a description box.
            let mark = (i == menuIndex ? canvas.box.pointer : " ") + " " + (i < 9 ? String(i + 1) : " ")
            canvas.put(mark, row: row, col: 1, style: i == menuIndex ? .selected : .plain)
            canvas.put(
                TextWidth.truncate(menu[i].menuLabel, to: w - 8, ellipsis: canvas.box.ellipsis), row: row, col: 6)
            row += 1
        }
        if first > 0 { canvas.put(sym(canvas, "↑") + " more", row: 3, col: w - 8, style: .dim) }
        if first + listRows < menu.count { canvas.put(sym(canvas, "↓") + " more", row: row, col: w - 8, style: .dim) }
        row += 1
        let hint = TextWidth.wrap("? shows the highlighted symptom in full; Enter starts its interview.", width: w - 4)
        for l in hint where row < canvas.rows - 1 {
            canvas.put(l, row: row, col: 2, style: .dim)
            row += 1
        }
    }

    func sym(_ canvas: Canvas, _ s: String) -> String {
        canvas.unicode
            ? s
            : s.replacingOccurrences(of: "↑↓", with: "Up/Dn").replacingOccurrences(of: "←→", with: "Lt/Rt")
                .replacingOccurrences(of: "↑", with: "^").replacingOccurrences(of: "↓", with: "v")
    }

    // MARK: Question

    func renderQuestion(_ canvas: Canvas) {
        guard let iv = interview, let pres = iv.presentation else { return }
        let w = iv.wizard
        let step = pres.step
        let layout = ScreenLayout.make(rows: canvas.rows, cols: canvas.cols, panel: true)
        // Changing an earlier answer is said in the title bar: no body row to collide with.
        titleBar(canvas, w.playbook.title, right: iv.isEditing ? "changing an earlier answer" : iv.progress?.text ?? "")
        renderPanel(canvas, layout, w.conclusion)

        let width = layout.mainWidth
        let textWidth = width - 4
        let top = layout.bodyTop
        let bottom = layout.bodyBottom // exclusive

        // Mandatory parts first, help gets what is left.
        let prompt = Array(TextWidth.wrap(step.prompt, width: textWidth).prefix(3))
        // A command is never wrapped (a wrapped command copied from the screen runs as two):
        // too wide, it is cut with a marker, and F5 / F6 copy it whole.
        let commandLines =
            step.command.map { c -> [String] in
                TextWidth.width(c) <= width - 4
                    ? [c]
                    : [
                        TextWidth.truncate(c, to: width - 4, ellipsis: canvas.box.ellipsis),
                        "(cut to fit: F5 copies it whole, F6 shows it whole)"
                    ]
            } ?? []
        let items = pres.items
        let inputHeight: Int
        switch step.input {
        case .choice: inputHeight = items.count
        case .yesno: inputHeight = 1
        case .paste:
            let others = prompt.count + 1 + (commandLines.isEmpty ? 0 : commandLines.count + 2) + 2 + 1
            let helpMin = step.help.isEmpty ? 0 : 3
            inputHeight = max(4, min(10, (bottom - top) - others - helpMin))
        default: inputHeight = 1
        }
        let fixed = prompt.count + 1 + (commandLines.isEmpty ? 0 : commandLines.count + 2) + inputHeight + 2
        let helpRoom = max(0, (bottom - top) - fixed - 1)
        var help = TextWidth.wrap(
            step.help.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: " "),
            width: textWidth)
        if help.count > helpRoom {
            help = Array(help.prefix(max(0, helpRoom)))
            if !help.isEmpty {
                help[help.count - 1] =
                    TextWidth.truncate(help[help.count - 1], to: textWidth - 12) + " " + canvas.box.ellipsis
                    + " F1 more"
            }
        }

        var row = top
        for l in prompt {
            canvas.put(l, row: row, col: 2, style: .heading)
            row += 1
        }
        row += 1
        for l in help {
            canvas.put(l, row: row, col: 2)
            row += 1
        }
        if !commandLines.isEmpty {
            if !help.isEmpty { row += 1 }
            canvas.put("Run on the server:", row: row, col: 2, style: .dim)
            row += 1
            // Its own line(s), no decoration, so the terminal's selection copies it exactly.
            for (i, l) in commandLines.enumerated() {
                canvas.put(l, row: row, col: 2, style: i == 0 ? .command : .dim)
                row += 1
            }
        }
        row += 1
        renderInput(canvas, step, items: items, row: row, height: inputHeight, width: width)
        row += inputHeight
        messageLine(canvas, row: min(row, bottom - 1), width: width)
        legend(canvas, questionLegend(canvas, step))
    }

    func questionLegend(_ canvas: Canvas, _ step: Step) -> [(String, String)] {
        switch step.input {
        case .choice:
            return [
                (sym(canvas, "↑↓"), "move"), ("Enter", "OK"), ("b", "back"), ("?", "help"), ("w", "why"), ("h", "how"),
                ("q", "quit")
            ]
        case .yesno:
            return [
                ("y/n", "select"), ("Enter", "OK"), ("b", "back"), ("?", "help"), ("w", "why"), ("h", "how"),
                ("q", "quit")
            ]
        case .paste:
            return [("Ctrl-D", "done"), ("Esc", "back"), ("F1", "help"), ("F2", "why"), ("F3", "how"), ("F10", "quit")]
        default:
            return [("Enter", "OK"), ("Esc", "back"), ("F1", "help"), ("F2", "why"), ("F3", "how"), ("F10", "quit")]
        }
    }

    func renderInput(_ canvas: Canvas, _ step: Step, items: [StepPresentation.Item], row: Int, height: Int, width: Int)
    {
        switch step.input {
        case .choice:
            for (i, item) in items.enumerated() where i < height {
                let sel = i == choiceIndex
                let text = (sel ? canvas.box.pointer : " ") + " " + "\(i < 9 ? String(i + 1) : " ")  " + item.label
                if sel { canvas.fill(row: row + i, col: 2, width: width - 4, style: .selected) }
                canvas.put(
                    TextWidth.truncate(text, to: width - 4, ellipsis: canvas.box.ellipsis), row: row + i, col: 2,
                    style: sel ? .selected : .plain)
            }
        case .yesno:
            var col = 2
            for (i, item) in items.enumerated() {
                let key = item.isUnknown ? "?" : String(item.label.prefix(1))
                let text = "[ \(key) \(item.label) ]"
                canvas.put(text, row: row, col: col, style: i == choiceIndex ? .selected : .plain)
                col += TextWidth.width(text) + 2
            }
        case .paste:
            let boxWidth = width - 4
            canvas.frame(
                top: row, left: 2, height: height, width: boxWidth,
                title: pasteBox.isEmpty ? "paste here, then Ctrl-D" : "\(pasteBox.lineCount) line(s); Ctrl-D when done")
            let inner = height - 2
            // Shown as the parser will see it, minus keys (masked on screen like every secret)
            // and control bytes (a binary paste must not draw over the frame).
            let lines = pasteBox.lines.map { TextWidth.sanitize(SecretScrubber.scrub($0), unicode: canvas.unicode) }
            let first = max(0, lines.count - inner)
            for (i, l) in lines[first...].enumerated() {
                canvas.put(TextWidth.truncate(l, to: boxWidth - 4), row: row + 1 + i, col: 4)
            }
            if pasteBox.isEmpty, let prev = presentation?.currentAnswer, case .evidence(let e) = prev.value {
                canvas.put(
                    TextWidth.truncate("Current answer: \(e.summary)", to: boxWidth - 4, ellipsis: canvas.box.ellipsis),
                    row: row + 1, col: 4, style: .dim)
                canvas.put("Ctrl-D on an empty box keeps it.", row: row + 2, col: 4, style: .dim)
            }
            let last = lines.count - 1 - first
            let lastWidth = TextWidth.width(TextWidth.truncate(lines[lines.count - 1], to: boxWidth - 4))
            canvas.setCursor(row: row + 1 + last, col: 4 + lastWidth)
        default:
            let label = "> "
            let fieldWidth = min(width - 6, 64)
            canvas.put(label, row: row, col: 2, style: .bold)
            let v = editor.view(width: fieldWidth)
            // Plain text, no attributes: each typed character then costs its own byte on the
            // wire, not an attribute set and reset around it (slow SSH links).
            canvas.put(TextWidth.pad(v.text, to: fieldWidth), row: row, col: 4, style: .plain)
            canvas.setCursor(row: row, col: 4 + v.cursorColumn)
            if editor.masked {
                canvas.put("(hidden: only a fingerprint is kept)", row: row + 1, col: 4, style: .dim)
            }
        }
    }

    // MARK: Panel

    func panelLines(_ c: Conclusion) -> (facts: [String], diagnoses: [String]) {
        var facts: [String] = []
        for f in c.playbook.facts {
            if let r = c.facts[f.name] { facts.append("\(f.name) = \(r.value.description)") }
        }
        let diags = c.diagnoses.map { "\($0.diagnosis.title) (\($0.diagnosis.severity.rawValue))" }
        return (facts, diags)
    }

    func renderPanel(_ canvas: Canvas, _ layout: ScreenLayout, _ c: Conclusion) {
        let (facts, diags) = panelLines(c)
        if let side = layout.side {
            let top = 1
            let height = layout.rows - 2
            canvas.frame(top: top, left: side.col, height: height, width: side.width, title: "Facts so far")
            let inner = side.width - 4
            var lines: [(String, TextStyle)] = []
            if facts.isEmpty { lines.append(("none yet", .dim)) }
            for f in facts { lines += TextWidth.wrap(f, width: inner, indent: "  ").map { ($0, .plain) } }
            lines.append(("", .plain))
            lines.append(("Diagnoses", .heading))
            if diags.isEmpty { lines.append(("none yet", .dim)) }
            for d in diags {
                lines += TextWidth.wrap(canvas.box.bullet + " " + d, width: inner, indent: "  ").map { ($0, .warning) }
            }
            let room = height - 2
            if lines.count > room {
                // The newest facts stay; a marker says how many earlier ones are above.
                let hidden = lines.count - room + 1
                lines = [(sym(canvas, "↑") + " \(hidden) earlier line(s)", .dim)] + Array(lines.suffix(room - 1))
            }
            for (i, l) in lines.enumerated() { canvas.put(l.0, row: top + 1 + i, col: side.col + 2, style: l.1) }
        } else if let b = layout.bottom {
            canvas.hline(row: b.row, col: 0, width: layout.cols, style: .dim)
            canvas.put(" Facts so far ", row: b.row, col: 2, style: .bold)
            let inner = layout.cols - 4
            let diagText = diags.isEmpty ? "Diagnoses: none yet" : "Diagnoses: " + diags.joined(separator: "; ")
            let diagLines = TextWidth.wrap(diagText, width: inner)
            let factRoom = max(0, b.height - 1 - min(diagLines.count, 2))
            let factText = facts.isEmpty ? "none yet" : facts.joined(separator: "; ")
            var factLines = TextWidth.wrap(factText, width: inner)
            if factLines.count > factRoom {
                // Show the newest facts behind a marker; all of them are on the side panel of
                // wider terminals.
                factLines = Array(factLines.suffix(factRoom))
                if !factLines.isEmpty {
                    factLines[0] = TextWidth.truncate(
                        sym(canvas, "↑") + " more  " + factLines[0], to: inner, ellipsis: canvas.box.ellipsis)
                }
            }
            var row = b.row + 1
            for l in factLines {
                canvas.put(l, row: row, col: 2, style: facts.isEmpty ? .dim : .plain)
                row += 1
            }
            for l in diagLines.prefix(max(0, b.row + b.height - row)) {
                canvas.put(l, row: row, col: 2, style: diags.isEmpty ? .dim : .warning)
                row += 1
            }
        }
    }

    // MARK: Final

    func renderFinal(_ canvas: Canvas) {
        guard let w = wizard else { return }
        titleBar(canvas, w.playbook.title, right: "result")
        let actionsRow = canvas.rows - 3
        let (lines, top, room) = finalLayout(rows: canvas.rows, cols: canvas.cols, ellipsis: canvas.box.ellipsis)
        let maxScroll = max(0, lines.count - room)
        let scroll = min(finalScroll, maxScroll)
        for (i, l) in lines.dropFirst(scroll).prefix(room).enumerated() {
            let selected = l.command != nil && l.command == selectedCommand
            canvas.put(l.text, row: top + i, col: 2, style: selected ? .selected : l.style)
        }
        if maxScroll > 0 {
            let more = scroll < maxScroll ? "more below (\(sym(canvas, "↑↓")) PgDn)" : "end (PgUp)"
            canvas.put(more, row: actionsRow - 1, col: canvas.cols - TextWidth.width(more) - 2, style: .dim)
        }
        canvas.hline(
            row: actionsRow - 1 < top ? top : actionsRow - 1, col: 0, width: canvas.cols - (maxScroll > 0 ? 30 : 0),
            style: .dim)
        var col = 2
        let full = Self.finalActions.map { "[\($0.key)] \($0.label)" }
        let short = ["[s] Save", "[t] Text", "[m] Markdown", "[b] Back", "[q] Quit"]
        let labels = full.map(TextWidth.width).reduce(0, +) + 2 * full.count + 2 <= canvas.cols ? full : short
        for (i, text) in labels.enumerated() {
            if col + TextWidth.width(text) > canvas.cols - 1 { break }
            canvas.put(text, row: actionsRow, col: col, style: i == finalAction ? .selected : .plain)
            col += TextWidth.width(text) + 2
        }
        messageLine(canvas, row: actionsRow + 1, width: canvas.cols)
        if message == nil {
            legend(
                canvas,
                [
                    (sym(canvas, "←→"), "action"), ("Enter", "do"), (sym(canvas, "↑↓"), "scroll"), ("n/p", "command"),
                    ("c", "copy"), ("v", "view"), ("h", "how"), ("?", "help"), ("q", "quit")
                ])
        }
    }

    // MARK: Overlays

    func overlayBox(_ canvas: Canvas, height: Int, width: Int) -> (top: Int, left: Int, height: Int, width: Int) {
        let h = min(height, canvas.rows - 2)
        let w = min(width, canvas.cols - 4)
        let top = max(1, (canvas.rows - h) / 2)
        let left = max(2, (canvas.cols - w) / 2)
        // Blank whole rows behind the box so nothing of the screen below peeks out beside it.
        for r in top..<(top + h) { canvas.fill(row: r, col: 0, width: canvas.cols, style: .plain) }
        return (top, left, h, w)
    }

    func overlayLegend(_ o: Overlay, _ canvas: Canvas) -> [(String, String)] {
        switch o {
        case .confirmQuit: return [("y", "quit"), ("n/Esc", "stay")]
        case .text(let title, _, _):
            var keys = [(sym(canvas, "↑↓"), "scroll"), ("PgUp/PgDn", "page"), ("Esc", "close")]
            if title.hasPrefix("Why is") { keys.insert(("d", "rule detail"), at: 2) }
            return keys
        case .preview(_, _, let result, _):
            var keys: [(String, String)] =
                if case .success = result {
                    [("Enter", "accept"), ("e/Esc", "edit the paste")]
                } else {
                    [("Enter/e/Esc", "back to the paste box")]
                }
            let layout = previewLayout(result, rows: canvas.rows, cols: canvas.cols)
            if layout.lines.count > layout.room { keys.append((sym(canvas, "↑↓"), "scroll")) }
            return keys
        case .prompt: return [("Enter", "save"), ("Esc", "cancel")]
        }
    }

    func renderOverlay(_ o: Overlay, _ canvas: Canvas) {
        switch o {
        case .confirmQuit:
            var lines: [String]
            if replaying {
                lines = ["This is a replay; nothing is recorded."]
            } else if interview?.finished == true {
                lines = ["The diagnosis is finished and its answers are kept."]
            } else {
                lines = ["Your answers so far are kept;", "`keywizard resume` continues where you left off."]
            }
            if let s = sessionLocation, !replaying {
                // The whole path, wrapped at its separators, never cut.
                lines.append("Session:")
                lines += TextWidth.wrapPath(s, width: min(66, canvas.cols - 4) - 6).map { "  " + $0 }
            }
            let b = overlayBox(canvas, height: lines.count + 4, width: 66)
            canvas.frame(
                top: b.top, left: b.left, height: b.height, width: b.width, title: "Quit KeyWizard?",
                style: TextStyle(role: .warning))
            for (i, l) in lines.prefix(b.height - 3).enumerated() { canvas.put(l, row: b.top + 1 + i, col: b.left + 2) }
            canvas.put("y quit   n / Esc stay", row: b.top + b.height - 2, col: b.left + 2, style: .bold)
        case .text(let title, let lines, let scroll):
            let b = overlayBox(canvas, height: canvas.rows - 2, width: canvas.cols - 4)
            canvas.frame(
                top: b.top, left: b.left, height: b.height, width: b.width, title: title,
                style: TextStyle(role: .accent))
            let (wrapped, room) = overlayLayout(lines, rows: canvas.rows, cols: canvas.cols)
            let start = max(0, min(scroll, wrapped.count - room))
            for (i, l) in wrapped.dropFirst(start).prefix(room).enumerated() {
                canvas.put(l, row: b.top + 1 + i, col: b.left + 2)
            }
            let pos =
                wrapped.count > room ? " \(start + 1)-\(min(wrapped.count, start + room)) of \(wrapped.count) " : ""
            canvas.put(
                "\(sym(canvas, "↑↓")) PgUp PgDn scroll   Esc close" + pos, row: b.top + b.height - 2, col: b.left + 2,
                style: .dim)
        case .preview(_, _, let result, let scroll):
            let b = overlayBox(canvas, height: canvas.rows - 4, width: min(canvas.cols - 4, 90))
            let inner = b.width - 4
            switch result {
            case .success(.evidence(let e)):
                canvas.frame(
                    top: b.top, left: b.left, height: b.height, width: b.width, title: "Recognised: \(e.kind)",
                    style: TextStyle(role: .ok))
            case .success(.unknown):
                canvas.frame(top: b.top, left: b.left, height: b.height, width: b.width, title: "Don't know")
            case .success(.value):
                canvas.frame(top: b.top, left: b.left, height: b.height, width: b.width, title: "Answer")
            case .failure:
                canvas.frame(
                    top: b.top, left: b.left, height: b.height, width: b.width, title: "Not recognised",
                    style: TextStyle(role: .error))
            }
            let (lines, room) = previewLayout(result, rows: canvas.rows, cols: canvas.cols)
            let start = max(0, min(scroll, lines.count - room))
            for (i, l) in lines.dropFirst(start).prefix(room).enumerated() {
                canvas.put(l.0, row: b.top + 1 + i, col: b.left + 2, style: l.1)
            }
            if lines.count > room {
                // Never cut silently: the row under the text says where the view is.
                let end = min(lines.count, start + room)
                let more = end < lines.count ? "\(lines.count - end) more below" : "end"
                canvas.put(
                    TextWidth.truncate(
                        "lines \(start + 1)-\(end) of \(lines.count), \(more)  (\(sym(canvas, "↑↓")) PgUp PgDn)",
                        to: inner,
                        ellipsis: canvas.box.ellipsis), row: b.top + 1 + room, col: b.left + 2, style: .dim)
            }
            let keys: String
            if case .success = result {
                keys = "Enter accept this answer   e / Esc edit the paste"
            } else {
                keys = "Enter / e / Esc back to the paste box"
            }
            canvas.put(keys, row: b.top + b.height - 2, col: b.left + 2, style: .bold)
        case .prompt(let title, let editor, _):
            let b = overlayBox(canvas, height: 6, width: min(canvas.cols - 4, 76))
            canvas.frame(top: b.top, left: b.left, height: b.height, width: b.width, title: title)
            let fw = b.width - 6
            let v = editor.view(width: fw)
            canvas.put("> ", row: b.top + 2, col: b.left + 2, style: .bold)
            canvas.put(TextWidth.pad(v.text, to: fw), row: b.top + 2, col: b.left + 4, style: .field)
            canvas.put("Enter save   Esc cancel", row: b.top + b.height - 2, col: b.left + 2, style: .dim)
            canvas.setCursor(row: b.top + 2, col: b.left + 4 + v.cursorColumn)
        }
    }
}
