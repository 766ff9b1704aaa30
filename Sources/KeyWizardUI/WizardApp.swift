import DiagnosticRules
import Foundation

/// The interactive wizard without a terminal: a reducer over `Interview`. Keys and resizes
/// come in, the state changes, effects (journal, files, clipboard, quit) go out; `render`
/// draws the state onto any `Canvas` and changes nothing. The ncurses front end is a loop
/// around this type; tests drive it directly.
public final class WizardApp {
    /// Things the shell around the app must do.
    public enum Effect: Equatable {
        /// A playbook was chosen: a new session starts.
        case begin(playbookID: String)
        /// An answer was accepted; journal it (`Interview.journal`) before the next key.
        case record(InterviewOutcome)
        case writeChecklist(path: String, markdown: Bool)
        case saveSession(path: String)
        /// Put this command on the operator's clipboard (OSC 52).
        case copy(String)
        /// Leave full-screen mode, print these commands raw for the terminal's own
        /// selection, wait for a key, come back.
        case copyView([String])
        case quit
    }

    public enum Mode: Equatable { case menu, question, final }

    public enum Overlay {
        case text(title: String, lines: [ExplanationLine], scroll: Int)
        case confirmQuit
        /// What a paste or typed answer was read as, before it is accepted; `scroll` is the
        /// first line shown when the reading is longer than the box.
        case preview(
            text: String, source: AnswerSource, result: Result<AnswerValue, StepInput.InputError>, scroll: Int = 0)
        case prompt(title: String, editor: LineEditor, action: PromptAction)
    }

    public enum PromptAction: Equatable { case checklist(markdown: Bool), session }

    /// The symptom menu: headers only, each playbook is loaded whole when chosen.
    public let menu: [PlaybookHeader]
    /// Loads a chosen entry whole, with the evidence context to diagnose it in.
    let opener: PlaybookOpener
    public let showMenu: Bool
    public private(set) var mode: Mode
    public private(set) var interview: Interview?
    public var overlay: Overlay?
    /// Where answers are kept, shown when quitting ("~/.local/state/keywizard/...").
    public var sessionLocation: String?
    /// `replay --tui`: nothing to resume, so the quit dialog does not offer it.
    public var replaying = false
    /// `--host`: named on the result and in checklists.
    public var hostLabel: String?
    public var context: EvidenceContext
    /// Keys that arrive this soon after a new question appears are not taken as its answer:
    /// they were meant for the screen before.
    public var settle: TimeInterval = 0.3

    var menuIndex = 0
    /// The chosen item of a choice or yes/no question; nil until the operator chooses.
    var choiceIndex: Int?
    var finalAction = 0
    var finalScroll = 0
    /// The command of the result the copy key copies.
    var selectedCommand = 0
    var editor = LineEditor()
    var pasteBox = PasteBox()
    /// A one-line message under the input: an input error or a confirmation.
    var message: (text: String, error: Bool)?
    /// The step the inputs were prepared for, so they are reset when the step changes.
    var preparedFor: String?
    /// When the question on screen appeared (the time of the key that brought it).
    var shownAt: Date?
    var lastKeyTime = Date.distantPast
    /// The terminal size, from the shell (start and every resize).
    public private(set) var rows = 24
    public private(set) var cols = 80

    public static let minRows = 16
    public static let minCols = 60

    /// Start at the menu, or straight in `playbook` (with answers from a resumed session).
    public convenience init(
        playbooks: [Playbook], start playbook: Playbook? = nil, answers: [Answer] = [],
        context: EvidenceContext = EvidenceContext()
    ) {
        self.init(menu: playbooks.map(PlaybookHeader.init), start: playbook, answers: answers, context: context) {
            header in
            guard let p = playbooks.first(where: { $0.id == header.id }) else {
                return .failure(PlaybookOpenFailure(["no playbook '\(header.id)'"]))
            }
            return .success(OpenedPlaybook(playbook: p, context: context))
        }
    }

    /// Start at a menu of headers; `opener` loads the chosen playbook (and the evidence context,
    /// such as the disclosed-key list) only when it is chosen, so the menu is up at once.
    public init(
        menu: [PlaybookHeader], start playbook: Playbook? = nil, answers: [Answer] = [],
        context: EvidenceContext = EvidenceContext(), opener: @escaping PlaybookOpener
    ) {
        self.menu = menu
        self.opener = opener
        self.context = context
        if let p = playbook {
            showMenu = false
            interview = Interview(playbook: p, answers: answers, context: context)
            mode = .question
        } else {
            showMenu = true
            mode = .menu
        }
        syncMode()
    }

    // MARK: State helpers

    /// The wizard inside the interview (read-only).
    public var wizard: Wizard? { interview?.wizard }

    public var currentStep: Step? { mode == .question ? interview?.presentation?.step : nil }

    var presentation: StepPresentation? { mode == .question ? interview?.presentation : nil }

    /// Only "terminal too small" is shown, and keys other than quit are ignored.
    public var tooSmall: Bool { rows < Self.minRows || cols < Self.minCols }

    /// The result document shown on the final screen.
    public var result: Checklist? {
        interview?.result(host: hostLabel, session: sessionLocation.map { URL(fileURLWithPath: $0).lastPathComponent })
    }

    public var commands: [String] { result.map(ResultText.commands(of:)) ?? [] }

    public func resize(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
        clampScrolls()
    }

    /// After the interview changed: choose the mode and prepare inputs for the step on
    /// screen, pre-filled with its current answer when going back.
    func syncMode() {
        guard let iv = interview else {
            mode = .menu
            return
        }
        guard let p = iv.presentation else {
            if mode != .final {
                finalScroll = 0
                finalAction = 0
                selectedCommand = 0
                shownAt = lastKeyTime
            }
            mode = .final
            preparedFor = nil
            return
        }
        mode = .question
        if preparedFor == p.step.id { return }
        preparedFor = p.step.id
        shownAt = lastKeyTime
        editor = LineEditor(masked: p.sensitive)
        pasteBox = PasteBox()
        choiceIndex = p.initialSelection
        if let previous = p.currentAnswer {
            switch previous.value {
            case .unknown: editor.set("?")
            case .value(let v): if !p.sensitive { editor.set(v.description) }
            case .evidence: break
            }
        }
    }

    // MARK: Layout arithmetic (shared by keys and drawing; drawing stores nothing)

    /// The text overlay's lines wrapped to its box, and how many fit.
    func overlayLayout(_ lines: [ExplanationLine], rows: Int, cols: Int) -> (wrapped: [String], room: Int) {
        let h = min(rows - 2, rows - 2)
        let w = min(cols - 4, cols - 4)
        var wrapped: [String] = []
        for l in lines {
            let indent = String(repeating: "  ", count: min(l.depth, 8))
            wrapped += TextWidth.wrap(indent + l.text, width: max(1, w - 4), indent: indent + "  ")
        }
        return (wrapped, max(1, h - 3))
    }

    /// The preview's lines (what the answer was read as) for a box `inner` columns wide.
    func previewLines(_ result: Result<AnswerValue, StepInput.InputError>, inner: Int) -> [(String, TextStyle)] {
        var lines: [(String, TextStyle)] = []
        switch result {
        case .success(.evidence(let e)):
            lines += TextWidth.wrap(e.summary, width: inner).map { ($0, .ok) }
            lines.append(("", .plain))
            for f in e.fields {
                lines += TextWidth.wrap(
                    "\(f.name) = \(f.value.description)  (line \(f.line))", width: inner, indent: "    "
                ).map { ($0, .plain) }
            }
            if !e.skippedLines.isEmpty {
                lines += TextWidth.wrap(
                    "\(e.skippedLines.count) line(s) skipped, not read (see the notes)", width: inner
                ).map { ($0, .plain) }
            }
            for n in e.notes {
                lines += TextWidth.wrap("note, line \(n.line): \(n.message)", width: inner, indent: "    ").map {
                    ($0, .dim)
                }
            }
        case .success(.unknown):
            lines.append(("The facts of this step stay unknown (never false).", .plain))
        case .success(.value(let v)):
            lines.append((v.description, .plain))
        case .failure(let e):
            lines += TextWidth.wrap(e.message, width: inner).map { ($0, .error) }
            lines.append(("", .plain))
            lines += TextWidth.wrap(
                "Check that the whole output was copied, or type ? and Ctrl-D if you cannot get it.", width: inner
            ).map { ($0, .plain) }
        }
        return lines
    }

    /// The preview box (as `overlayBox` places it) for a size: its inner width and how many
    /// lines of reading fit (one row less when they do not all fit: that row says where the
    /// view is).
    func previewLayout(_ result: Result<AnswerValue, StepInput.InputError>, rows: Int, cols: Int) -> (
        lines: [(String, TextStyle)], room: Int
    ) {
        let height = min(rows - 4, rows - 2)
        let width = min(min(cols - 4, 90), cols - 4)
        let lines = previewLines(result, inner: max(1, width - 4))
        let room = max(1, height - 3)
        return (lines, lines.count > room ? max(1, room - 1) : room)
    }

    func previewMaxScroll(_ result: Result<AnswerValue, StepInput.InputError>) -> Int {
        let l = previewLayout(result, rows: rows, cols: cols)
        return max(0, l.lines.count - l.room)
    }

    func overlayMaxScroll(_ lines: [ExplanationLine]) -> Int {
        let l = overlayLayout(lines, rows: rows, cols: cols)
        return max(0, l.wrapped.count - l.room)
    }

    /// The final screen's lines and how many fit, for a size.
    func finalLayout(rows: Int, cols: Int, ellipsis: String) -> (lines: [ResultText.Line], top: Int, room: Int) {
        let top = rows >= 20 ? 2 : 1
        let actionsRow = rows - 3
        let lines = result.map { ResultText.lines($0, width: cols - 4, ellipsis: ellipsis) } ?? []
        return (lines, top, max(1, actionsRow - 1 - top))
    }

    func finalMaxScroll() -> Int {
        let l = finalLayout(rows: rows, cols: cols, ellipsis: "...")
        return max(0, l.lines.count - l.room)
    }

    private func clampScrolls() {
        if mode == .final { finalScroll = max(0, min(finalScroll, finalMaxScroll())) }
        if case .text(let t, let l, let s)? = overlay {
            overlay = .text(title: t, lines: l, scroll: min(s, overlayMaxScroll(l)))
        }
    }

    // MARK: Keys

    /// Handle one key pressed at `time`; returns what the shell must do, in order.
    public func handle(_ key: Key, at time: Date = Date()) -> [Effect] {
        lastKeyTime = time
        if key == .resize { return [] }
        let quitKey = key == .ctrl("c") || key == .function(10)
        // Nothing is answered blind: while only "terminal too small" shows, keys other than
        // quit are ignored.
        if tooSmall && !quitKey {
            if case .confirmQuit? = overlay {} else { return [] }
        }
        if case .confirmQuit? = overlay {
            switch key {
            case .char("y"), .char("Y"), .ctrl("c"), .function(10): return [.quit]
            default:
                overlay = nil
                return []
            }
        }
        if quitKey {
            overlay = .confirmQuit
            return []
        }
        // Type-ahead meant for the previous screen is not an answer to this one.
        if mode != .menu, overlay == nil, Self.mayAnswer(key), let shown = shownAt,
            time.timeIntervalSince(shown) < settle
        {
            message = ("A key pressed as the question appeared was ignored; read it, then answer.", false)
            return []
        }
        if let o = overlay { return handleOverlay(o, key) }
        switch mode {
        case .menu: return handleMenu(key)
        case .question: return handleQuestion(key)
        case .final: return handleFinal(key)
        }
    }

    /// Keys that choose, type or answer; function keys (help, why, how, copy), Esc (back)
    /// and quit never answer and are never held back.
    static func mayAnswer(_ key: Key) -> Bool {
        switch key {
        case .function, .escape, .resize: return false
        default: return true
        }
    }

    /// Feed a message from the shell (a file written, an error).
    public func notify(_ text: String, error: Bool = false) { message = (text, error) }

    /// Apply a recorded answer as if it had just been given (`replay --tui`).
    public func replay(_ answer: Answer) {
        interview?.replay(answer)
        message = nil
        syncMode()
    }

    private func handleOverlay(_ o: Overlay, _ key: Key) -> [Effect] {
        switch o {
        case .confirmQuit: return []
        case .text(let title, let lines, let scroll):
            let page = 10
            let maxScroll = overlayMaxScroll(lines)
            var s = scroll
            switch key {
            case .up: s -= 1
            case .down: s += 1
            case .pageUp: s -= page
            case .pageDown, .char(" "): s += page
            case .home: s = 0
            case .end: s = maxScroll
            case .char("d") where title.hasPrefix("Why"):
                overlay = .text(title: "Why (rule detail)", lines: whyDetail(), scroll: 0)
                return []
            case .escape, .enter, .char("q"), .char("?"), .char("w"), .char("h"), .function(1), .function(2),
                .function(3):
                overlay = nil
                return []
            default: return []
            }
            overlay = .text(title: title, lines: lines, scroll: max(0, min(s, maxScroll)))
            return []
        case .preview(let text, let source, let result, let scroll):
            let maxScroll = previewMaxScroll(result)
            var s = scroll
            switch key {
            case .up: s -= 1
            case .down: s += 1
            case .pageUp: s -= 10
            case .pageDown: s += 10
            case .home: s = 0
            case .end: s = maxScroll
            default: break
            }
            if s != scroll {
                overlay = .preview(text: text, source: source, result: result, scroll: max(0, min(s, maxScroll)))
                return []
            }
            switch (key, result) {
            case (.enter, .success), (.char("y"), .success):
                overlay = nil
                return answer(source == .pasted ? .pasted(text) : .typed(text))
            case (.enter, .failure), (.escape, _), (.char("e"), _), (.char("n"), _):
                overlay = nil
                pasteBox = PasteBox(text)
                return []
            default: return []
            }
        case .prompt(let title, var ed, let action):
            switch key {
            case .escape:
                overlay = nil
                return []
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

    /// Help, why, how and the copy keys, common to every screen.
    private func commonKey(_ key: Key, typing: Bool) -> [Effect]? {
        switch key {
        case .function(1):
            showHelp()
            return []
        case .function(2):
            showWhy()
            return []
        case .function(3):
            showHow()
            return []
        case .function(5): return copyCommand()
        case .function(6): return copyView()
        default: break
        }
        guard !typing else { return nil }
        switch key {
        case .char("?"):
            showHelp()
            return []
        case .char("w"), .char("W"):
            showWhy()
            return []
        case .char("h"), .char("H"):
            showHow()
            return []
        default: return nil
        }
    }

    /// The command the copy key takes: the question's, or the selected one of the result.
    var commandToCopy: String? {
        if mode == .question { return presentation?.step.command }
        if mode == .final {
            let c = commands
            return c.indices.contains(selectedCommand) ? c[selectedCommand] : nil
        }
        return nil
    }

    private func copyCommand() -> [Effect] {
        guard let c = commandToCopy else {
            message = ("There is no command on this screen to copy.", false)
            return []
        }
        let which = mode == .final ? " \(selectedCommand + 1) of \(commands.count)" : ""
        message = ("Copied command\(which) to the clipboard (OSC 52). No clipboard? F6 shows it to select.", false)
        return [.copy(c)]
    }

    private func copyView() -> [Effect] {
        let all = mode == .final ? commands : presentation?.step.command.map { [$0] } ?? []
        guard !all.isEmpty else {
            message = ("There is no command on this screen to copy.", false)
            return []
        }
        return [.copyView(all)]
    }

    private func handleMenu(_ key: Key) -> [Effect] {
        let n = menu.count
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
            if let i = firstLetterMatch(c, labels: menu.map(\.menuLabel), from: menuIndex) { menuIndex = i }
        case .enter:
            return choosePlaybook()
        default: break
        }
        return []
    }

    private func choosePlaybook() -> [Effect] {
        guard menuIndex < menu.count else { return [] }
        let opened: OpenedPlaybook
        switch opener(menu[menuIndex]) {
        case .success(let o): opened = o
        case .failure(let f):
            // A playbook broken further down than its header: said here, with where to fix it;
            // the menu stays, so another playbook can still be used.
            let lines =
                f.lines.map { ExplanationLine(0, $0) }
                + [
                    ExplanationLine(0, ""),
                    ExplanationLine(0, "Fix the playbook (keywizard lint lists every problem) or choose another.")
                ]
            overlay = .text(title: "Cannot open this playbook", lines: lines, scroll: 0)
            return []
        }
        let p = opened.playbook
        context = opened.context
        interview = Interview(playbook: p, context: context)
        preparedFor = nil
        message = nil
        syncMode()
        return [.begin(playbookID: p.id)]
    }

    func firstLetterMatch(_ c: Character, labels: [String], from current: Int?) -> Int? {
        let lower = Character(c.lowercased())
        let n = labels.count
        guard n > 0 else { return nil }
        let start = current ?? -1
        for k in 1...n {
            let i = ((start + k) % n + n) % n
            if labels[i].lowercased().first == lower { return i }
        }
        return nil
    }

    private func goBack() {
        message = nil
        guard interview != nil else { return }
        if interview!.back() {
            preparedFor = nil
            syncMode()
        } else if showMenu {
            interview = nil
            mode = .menu
            preparedFor = nil
        } else {
            message = ("This is the first question.", false)
        }
    }

    /// The one way the screen answers: through `Interview.answer`.
    private func answer(_ input: InterviewInput) -> [Effect] {
        guard interview != nil else { return [] }
        switch interview!.answer(input) {
        case .failure(let e):
            message = (e.message, true)
            return []
        case .success(let outcome):
            message = nil
            preparedFor = nil
            syncMode()
            return [.record(outcome)]
        }
    }

    private func keepPrevious(_ note: String?) {
        interview?.keepPreviousAnswer()
        preparedFor = nil
        message = note.map { ($0, false) }
        syncMode()
    }

    private func handleQuestion(_ key: Key) -> [Effect] {
        guard let iv = interview, let p = iv.presentation else { return [] }
        let step = p.step
        switch step.input {
        case .choice, .yesno:
            if let e = commonKey(key, typing: false) { return e }
            let items = p.items
            switch key {
            case .up, .left, .backTab: choiceIndex = max(0, (choiceIndex ?? items.count) - 1)
            case .down, .right, .tab: choiceIndex = min(items.count - 1, (choiceIndex ?? -1) + 1)
            case .home: choiceIndex = 0
            case .end: choiceIndex = items.count - 1
            case .enter:
                guard let i = choiceIndex else {
                    message = (
                        "Nothing is chosen yet: choose with \(step.input == .yesno ? "y or n" : "the arrows or a digit"), then press Enter.",
                        true
                    )
                    return []
                }
                return answer(.choice(i))
            case .escape, .char("b"), .char("B"), .backspace: goBack()
            case .char("q"), .char("Q"): overlay = .confirmQuit
            // y/n, digits and first letters only select; Enter answers.
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
            if let e = commonKey(key, typing: true) { return e }
            if key == .escape {
                if pasteBox.isEmpty {
                    goBack()
                } else {
                    pasteBox = PasteBox()
                    message = nil
                }
                return []
            }
            let outcome = pasteBox.handle(key)
            if pasteBox.overflowed { message = (PasteBox.overflowMessage, true) }
            if outcome == .submit {
                let text = pasteBox.text
                let empty = text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                // Finishing an empty box while going back keeps the answer given before.
                if empty, iv.isEditing {
                    keepPrevious(nil)
                    return []
                }
                let source: AnswerSource = pasteBox.pasted ? .pasted : .typed
                let input: InterviewInput = source == .pasted ? .pasted(text) : .typed(text)
                let result = iv.interpret(input)
                if case .failure(let e) = result, empty {
                    message = (e.message, true)
                    return []
                }
                overlay = .preview(text: text, source: source, result: result, scroll: 0)
                message = nil
            }
            return []
        default:
            if let e = commonKey(key, typing: true) { return e }
            if key == .escape {
                if editor.isEmpty {
                    goBack()
                } else {
                    editor.set("")
                    message = nil
                }
                return []
            }
            let before = editor
            if editor.handle(key) == .submit {
                if editor.isEmpty, p.sensitive, iv.isEditing {
                    // A secret is never shown again, so its field comes back empty when going
                    // back; Enter on it keeps the answer given before.
                    keepPrevious("Kept the answer given before.")
                    return []
                }
                return answer(.typed(editor.text))
            }
            if editor != before { message = nil }
            // Key material typed or pasted into an ordinary field is masked at once, like a
            // secret's field; Enter then refuses it (StepInput), so it is never stored.
            editor.masked = p.sensitive || SecretScrubber.containsSecret(editor.text)
            return []
        }
    }

    static let finalActions: [(key: Character, label: String)] = [
        ("s", "Save session"), ("t", "Checklist .txt"), ("m", "Checklist .md"), ("b", "Back"), ("q", "Quit")
    ]

    private func handleFinal(_ key: Key) -> [Effect] {
        if let e = commonKey(key, typing: false) { return e }
        let maxScroll = finalMaxScroll()
        switch key {
        case .left, .backTab: finalAction = max(0, finalAction - 1)
        case .right, .tab: finalAction = min(Self.finalActions.count - 1, finalAction + 1)
        case .up: finalScroll = max(0, finalScroll - 1)
        case .down: finalScroll = min(maxScroll, finalScroll + 1)
        case .pageUp: finalScroll = max(0, finalScroll - 10)
        case .pageDown, .char(" "): finalScroll = min(maxScroll, finalScroll + 10)
        case .home: finalScroll = 0
        case .end: finalScroll = maxScroll
        case .enter: return finalDo(Self.finalActions[finalAction].key)
        case .escape: goBack()
        case .char("c"), .char("C"): return copyCommand()
        case .char("v"), .char("V"): return copyView()
        case .char("n"), .char("N"), .char("p"), .char("P"):
            let n = commands.count
            guard n > 0 else { return [] }
            let forward = key == .char("n") || key == .char("N")
            selectedCommand = (selectedCommand + (forward ? 1 : n - 1)) % n
            scrollToSelectedCommand()
            message = ("Command \(selectedCommand + 1) of \(n) selected: c copies it, v shows all to select.", false)
        case .char(let c):
            if let i = Self.finalActions.firstIndex(where: { $0.key == Character(c.lowercased()) }) {
                finalAction = i
                return finalDo(Self.finalActions[i].key)
            }
        default: break
        }
        return []
    }

    private func scrollToSelectedCommand() {
        let l = finalLayout(rows: rows, cols: cols, ellipsis: "...")
        guard let i = l.lines.firstIndex(where: { $0.command == selectedCommand }) else { return }
        if i < finalScroll || i >= finalScroll + l.room {
            finalScroll = max(0, min(i - 2, max(0, l.lines.count - l.room)))
        }
    }

    private func finalDo(_ action: Character) -> [Effect] {
        let id = interview?.playbook.id ?? "keywizard"
        switch action {
        case "s":
            overlay = .prompt(
                title: "Save the session (answers, no secrets) to", editor: LineEditor("keywizard-\(id)-session.jsonl"),
                action: .session)
        case "t":
            overlay = .prompt(
                title: "Write the checklist (text) to", editor: LineEditor("keywizard-\(id)-checklist.txt"),
                action: .checklist(markdown: false))
        case "m":
            overlay = .prompt(
                title: "Write the checklist (Markdown) to", editor: LineEditor("keywizard-\(id)-checklist.md"),
                action: .checklist(markdown: true))
        case "b": goBack()
        case "q": overlay = .confirmQuit
        default: break
        }
        return []
    }
}
