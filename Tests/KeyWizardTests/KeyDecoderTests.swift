import XCTest

@testable import KeyWizardUI

final class KeyDecoderTests: XCTestCase {
    func testPlainTextAndControls() {
        var d = KeyDecoder()
        XCTAssertEqual(
            d.feed("ab\r\u{7F}\u{01}\u{05}\u{15}\u{17}\u{04}\t"),
            [
                .char("a"), .char("b"), .enter, .backspace, .ctrl("a"), .ctrl("e"), .ctrl("u"), .ctrl("w"), .ctrl("d"),
                .tab
            ])
    }

    func testUTF8SplitAcrossReads() {
        var d = KeyDecoder()
        let bytes = Array("é中🙂".utf8)
        var keys: [Key] = []
        for b in bytes { keys += d.feed([b]) }
        XCTAssertEqual(keys, [.char("é"), .char("中"), .char("🙂")])
    }

    func testCursorKeysCSIAndSS3() {
        var d = KeyDecoder()
        XCTAssertEqual(
            d.feed("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D\u{1B}OA\u{1B}OB\u{1B}OH\u{1B}OF"),
            [.up, .down, .right, .left, .up, .down, .home, .end])
    }

    func testXtermScreenTmuxLinuxConsoleSequences() {
        var d = KeyDecoder()
        // xterm Home/End, screen/tmux 1~/4~, rxvt 7~/8~, delete, page keys, modified arrows.
        XCTAssertEqual(
            d.feed(
                "\u{1B}[H\u{1B}[F\u{1B}[1~\u{1B}[4~\u{1B}[7~\u{1B}[8~\u{1B}[3~\u{1B}[5~\u{1B}[6~\u{1B}[1;5C\u{1B}[Z"),
            [.home, .end, .home, .end, .home, .end, .delete, .pageUp, .pageDown, .right, .backTab])
        // F1-F4 as SS3 (xterm), CSI ~ (vt220/screen), Linux console ESC [ [ A, and F10.
        XCTAssertEqual(
            d.feed("\u{1B}OP\u{1B}OQ\u{1B}[11~\u{1B}[14~\u{1B}[[A\u{1B}[[E\u{1B}[21~"),
            [.function(1), .function(2), .function(1), .function(4), .function(1), .function(5), .function(10)])
    }

    func testSequenceSplitAcrossReads() {
        var d = KeyDecoder()
        XCTAssertEqual(d.feed([0x1B]), [])
        XCTAssertTrue(d.needsTimeout)
        XCTAssertEqual(d.feed(Array("[2".utf8)), [])
        XCTAssertEqual(d.feed(Array("1~x".utf8)), [.function(10), .char("x")])
    }

    func testLoneEscapeAfterTimeout() {
        var d = KeyDecoder()
        XCTAssertEqual(d.feed([0x1B]), [])
        XCTAssertEqual(d.flush(), [.escape])
        XCTAssertFalse(d.hasPending)
        XCTAssertEqual(d.feed([0x1B, 0x1B]), [.escape])
        XCTAssertEqual(d.flush(), [.escape])
    }

    func testBracketedPasteIsOneKey() {
        var d = KeyDecoder()
        let keys = d.feed("x\u{1B}[200~line 1\rline 2\r\u{1B}[A not a key\u{1B}[201~y")
        XCTAssertEqual(keys, [.char("x"), .paste("line 1\nline 2\n\u{1B}[A not a key"), .char("y")])
    }

    func testBracketedPasteSplitAcrossReadsEverywhere() {
        let whole = Array("\u{1B}[200~dir /a\r\n 05/14/2024  中文\r\n\u{1B}[201~".utf8)
        // Split at every possible position, including inside both markers and inside UTF-8.
        for cut in 1..<whole.count {
            var d = KeyDecoder()
            let keys = d.feed(whole[..<cut]) + d.feed(whole[cut...])
            XCTAssertEqual(keys, [.paste("dir /a\n 05/14/2024  中文\n")], "cut at \(cut)")
        }
        // One byte at a time.
        var d = KeyDecoder()
        var keys: [Key] = []
        for b in whole { keys += d.feed([b]) }
        XCTAssertEqual(keys, [.paste("dir /a\n 05/14/2024  中文\n")])
    }

    func testPasteOfCRLFTextThroughATerminalIsNotDoubleSpaced() {
        // tmux and terminals send LF as CR; a CRLF file arrives as CR CR.
        var d = KeyDecoder()
        XCTAssertEqual(d.feed("\u{1B}[200~a\r\rb\r\r\r\rc\u{1B}[201~"), [.paste("a\nb\n\nc")])
        XCTAssertEqual(d.feed("\u{1B}[200~a\rb\r\rc\u{1B}[201~"), [.paste("a\nb\n\nc")])
    }
}

final class LineEditorTests: XCTestCase {
    func type(_ e: inout LineEditor, _ s: String) { for c in s { e.handle(.char(c)) } }

    func testInsertMoveDelete() {
        var e = LineEditor()
        type(&e, "0x8006")
        e.handle(.left)
        e.handle(.left)
        type(&e, "00")
        XCTAssertEqual(e.text, "0x800006")
        e.handle(.home)
        e.handle(.delete)
        XCTAssertEqual(e.text, "x800006")
        e.handle(.end)
        e.handle(.backspace)
        XCTAssertEqual(e.text, "x80000")
        e.handle(.ctrl("a"))
        e.handle(.right)
        e.handle(.ctrl("k"))
        XCTAssertEqual(e.text, "x")
        XCTAssertEqual(e.handle(.enter), .submit)
    }

    func testCtrlUAndCtrlW() {
        var e = LineEditor("reg query HKLM\\SOFTWARE  ")
        e.handle(.ctrl("w"))
        XCTAssertEqual(e.text, "reg query ")
        e.handle(.ctrl("w"))
        XCTAssertEqual(e.text, "reg ")
        e.handle(.left)
        e.handle(.ctrl("u"))
        XCTAssertEqual(e.text, " ")
        XCTAssertEqual(e.cursor, 0)
        XCTAssertEqual(e.handle(.backspace), .ignored)
    }

    func testMaskedViewAndScrolling() {
        var e = LineEditor(masked: true)
        type(&e, "secret")
        XCTAssertEqual(e.view(width: 10).text, "******")
        XCTAssertEqual(e.text, "secret")
        var long = LineEditor(String(repeating: "a", count: 30) + "XYZ")
        XCTAssertEqual(long.view(width: 10).text, "aaaaaaXYZ")
        XCTAssertEqual(long.view(width: 10).cursorColumn, 9)
        long.handle(.home)
        XCTAssertEqual(long.view(width: 10).text, "aaaaaaaaaa")
        XCTAssertEqual(long.view(width: 10).cursorColumn, 0)
    }

    func testWideCharactersInView() {
        let e = LineEditor("服务器名称")
        let v = e.view(width: 7)
        XCTAssertEqual(v.text, "器名称")
        XCTAssertEqual(v.cursorColumn, 6)
        XCTAssertLessThanOrEqual(TextWidth.width(v.text) + 1, 7)
    }

    func testPasteIntoLineTakesFirstLine() {
        var e = LineEditor()
        e.handle(.paste("5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4\nmore"))
        XCTAssertEqual(e.text, "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4")
    }

    func testPasteBox() {
        var b = PasteBox()
        XCTAssertEqual(b.handle(.paste("a\nb\n")), .edited)
        XCTAssertTrue(b.pasted)
        XCTAssertEqual(b.lineCount, 2)
        b.handle(.char("c"))
        XCTAssertEqual(b.text, "a\nb\nc")
        b.handle(.backspace)
        b.handle(.backspace)
        XCTAssertEqual(b.text, "a\nb")
        XCTAssertEqual(b.handle(.ctrl("d")), .submit)
        var typed = PasteBox()
        for k: Key in [.char("x"), .enter, .char("."), .enter] { if typed.handle(k) == .submit { break } }
        XCTAssertEqual(typed.text, "x")
    }
}

final class TextWidthTests: XCTestCase {
    func testLongPathsBreakAfterASeparatorNeverMidName() {
        let path =
            #"C:\ProgramData\Microsoft\Crypto\RSA\MachineKeys\c2319c42033a5ca7f44e731bfd3fa2b5_5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4"#
        let lines = TextWidth.wrap("The key file " + path + " is missing.", width: 60)
        for l in lines { XCTAssertLessThanOrEqual(TextWidth.width(l), 60) }
        // The file name is wider than the line: it breaks between hash and GUID, each whole.
        XCTAssertTrue(
            lines.contains { $0.contains("c2319c42033a5ca7f44e731bfd3fa2b5_") }, lines.joined(separator: "\n"))
        XCTAssertTrue(
            lines.contains { $0.contains("5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.hasSuffix(#"\MachineKeys\"#) }, lines.joined(separator: "\n"))
        XCTAssertEqual(
            lines.joined().replacingOccurrences(of: " ", with: ""),
            ("The key file " + path + " is missing.").replacingOccurrences(of: " ", with: ""))
    }

    func testWidths() {
        XCTAssertEqual(TextWidth.width("abc"), 3)
        XCTAssertEqual(TextWidth.width("中文"), 4)
        XCTAssertEqual(TextWidth.width("e\u{301}"), 1)
        XCTAssertEqual(TextWidth.truncate("中文字", to: 5), "中文")
        XCTAssertEqual(TextWidth.wrap("aaa bbb ccc", width: 7), ["aaa bbb", "ccc"])
        XCTAssertEqual(TextWidth.wrap("中文 中文 中文", width: 9), ["中文 中文", "中文"])
        XCTAssertEqual(TextWidth.sanitize("a—b “c” │ 中\u{7}", unicode: false), "a-b \"c\" | ?? ")
    }

    func testGridCanvasWideCharacters() {
        let g = GridCanvas(rows: 1, cols: 6)
        g.put("中文字", row: 0, col: 1)
        XCTAssertEqual(g.render(), " 中文\n")
        g.put("x", row: 0, col: 2)
        XCTAssertEqual(g.render(), "  x文\n")
    }
}
