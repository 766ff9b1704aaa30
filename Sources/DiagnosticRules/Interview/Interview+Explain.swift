import Foundation

/// Why and how in the operator's words: plain sentences first, the rule detail (the
/// engine's conditions and traces) after them or one key away.
extension Interview {
    /// Diagnoses some rule can still conclude: a rule concluding it whose condition is not
    /// already false.
    public func stillReachable() -> Set<String> {
        let facts = conclusion.facts
        let evaluator = Evaluator { facts[$0]?.value }
        var out = Set(conclusion.diagnoses.map(\.diagnosis.id))
        for r in playbook.rules where evaluator.evaluate(r.when).truth != false { out.formUnion(r.concludes) }
        return out
    }

    /// The facts a diagnosis's rules rest on, through rules and computed facts that set them.
    func factsBehind(diagnosis id: String) -> Set<String> {
        var facts = Set<String>()
        var queue = playbook.rules.filter { $0.concludes.contains(id) }.flatMap { Array($0.when.factsRead) }
        while let f = queue.popLast() {
            guard facts.insert(f).inserted else { continue }
            for r in playbook.rules where r.sets.contains(where: { $0.fact == f }) { queue += Array(r.when.factsRead) }
            for d in playbook.derived where d.fact == f { queue += Array(d.value.factsRead) }
        }
        return facts
    }

    /// The diagnoses the answer on screen still helps decide, in playbook order.
    public func diagnosesAtStake() -> [Diagnosis] {
        guard let step = presentation?.step else { return [] }
        let provides = Set(step.factsSet)
        let reachable = stillReachable()
        let concluded = Set(conclusion.diagnoses.map(\.diagnosis.id))
        return playbook.diagnoses.filter {
            reachable.contains($0.id) && !concluded.contains($0.id)
                && !factsBehind(diagnosis: $0.id).isDisjoint(with: provides)
        }
    }

    /// "Asked because ...", in plain sentences; `Explainer.whyAsked` has the rule detail.
    public func whyAsked() -> [ExplanationLine] {
        guard let step = presentation?.step else {
            return [ExplanationLine(0, "The interview is finished; h shows how it was concluded.")]
        }
        var out: [ExplanationLine] = []
        let stake = diagnosesAtStake()
        if stake.isEmpty {
            out.append(
                ExplanationLine(
                    0, "Asked because later questions need this fact; no diagnosis depends on it directly any more."))
        } else if stake.count == 1 {
            out.append(ExplanationLine(0, "Asked because the answer confirms or rules out: \(stake[0].title)."))
        } else {
            out.append(ExplanationLine(0, "Asked because the answer tells these apart:"))
            out += stake.map { ExplanationLine(1, $0.title) }
        }
        if let cond = step.askWhen {
            let known = cond.factsRead.sorted().compactMap { f in
                conclusion.facts[f].map { "\(f) is \(Explainer.short($0.value))" }
            }
            if !known.isEmpty {
                out.append(ExplanationLine(0, "It applies here because " + known.joined(separator: ", ") + "."))
            }
        }
        out.append(ExplanationLine(0, ""))
        out.append(ExplanationLine(0, "d: the rule detail (for playbook authors)."))
        return out
    }

    /// How it was concluded: each diagnosis, then the (at most three) facts its rule read
    /// with where each came from; the full trace follows under "Rule detail".
    public func how() -> [ExplanationLine] {
        let ex = Explainer(conclusion)
        var out: [ExplanationLine] = []
        if conclusion.diagnoses.isEmpty { out.append(ExplanationLine(0, "No diagnosis concluded yet.")) }
        for d in conclusion.diagnoses {
            out.append(
                ExplanationLine(0, "Concluded: \(d.diagnosis.title) (severity \(d.diagnosis.severity.rawValue))."))
            let read = playbook.rule(d.rule).map { Array($0.when.factsRead).sorted() } ?? []
            let shown = read.compactMap { f in conclusion.facts[f].map { (f, $0) } }.prefix(3)
            if !shown.isEmpty { out.append(ExplanationLine(0, "Because:")) }
            for (f, r) in shown {
                out.append(ExplanationLine(1, "\(f) is \(Explainer.short(r.value)) (\(r.origin.description))"))
            }
        }
        out.append(ExplanationLine(0, ""))
        out.append(ExplanationLine(0, "Rule detail:"))
        for d in conclusion.diagnoses {
            out += ex.how(diagnosis: d.diagnosis.id).map { ExplanationLine($0.depth + 1, $0.text) }
        }
        let not = ex.whyNotAll()
        if !not.isEmpty {
            out.append(ExplanationLine(0, "Not concluded (why not):"))
            for (_, l) in not { out += l.map { ExplanationLine($0.depth + 1, $0.text) } }
        }
        if !conclusion.errors.isEmpty {
            out.append(ExplanationLine(0, "Playbook problems:"))
            out += conclusion.errors.map { ExplanationLine(1, $0.description) }
        }
        return out
    }
}
