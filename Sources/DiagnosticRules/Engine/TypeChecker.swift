import Foundation

/// Checks an expression against the playbook's declared facts and the built-in signatures
/// when the playbook is loaded, so that a typo or a type mismatch is a load-time error with a
/// position, not a silent "unknown" in front of an operator.
struct TypeChecker {
    let factTypes: [String: FactType]
    private(set) var diagnostics: [PlaybookDiagnostic] = []

    init(factTypes: [String: FactType]) { self.factTypes = factTypes }

    /// Check a condition: it must be boolean.
    mutating func checkCondition(_ e: RuleExpression, role: String) {
        let t = check(e)
        if !t.fits(.fact(.boolean)) {
            error(e, "\(role) must be a condition (true/false), but '\(e.text)' is \(t)")
        }
    }

    @discardableResult
    mutating func check(_ e: RuleExpression) -> StaticType {
        switch e.node {
        case .literal(let v): return .fact(v.type)
        case .list(let items):
            items.forEach { _ = check($0) }
            return .fact(.list)
        case .fact(let name):
            guard let t = factTypes[name] else {
                error(e, "unknown fact '\(name)'" + suggestion(name, among: Array(factTypes.keys)))
                return .any
            }
            return .fact(t)
        case .exists(let name):
            if factTypes[name] == nil {
                error(e, "unknown fact '\(name)'" + suggestion(name, among: Array(factTypes.keys)))
            }
            return .fact(.boolean)
        case .not(let x):
            expectBoolean(x, "operand of 'not'")
            return .fact(.boolean)
        case .and(let a, let b), .or(let a, let b):
            expectBoolean(a, "operand of 'and'/'or'")
            expectBoolean(b, "operand of 'and'/'or'")
            return .fact(.boolean)
        case .compare(let op, let a, let b):
            let x = check(a)
            let y = check(b)
            if !x.fits(y) {
                error(e, "cannot compare \(x) '\(a.text)' with \(y) '\(b.text)'")
            } else if op != .eq, op != .ne, x != .any, y != .any,
                !(x == .fact(.integer) && y == .fact(.integer)), !(x == .fact(.string) && y == .fact(.string))
            {
                error(e, "'\(op.rawValue)' orders integers or text, not \(x)")
            }
            return .fact(.boolean)
        case .member(let a, let b, _):
            _ = check(a)
            let y = check(b)
            if y != .any, y != .fact(.list), y != .fact(.string) {
                error(b, "'in' needs a list or text on its right, but '\(b.text)' is \(y)")
            }
            return .fact(.boolean)
        case .matches(let a, _, _):
            let x = check(a)
            if x == .fact(.list) || x == .fact(.boolean) {
                error(a, "'matches' applies to text, but '\(a.text)' is \(x)")
            }
            return .fact(.boolean)
        case .call(let name, let args):
            guard let f = Builtins.named(name) else {
                error(e, "unknown function '\(name)'" + suggestion(name, among: Array(Builtins.all.keys)))
                args.forEach { _ = check($0) }
                return .any
            }
            if args.count != f.parameters.count {
                let plural = f.parameters.count == 1 ? "" : "s"
                let signature = f.parameters.map(\.description).joined(separator: ", ")
                error(e, "\(name)() takes \(f.parameters.count) argument\(plural) (\(signature)), got \(args.count)")
            }
            for (arg, expected) in zip(args, f.parameters) {
                let t = check(arg)
                if !t.fits(expected) {
                    error(arg, "argument '\(arg.text)' of \(name)() must be \(expected), not \(t)")
                }
            }
            return f.returns
        }
    }

    private mutating func expectBoolean(_ e: RuleExpression, _ role: String) {
        let t = check(e)
        if !t.fits(.fact(.boolean)) { error(e, "\(role) must be true/false, but '\(e.text)' is \(t)") }
    }

    private mutating func error(_ e: RuleExpression, _ message: String) {
        diagnostics.append(PlaybookDiagnostic(.error, e.location, message))
    }
}

/// " (did you mean 'x'?)" when a close name exists, else "".
public func suggestion(_ name: String, among candidates: [String]) -> String {
    let limit = max(1, name.count / 3)
    var best: (name: String, distance: Int)?
    for candidate in candidates.sorted() {
        let d = editDistance(name.lowercased(), candidate.lowercased())
        if d <= limit, d < (best?.distance ?? Int.max) { best = (candidate, d) }
    }
    guard let found = best else { return "" }
    return " (did you mean '\(found.name)'?)"
}

/// Levenshtein distance, for "did you mean" suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a)
    let y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
        current[0] = i
        for j in 1...y.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[y.count]
}
