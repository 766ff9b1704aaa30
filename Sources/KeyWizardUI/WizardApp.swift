import DiagnosticRules
import Foundation

/// The interactive wizard without a terminal: keys in, effects out, and a `render` onto
/// any `Canvas`. The ncurses front end is a loop around this type; tests drive it directly.
public final class WizardApp {
    /// Things the shell around the app must do (journal, files, exit).
    public enum Effect: Equatable {
        /// A playbook was chosen: a new session starts.
        case begin(playbookID: String)
        /// An answer was given; it must be on disk before the next key is read.
        case record(Answer)
        case writeChecklist(path: String, markdown: Bool)
        case saveSession(path: String)
        case quit
    }

    public enum Mode: Equatable { case menu, question, final }

    public enum Overlay {
        case text(title: String, lines: [ExplanationLine], scroll: Int)
        case confirmQuit
        case preview(text: String, source: AnswerSource, result: Result<AnswerValue, StepInput.InputError>)
        case prompt(title: String, editor: LineEditor, action: PromptAction)
    }

    public enum PromptAction: Equatable { case checklist(markdown: Bool), session }

    public let playbooks: [Playbook]
    public let showMenu: Bool
    public private(set) var mode: Mode
    public private(set) var wizard: Wizard?
    public var overlay: Overlay?
    /// Where answers are kept, shown when quitting ("~/.local/state/keywizard/...").
    public var sessionLocation: String?
    /// The raw text of the paste behind the last accepted answer; the shell passes it to the
    /// journal, which keeps it only when the operator asked for that (`--keep-evidence-text`)
    /// and the parser found no secrets in it.
    public private(set) var lastPastedText: String?
    public var context: EvidenceContext

    var menuIndex = 0
    var choiceIndex = 0
    var finalAction = 0
    var finalScroll = 0
    var editor = LineEditor()
    var pasteBox = PasteBox()
    /// A one-line message under the input: an input error or a confirmation.
    var message: (text: String, error: Bool)?
    /// The step the inputs were prepared for, so they are reset when the step changes.
    var preparedFor: String?
    /// Set by the last render: how far the text overlay can scroll (its wrapped lines), and
    /// whether the terminal was too small to show anything but the "too small" message.
    var overlayMaxScroll = Int.max
    var tooSmall = false

    public static let minRows = 16
    public static let minCols = 60

    /// Start at the menu, or straight in `playbook` (with answers from a resumed session).
    public init(playbooks: [Playbook], start playbook: Playbook? = nil, answers: [Answer] = [], context: EvidenceContext = EvidenceContext()) {
        self.playbooks = playbooks
        self.context = context
        if let p = playbook {
            showMenu = false
            wizard = Wizard(playbook: p, answers: answers, context: context)
            mode = .question
        } else {
            showMenu = true
            mode = .menu
        }
        syncMode()
    }

    // MARK: State helpers

    public var currentStep: Step? { mode == .question ? wizard?.currentStep : nil }

    /// Step n of m among the relevant steps (the edited one when going back).
    public var progress: (current: Int, total: Int)? {
        guard let w = wizard else { return nil }
        let c = w.conclusion
        if let s = w.currentStep, let i = c.relevantSteps.firstIndex(of: s.id) { return (i + 1, c.relevantSteps.count) }
        return c.progress
    }

    func isSensitive(_ step: Step) -> Bool {
        guard let w = wizard, let f = step.sets else { return false }
        return w.playbook.fact(f)?.sensitive == true
    }

    /// Items of a choice or yes/no step: (label, text submitted through StepInput).
    func menuItems(_ step: Step) -> [(label: String, answer: String)] {
        var items: [(String, String)]
        switch step.input {
        case .choice: items = step.choices.enumerated().map { ($0.element.label, String($0.offset + 1)) }
        case .yesno: items = [("Yes", "y"), ("No", "n")]
        default: return []
        }
        if step.allowUnknown, !step.choices.contains(where: { $0.value.description.lowercased() == "unknown" }) {
            items.append(("I don't know", "?"))
        }
        return items
    }

    /// After the wizard changed: choose the mode and prepare inputs for the step on screen,
    /// pre-filled with its current answer when going back.
    func syncMode() {
        guard let w = wizard else { mode = .menu; return }
        guard let step = w.currentStep else {
            if mode != .final { finalScroll = 0; finalAction = 0 }
            mode = .final
            preparedFor = nil
            return
        }
        mode = .question
        if preparedFor == step.id { return }
        preparedFor = step.id
        editor = LineEditor(masked: isSensitive(step))
        pasteBox = PasteBox()
        choiceIndex = 0
        guard let previous = w.answer(for: step.id) else { return }
        switch previous.value {
        case .unknown:
            editor.set("?")
            choiceIndex = menuItems(step).firstIndex { $0.answer == "?" } ?? 0
        case .value(let v):
            if !isSensitive(step) { editor.set(v.description) }
            if step.input == .choice, let i = step.choices.firstIndex(where: { $0.value == v }) { choiceIndex = i }
            if step.input == .yesno { choiceIndex = v.boolValue == false ? 1 : 0 }
        case .evidence:
            break
        }
    }

    // MARK: Keys

    /// Handle one key; returns what the shell must do, in order.
    public func handle(_ key: Key) -> [Effect] {
        if key == .resize { return [] }
        // Nothing is answered blind: while only "terminal too small" shows, keys other than
        // quit are ignored.
        if tooSmall && key != .ctrl("c") && key != .function(10) {
            if case .confirmQuit? = overlay {} else { return [] }
        }
        if case .confirmQuit? = overlay {
            switch key {
            case .char("y"), .char("Y"), .ctrl("c"), .function(10): return [.quit]
            default: overlay = nil; return []
            }
        }
        if key == .ctrl("c") || key == .function(10) { overlay = .confirmQuit; return [] }
        if let o = overlay { return handleOverlay(o, key) }
        switch mode {
        case .menu: return handleMenu(key)
        case .question: return handleQuestion(key)
        case .final: return handleFinal(key)
        }
    }

    /// Feed a message from the shell (a file written, an error).
    public func notify(_ text: String, error: Bool = false) { message = (text, error) }

    /// Apply a recorded answer as if it had just been given (`replay --tui`): the same state
    /// change as a typed answer, without touching the inputs' keys.
    public func replay(_ answer: Answer) {
        wizard?.record(answer)
        message = nil
        syncMode()
    }

    private func handleOverlay(_ o: Overlay, _ key: Key) -> [Effect] {
        switch o {
        case .confirmQuit: return []
        case .text(let title, let lines, let scroll):
            let page = 10
            var s = scroll
            switch key {
            case .up: s -= 1
            case .down: s += 1
            case .pageUp: s -= page
            case .pageDown, .char(" "): s += page
            case .home: s = 0
            case .end: s = overlayMaxScroll
            case .escape, .enter, .char("q"), .char("?"), .char("w"), .char("h"), .function(1), .function(2), .function(3):
                overlay = nil
                return []
            default: return []
            }
            overlay = .text(title: title, lines: lines, scroll: max(0, min(s, overlayMaxScroll)))
            return []
        case .preview(let text, let source, let result):
            switch (key, result) {
            case (.enter, .success(let value)), (.char("y"), .success(let value)):
                overlay = nil
                lastPastedText = text
                return record(value, source: source)
            case (.enter, .failure), (.escape, _), (.char("e"), _), (.char("n"), _):
                overlay = nil
                pasteBox = PasteBox(text)
                return []
            default: return []
            }
        case .prompt(let title, var ed, let action):
            switch key {
            case .escape: overlay = nil; return []
            case .enter:
                let path = ed.text.trimmingCharacters(in: .whitespaces)
                guard !path.isEmpty else { return [] }
                overlay = nil
                switch action {
                case .checklist(let md): return [.writeChecklist(path: path, markdown: md)]
                case .session: return [.saveSession(path: path)]
                }
            default:
                ed.handle(key)
                overlay = .prompt(title: title, editor: ed, action: action)
                return []
            }
        }
    }

    /// Help, why and how overlays, common to every screen.
    private func explainKey(_ key: Key, typing: Bool) -> Bool {
        switch key {
        case .function(1): showHelp(); return true
        case .function(2): showWhy(); return true
        case .function(3): showHow(); return true
        default: break
        }
        guard !typing else { return false }
        switch key {
        case .char("?"): showHelp(); return true
        case .char("w"), .char("W"): showWhy(); return true
        case .char("h"), .char("H"): showHow(); return true
        default: return false
        }
    }

    private func handleMenu(_ key: Key) -> [Effect] {
        let n = playbooks.count
        switch key {
        case .up, .ctrl("p"): menuIndex = max(0, menuIndex - 1)
        case .down, .ctrl("n"), .tab: menuIndex = min(max(0, n - 1), menuIndex + 1)
        case .home: menuIndex = 0
        case .end: menuIndex = max(0, n - 1)
        case .char("q"), .char("Q"): overlay = .confirmQuit
        case .char("?"), .function(1): showHelp()
        case .char(let c) where c.isNumber:
            if let d = c.wholeNumberValue, d >= 1, d <= n { menuIndex = d - 1 }
        case .char(let c):
            if let i = firstLetterMatch(c, labels: playbooks.map(\.menuLabel), from: menuIndex) { menuIndex = i }
        case .enter:
            return choosePlaybook()
        default: break
        }
        return []
    }

    private func choosePlaybook() -> [Effect] {
        guard menuIndex < playbooks.count else { return [] }
        let p = playbooks[menuIndex]
        wizard = Wizard(playbook: p, context: context)
        preparedFor = nil
        message = nil
        syncMode()
        return [.begin(playbookID: p.id)]
    }

    func firstLetterMatch(_ c: Character, labels: [String], from current: Int) -> Int? {
        let lower = Character(c.lowercased())
        let n = labels.count
        guard n > 0 else { return nil }
        for k in 1...n {
            let i = (current + k) % n
            if labels[i].lowercased().first == lower { return i }
        }
        return nil
    }

    private func goBack() {
        message = nil
        guard var w = wizard else { return }
        if w.back() {
            wizard = w
            preparedFor = nil
            syncMode()
        } else if showMenu {
            wizard = nil
            mode = .menu
            preparedFor = nil
        } else {
            message = ("This is the first question.", false)
        }
    }

    private func submit(_ text: String, source: AnswerSource = .typed) -> [Effect] {
        guard var w = wizard else { return [] }
        switch w.submit(text, source: source) {
        case .failure(let e):
            message = (e.message, true)
            return []
        case .success(let answer):
            wizard = w
            message = nil
            preparedFor = nil
            syncMode()
            return [.record(answer)]
        }
    }

    private func record(_ value: AnswerValue, source: AnswerSource) -> [Effect] {
        guard var w = wizard, let step = w.currentStep else { return [] }
        let a = Answer(step: step.id, value: value, source: source)
        w.record(a)
        wizard = w
        message = nil
        preparedFor = nil
        syncMode()
        return [.record(a)]
    }

    private func handleQuestion(_ key: Key) -> [Effect] {
        guard let w = wizard, let step = w.currentStep else { return [] }
        switch step.input {
        case .choice, .yesno:
            if explainKey(key, typing: false) { return [] }
            let items = menuItems(step)
            switch key {
            case .up, .left, .backTab: choiceIndex = max(0, choiceIndex - 1)
            case .down, .right, .tab: choiceIndex = min(items.count - 1, choiceIndex + 1)
            case .home: choiceIndex = 0
            case .end: choiceIndex = items.count - 1
            case .enter: return submit(items[choiceIndex].answer)
            case .escape, .char("b"), .char("B"), .backspace: goBack()
            case .char("q"), .char("Q"): overlay = .confirmQuit
            // y/n, digits and first letters only select; Enter answers. An answer on the first
            // key would let the habitual Enter after it answer the next question unseen.
            case .char(let c) where step.input == .yesno && "yYnN".contains(c):
                choiceIndex = "yY".contains(c) ? 0 : 1
            case .char(let c) where c.isNumber:
                if let d = c.wholeNumberValue, d >= 1, d <= items.count { choiceIndex = d - 1 }
            case .char(let c):
                if let i = firstLetterMatch(c, labels: items.map(\.label), from: choiceIndex) { choiceIndex = i }
            default: break
            }
            return []
        case .paste:
            if explainKey(key, typing: true) { return [] }
            if key == .escape {
                if pasteBox.isEmpty { goBack() } else { pasteBox = PasteBox(); message = nil }
                return []
            }
            let outcome = pasteBox.handle(key)
            if pasteBox.overflowed { message = (PasteBox.overflowMessage, true) }
            if outcome == .submit {
                let text = pasteBox.text
                if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, w.editing != nil {
                    // Finishing an empty box while going back keeps the answer given before.
                    var w2 = w
                    w2.cancelEdit()
                    wizard = w2
                    preparedFor = nil
                    syncMode()
                    return []
                }
                let source: AnswerSource = pasteBox.pasted ? .pasted : .typed
                let result = StepInput.interpret(text, for: step, in: w.playbook, context: context, source: source)
                if case .failure(let e) = result, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    message = (e.message, true)
                    return []
                }
                overlay = .preview(text: text, source: source, result: result)
                message = nil
            }
            return []
        default:
            if explainKey(key, typing: true) { return [] }
            if key == .escape {
                if editor.isEmpty { goBack() } else { editor.set(""); message = nil }
                return []
            }
            let before = editor
            if editor.handle(key) == .submit {
                if editor.isEmpty, isSensitive(step), w.editing != nil {
                    // A secret is never shown again, so its field comes back empty when going
                    // back; Enter on it keeps the answer given before.
                    var w2 = w
                    w2.cancelEdit()
                    wizard = w2
                    preparedFor = nil
                    message = ("Kept the answer given before.", false)
                    syncMode()
                    return []
                }
                return submit(editor.text)
            }
            if editor != before { message = nil }
            // Key material typed or pasted into an ordinary field is masked at once, like a
            // secret's field; Enter then refuses it (StepInput), so it is never stored.
            editor.masked = isSensitive(step) || SecretScrubber.containsSecret(editor.text)
            return []
        }
    }

    static let finalActions: [(key: Character, label: String)] = [
        ("s", "Save session"), ("t", "Checklist .txt"), ("m", "Checklist .md"), ("b", "Back"), ("q", "Quit"),
    ]

    private func handleFinal(_ key: Key) -> [Effect] {
        if explainKey(key, typing: false) { return [] }
        switch key {
        case .left, .backTab: finalAction = max(0, finalAction - 1)
        case .right, .tab: finalAction = min(Self.finalActions.count - 1, finalAction + 1)
        case .up: finalScroll = max(0, finalScroll - 1)
        case .down: finalScroll += 1
        case .pageUp: finalScroll = max(0, finalScroll - 10)
        case .pageDown, .char(" "): finalScroll += 10
        case .home: finalScroll = 0
        case .enter: return finalDo(Self.finalActions[finalAction].key)
        case .escape: goBack()
        case .char(let c):
            if let i = Self.finalActions.firstIndex(where: { $0.key == Character(c.lowercased()) }) {
                finalAction = i
                return finalDo(Self.finalActions[i].key)
            }
        default: break
        }
        return []
    }

    private func finalDo(_ action: Character) -> [Effect] {
        let id = wizard?.playbook.id ?? "keywizard"
        switch action {
        case "s":
            overlay = .prompt(title: "Save the session (answers, no secrets) to", editor: LineEditor("keywizard-\(id)-session.jsonl"), action: .session)
        case "t":
            overlay = .prompt(title: "Write the checklist (text) to", editor: LineEditor("keywizard-\(id)-checklist.txt"), action: .checklist(markdown: false))
        case "m":
            overlay = .prompt(title: "Write the checklist (Markdown) to", editor: LineEditor("keywizard-\(id)-checklist.md"), action: .checklist(markdown: true))
        case "b": goBack()
        case "q": overlay = .confirmQuit
        default: break
        }
        return []
    }

    // MARK: Overlays

    func showHelp() {
        var lines: [ExplanationLine] = []
        if let step = currentStep {
            lines.append(ExplanationLine(0, step.prompt))
            lines.append(ExplanationLine(0, ""))
            // Paragraphs (blank-line separated) re-wrapped to the overlay's width.
            let paragraphs = step.help.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "\n\n")
            for para in paragraphs {
                let joined = para.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                lines.append(ExplanationLine(1, joined))
            }
            if let c = step.command {
                lines.append(ExplanationLine(0, ""))
                lines.append(ExplanationLine(0, "Command to run on the server:"))
                lines.append(ExplanationLine(0, c))
            }
            if step.allowUnknown {
                lines.append(ExplanationLine(0, ""))
                lines.append(ExplanationLine(0, "Don't know? Answer ? and the wizard carries on without this fact (it stays unknown, never false)."))
            }
            lines.append(ExplanationLine(0, ""))
        } else if mode == .menu, let p = playbooks.indices.contains(menuIndex) ? playbooks[menuIndex] : nil {
            lines.append(ExplanationLine(0, p.title))
            lines.append(ExplanationLine(1, p.symptom.trimmingCharacters(in: .whitespacesAndNewlines)))
            lines.append(ExplanationLine(0, ""))
        }
        lines.append(ExplanationLine(0, "Keys"))
        let keys = [
            "Up/Down, digits, first letters: choose;  Enter: confirm",
            "y / n: answer a yes/no question",
            "Text fields: Left/Right, Home/End (Ctrl-A/E), Backspace, Delete, Ctrl-U, Ctrl-W",
            "Paste boxes: paste the whole output, then Ctrl-D (or a line with only .)",
            "Esc on an empty field, or b in menus: back to the previous question (pre-filled)",
            "? or F1: this help    w or F2: why is this asked    h or F3: how was this concluded",
            "In text and paste fields use F1, F2, F3 (letters are typed)",
            "q, F10 or Ctrl-C: quit (answers are kept; keywizard resume continues)",
        ]
        lines += keys.map { ExplanationLine(1, $0) }
        overlay = .text(title: "Help", lines: lines, scroll: 0)
    }

    func showWhy() {
        guard let w = wizard else { return }
        guard let step = w.currentStep else {
            overlay = .text(title: "Why", lines: [ExplanationLine(0, "The interview is finished; press h to see how it was concluded.")], scroll: 0)
            return
        }
        overlay = .text(title: "Why is this asked?", lines: Explainer(w.conclusion).whyAsked(step: step.id), scroll: 0)
    }

    func showHow() {
        guard let w = wizard else { return }
        let ex = Explainer(w.conclusion)
        var lines: [ExplanationLine] = []
        if w.conclusion.diagnoses.isEmpty { lines.append(ExplanationLine(0, "No diagnosis concluded yet.")) }
        for d in w.conclusion.diagnoses {
            lines += ex.how(diagnosis: d.diagnosis.id)
            lines.append(ExplanationLine(0, ""))
        }
        let not = ex.whyNotAll()
        if !not.isEmpty {
            lines.append(ExplanationLine(0, "Not concluded (why not):"))
            for (_, l) in not { lines += l.map { ExplanationLine($0.depth + 1, $0.text) } }
        }
        if !w.conclusion.errors.isEmpty {
            lines.append(ExplanationLine(0, "Playbook problems:"))
            lines += w.conclusion.errors.map { ExplanationLine(1, $0.description) }
        }
        overlay = .text(title: "How was this concluded?", lines: lines, scroll: 0)
    }
}
