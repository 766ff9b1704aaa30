import Foundation

/// The journal port of an interview: where accepted answers go before the next question is
/// shown. The session journal (fsync'ed JSON lines) plugs in from the command-line target;
/// tests plug in a list. Both front ends journal through `Interview.journal(_:to:)`, so the
/// rule "record the answer, then snapshot the conclusion when it finished" exists once.
public protocol InterviewJournal: AnyObject {
    /// Append one answer (with the pasted text behind it, if any); on return it is on disk.
    func record(_ answer: Answer, rawText: String?) throws
    /// The interview ended (or the operator saved): snapshot the conclusion.
    func finish(_ conclusion: Conclusion)
}
