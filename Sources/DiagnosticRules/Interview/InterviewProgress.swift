import Foundation

/// "Question N, about M left": N counts the questions shown so far in this interview (it
/// never goes down, not even when going back), M the relevant questions still unanswered
/// besides the one on screen. A count of relevant steps ("3 of 4") jumps as answers make
/// steps relevant or irrelevant; this does not claim a total it cannot know.
public struct InterviewProgress: Equatable, Sendable {
    public var question: Int
    public var left: Int

    /// For a title bar: "question 3, about 2 left" (or "question 3, last one likely").
    public var text: String {
        left == 0 ? "question \(question), likely the last" : "question \(question), about \(left) left"
    }
}
