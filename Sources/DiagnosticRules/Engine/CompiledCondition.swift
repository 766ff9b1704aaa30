/// One step of a compiled condition, postfix: an operation and its operand (a fact's slot,
/// a literal's index in the plan's literal table, a comparison operator's index). Eight
/// bytes rather than an enum carrying a `Value` (24), so that a 10,000-rule playbook's code
/// is a few hundred kilobytes, read front to back.
struct Instruction: Sendable, Equatable {
    enum Op: UInt8, Sendable { case literal, fact, exists, not, and, or, compare }
    var op: Op
    var operand: Int32

    init(_ op: Op, _ operand: Int = 0) {
        self.op = op
        self.operand = Int32(operand)
    }

    static let operators: [ComparisonOperator] = [.eq, .ne, .lt, .le, .gt, .ge]
}

/// The distinct literal values of a plan's compiled code, each stored once.
struct LiteralTable: Sendable {
    private(set) var values: [Value] = []
    private var index: [Value: Int] = [:]

    mutating func add(_ v: Value) -> Int {
        if let i = index[v] { return i }
        index[v] = values.count
        values.append(v)
        return values.count - 1
    }
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
    static func compile(_ e: RuleExpression, slots: [String: Int], literals: inout LiteralTable) -> [Instruction]? {
        var code: [Instruction] = []
        var table = literals
        guard emit(e, slots, &table, into: &code) else { return nil }
        literals = table
        return code
    }

    private static func emit(
        _ e: RuleExpression, _ slots: [String: Int], _ literals: inout LiteralTable, into code: inout [Instruction]
    ) -> Bool {
        switch e.node {
        case .literal(let v): code.append(Instruction(.literal, literals.add(v)))
        case .fact(let name):
            guard let slot = slots[name] else { return false }
            code.append(Instruction(.fact, slot))
        case .exists(let name):
            guard let slot = slots[name] else { return false }
            code.append(Instruction(.exists, slot))
        case .not(let x):
            guard emit(x, slots, &literals, into: &code) else { return false }
            code.append(Instruction(.not))
        case .and(let a, let b), .or(let a, let b):
            guard emit(a, slots, &literals, into: &code), emit(b, slots, &literals, into: &code) else { return false }
            if case .and = e.node { code.append(Instruction(.and)) } else { code.append(Instruction(.or)) }
        case .compare(let op, let a, let b):
            guard emit(a, slots, &literals, into: &code), emit(b, slots, &literals, into: &code),
                let index = Instruction.operators.firstIndex(of: op)
            else { return false }
            code.append(Instruction(.compare, index))
        case .list, .member, .matches, .call:
            return false
        }
        return true
    }

    /// The outcome `Evaluator.evaluate` gives for the expression `code` was compiled from,
    /// with `facts` known. `stack` is scratch space, reused between calls.
    static func run(_ code: ArraySlice<Instruction>, literals: LiteralTable, facts: FactTable, stack: inout [Outcome])
        -> Outcome
    {
        stack.removeAll(keepingCapacity: true)
        for instruction in code {
            let operand = Int(instruction.operand)
            switch instruction.op {
            case .literal: stack.append(.value(literals.values[operand]))
            case .fact: stack.append(facts.records[operand].map { .value($0.value) } ?? .unknown)
            case .exists: stack.append(.value(.boolean(facts.records[operand] != nil)))
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
            case .compare:
                let b = stack.removeLast()
                let a = stack.removeLast()
                guard case .value(let x) = a, case .value(let y) = b else {
                    stack.append(.unknown)
                    continue
                }
                stack.append(
                    Evaluator.compare(Instruction.operators[operand], x, y).map { .value(.boolean($0)) } ?? .unknown)
            }
        }
        return stack.last ?? .unknown
    }
}
