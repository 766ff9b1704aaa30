import Foundation

/// A parsed condition or value expression of the playbook language. The language is closed:
/// literals, fact references, comparisons, `and`/`or`/`not`, `in`, `matches`, `exists()` and
/// calls of the built-in functions in `Builtins`. It can never run code or touch the system.
public indirect enum ExpressionNode: Sendable {
    case literal(Value)
    case fact(String)
    case list([RuleExpression])
    case not(RuleExpression)
    case and(RuleExpression, RuleExpression)
    case or(RuleExpression, RuleExpression)
    case compare(ComparisonOperator, RuleExpression, RuleExpression)
    case member(RuleExpression, RuleExpression, negated: Bool)
    case matches(RuleExpression, NSRegularExpression, pattern: String)
    case exists(String)
    case call(String, [RuleExpression])
}

public enum ComparisonOperator: String, Sendable {
    case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">="
}

/// An expression with the text it was parsed from and where that text starts, so traces and
/// errors can show the operator exactly what was written.
public struct RuleExpression: Sendable, CustomStringConvertible {
    public var node: ExpressionNode
    public var text: String
    public var location: SourceLocation

    public init(_ node: ExpressionNode, text: String, location: SourceLocation) {
        self.node = node
        self.text = text
        self.location = location
    }

    public var description: String { text }

    /// Every fact this expression reads (for "why is this asked?" and lint).
    public var factsRead: [String] {
        var out: [String] = []
        collectFacts(into: &out)
        return out
    }

    private func collectFacts(into out: inout [String]) {
        switch node {
        case .literal: break
        case .fact(let n), .exists(let n): if !out.contains(n) { out.append(n) }
        case .list(let items): items.forEach { $0.collectFacts(into: &out) }
        case .not(let e): e.collectFacts(into: &out)
        case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .member(let a, let b, _):
            a.collectFacts(into: &out)
            b.collectFacts(into: &out)
        case .matches(let a, _, _): a.collectFacts(into: &out)
        case .call(_, let args): args.forEach { $0.collectFacts(into: &out) }
        }
    }

    /// Whether `exists()` appears anywhere (see Engine: the only non-monotonic construct).
    public var usesExists: Bool {
        switch node {
        case .exists: return true
        case .literal, .fact: return false
        case .list(let items): return items.contains { $0.usesExists }
        case .not(let e), .matches(let e, _, _): return e.usesExists
        case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .member(let a, let b, _):
            return a.usesExists || b.usesExists
        case .call(_, let args): return args.contains { $0.usesExists }
        }
    }

    /// Every built-in function this expression calls.
    public var functionsCalled: [String] {
        switch node {
        case .literal, .fact, .exists: return []
        case .list(let items): return items.flatMap(\.functionsCalled)
        case .not(let e): return e.functionsCalled
        case .and(let a, let b), .or(let a, let b), .compare(_, let a, let b), .member(let a, let b, _):
            return a.functionsCalled + b.functionsCalled
        case .matches(let a, _, _): return a.functionsCalled
        case .call(let name, let args): return [name] + args.flatMap(\.functionsCalled)
        }
    }
}
