import Foundation

/// Regular expressions from playbooks run on text from the operator or from evidence, so a
/// pattern with nested quantifiers (`(a+)+$`) could backtrack for seconds per evaluation,
/// and ICU's own give-up used to count as "no match". Every match here has a time budget;
/// running out of it, or an engine error, is *unknown*, never false.
public enum BoundedRegex {
    /// Budget for one match. Real patterns on real answers take microseconds.
    public static let budget: TimeInterval = 0.02

    /// Whether `regex` finds a match in `text`: nil when the budget ran out or the engine
    /// failed. A pattern/text pair that timed out once is not tried again (the engine
    /// re-evaluates conditions many times in one run).
    public static func firstMatch(_ regex: NSRegularExpression, in text: String, budget: TimeInterval = budget) -> Bool?
    {
        let key = TimedOutKey(pattern: regex.pattern, text: text)
        if timedOut.contains(key) { return nil }
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(budget * 1_000_000_000)
        var found = false
        var gaveUp = false
        regex.enumerateMatches(
            in: text, options: [.reportProgress, .reportCompletion],
            range: NSRange(text.startIndex..., in: text)
        ) { result, flags, stop in
            if result != nil {
                found = true
                stop.pointee = true
                return
            }
            if flags.contains(.internalError) {
                gaveUp = true
                stop.pointee = true
                return
            }
            if DispatchTime.now().uptimeNanoseconds > deadline {
                gaveUp = true
                stop.pointee = true
            }
        }
        if found { return true }
        if gaveUp {
            timedOut.insert(key)
            return nil
        }
        return false
    }

    private struct TimedOutKey: Hashable {
        var pattern: String
        var text: String
    }

    private static let timedOut = LockedSet<TimedOutKey>()

    /// Whether a pattern nests a quantifier inside a quantified group (`(a+)+`, `(x*)*`,
    /// `(a|aa)+` is not caught): the shape that backtracks exponentially. For the linter.
    public static func hasNestedQuantifier(_ pattern: String) -> Bool {
        var groupHasQuantifier: [Bool] = []
        var lastClosedHadQuantifier = false
        var chars = Array(pattern)
        var i = 0
        var inClass = false
        func isQuantifier(_ c: Character) -> Bool { c == "*" || c == "+" || c == "{" }
        while i < chars.count {
            let c = chars[i]
            defer { i += 1 }
            if c == "\\" {
                i += 1
                lastClosedHadQuantifier = false
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
                continue
            }
            switch c {
            case "[":
                inClass = true
                lastClosedHadQuantifier = false
            case "(":
                groupHasQuantifier.append(false)
                lastClosedHadQuantifier = false
            case ")":
                lastClosedHadQuantifier = groupHasQuantifier.popLast() ?? false
                if lastClosedHadQuantifier, !groupHasQuantifier.isEmpty {
                    groupHasQuantifier[groupHasQuantifier.count - 1] = true
                }
                if i + 1 < chars.count, isQuantifier(chars[i + 1]), lastClosedHadQuantifier { return true }
                continue
            default:
                if isQuantifier(c), !groupHasQuantifier.isEmpty {
                    groupHasQuantifier[groupHasQuantifier.count - 1] = true
                }
                lastClosedHadQuantifier = false
            }
        }
        chars.removeAll()
        return false
    }
}

/// A set shared by every evaluation, behind a lock.
final class LockedSet<T: Hashable>: @unchecked Sendable {
    private var items = Set<T>()
    private let lock = NSLock()
    func contains(_ x: T) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return items.contains(x)
    }
    func insert(_ x: T) {
        lock.lock()
        defer { lock.unlock() }
        if items.count < 1024 { items.insert(x) }
    }
}
