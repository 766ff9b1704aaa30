import Foundation

/// Whole-playbook checks beyond the schema: logic that can never work. The loader already
/// reports syntax, unknown names and type errors; the linter finds what is well-formed but
/// dead: steps never asked, diagnoses never concluded, facts read but never set.
public enum PlaybookLinter {
    public static func lint(_ p: Playbook) -> [PlaybookDiagnostic] {
        var out: [PlaybookDiagnostic] = []
        var setters: [String: [String]] = [:]
        for s in p.steps { for f in s.factsSet { setters[f, default: []].append("step '\(s.id)'") } }
        for d in p.derived { setters[d.fact, default: []].append("derived") }
        for r in p.rules { for s in r.sets { setters[s.fact, default: []].append("rule '\(r.id)'") } }

        var readers: [String: [String]] = [:]
        for s in p.steps { for f in s.askWhen?.factsRead ?? [] { readers[f, default: []].append("step '\(s.id)'") } }
        // The engine itself reads these to pick each command's variant (Conclusion.windows).
        for f in ["windows", "windows_hint"] {
            readers[f, default: []].append("the engine (commands by Windows release)")
        }
        for s in p.steps {
            for text in [s.prompt, s.help] + (s.commands?.texts ?? []) {
                for f in Template.placeholders(in: text) { readers[f, default: []].append("step '\(s.id)'") }
            }
        }
        for d in p.derived { for f in d.value.factsRead { readers[f, default: []].append("derived '\(d.fact)'") } }
        for r in p.rules {
            for f in r.when.factsRead + r.sets.flatMap({ $0.value.factsRead }) {
                readers[f, default: []].append("rule '\(r.id)'")
            }
        }
        for d in p.diagnoses {
            for f in Template.placeholders(in: d.summary) { readers[f, default: []].append("diagnosis '\(d.id)'") }
            for step in d.remediation {
                for text in [step.text, step.caution, step.verify].compactMap({ $0 }) + (step.texts?.texts ?? [])
                    + (step.commands?.texts ?? []) + (step.verifyCommands?.texts ?? [])
                {
                    for f in Template.placeholders(in: text) { readers[f, default: []].append("diagnosis '\(d.id)'") }
                }
            }
        }

        for f in p.facts {
            if setters[f.name] == nil && readers[f.name] != nil {
                out.append(
                    PlaybookDiagnostic(
                        .error, f.location,
                        "fact '\(f.name)' is read (by \(readers[f.name]!.first!)) but never set by a step, rule or derived value"
                    ))
            } else if setters[f.name] == nil {
                out.append(
                    PlaybookDiagnostic(
                        .warning, f.location, "fact '\(f.name)' is declared but never set or read; remove it"))
            } else if readers[f.name] == nil && !p.steps.contains(where: { $0.factsSet.contains(f.name) }) {
                out.append(PlaybookDiagnostic(.warning, f.location, "fact '\(f.name)' is set but never read"))
            }
        }

        for s in p.steps {
            guard let cond = s.askWhen else { continue }
            let unset = cond.factsRead.filter { setters[$0] == nil && p.fact($0) != nil }
            if !unset.isEmpty, !cond.text.contains("exists(") || unset.count == cond.factsRead.count {
                out.append(
                    PlaybookDiagnostic(
                        .error, cond.location,
                        "step '\(s.id)' can never be asked: nothing sets \(unset.map { "'\($0)'" }.joined(separator: ", "))"
                    ))
            }
            if case .literal(.boolean(false)) = cond.node {
                out.append(
                    PlaybookDiagnostic(.error, cond.location, "step '\(s.id)' can never be asked: ask_when is false"))
            }
            let own = Set(s.factsSet).intersection(valuesRead(cond))
            if !own.isEmpty {
                out.append(
                    PlaybookDiagnostic(
                        .error, cond.location,
                        "step '\(s.id)' is asked only when \(own.sorted().joined(separator: ", ")) is known, but it sets that fact itself"
                    ))
            }
        }

        let concluded = Set(p.rules.flatMap(\.concludes))
        for d in p.diagnoses where !concluded.contains(d.id) {
            out.append(PlaybookDiagnostic(.error, d.location, "diagnosis '\(d.id)' is never concluded by any rule"))
        }
        if p.diagnoses.isEmpty { out.append(PlaybookDiagnostic(.error, p.location, "the playbook has no diagnoses")) }

        for r in p.rules {
            let unset = r.when.factsRead.filter { setters[$0] == nil && p.fact($0) != nil }
            if !unset.isEmpty {
                out.append(
                    PlaybookDiagnostic(
                        .warning, r.when.location,
                        "rule '\(r.id)' reads \(unset.map { "'\($0)'" }.joined(separator: ", ")), which nothing sets"))
            }
        }
        out += cycles(p)
        out += CommandLinter.lint(p)
        out += parserFindings(p)
        out += nestedQuantifiers(p)
        return out
    }

    /// Patterns that nest quantifiers backtrack exponentially on near-misses: at run time
    /// such a match runs out of its budget and the condition stays unknown.
    static func nestedQuantifiers(_ p: Playbook) -> [PlaybookDiagnostic] {
        var out: [PlaybookDiagnostic] = []
        let message =
            "has nested quantifiers (like (a+)+), which can take exponential time; at run time it may stay unknown. Rewrite it without a quantified group that itself holds a quantifier"
        func walk(_ e: RuleExpression) {
            switch e.node {
            case .matches(let a, _, let pattern):
                if BoundedRegex.hasNestedQuantifier(pattern) {
                    out.append(PlaybookDiagnostic(.warning, e.location, "regular expression \"\(pattern)\" " + message))
                }
                walk(a)
            case .literal, .fact, .exists: break
            case .list(let items): items.forEach(walk)
            case .not(let x): walk(x)
            case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .member(let a, let b, _):
                walk(a)
                walk(b)
            case .call(_, let args): args.forEach(walk)
            }
        }
        for s in p.steps {
            s.askWhen.map(walk)
            if let pattern = s.pattern, BoundedRegex.hasNestedQuantifier(pattern) {
                out.append(PlaybookDiagnostic(.warning, s.location, "step '\(s.id)' pattern \"\(pattern)\" " + message))
            }
        }
        for d in p.derived { walk(d.value) }
        for r in p.rules {
            walk(r.when)
            r.sets.forEach { walk($0.value) }
        }
        return out
    }

    /// Facts whose value a condition needs (reads inside `exists()` do not need a value).
    static func valuesRead(_ e: RuleExpression) -> [String] {
        switch e.node {
        case .literal, .exists: return []
        case .fact(let n): return [n]
        case .list(let items): return items.flatMap(valuesRead)
        case .not(let x), .matches(let x, _, _): return valuesRead(x)
        case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .member(let a, let b, _):
            return valuesRead(a) + valuesRead(b)
        case .call(_, let args): return args.flatMap(valuesRead)
        }
    }

    /// Rules that feed each other (A sets a fact B reads, and B sets one A reads): legal in
    /// a monotonic engine, but usually a mistake, so they are reported.
    static func cycles(_ p: Playbook) -> [PlaybookDiagnostic] {
        var setBy: [String: [Int]] = [:]
        for (i, r) in p.rules.enumerated() { for s in r.sets { setBy[s.fact, default: []].append(i) } }
        var edges: [[Int]] = Array(repeating: [], count: p.rules.count)
        for (i, r) in p.rules.enumerated() { for f in r.when.factsRead { edges[i] += setBy[f] ?? [] } }
        var state = Array(repeating: 0, count: p.rules.count)
        var out: [PlaybookDiagnostic] = []
        // Depth first with an explicit stack (rule, next edge): a 10,000-rule chain must not
        // exhaust the call stack.
        var path: [Int] = []
        var work: [(rule: Int, edge: Int)] = []
        for root in p.rules.indices where state[root] == 0 {
            state[root] = 1
            path.append(root)
            work.append((root, 0))
            while let top = work.last {
                let i = top.rule
                if top.edge < edges[i].count {
                    work[work.count - 1].edge += 1
                    let j = edges[i][top.edge]
                    if state[j] == 1, let k = path.firstIndex(of: j) {
                        let loop = path[k...].map { p.rules[$0].id } + [p.rules[j].id]
                        out.append(
                            PlaybookDiagnostic(
                                .warning, p.rules[j].location,
                                "rules depend on each other in a loop: \(loop.joined(separator: " -> "))"))
                    } else if state[j] == 0 {
                        state[j] = 1
                        path.append(j)
                        work.append((j, 0))
                    }
                } else {
                    work.removeLast()
                    path.removeLast()
                    state[i] = 2
                }
            }
        }
        return out
    }
}
