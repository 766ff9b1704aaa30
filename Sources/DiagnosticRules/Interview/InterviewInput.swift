import Foundation

/// The ways an operator can answer the question on screen. Every front end turns its own
/// gestures (a key, a numbered line, a bracketed paste) into one of these and hands it to
/// `Interview.answer(_:)`.
public enum InterviewInput: Equatable, Sendable {
    /// Text typed into a field or after a plain-mode prompt ("0x80090006", "?", "yes").
    case typed(String)
    /// An item of `StepPresentation.items`, by index.
    case choice(Int)
    /// A paste the operator has seen previewed and accepted.
    case pasted(String)
}

/// What an accepted answer means for the shell: journal `answer` (with `rawText`, which the
/// journal keeps only when asked to), and show the result when `finished`.
public struct InterviewOutcome: Equatable, Sendable {
    public var answer: Answer
    /// The pasted text behind the answer; nil for typed answers and choices.
    public var rawText: String?
    public var finished: Bool

    public init(answer: Answer, rawText: String? = nil, finished: Bool) {
        self.answer = answer
        self.rawText = rawText
        self.finished = finished
    }
}
