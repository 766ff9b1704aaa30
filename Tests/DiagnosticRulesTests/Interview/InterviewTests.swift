import XCTest

@testable import DiagnosticRules

/// The interview core: presentation, answering, journaling, progress and operator-language
/// why, on the shipped playbooks and their example cases.
final class InterviewTests: XCTestCase {
    /// A journal that keeps what it is given.
    final class ListJournal: InterviewJournal {
        var records: [(Answer, String?)] = []
        var finished = 0
        func record(_ answer: Answer, rawText: String?) throws { records.append((answer, rawText)) }
        func finish(_ conclusion: Conclusion) { finished += 1 }
    }

    /// Every shipped case walked question by question in the order the interview asks,
    /// answering from the case's own answers.
    func walkShippedCases(_ visit: (String, Interview) -> Void) throws {
        let lib = PlaybookLibrary.load(directory: ShippedPlaybooksTests.directory)
        let runner = CaseRunner(library: lib)
        let files = PlaybookCase.caseFiles(in: ShippedPlaybooksTests.directory.appendingPathComponent("tests"))
        XCTAssertGreaterThanOrEqual(files.count, 24)
        for url in files {
            guard case .success(let c) = PlaybookCase.load(url), let p = lib.playbook(c.playbookId),
                let conclusion = runner.run(c).conclusion
            else {
                XCTFail(url.lastPathComponent)
                continue
            }
            // Hive files are not pasted in an interview (and need readers this target lacks).
            guard c.artifactEvidence.isEmpty else { continue }
            var iv = Interview(playbook: p)
            var guardCount = 0
            while let step = iv.presentation?.step, let a = conclusion.answers[step.id], guardCount < 100 {
                visit("\(p.id)/\(c.name)", iv)
                iv.replay(a)
                guardCount += 1
            }
            visit("\(p.id)/\(c.name)", iv)
        }
    }

    func testProgressNeverGoesBackwardsOnAnyShippedCase() throws {
        var last: [String: Int] = [:]
        var steps = 0
        try walkShippedCases { name, iv in
            guard let p = iv.progress else { return }
            steps += 1
            if let before = last[name] {
                XCTAssertEqual(p.question, before + 1, "\(name): question number must go up by one per new question")
            } else {
                XCTAssertEqual(p.question, 1, name)
            }
            XCTAssertGreaterThanOrEqual(p.left, 0, name)
            XCTAssertFalse(p.text.contains(" of "), "no 'N of M' claim: \(p.text)")
            last[name] = p.question
        }
        XCTAssertGreaterThan(steps, 50)
    }

    func testProgressDoesNotDropWhenGoingBack() throws {
        let p = try XCTUnwrap(
            PlaybookLibrary.load(directory: ShippedPlaybooksTests.directory).playbook("aspnet-autogen-keys"))
        var iv = Interview(playbook: p)
        var n = iv.progress?.question ?? 0
        for _ in 0..<3 {
            guard let pres = iv.presentation else { break }
            // "Don't know" where it is offered; a folder where one must be typed.
            let typed = pres.step.id.hasSuffix("site_path") ? #"D:\sites\shop"# : "?"
            let input: InterviewInput = pres.items.isEmpty ? .typed(typed) : .choice(pres.items.count - 1)
            guard case .success = iv.answer(input) else { break }
            let now = iv.progress?.question ?? n
            XCTAssertGreaterThanOrEqual(now, n)
            n = now
        }
        XCTAssertTrue(iv.back())
        XCTAssertEqual(iv.progress?.question, n, "going back keeps N")
    }

    func testWhyNamesOnlyDiagnosesStillReachableOnEveryStep() throws {
        var checked = 0
        try walkShippedCases { name, iv in
            guard iv.presentation != nil else { return }
            let reachable = iv.stillReachable()
            let titles = Dictionary(iv.playbook.diagnoses.map { ($0.title, $0.id) }, uniquingKeysWith: { a, _ in a })
            let why = iv.whyAsked()
            XCTAssertTrue(why.first?.text.hasPrefix("Asked because") == true, "\(name): \(why.text)")
            XCTAssertFalse(why.text.contains("exists("), "\(name): engine language in Why: \(why.text)")
            for line in why {
                let t = line.text.trimmingCharacters(in: .whitespaces).trimmingCharacters(
                    in: CharacterSet(charactersIn: "."))
                for (title, id) in titles where t.hasSuffix(title) {
                    XCTAssertTrue(
                        reachable.contains(id), "\(name): Why names '\(id)', which can no longer be concluded")
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThan(checked, 20)
    }

    func testFirstQuestionWhyIsInOperatorLanguage() throws {
        let p = try XCTUnwrap(
            PlaybookLibrary.load(directory: ShippedPlaybooksTests.directory).playbook("iis-admin-machineguid"))
        let why = Interview(playbook: p).whyAsked().text
        XCTAssertTrue(why.hasPrefix("Asked because"), why)
        XCTAssertFalse(why.contains("would conclude"), why)
        XCTAssertFalse(why.contains("error-not-covered"), why)
        // The rule detail one key away no longer claims that "other" errors lead to the GUID
        // diagnoses (those rules need another error family). (Missing key files can still
        // follow from the blank-MMC symptom whatever the error, so that one may be named.)
        let detail = Explainer(Interview(playbook: p).conclusion).whyAsked(step: "event").text
        let other = try XCTUnwrap(detail.components(separatedBy: "\n").first { $0.contains("family-other") })
        XCTAssertFalse(other.contains("machineguid-changed"), other)
        XCTAssertFalse(other.contains("container-under-both-guids"), other)
        XCTAssertTrue(
            detail.components(separatedBy: "\n").contains {
                $0.contains("family-missing") && $0.contains("key-files-missing")
            }, detail)
    }

    func testChoicesStartWithNothingSelectedAndOfferIDontKnow() throws {
        let lib = PlaybookLibrary.load(directory: ShippedPlaybooksTests.directory)
        var seen = 0
        for p in lib.playbooks {
            for s in p.steps where s.input == .choice || s.input == .yesno {
                let pres = StepPresentation.make(step: s, playbook: p, current: nil)
                XCTAssertNil(pres.initialSelection, "\(p.id)/\(s.id) must not pre-select an answer")
                if s.allowUnknown {
                    XCTAssertTrue(
                        pres.items.contains { $0.isUnknown || $0.label.lowercased().contains("know") },
                        "\(p.id)/\(s.id)")
                }
                seen += 1
            }
        }
        XCTAssertGreaterThan(seen, 3)
    }

    func testAnswerIsTheOneWayInAndJournalsOnce() throws {
        let p = try XCTUnwrap(
            PlaybookLibrary.load(directory: ShippedPlaybooksTests.directory).playbook("aspnet-autogen-keys"))
        var iv = Interview(playbook: p)
        let journal = ListJournal()
        // A choice index out of range answers nothing.
        if case .success = iv.answer(.choice(99)) { XCTFail("out of range must fail") }
        var answered = 0
        while let pres = iv.presentation, answered < 40 {
            // "Don't know" where it is offered; a folder where one must be typed.
            let typed = pres.step.id.hasSuffix("site_path") ? #"D:\sites\shop"# : "?"
            let input: InterviewInput = pres.items.isEmpty ? .typed(typed) : .choice(pres.items.count - 1)
            switch iv.answer(input) {
            case .success(let o):
                try iv.journal(o, to: journal)
                answered += 1
                XCTAssertEqual(o.finished, iv.finished)
            case .failure(let e):
                return XCTFail("\(pres.step.id): \(e.message)")
            }
        }
        XCTAssertTrue(iv.finished)
        XCTAssertEqual(journal.records.count, answered)
        XCTAssertEqual(journal.finished, 1, "the conclusion is snapshot once, when the interview finishes")
        XCTAssertNotNil(iv.result(host: "WEB01").host)
    }
}
