import Foundation

extension RemediationStep {
    /// Another way to do the step before it ("Or ...", "Alternative ..."): printed as an
    /// indented "or" under that step, not as a second box to tick.
    public var isAlternative: Bool {
        let t = text.trimmingCharacters(in: .whitespaces)
        return t.hasPrefix("Or ") || t.hasPrefix("Or,") || t.hasPrefix("Alternative")
    }

    /// The text of an alternative without its leading "Or" (the renderers write "or:").
    public var alternativeText: String {
        var t = text.trimmingCharacters(in: .whitespaces)
        for p in ["Or, ", "Or "] where t.hasPrefix(p) {
            t = String(t.dropFirst(p.count))
            break
        }
        return t.prefix(1).uppercased() + t.dropFirst()
    }

    /// The step as an operator reads it: `{fact}` templates filled from the conclusion
    /// (sensitive facts only ever hold fingerprints). The final screen, plain mode,
    /// `diagnose` and every checklist format show this one rendering.
    /// The command for the server's Windows release; values in commands quoted for their
    /// shell (`Conclusion.present`).
    public func filled(by conclusion: Conclusion) -> RemediationStep {
        conclusion.present(self)
    }
}
