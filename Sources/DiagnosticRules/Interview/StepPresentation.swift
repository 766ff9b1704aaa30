import Foundation

/// A question as every front end shows it: the prompt, the command to run, the items of a
/// choice (with "I don't know" where allowed), the notations typing accepts, and whether a
/// selection may start on an item. Built only by `Interview`, so the TUI's menu and plain
/// mode's numbered list cannot differ.
public struct StepPresentation: Sendable {
    public struct Item: Equatable, Sendable {
        public var label: String
        /// The notation submitted through `StepInput` when this item is chosen.
        public var notation: String
        public var isUnknown: Bool
    }

    /// The step with its `{fact}` placeholders filled.
    public var step: Step
    /// Choice and yes/no items; empty for typed and pasted answers.
    public var items: [Item]
    /// The item to select when the question appears: the current answer when going back,
    /// otherwise nil. No question has a safe default, so nothing is pre-selected; an Enter
    /// that was meant for the previous screen then answers nothing.
    public var initialSelection: Int?
    /// What typing accepts, in operator words ("y or yes, n or no; ? if you don't know").
    public var notations: String
    /// The answer given before (when going back), if any.
    public var currentAnswer: Answer?
    /// Typed text is a secret: masked on screen, only a fingerprint is kept.
    public var sensitive: Bool

    /// The words that mean "I don't know" (the same list `StepInput` accepts).
    public static let unknownWords = StepInput.unknownWords

    public static func make(step: Step, playbook: Playbook, current: Answer?) -> StepPresentation {
        var items: [Item] = []
        switch step.input {
        case .choice:
            items = step.choices.enumerated().map {
                Item(label: $0.element.label, notation: String($0.offset + 1), isUnknown: false)
            }
        case .yesno:
            items = [
                Item(label: "Yes", notation: "y", isUnknown: false), Item(label: "No", notation: "n", isUnknown: false)
            ]
        default: break
        }
        let hasUnknownChoice = step.choices.contains { $0.value.description.lowercased() == "unknown" }
        if !items.isEmpty, step.allowUnknown, !hasUnknownChoice {
            items.append(Item(label: "I don't know", notation: "?", isUnknown: true))
        }
        var selection: Int?
        if let a = current {
            switch a.value {
            case .unknown: selection = items.firstIndex { $0.isUnknown }
            case .value(let v):
                if step.input == .choice { selection = step.choices.firstIndex { $0.value == v } }
                if step.input == .yesno, let b = v.boolValue { selection = b ? 0 : 1 }
            case .evidence: break
            }
        }
        let sensitive = step.sets.flatMap { playbook.fact($0) }?.sensitive == true
        return StepPresentation(
            step: step, items: items, initialSelection: selection,
            notations: notations(for: step, items: items), currentAnswer: current, sensitive: sensitive)
    }

    static func notations(for step: Step, items: [Item]) -> String {
        let unknown = step.allowUnknown ? "; ? if you don't know" : ""
        switch step.input {
        case .choice: return "a number 1-\(items.count)" + unknown
        case .yesno: return "y or yes, n or no" + unknown
        case .integer: return "a whole number" + unknown
        case .errorcode: return "the code as shown: 2148073478, -2146893818, 0x80090006 or 5" + unknown
        case .guid: return "a GUID, braces optional" + unknown
        case .text: return "text" + unknown
        case .paste: return "the whole command output" + (step.allowUnknown ? "; or unknown if you cannot get it" : "")
        }
    }
}
