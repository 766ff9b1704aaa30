import DiagnosticRules

/// Loads the playbook chosen on the menu, whole and checked, with the evidence context it is
/// diagnosed in. Called when the operator chooses, not before the menu is drawn.
public typealias PlaybookOpener = (PlaybookHeader) -> Result<OpenedPlaybook, PlaybookOpenFailure>

/// A chosen playbook, ready for an interview.
public struct OpenedPlaybook {
    public var playbook: Playbook
    /// The disclosed-key list and anything else evidence is read against.
    public var context: EvidenceContext

    public init(playbook: Playbook, context: EvidenceContext) {
        self.playbook = playbook
        self.context = context
    }
}

/// Why a chosen playbook cannot be used: one line per finding (`file:line:col: error: ...`).
public struct PlaybookOpenFailure: Error {
    public var lines: [String]
    public init(_ lines: [String]) { self.lines = lines }
}
