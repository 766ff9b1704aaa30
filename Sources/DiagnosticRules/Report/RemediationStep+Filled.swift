import Foundation

extension RemediationStep {
    /// The step as an operator reads it: `{fact}` templates filled from the conclusion
    /// (sensitive facts only ever hold fingerprints). The final screen, plain mode,
    /// `diagnose` and every checklist format show this one rendering.
    public func filled(by conclusion: Conclusion) -> RemediationStep {
        RemediationStep(text: conclusion.render(text), command: command.map(conclusion.render), caution: caution.map(conclusion.render),
                        verify: verify.map(conclusion.render), verifyCommand: verifyCommand.map(conclusion.render))
    }
}
