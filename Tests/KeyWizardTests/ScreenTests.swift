import DiagnosticRules
import Foundation
import XCTest

@testable import KeyWizardUI

final class ScreenTests: XCTestCase {
    static let sizes: [(rows: Int, cols: Int)] = [(24, 80), (40, 120), (16, 60)]
    let library = fixtureLibrary()

    func newApp() -> WizardApp { WizardApp(playbooks: library.playbooks) }

    /// Menu -> first question.
    func atFirstQuestion() -> WizardApp {
        let app = newApp()
        XCTAssertEqual(app.press(.enter), [.begin(playbookID: "iis-admin-machineguid")])
        return app
    }

    func pasteAndAccept(_ app: WizardApp, _ text: String) {
        app.press(.paste(text), .ctrl("d"))
        guard case .preview(_, _, .success, _)? = app.overlay else {
            return XCTFail("no accepted preview: \(String(describing: app.overlay))")
        }
        let effects = app.press(.enter)
        XCTAssertEqual(effects.count, 1)
    }

    /// Answers that lead to the machineguid-changed diagnosis.
    func atFinal() -> WizardApp {
        let app = atFirstQuestion()
        pasteAndAccept(app, TestPaths.eventWithoutErrorNumber())
        app.type("0x80090006")
        app.press(.enter)
        pasteAndAccept(app, TestPaths.evidenceText("reg-query-machineguid.txt"))
        pasteAndAccept(app, TestPaths.evidenceText("machinekeys-dir.txt"))
        return app
    }

    func testMenu() {
        for s in Self.sizes { assertGolden(newApp(), "menu", rows: s.rows, cols: s.cols) }
        assertGolden(newApp(), "menu", rows: 24, cols: 80, unicode: false)
    }

    func testPasteQuestion() {
        let app = atFirstQuestion()
        XCTAssertEqual(app.currentStep?.id, "event")
        for s in Self.sizes { assertGolden(app, "question-paste", rows: s.rows, cols: s.cols) }
        assertGolden(app, "question-paste", rows: 24, cols: 80, unicode: false)
        // The command is on a line of its own, undecorated, so a selection copies it exactly.
        let g = GridCanvas(rows: 24, cols: 80)
        app.render(on: g)
        let cmd = "wevtutil qe System /q:\"*[System[(EventID=7024)]]\" /c:1 /rd:true /f:text"
        XCTAssertTrue((0..<24).contains { g.line($0).trimmingCharacters(in: .whitespaces) == cmd })
    }

    /// A reading longer than the preview box scrolls (it used to end in "N more line(s) not
    /// shown", with no way to see them), and Enter still accepts it afterwards.
    func testLongPreviewScrollsToItsEnd() {
        let app = atFirstQuestion()
        app.resize(rows: 16, cols: 60)
        app.press(.paste(TestPaths.eventWithoutErrorNumber()), .ctrl("d"))
        func screen() -> [String] {
            let g = GridCanvas(rows: 16, cols: 60)
            app.render(on: g)
            return (0..<16).map { g.line($0) }
        }
        guard case .preview(_, _, .success(.evidence(let e)), 0)? = app.overlay else {
            return XCTFail("no preview: \(String(describing: app.overlay))")
        }
        XCTAssertTrue(screen().contains { $0.contains("lines 1-8 of 25, 17 more below") })
        app.press(.down)
        XCTAssertTrue(screen().contains { $0.contains("lines 2-9 of 25") })
        app.press(.end)
        let last = screen()
        XCTAssertTrue(last.contains { $0.contains("lines 18-25 of 25, end") }, last.joined(separator: "\n"))
        // The last note of the reading is on screen now.
        let lastNote = try? XCTUnwrap(e.notes.last)
        if let lastNote {
            XCTAssertTrue(last.contains { $0.contains("note, line \(lastNote.line)") }, last.joined(separator: "\n"))
        }
        app.press(.down, .pageDown) // past the end: stays at the end
        guard case .preview(_, _, _, let s)? = app.overlay else { return XCTFail("preview closed") }
        XCTAssertEqual(s, 17)
        app.press(.home)
        XCTAssertTrue(screen().contains { $0.contains("lines 1-8 of 25") })
        XCTAssertEqual(app.press(.enter).count, 1)
        XCTAssertNil(app.overlay)
    }

    func testPreviewThenConfirm() {
        let app = atFirstQuestion()
        XCTAssertEqual(app.press(.paste(TestPaths.eventWithoutErrorNumber()), .ctrl("d")), [])
        for s in Self.sizes { assertGolden(app, "preview", rows: s.rows, cols: s.cols) }
        // Garbage shows the parser's error and goes back to the box with the text kept.
        let bad = atFirstQuestion()
        bad.press(.paste("hello\nworld\n"), .ctrl("d"))
        guard case .preview(_, _, .failure, _)? = bad.overlay else { return XCTFail("expected a failure preview") }
        assertGolden(bad, "preview-error", rows: 24, cols: 80)
        XCTAssertEqual(bad.press(.enter), [])
        XCTAssertNil(bad.overlay)
        XCTAssertEqual(bad.pasteBox.text, "hello\nworld\n")
    }

    func testTextQuestionWithPanel() {
        let app = atFirstQuestion()
        pasteAndAccept(app, TestPaths.eventWithoutErrorNumber())
        XCTAssertEqual(app.currentStep?.id, "error_code")
        app.type("0x8009000")
        for s in Self.sizes { assertGolden(app, "question-text", rows: s.rows, cols: s.cols) }
        // A wrong value keeps the text and shows StepInput's message.
        app.type("zz")
        XCTAssertEqual(app.press(.enter), [])
        assertGolden(app, "question-text-error", rows: 24, cols: 80)
    }

    func testBackPrefillsAndRecomputes() {
        let app = atFirstQuestion()
        pasteAndAccept(app, TestPaths.eventWithoutErrorNumber())
        app.type("0x80090006")
        guard case .record(let a)? = app.press(.enter).first else { return XCTFail("no answer recorded") }
        XCTAssertEqual(a.answer.step, "error_code")
        XCTAssertEqual(app.currentStep?.id, "machine_guid_reg")
        // Esc on the empty paste box goes back: the previous answer is pre-filled.
        app.press(.escape)
        XCTAssertEqual(app.currentStep?.id, "error_code")
        XCTAssertEqual(app.editor.text, "2148073478")
        assertGolden(app, "question-back", rows: 24, cols: 80)
        // Change it to an access-denied code: everything downstream recomputes.
        app.press(.ctrl("u"))
        app.type("5")
        XCTAssertEqual(app.press(.enter).count, 1)
        XCTAssertEqual(app.wizard?.conclusion.value("error_family"), .string("access"))
        XCTAssertNil(app.wizard?.editing)
        // Back (Esc), clear the pre-filled "5" (Esc), back again (Esc): the pasted event's
        // parsed summary is shown; Ctrl-D keeps it.
        app.press(.escape, .escape, .escape)
        XCTAssertEqual(app.currentStep?.id, "event")
        let g = GridCanvas(rows: 24, cols: 80)
        app.render(on: g)
        XCTAssertTrue(g.contains("Current answer: event 7024"), g.render())
        app.press(.ctrl("d"))
        XCTAssertNil(app.wizard?.editing)
    }

    func testSecretFieldComesBackEmptyAndEnterKeepsTheAnswer() throws {
        let p = try XCTUnwrap(
            PlaybookLoader.load(
                text: """
                    id: secret
                    title: S
                    version: "1"
                    symptom: s
                    facts: [{id: key, type: string, sensitive: true}, {id: seen, type: boolean}]
                    steps:
                      - {id: key, prompt: "validationKey?", input: text, sets: key}
                      - {id: seen, prompt: "Seen?", input: yesno, sets: seen}
                    rules: [{id: r, when: "seen == true", then: {conclude: [d]}}]
                    diagnoses: [{id: d, title: D, severity: low, summary: "{key}"}]
                    """, file: "s.yaml"
            ).playbook)
        let app = WizardApp(playbooks: [p], start: p)
        app.type("1F35E5A1223344556677889900AABBCCDDEEFF00")
        XCTAssertEqual(app.press(.enter).count, 1)
        let recorded = app.wizard?.conclusion.value("key")
        XCTAssertEqual(app.currentStep?.id, "seen")
        app.press(.escape)
        XCTAssertEqual(app.currentStep?.id, "key")
        XCTAssertEqual(app.editor.text, "", "a secret is never pre-filled")
        XCTAssertTrue(app.press(.enter).isEmpty, "Enter on the empty secret records nothing")
        XCTAssertNil(app.wizard?.editing)
        XCTAssertEqual(app.currentStep?.id, "seen")
        XCTAssertEqual(app.wizard?.conclusion.value("key"), recorded)
    }

    func testTextAnswerPrefilledWhenGoingBack() {
        // A fresh start with the event unknown: error_code is asked; back from the next step.
        let p = library.playbooks[0]
        let app = WizardApp(playbooks: library.playbooks, start: p, answers: [Answer(step: "event", value: .unknown)])
        XCTAssertEqual(app.currentStep?.id, "error_code")
        app.type("5")
        XCTAssertEqual(app.press(.enter).count, 1)
        XCTAssertEqual(app.wizard?.conclusion.value("error_family"), .string("access"))
        XCTAssertFalse(app.showMenu)
    }

    func testOverlays() {
        let app = atFirstQuestion()
        app.press(.function(1))
        assertGolden(app, "help", rows: 24, cols: 80)
        app.press(.escape, .function(2))
        assertGolden(app, "why", rows: 24, cols: 80)
        app.press(.escape)
        XCTAssertNil(app.overlay)
        app.press(.function(10))
        assertGolden(app, "quit", rows: 24, cols: 80)
        app.press(.char("n"))
        XCTAssertNil(app.overlay)
        app.press(.ctrl("c"))
        XCTAssertEqual(app.press(.char("y")), [.quit])
    }

    func testFinalScreen() {
        let app = atFinal()
        XCTAssertEqual(app.mode, .final, "still asking \(app.currentStep?.id ?? "-")")
        for s in Self.sizes { assertGolden(app, "final", rows: s.rows, cols: s.cols) }
        app.press(.char("h"))
        for s in Self.sizes { assertGolden(app, "how", rows: s.rows, cols: s.cols) }
        app.press(.pageDown)
        assertGolden(app, "how-scrolled", rows: 24, cols: 80)
        app.press(.escape, .char("m"))
        guard case .prompt? = app.overlay else { return XCTFail("no file prompt") }
        XCTAssertEqual(
            app.press(.enter), [.writeChecklist(path: "keywizard-iis-admin-machineguid-checklist.md", markdown: true)])
        // Back from the result re-asks the last answer.
        app.press(.char("b"))
        XCTAssertEqual(app.mode, .question)
    }

    func testPasteBoxShowsNoKeysAndNoControlBytes() throws {
        let app = atFirstQuestion()
        var garbage = String(decoding: (0..<400).map { UInt8(truncatingIfNeeded: $0 &* 37) }, as: UTF8.self)
        garbage += "\n<machineKey validationKey=\"BC7A1C0EFB2D4E6F8091A2B3C4D5E6F708192A3B\" />\n"
        app.press(.paste(garbage))
        let g = GridCanvas(rows: 24, cols: 80)
        app.render(on: g)
        let screen = g.render()
        XCTAssertFalse(screen.contains("BC7A1C0E"), screen)
        XCTAssertTrue(screen.contains("<key redacted>"), screen)
        // Every row of the paste box still ends with its frame.
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let boxRows = rows.filter { $0.hasPrefix("  │") }
        XCTAssertFalse(boxRows.isEmpty, screen)
        for r in boxRows { XCTAssertTrue(r.trimmingCharacters(in: .whitespaces).hasSuffix("│"), "frame broken: \(r)") }
    }

    func testKeyPastedIntoATextFieldIsMaskedAndRefused() {
        let app = atFirstQuestion()
        app.type("?")
        app.press(.ctrl("d"), .enter) // event: don't know
        XCTAssertEqual(app.currentStep?.id, "error_code")
        app.press(.paste("BC7A1C0EFB2D4E6F8091A2B3C4D5E6F708192A3B"))
        let g = GridCanvas(rows: 24, cols: 80)
        app.render(on: g)
        XCTAssertFalse(g.render().contains("BC7A1C0E"), g.render())
        XCTAssertTrue(app.press(.enter).isEmpty, "refused, not recorded")
        app.render(on: g)
        XCTAssertFalse(g.render().contains("BC7A1C0E"), g.render())
    }

    func testNoKeyActsWhileTheTerminalIsTooSmall() {
        let app = atFirstQuestion()
        app.type("?")
        app.resize(rows: 10, cols: 30)
        XCTAssertEqual(app.press(.ctrl("d"), .enter, .escape, .char("y")), [])
        XCTAssertNil(app.overlay)
        XCTAssertEqual(app.currentStep?.id, "event")
        app.resize(rows: 24, cols: 80)
        app.press(.ctrl("d"))
        guard case .preview? = app.overlay else { return XCTFail("keys work again once the terminal is big enough") }
    }

    func testHowOverlayScrollsToItsLastWrappedLine() {
        let app = atFinal()
        app.press(.char("h"))
        let g = GridCanvas(rows: 24, cols: 80)
        app.render(on: g)
        app.press(.end)
        app.render(on: g)
        let text = g.render()
        guard let range = text.range(of: #"(\d+)-(\d+) of (\d+)"#, options: .regularExpression) else {
            return XCTFail(text)
        }
        let numbers = text[range].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        XCTAssertEqual(numbers[1], numbers[2], "End must reach the last line: \(text[range])")
    }

    func testCommandsAreNeverWrapped() throws {
        let app = atFinal()
        let doc = try XCTUnwrap(app.result)
        let commands = ResultText.commands(of: doc)
        XCTAssertFalse(commands.isEmpty)
        // On screen: each command on one line, cut with a marker when too wide.
        let narrow = ResultText.lines(doc, width: 76, ellipsis: "…")
        for (i, c) in commands.enumerated() {
            let shown = narrow.filter { $0.command == i }
            XCTAssertEqual(shown.count, 1, c)
            let t = shown[0].text.trimmingCharacters(in: .whitespaces)
            XCTAssertTrue(t == c || (t.hasSuffix("…") && c.hasPrefix(String(t.dropLast()))), "\(t) vs \(c)")
        }
        // In plain mode: whole.
        let whole = ResultText.lines(doc, width: 76).map { $0.text.trimmingCharacters(in: .whitespaces) }
        for c in commands { XCTAssertTrue(whole.contains(c), c) }
    }

    func testTooSmallAndRecovery() {
        let app = atFirstQuestion()
        app.press(.char("x"))
        assertGolden(app, "too-small", rows: 10, cols: 30)
        assertGolden(app, "too-small", rows: 15, cols: 80)
        // Input survives the resize.
        app.press(.resize)
        let g = GridCanvas(rows: 24, cols: 80)
        app.render(on: g)
        XCTAssertTrue(g.contains("│ x"), g.render())
    }

    func testFirstLetters() {
        let app = newApp()
        XCTAssertEqual(app.firstLetterMatch("n", labels: ["Yes", "No", "Never"], from: 1), 2)
        XCTAssertEqual(app.firstLetterMatch("N", labels: ["Yes", "No", "Never"], from: 2), 1)
        XCTAssertNil(app.firstLetterMatch("z", labels: ["Yes", "No"], from: 0))
    }

    func testWideCharactersDoNotBreakLayout() {
        let app = atFirstQuestion()
        pasteAndAccept(app, TestPaths.eventWithoutErrorNumber())
        app.type("服务器名称错误代码")
        for s in Self.sizes {
            let g = GridCanvas(rows: s.rows, cols: s.cols)
            app.render(on: g)
            for r in 0..<s.rows { XCTAssertEqual(TextWidth.width(g.line(r)), s.cols, "row \(r)") }
        }
    }
}

/// Nothing is answered by accident.
extension ScreenTests {
    func shippedApp(_ id: String) throws -> WizardApp {
        let lib = PlaybookLibrary.load(directory: TestPaths.repoRoot.appendingPathComponent("Playbooks"))
        let p = try XCTUnwrap(lib.playbook(id))
        return WizardApp(playbooks: [p], start: p)
    }

    func testChoiceStartsWithNothingChosenAndEnterSaysWhy() throws {
        let app = try shippedApp("aspnet-autogen-keys")
        let step = try XCTUnwrap(app.currentStep)
        XCTAssertEqual(step.input, .choice)
        XCTAssertNil(app.choiceIndex)
        XCTAssertEqual(app.press(.enter), [], "Enter with nothing chosen answers nothing")
        let g = GridCanvas(rows: 24, cols: 80)
        app.render(on: g)
        XCTAssertTrue(g.contains("Nothing is chosen yet"), g.render())
        XCTAssertEqual(app.currentStep?.id, step.id)
        app.press(.down)
        XCTAssertEqual(app.choiceIndex, 0)
        guard case .record? = app.press(.enter).first else { return XCTFail("Enter answers once something is chosen") }
    }

    func testYesNoHasNoDefault() throws {
        let lib = PlaybookLibrary.load(directory: TestPaths.repoRoot.appendingPathComponent("Playbooks"))
        for p in lib.playbooks {
            for s in p.steps where s.input == .yesno {
                XCTAssertNil(
                    StepPresentation.make(step: s, playbook: p, current: nil).initialSelection, "\(p.id)/\(s.id)")
            }
        }
    }

    func testKeysPressedAsAQuestionAppearsAreNotItsAnswer() throws {
        let app = try shippedApp("aspnet-autogen-keys")
        // Windows Server 2003 (the first item, Windows 2000, ends the interview at once).
        app.press(.down)
        app.press(.down)
        guard case .record? = app.press(.enter).first else { return XCTFail("first answer") }
        let second = try XCTUnwrap(app.currentStep?.id)
        let shown = try XCTUnwrap(app.shownAt)
        // Within the settle time: typing, choosing and Enter are all held back.
        XCTAssertEqual(app.handle(.char("1"), at: shown.addingTimeInterval(0.05)), [])
        XCTAssertEqual(app.handle(.enter, at: shown.addingTimeInterval(0.1)), [])
        XCTAssertEqual(app.handle(.paste("x"), at: shown.addingTimeInterval(0.2)), [])
        XCTAssertEqual(app.currentStep?.id, second)
        XCTAssertTrue(app.editor.isEmpty && app.pasteBox.isEmpty && app.choiceIndex == nil)
        // Help is not an answer and is never held back.
        XCTAssertEqual(app.handle(.function(1), at: shown.addingTimeInterval(0.1)), [])
        XCTAssertNotNil(app.overlay)
    }

    func testQuitDialogAfterAFinishedDiagnosisOffersNoResumeAndShowsTheWholePath() {
        let app = atFinal()
        app.sessionLocation =
            "/home/operator/.local/state/keywizard/sessions/20261129T101500Z-iis-admin-machineguid.jsonl"
        app.press(.char("q"))
        let g = GridCanvas(rows: 24, cols: 80)
        app.render(on: g)
        let text = g.render()
        XCTAssertFalse(text.contains("resume"), text)
        XCTAssertTrue(text.contains("20261129T101500Z-iis-admin-machineguid.jsonl"), text)
        assertGolden(app, "quit-finished", rows: 24, cols: 80)
        let replay = atFinal()
        replay.replaying = true
        replay.press(.char("q"))
        replay.render(on: g)
        XCTAssertFalse(g.render().contains("resume"), g.render())
    }
}

/// Every command copies whole, on every screen.
extension ScreenTests {
    func testCopyKeysOnTheQuestionAndTheResult() throws {
        let app = atFirstQuestion()
        let cmd = try XCTUnwrap(app.currentStep?.command)
        XCTAssertEqual(app.press(.function(5)), [.copy(cmd)])
        XCTAssertEqual(app.press(.function(6)), [.copyView([cmd])])
        let final = atFinal()
        let all = final.commands
        XCTAssertGreaterThan(all.count, 1)
        XCTAssertEqual(final.press(.char("c")), [.copy(all[0])])
        final.press(.char("n"))
        XCTAssertEqual(final.press(.char("c")), [.copy(all[1])])
        XCTAssertEqual(final.press(.char("v")), [.copyView(all)])
        // The selected command is on screen, highlighted, cut with a marker when too wide.
        final.resize(rows: 24, cols: 80)
        let g = GridCanvas(rows: 24, cols: 80)
        final.render(on: g)
        let shown = (0..<24).map { g.line($0).trimmingCharacters(in: .whitespaces) }
        XCTAssertTrue(
            shown.contains { $0 == all[1] || ($0.hasSuffix("…") && all[1].hasPrefix(String($0.dropLast()))) },
            g.render())
    }

    func testFactsPanelMarksWhatItScrollsAway() {
        let app = atFinal()
        app.press(.escape) // back to the last question: the panel is full of facts
        for s in [(16, 60), (24, 80), (40, 120)] {
            let g = GridCanvas(rows: s.0, cols: s.1)
            app.render(on: g)
            // Nothing draws over the prompt (the "changing" note is in the title bar).
            XCTAssertTrue(
                (0..<s.0).contains { g.line($0).contains("  Paste a listing of the RSA MachineKeys folder.   ") },
                g.render())
            XCTAssertTrue(g.line(0).contains("changing an earlier answer"), g.render())
        }
        assertGolden(app, "question-back-panel", rows: 16, cols: 60)
    }
}
