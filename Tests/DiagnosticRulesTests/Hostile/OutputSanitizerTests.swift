import XCTest

@testable import DiagnosticRules

/// Issue 15, findings 5 and 6: terminal escapes in session strings, `--host`, answers and
/// file names reached every report raw; a newline and a fence in a value broke out of the
/// Markdown code block; free-text facts went into commands unquoted.
final class OutputSanitizerTests: XCTestCase {
    let osc = "\u{1B}]2;owned\u{07}\u{1B}]52;c;ZWNobyBoaQ==\u{07}\u{9B}31m\u{202E}"

    func testControlsAreShownNeverEmitted() {
        let s = OutputSanitizer.text("a\(osc)\nb\tc\r\u{7F}")
        XCTAssertFalse(s.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
        XCTAssertFalse(s.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) || $0.value == 0x202E })
        XCTAssertTrue(s.contains("\u{241B}]2;owned\u{2407}"), s)
        XCTAssertTrue(
            s.contains("[U+009B]") && s.contains("[U+202E]") && s.contains("\u{2421}") && s.contains("\u{240D}"), s)
        XCTAssertTrue(s.contains("\nb\tc"))
        let line = OutputSanitizer.line("x\ny")
        XCTAssertEqual(line, "x\u{240A}y")
        XCTAssertEqual(OutputSanitizer.text("plain text"), "plain text")
    }

    static let yaml = """
        id: inj
        title: Injection
        version: "1"
        symptom: s
        facts: [{id: pool, type: string}, {id: src, type: string}]
        steps:
          - {id: pool, prompt: "Pool?", input: text, sets: pool}
          - {id: src, prompt: "Source?", input: text, sets: src}
        rules: [{id: r, when: "exists(pool)", then: {conclude: [d]}}]
        diagnoses:
          - id: d
            title: D
            severity: low
            summary: "Pool {pool} from {src}"
            remediation:
              - text: "Recycle {pool}"
                command: '%windir%\\system32\\inetsrv\\appcmd set apppool "{pool}" /processModel.loadUserProfile:true'
                verify_command: 'reg query HKU\\{pool}'
        """

    func conclusion(pool: String, src: String) throws -> Conclusion {
        let p = try playbook(Self.yaml)
        return Engine(playbook: p).evaluate([
            Answer(step: "pool", value: .value(.string(pool))), Answer(step: "src", value: .value(.string(src)))
        ])
    }

    func testEveryReportFormatIsSanitised() throws {
        let c = try conclusion(
            pool: "Shop\(osc)", src: "file\n```\n<script>alert(1)</script>\n[x](javascript:alert(1))")
        let checklist = Checklist(
            conclusion: c, context: ChecklistContext(hostLabel: "WEB\(osc)", date: Date(timeIntervalSince1970: 0)))
        let report = ConclusionReport(c, notes: ["note \(osc)"])
        let outputs = [
            report.text(width: 80), report.markdown(), try report.json(),
            ChecklistText.render(checklist), ChecklistMarkdown.render(checklist), ChecklistHTML.render(checklist),
            try ChecklistJSON.render(checklist)
        ]
        for o in outputs {
            XCTAssertFalse(
                o.unicodeScalars.contains {
                    $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x202E
                }, o)
        }
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(outputs[2].utf8)))
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(outputs[6].utf8)))
        // Markdown: the value's newline and fence stay inside prose; no raw HTML line starts.
        for md in [outputs[1], outputs[4]] {
            // CommonMark: a fence closes only with at least as many backticks as opened it.
            var open = 0
            for line in md.components(separatedBy: "\n") {
                let t = line.trimmingCharacters(in: .whitespaces)
                let ticks = t.prefix { $0 == "`" }.count
                if ticks >= 3, ticks == t.count {
                    if open == 0 { open = ticks } else if ticks >= open { open = 0 }
                    continue
                }
                if line.contains("<script>") { XCTAssertGreaterThan(open, 0, "raw HTML outside a code block: \(md)") }
            }
            XCTAssertEqual(open, 0, "every fence closes")
        }
    }

    func testInjectedPoolNameNeverYieldsARunnableCommand() throws {
        let c = try conclusion(pool: "Shop\" & calc.exe & \"", src: "s")
        let report = ConclusionReport(c)
        let checklist = Checklist(
            conclusion: c, context: ChecklistContext(hostLabel: nil, date: Date(timeIntervalSince1970: 0)))
        for o in [
            report.text(width: 200), report.markdown(), ChecklistText.render(checklist),
            ChecklistMarkdown.render(checklist)
        ] {
            for line in o.components(separatedBy: "\n") where line.contains("appcmd") {
                XCTAssertFalse(line.contains("& calc.exe &"), line)
            }
            XCTAssertTrue(o.contains("{pool: not inserted"), o)
        }
    }

    func testCommandQuotingPerShell() {
        let appcmd = #"appcmd set apppool "{pool}" /x:1"#
        XCTAssertEqual(Template.renderCommand(appcmd) { _ in "Shop & Co" }, #"appcmd set apppool "Shop & Co" /x:1"#)
        XCTAssertTrue(Template.renderCommand(appcmd) { _ in "50%" }.contains("not inserted"))
        XCTAssertEqual(Template.renderCommand(#"reg query HKU\{sid}"#) { _ in "a&b|c" }, #"reg query HKU\a^&b^|c"#)
        XCTAssertEqual(
            Template.renderCommand("Get-Item {path}") { _ in "C:\\x'; calc; '" }, "Get-Item 'C:\\x''; calc; '''")
        XCTAssertEqual(
            Template.renderCommand("Get-Item \"{path}\"") { _ in "a$(calc)`b\"" }, "Get-Item \"a`$(calc)``b`\"\"")
        XCTAssertTrue(
            Template.renderCommand("powershell -Command \"Get-Item {p}\"") { _ in "x;calc" }.contains("not inserted"))
        XCTAssertTrue(Template.renderCommand(appcmd) { _ in "a\nb" }.contains("not inserted"))
        XCTAssertEqual(
            Template.renderCommand(#"reg query "HKU\{sid}""#) { _ in "S-1-5-20" }, #"reg query "HKU\S-1-5-20""#)
    }
}
