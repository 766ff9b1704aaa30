/// Which facts an expression cannot do without, under the evaluator's three-valued logic.
/// The engine uses it to leave a rule off the agenda until every fact its condition needs to
/// be true is known: examining it earlier can only give false or unknown, changes nothing,
/// and in a long chain of rules doubled the work (every rule examined once in vain before
/// the facts it waits for arrived).
///
/// Both sets are conservative (never more than the facts really needed): `and` needs what
/// either side needs to be true, but `or` only what both sides need; `not`, `exists()` and a
/// value that one side of `and`/`or` can settle alone need less. `Evaluator` is the
/// reference; the tests check these sets against it on random expressions.
extension RuleExpression {
    /// Facts that are known whenever this condition evaluates to true.
    var factsNeededForTruth: Set<String> {
        switch node {
        case .and(let a, let b): return a.factsNeededForTruth.union(b.factsNeededForTruth)
        case .or(let a, let b): return a.factsNeededForTruth.intersection(b.factsNeededForTruth)
        // true when x is false: x has a value.
        case .not(let x): return x.factsNeededForValue
        default: return factsNeededForValue
        }
    }

    /// Facts that are known whenever this expression has a value (is not unknown).
    var factsNeededForValue: Set<String> {
        switch node {
        case .literal, .exists: return []
        case .fact(let name): return [name]
        case .not(let x), .matches(let x, _, _): return x.factsNeededForValue
        // A false side settles `and` (a true side settles `or`) without the other.
        case .and(let a, let b), .or(let a, let b): return a.factsNeededForValue.intersection(b.factsNeededForValue)
        case .compare(_, let a, let b), .member(let a, let b, _):
            return a.factsNeededForValue.union(b.factsNeededForValue)
        case .list(let items), .call(_, let items):
            return items.reduce(into: []) { $0.formUnion($1.factsNeededForValue) }
        }
    }
}
