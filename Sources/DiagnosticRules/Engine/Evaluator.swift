import Foundation

/// The result of evaluating an expression: a value, or unknown because facts are missing.
/// Unknown is never false: `and`/`or`/`not` follow Kleene's three-valued logic.
public enum Outcome: Equatable, Sendable {
    case value(Value)
    case unknown

    public static let yes = Outcome.value(.boolean(true))
    public static let no = Outcome.value(.boolean(false))

    /// true / false / unknown for conditions; anything that is not a boolean is unknown.
    public var truth: Bool? {
        if case .value(.boolean(let b)) = self { return b }
        return nil
    }

    public var label: String {
        switch self {
        case .unknown: return "unknown"
        case .value(let v): return v.description
        }
    }
}

/// Evaluates expressions against a fact lookup. Pure: the same facts give the same outcome.
public struct Evaluator {
    public let fact: (String) -> Value?

    public init(fact: @escaping (String) -> Value?) { self.fact = fact }

    public func evaluate(_ e: RuleExpression) -> Outcome {
        switch e.node {
        case .literal(let v): return .value(v)
        case .fact(let name): return fact(name).map(Outcome.value) ?? .unknown
        case .exists(let name): return .value(.boolean(fact(name) != nil))
        case .list(let items):
            var out: [Value] = []
            for item in items {
                guard case .value(let v) = evaluate(item) else { return .unknown }
                out.append(v)
            }
            return .value(.list(out))
        case .not(let x):
            guard let t = evaluate(x).truth else { return .unknown }
            return .value(.boolean(!t))
        case .and(let a, let b):
            let x = evaluate(a).truth
            if x == false { return .no }
            let y = evaluate(b).truth
            if y == false { return .no }
            if x == true && y == true { return .yes }
            return .unknown
        case .or(let a, let b):
            let x = evaluate(a).truth
            if x == true { return .yes }
            let y = evaluate(b).truth
            if y == true { return .yes }
            if x == false && y == false { return .no }
            return .unknown
        case .compare(let op, let a, let b):
            guard case .value(let x) = evaluate(a), case .value(let y) = evaluate(b) else { return .unknown }
            return Evaluator.compare(op, x, y).map { .value(.boolean($0)) } ?? .unknown
        case .member(let a, let b, let negated):
            guard case .value(let x) = evaluate(a), case .value(let y) = evaluate(b) else { return .unknown }
            let found: Bool
            switch y {
            case .list(let items): found = items.contains { Evaluator.equal($0, x) }
            case .string(let s): found = x.stringValue.map { s.lowercased().contains($0.lowercased()) } ?? false
            default: found = Evaluator.equal(x, y)
            }
            return .value(.boolean(found != negated))
        case .matches(let a, let regex, _):
            guard case .value(let x) = evaluate(a) else { return .unknown }
            let s = x.description
            // Out of budget or an engine error is unknown, never false.
            guard let hit = BoundedRegex.firstMatch(regex, in: s) else { return .unknown }
            return .value(.boolean(hit))
        case .call(let name, let args):
            guard let f = Builtins.named(name) else { return .unknown }
            var values: [Value] = []
            for arg in args {
                guard case .value(let v) = evaluate(arg) else { return .unknown }
                values.append(v)
            }
            guard values.count == f.parameters.count else { return .unknown }
            return f.call(values).map(Outcome.value) ?? .unknown
        }
    }

    /// Equality as operators expect it: GUIDs compare normalised, whatever their case or braces.
    public static func equal(_ x: Value, _ y: Value) -> Bool {
        switch (x, y) {
        case (.guid(let a), .string(let b)), (.string(let b), .guid(let a)):
            return GUIDText.normalize(b) == a
        case (.string(let a), .string(let b)):
            return a == b
        default:
            return x == y
        }
    }

    /// Nil when the operator does not apply to these types (the type checker stops that at
    /// load time; at run time it stays unknown rather than guessing).
    public static func compare(_ op: ComparisonOperator, _ x: Value, _ y: Value) -> Bool? {
        switch op {
        case .eq: return equal(x, y)
        case .ne: return !equal(x, y)
        default:
            let order: Int
            switch (x, y) {
            case (.integer(let a), .integer(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
            case (.string(let a), .string(let b)): order = a < b ? -1 : (a == b ? 0 : 1)
            default: return nil
            }
            switch op {
            case .lt: return order < 0
            case .le: return order <= 0
            case .gt: return order > 0
            case .ge: return order >= 0
            case .eq, .ne: return nil
            }
        }
    }
}
