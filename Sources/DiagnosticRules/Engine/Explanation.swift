import Foundation

/// One evaluated node of a condition: its text, its outcome (true / false / unknown or a
/// value), and for a fact reference where the value came from.
public struct TraceNode: Sendable {
    public var text: String
    public var outcome: Outcome
    public var fact: String?
    public var origin: FactOrigin?
    public var children: [TraceNode]
}

extension TraceNode {
    /// Whether any fact is referenced below this node (literal-only parts are not shown).
    var mentionsFact: Bool { fact != nil || children.contains { $0.mentionsFact } }
}

/// An indented line of an explanation, ready for any renderer.
public struct ExplanationLine: Equatable, Sendable, Codable {
    public var depth: Int
    public var text: String
    public init(_ depth: Int, _ text: String) {
        self.depth = depth
        self.text = text
    }
}

/// Answers "how was this concluded?", "why is this asked?" and "why was this NOT
/// concluded?" from a conclusion, without re-running anything but pure evaluation.
public struct Explainer {
    public let conclusion: Conclusion
    private let evaluator: Evaluator
    /// Rules by id: explanations of long chains look rules up once per level.
    private let rulesByID: [String: Rule]

    public init(_ conclusion: Conclusion) {
        self.conclusion = conclusion
        let facts = conclusion.facts
        self.evaluator = Evaluator { facts[$0]?.value }
        self.rulesByID = Dictionary(conclusion.playbook.rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    var playbook: Playbook { conclusion.playbook }

    // MARK: Traces

    public func trace(_ e: RuleExpression) -> TraceNode {
        let outcome = evaluator.evaluate(e)
        switch e.node {
        case .fact(let name), .exists(let name):
            return TraceNode(
                text: e.text, outcome: outcome, fact: name, origin: conclusion.facts[name]?.origin, children: [])
        case .literal: return TraceNode(text: e.text, outcome: outcome, fact: nil, origin: nil, children: [])
        case .list(let items):
            return TraceNode(text: e.text, outcome: outcome, fact: nil, origin: nil, children: items.map(trace))
        case .not(let x): return TraceNode(text: e.text, outcome: outcome, fact: nil, origin: nil, children: [trace(x)])
        case .and:
            return TraceNode(
                text: e.text, outcome: outcome, fact: nil, origin: nil, children: operands(e, and: true).map(trace))
        case .or:
            return TraceNode(
                text: e.text, outcome: outcome, fact: nil, origin: nil, children: operands(e, and: false).map(trace))
        case .compare(_, let a, let b), .member(let a, let b, _):
            return TraceNode(text: e.text, outcome: outcome, fact: nil, origin: nil, children: [trace(a), trace(b)])
        case .matches(let a, _, _):
            return TraceNode(text: e.text, outcome: outcome, fact: nil, origin: nil, children: [trace(a)])
        case .call(_, let args):
            return TraceNode(text: e.text, outcome: outcome, fact: nil, origin: nil, children: args.map(trace))
        }
    }

    /// `a and b and c` as [a, b, c]: one level per chain reads better than nested pairs.
    private func operands(_ e: RuleExpression, and: Bool) -> [RuleExpression] {
        switch e.node {
        case .and(let a, let b) where and: return operands(a, and: and) + operands(b, and: and)
        case .or(let a, let b) where !and: return operands(a, and: and) + operands(b, and: and)
        default: return [e]
        }
    }

    /// A value for an explanation line: long lists are cut to their first items.
    public static func short(_ v: Value) -> String {
        if case .list(let items) = v, items.count > 3 {
            return "[" + items.prefix(3).map(\.literal).joined(separator: ", ") + ", ... (\(items.count) items)]"
        }
        return v.literal
    }

    /// A trace as lines: each node with its outcome; facts with their value and source, or
    /// for unknown facts, what would supply them. Parts made only of literals are left out.
    public func lines(_ node: TraceNode, depth: Int = 0) -> [ExplanationLine] {
        var out: [ExplanationLine] = []
        if let fact = node.fact {
            if let record = conclusion.facts[fact] {
                let shown =
                    node.text.hasPrefix("exists(")
                    ? "\(node.text) is \(node.outcome.label)" : "\(fact) = \(Explainer.short(record.value))"
                out.append(ExplanationLine(depth, "\(shown)  [\(record.origin.description)]"))
            } else {
                let shown = node.text.hasPrefix("exists(") ? "\(node.text) is false" : "\(fact) is unknown"
                out.append(ExplanationLine(depth, "\(shown)  [\(supplier(of: fact))]"))
            }
            return out
        }
        if node.children.isEmpty || !node.mentionsFact { return [] }
        out.append(ExplanationLine(depth, "\(mark(node.outcome)) \(node.text)"))
        for child in node.children { out += lines(child, depth: depth + 1) }
        return out
    }

    private func mark(_ o: Outcome) -> String {
        switch o.truth {
        case true?: return "[true]"
        case false?: return "[false]"
        case nil: return o == .unknown ? "[unknown]" : "[= \(o.label)]"
        }
    }

    /// What would give a still-unknown fact a value.
    public func supplier(of fact: String) -> String {
        var parts: [String] = []
        let steps = playbook.steps.filter { $0.factsSet.contains(fact) }
        for s in steps {
            if conclusion.answers[s.id] != nil {
                parts.append(
                    conclusion.relevantSteps.contains(s.id)
                        ? "step '\(s.id)' was answered without it" : "step '\(s.id)' is answered but not relevant now")
            } else if conclusion.relevantSteps.contains(s.id) {
                parts.append("asked by step '\(s.id)'" + (conclusion.present(s).command.map { ": run \($0)" } ?? ""))
            } else {
                parts.append("step '\(s.id)' is not asked yet")
            }
        }
        let rules = playbook.rules.filter { r in r.sets.contains { $0.fact == fact } }.map(\.id)
        if !rules.isEmpty {
            parts.append(
                "set by rule" + (rules.count > 1 ? "s " : " ") + rules.map { "'\($0)'" }.joined(separator: ", "))
        }
        if playbook.derived.contains(where: { $0.fact == fact }) { parts.append("computed once its inputs are known") }
        return parts.isEmpty ? "nothing in this playbook sets it" : parts.joined(separator: "; ")
    }

    // MARK: How

    /// How deep `how` descends before it stops with a note. The walk itself is iterative
    /// (a 10,000-rule chain once overflowed the stack here); the bound keeps the text linear,
    /// since every level is indented one step further.
    public static let maximumHowDepth = 40

    /// How a diagnosis was concluded: its rule, that rule's condition, and how each fact it
    /// used was obtained, level by level.
    public func how(diagnosis id: String) -> [ExplanationLine] {
        guard let c = conclusion.diagnoses.first(where: { $0.diagnosis.id == id }) else {
            return [ExplanationLine(0, "'\(id)' was not concluded; see why-not.")]
        }
        var out = [ExplanationLine(0, "\(c.diagnosis.title) — concluded by rule '\(c.rule)'")]
        if let rule = rulesByID[c.rule] { out += howWalk(.rule(rule, depth: 1)) }
        return out
    }

    /// How a fact got its value.
    public func how(fact: String) -> [ExplanationLine] {
        howWalk(.fact(fact, depth: 0))
    }

    private enum HowItem {
        case rule(Rule, depth: Int)
        case fact(String, depth: Int)
        /// A fact read by a computed fact: explained unless it already was.
        case derivedInput(String, depth: Int)
        /// A fact read by a rule: explained only when a rule or a computation set it.
        case ruleInput(String, depth: Int)
    }

    /// A rule's condition trace, then how each computed or rule-set fact it used was
    /// obtained; each fact is explained once per explanation. Depth first, in reading order,
    /// with an explicit stack instead of recursion.
    private func howWalk(_ first: HowItem) -> [ExplanationLine] {
        var out: [ExplanationLine] = []
        var explained = Set<String>()
        var stack = [first]
        var cut = false
        while let item = stack.popLast() {
            switch item {
            case .rule(let rule, let depth):
                if !rule.description.isEmpty { out.append(ExplanationLine(depth, rule.description)) }
                out += lines(trace(rule.when), depth: depth)
                for f in rule.when.factsRead.reversed() { stack.append(.ruleInput(f, depth: depth + 1)) }
            case .ruleInput(let f, let depth):
                guard !explained.contains(f) else { continue }
                switch conclusion.facts[f]?.origin {
                case .rule?, .derived?: stack.append(.fact(f, depth: depth))
                default: break
                }
            case .fact(let fact, let depth):
                guard depth <= Explainer.maximumHowDepth else {
                    if !cut {
                        out.append(
                            ExplanationLine(
                                Explainer.maximumHowDepth,
                                "... the chain goes deeper than \(Explainer.maximumHowDepth) levels; the rest is not shown"
                            ))
                    }
                    cut = true
                    continue
                }
                explained.insert(fact)
                guard let record = conclusion.facts[fact] else {
                    out.append(ExplanationLine(depth, "\(fact) is unknown  [\(supplier(of: fact))]"))
                    continue
                }
                out.append(
                    ExplanationLine(depth, "\(fact) = \(Explainer.short(record.value))  [\(record.origin.description)]")
                )
                switch record.origin {
                case .rule(let id):
                    if let r = rulesByID[id] { stack.append(.rule(r, depth: depth + 1)) }
                case .derived:
                    if let d = playbook.derived.first(where: { $0.fact == fact }) {
                        for f in d.value.factsRead.reversed() { stack.append(.derivedInput(f, depth: depth + 1)) }
                    }
                case .answer, .evidence: break
                }
            case .derivedInput(let f, let depth):
                guard !explained.contains(f) else { continue }
                stack.append(.fact(f, depth: depth))
            }
        }
        return out
    }

    /// The same chain as `how`, flat, for paper and short reports: the concluding rule and
    /// its condition, then every fact it rests on (directly or through other rules and
    /// computed facts), each once, with its value and source. Iterative, depth first.
    public func evidenceChain(diagnosis id: String) -> [ExplanationLine] {
        guard let c = conclusion.diagnoses.first(where: { $0.diagnosis.id == id }), let rule = rulesByID[c.rule] else {
            return [ExplanationLine(0, "'\(id)' was not concluded.")]
        }
        var out = [
            ExplanationLine(0, "Rule '\(rule.id)'" + (rule.description.isEmpty ? "" : ": \(rule.description)")),
            ExplanationLine(1, "when \(rule.when.text)")
        ]
        var seen = Set<String>()
        var stack = Array(rule.when.factsRead.reversed())
        while let f = stack.popLast() {
            guard seen.insert(f).inserted, let record = conclusion.facts[f] else { continue }
            var source = record.origin.description
            if case .rule(let rid) = record.origin, let r = rulesByID[rid] { source += ", when \(r.when.text)" }
            out.append(ExplanationLine(1, "\(f) = \(Explainer.short(record.value))  [\(source)]"))
            let next: [String]
            switch record.origin {
            case .rule(let rid): next = rulesByID[rid]?.when.factsRead ?? []
            case .derived: next = playbook.derived.first { $0.fact == f }?.value.factsRead ?? []
            case .answer, .evidence: next = []
            }
            stack += next.reversed()
        }
        return out
    }

    // MARK: Why asked

    /// Why a step is asked: its relevance condition, and the undecided rules that wait on the
    /// facts it sets (and the diagnoses those rules would conclude).
    public func whyAsked(step id: String) -> [ExplanationLine] {
        guard let step = playbook.step(id) else { return [ExplanationLine(0, "no step '\(id)'")] }
        var out: [ExplanationLine] = []
        if let cond = step.askWhen {
            out.append(ExplanationLine(0, "Asked because \(cond.text):"))
            out += lines(trace(cond), depth: 1)
        } else {
            out.append(ExplanationLine(0, "Always asked in this playbook."))
        }
        let provides = Set(step.factsSet)
        let waiting = playbook.rules.filter { r in
            !conclusion.fired.contains(r.id) && !provides.isDisjoint(with: r.when.factsRead)
                && (evaluator.evaluate(r.when).truth != false || r.when.usesExists)
        }
        if waiting.isEmpty {
            out.append(
                ExplanationLine(0, "No undecided rule reads its answer directly; later steps or computed facts use it.")
            )
        } else {
            out.append(ExplanationLine(0, "Rules waiting on this answer:"))
            for r in waiting {
                var target =
                    r.concludes.isEmpty
                    ? "sets " + r.sets.map(\.fact).joined(separator: ", ")
                    : "would conclude " + r.concludes.joined(separator: ", ")
                let further = reachableDiagnoses(from: r).filter { !r.concludes.contains($0) }
                if !further.isEmpty { target += ", which can lead to " + further.joined(separator: ", ") }
                out.append(ExplanationLine(1, "\(r.id): \(target)"))
            }
        }
        return out
    }

    /// Diagnoses a rule can lead to through the facts it sets (rules that read them, and so
    /// on), in playbook order: what an intermediate fact like `error_family` is for.
    /// A rule whose condition is false once this rule's values are set is not followed
    /// (`error_family = "other"` does not lead to the GUID diagnoses that need another family).
    func reachableDiagnoses(from rule: Rule) -> [String] {
        var facts = Set(rule.sets.map(\.fact))
        var assumed = conclusion.facts.mapValues(\.value)
        func assume(_ r: Rule) {
            let now = assumed
            for (f, e) in r.sets { if case .value(let v) = Evaluator(fact: { now[$0] }).evaluate(e) { assumed[f] = v } }
        }
        assume(rule)
        var seenRules: Set<String> = [rule.id]
        var found = Set(rule.concludes)
        var changed = true
        while changed {
            changed = false
            for r in playbook.rules where !seenRules.contains(r.id) && !facts.isDisjoint(with: r.when.factsRead) {
                let now = assumed
                if Evaluator(fact: { now[$0] }).evaluate(r.when).truth == false { continue }
                seenRules.insert(r.id)
                found.formUnion(r.concludes)
                facts.formUnion(r.sets.map(\.fact))
                assume(r)
                changed = true
            }
        }
        return playbook.diagnoses.map(\.id).filter(found.contains)
    }

    // MARK: Why not

    /// For a diagnosis that was not concluded: every rule that could conclude it, with each
    /// condition shown as true / false / unknown, so the operator sees what evidence would
    /// change the verdict. Unknown is never shown as false.
    public func whyNot(diagnosis id: String) -> [ExplanationLine] {
        guard let d = playbook.diagnosis(id) else { return [ExplanationLine(0, "no diagnosis '\(id)'")] }
        if conclusion.diagnoses.contains(where: { $0.diagnosis.id == id }) {
            return [ExplanationLine(0, "'\(d.title)' WAS concluded; see how.")]
        }
        let rules = playbook.rules.filter { $0.concludes.contains(id) }
        if rules.isEmpty { return [ExplanationLine(0, "No rule concludes '\(id)'.")] }
        var out = [ExplanationLine(0, "\(d.title) — not concluded:")]
        for r in rules {
            let t = trace(r.when)
            let verdict: String
            switch t.outcome.truth {
            case false?: verdict = "ruled out"
            case true?: verdict = "condition holds but the rule has not fired (see errors)"
            case nil: verdict = "undecided: missing evidence"
            }
            out.append(ExplanationLine(1, "rule '\(r.id)': \(verdict)"))
            out += lines(t, depth: 2)
            if t.outcome.truth == nil { out += upstream(of: r.when.factsRead, depth: 2, visited: [r.id]) }
        }
        return out
    }

    /// For unknown facts that rules would set, why those rules have not fired either, so a
    /// chain of undecided rules leads back to the missing answers.
    private func upstream(of facts: [String], depth: Int, visited: Set<String>) -> [ExplanationLine] {
        var out: [ExplanationLine] = []
        var seen = visited
        for f in facts where conclusion.facts[f] == nil {
            for r in playbook.rules where r.sets.contains(where: { $0.fact == f }) && !seen.contains(r.id) {
                seen.insert(r.id)
                let t = trace(r.when)
                out.append(
                    ExplanationLine(
                        depth,
                        "'\(f)' waits on rule '\(r.id)' (\(t.outcome.truth == false ? "ruled out" : "undecided")):"))
                out += lines(t, depth: depth + 1)
                if t.outcome.truth == nil, depth < 8 {
                    out += upstream(of: r.when.factsRead, depth: depth + 1, visited: seen)
                }
            }
        }
        return out
    }

    /// Why-not for every diagnosis that was not concluded, in playbook order.
    public func whyNotAll() -> [(diagnosis: Diagnosis, lines: [ExplanationLine])] {
        playbook.diagnoses.filter { d in !conclusion.diagnoses.contains { $0.diagnosis.id == d.id } }
            .map { ($0, whyNot(diagnosis: $0.id)) }
    }
}

public extension Array where Element == ExplanationLine {
    /// Plain indented text, two spaces a level.
    var text: String { map { String(repeating: "  ", count: $0.depth) + $0.text }.joined(separator: "\n") }
}
