import XCTest

@testable import DiagnosticRules

/// Playbooks written inline so each test shows the logic it exercises.
func loadPlaybook(_ yaml: String, file: String = "t.yaml") -> PlaybookLoader.Result {
    PlaybookLoader.load(text: yaml, file: file)
}

func playbook(_ yaml: String, file: String = "t.yaml") throws -> Playbook {
    let r = loadPlaybook(yaml, file: file)
    guard let p = r.playbook else { throw PlaybookLoadError(r.diagnostics) }
    return p
}

let chainPlaybook = """
    id: chain
    title: Chain
    version: "1"
    symptom: test
    facts:
      - {id: a, type: integer}
      - {id: b, type: boolean}
      - {id: c, type: string}
      - {id: d, type: string}
    steps:
      - {id: a, prompt: "a?", input: integer, sets: a}
      - {id: b, prompt: "b?", input: yesno, sets: b, ask_when: "a > 1"}
    derived:
      - {fact: d, value: "text(a)"}
    rules:
      - id: late
        when: c == "big"
        then: {conclude: [big]}
      - id: early
        when: a > 10 and b == true
        then: {set: {c: '"big"'}}
      - id: small
        when: a <= 1
        then: {conclude: [small]}
    diagnoses:
      - {id: big, title: Big, severity: high, summary: "a is {a}, d is {d}", final: true}
      - {id: small, title: Small, severity: low, summary: "small {a}"}
    """

final class EngineTests: XCTestCase {
    func answer(_ step: String, _ v: Value) -> Answer { Answer(step: step, value: .value(v)) }

    func testForwardChainingReachesFixpointAcrossRuleOrder() throws {
        let p = try playbook(chainPlaybook)
        let c = Engine(playbook: p).evaluate([answer("a", .integer(42)), answer("b", .boolean(true))])
        XCTAssertEqual(c.diagnoses.map(\.diagnosis.id), ["big"])
        XCTAssertEqual(c.fired, ["early", "late"])
        XCTAssertEqual(c.diagnoses.first?.summary, "a is 42, d is 42")
        XCTAssertEqual(c.value("c"), .string("big"))
        XCTAssertEqual(c.facts["c"]?.origin, .rule(id: "early"))
        XCTAssertEqual(c.facts["d"]?.origin, .derived(expression: "text(a)"))
        XCTAssertTrue(c.finished)
        XCTAssertTrue(c.errors.isEmpty)
    }

    func testNextQuestionFollowsRelevance() throws {
        let p = try playbook(chainPlaybook)
        let e = Engine(playbook: p)
        XCTAssertEqual(e.evaluate([]).nextStep?.id, "a")
        XCTAssertEqual(e.evaluate([]).relevantSteps, ["a"])
        let c = e.evaluate([answer("a", .integer(5))])
        XCTAssertEqual(c.nextStep?.id, "b")
        XCTAssertEqual(c.progress.current, 2)
        XCTAssertEqual(c.progress.total, 2)
        XCTAssertNil(e.evaluate([answer("a", .integer(0))]).nextStep)
    }

    func testChangingAnEarlierAnswerRecomputesEverything() throws {
        let p = try playbook(chainPlaybook)
        let e = Engine(playbook: p)
        let first = e.evaluate([answer("a", .integer(42)), answer("b", .boolean(true))])
        XCTAssertEqual(first.diagnoses.map(\.diagnosis.id), ["big"])
        // The later answer to 'a' wins; step b is no longer relevant, so its answer is ignored.
        let changed = e.evaluate([answer("a", .integer(42)), answer("b", .boolean(true)), answer("a", .integer(1))])
        XCTAssertEqual(changed.diagnoses.map(\.diagnosis.id), ["small"])
        XCTAssertEqual(changed.ignoredAnswers, ["b"])
        XCTAssertNil(changed.value("b"))
        XCTAssertNil(changed.value("c"))
    }

    func testUnknownAnswerLeavesFactUnknownNotFalse() throws {
        let p = try playbook(chainPlaybook)
        let c = Engine(playbook: p).evaluate([answer("a", .integer(42)), Answer(step: "b", value: .unknown)])
        XCTAssertNil(c.value("b"))
        XCTAssertTrue(c.diagnoses.isEmpty)
        let whyNot = Explainer(c).whyNot(diagnosis: "big").text
        XCTAssertTrue(whyNot.contains("undecided: missing evidence"), whyNot)
        XCTAssertTrue(whyNot.contains("[unknown] a > 10 and b == true") || whyNot.contains("b is unknown"), whyNot)
    }

    func testConflictingRulesAreReportedWithBothSources() throws {
        let p = try playbook(
            """
            id: conflict
            title: C
            version: "1"
            symptom: s
            facts: [{id: a, type: integer}, {id: x, type: string}]
            steps: [{id: a, prompt: "a?", input: integer, sets: a}]
            rules:
              - {id: one, when: "a == 1", then: {set: {x: '"first"'}}}
              - {id: two, when: "a == 1", then: {set: {x: '"second"'}, conclude: [d]}}
            diagnoses: [{id: d, title: D, severity: low, summary: s}]
            """)
        let c = Engine(playbook: p).evaluate([answer("a", .integer(1))])
        XCTAssertEqual(c.errors.count, 1)
        let message = c.errors[0].description
        XCTAssertTrue(
            message.contains("rule 'one'") && message.contains("rule 'two'") && message.contains("'x'"), message)
    }

    func testRulesThatUndermineEachOtherAreReportedNotLoopedOn() throws {
        let p = try playbook(
            """
            id: loop
            title: L
            version: "1"
            symptom: s
            facts: [{id: a, type: integer}, {id: x, type: boolean}, {id: y, type: boolean}]
            steps: [{id: a, prompt: "a?", input: integer, sets: a}]
            rules:
              - {id: ping, when: "a == 1 and not exists(y)", then: {set: {x: "true"}}}
              - {id: pong, when: "x == true", then: {set: {y: "true"}, conclude: [d]}}
            diagnoses: [{id: d, title: D, severity: low, summary: s}]
            """)
        let c = Engine(playbook: p).evaluate([answer("a", .integer(1))])
        XCTAssertEqual(c.errors, [.nonMonotonic(rule: "ping", condition: "a == 1 and not exists(y)")])
        XCTAssertTrue(PlaybookLinter.lint(p).contains { $0.message.contains("loop") })
    }

    func testAStepThatSetsItsOwnConditionFactStaysRelevant() throws {
        let p = try playbook(
            """
            id: fallback
            title: F
            version: "1"
            symptom: s
            facts: [{id: code, type: integer}]
            steps:
              - {id: paste, prompt: "p?", input: integer, sets: code}
              - {id: typed, prompt: "t?", input: errorcode, sets: code, ask_when: "not exists(code)"}
            rules: [{id: r, when: "code == 5", then: {conclude: [d]}}]
            diagnoses: [{id: d, title: D, severity: low, summary: s}]
            """)
        let c = Engine(playbook: p).evaluate([Answer(step: "paste", value: .unknown), answer("typed", .integer(5))])
        XCTAssertEqual(c.relevantSteps, ["paste", "typed"])
        XCTAssertEqual(c.ignoredAnswers, [])
        XCTAssertEqual(c.diagnoses.map(\.diagnosis.id), ["d"])
        XCTAssertTrue(c.errors.isEmpty)
    }

    func testPriorityBeatsFileOrder() throws {
        let p = try playbook(
            """
            id: prio
            title: P
            version: "1"
            symptom: s
            facts: [{id: a, type: integer}]
            steps: [{id: a, prompt: "a?", input: integer, sets: a}]
            rules:
              - {id: low, when: "a == 1", then: {conclude: [d1]}}
              - {id: high, when: "a == 1", priority: 5, then: {conclude: [d2]}}
            diagnoses: [{id: d1, title: D1, severity: low, summary: s}, {id: d2, title: D2, severity: low, summary: s}]
            """)
        let c = Engine(playbook: p).evaluate([answer("a", .integer(1))])
        XCTAssertEqual(c.fired, ["high", "low"])
        XCTAssertEqual(c.diagnoses.map(\.diagnosis.id), ["d2", "d1"])
    }

    func testHowAndWhyAskedExplanations() throws {
        let p = try playbook(chainPlaybook)
        let c = Engine(playbook: p).evaluate([answer("a", .integer(42)), answer("b", .boolean(true))])
        let how = Explainer(c).how(diagnosis: "big").text
        XCTAssertTrue(how.contains("concluded by rule 'late'"), how)
        XCTAssertTrue(how.contains("c = \"big\"  [set by rule 'early']"), how)
        XCTAssertTrue(how.contains("a = 42  [answer to step 'a']"), how)
        let partial = Engine(playbook: p).evaluate([answer("a", .integer(42))])
        let why = Explainer(partial).whyAsked(step: "b").text
        XCTAssertTrue(why.contains("Asked because a > 1"), why)
        XCTAssertTrue(why.contains("early: sets c, which can lead to big"), why)
    }
}
