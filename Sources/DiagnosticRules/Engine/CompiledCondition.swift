/// One step of a compiled condition: postfix, facts by slot.
enum Instruction: Sendable {
    case literal(Value)
    case fact(Int)
    case exists(Int)
    case not
    case and
    case or
    case compare(ComparisonOperator)
}

/// Rule conditions flattened for the engine's agenda loop: postfix instructions kept in one
/// array by the plan, facts read by slot number instead of by name. The tree `Evaluator`
/// visits a box per node and retains each one; a 10,000-rule playbook's trees (some 600
/// bytes a rule, scattered over the heap) do not fit the CPU's cache, so every rule examined
/// paid a string of cache misses and 10x the rules cost 15x. Only the logic core is
/// compiled: literals, facts, `exists()`, `not`, `and`, `or` and comparisons; a condition
/// using anything else (`in`, `matches`, calls, lists) is evaluated as a tree. Every
/// compiled sub-expression is pure and cheap, so `and` and `or` evaluate both sides and
/// combine them as `Evaluator` does (Kleene logic: a false side settles `and`, a true side
/// settles `or`, whatever the other side is).
enum CompiledCondition {
    /// Postfix code for `e`, or nil when it uses anything beyond the logic core or a fact
    /// without a slot.
    static func compile(_ e: RuleExpression, slots: [String: Int]) -> [Instruction]? {
        var code: [Instruction] = []
        return emit(e, slots, into: &code) ? code : nil
    }

    private static func emit(_ e: RuleExpression, _ slots: [String: Int], into code: inout [Instruction]) -> Bool {
        switch e.node {
        case .literal(let v): code.append(.literal(v))
        case .fact(let name):
            guard let slot = slots[name] else { return false }
            code.append(.fact(slot))
        case .exists(let name):
            guard let slot = slots[name] else { return false }
            code.append(.exists(slot))
        case .not(let x):
            guard emit(x, slots, into: &code) else { return false }
            code.append(.not)
        case .and(let a, let b), .or(let a, let b):
            guard emit(a, slots, into: &code), emit(b, slots, into: &code) else { return false }
            if case .and = e.node { code.append(.and) } else { code.append(.or) }
        case .compare(let op, let a, let b):
            guard emit(a, slots, into: &code), emit(b, slots, into: &code) else { return false }
            code.append(.compare(op))
        case .list, .member, .matches, .call:
            return false
        }
        return true
    }

    /// The outcome `Evaluator.evaluate` gives for the expression `code` was compiled from,
    /// with `facts` known. `stack` is scratch space, reused between calls.
    static func run(_ code: ArraySlice<Instruction>, facts: FactTable, stack: inout [Outcome]) -> Outcome {
        stack.removeAll(keepingCapacity: true)
        for instruction in code {
            switch instruction {
            case .literal(let v): stack.append(.value(v))
            case .fact(let slot): stack.append(facts.records[slot].map { .value($0.value) } ?? .unknown)
            case .exists(let slot): stack.append(.value(.boolean(facts.records[slot] != nil)))
            case .not:
                let x = stack.removeLast().truth
                stack.append(x.map { .value(.boolean(!$0)) } ?? .unknown)
            case .and:
                let y = stack.removeLast().truth
                let x = stack.removeLast().truth
                stack.append(x == false || y == false ? .no : (x == true && y == true ? .yes : .unknown))
            case .or:
                let y = stack.removeLast().truth
                let x = stack.removeLast().truth
                stack.append(x == true || y == true ? .yes : (x == false && y == false ? .no : .unknown))
            case .compare(let op):
                let b = stack.removeLast()
                let a = stack.removeLast()
                guard case .value(let x) = a, case .value(let y) = b else {
                    stack.append(.unknown)
                    continue
                }
                stack.append(Evaluator.compare(op, x, y).map { .value(.boolean($0)) } ?? .unknown)
            }
        }
        return stack.last ?? .unknown
    }
}
