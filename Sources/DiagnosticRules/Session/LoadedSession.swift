import Foundation

/// Everything that could be read from a session file: every valid record in file order (the
/// audit trail), the answers they add up to, and the lines that had to be dropped.
public struct LoadedSession: Sendable {
    public var url: URL
    public var header: SessionHeader
    /// Every valid record, in file order, header included.
    public var records: [SessionRecord]
    /// Lines dropped while loading (garbage, a record cut off mid-line, ...), in file order.
    public var damage: [DamageNote]
    /// False when the last line has no newline: the next append must start a new line.
    public var endsWithNewline: Bool

    public init(
        url: URL, header: SessionHeader, records: [SessionRecord], damage: [DamageNote], endsWithNewline: Bool = true
    ) {
        self.url = url
        self.header = header
        self.records = records
        self.damage = damage
        self.endsWithNewline = endsWithNewline
    }

    /// The playbook the operator chose (the last symptom record), else the header's.
    public var playbookId: String {
        for case .symptom(let id, _) in records.reversed() { return id }
        return header.playbook.id
    }

    /// The answers in force, in the order given: a `forget` withdraws the earlier answers to
    /// its step, exactly as `Wizard.forget` does, so replay sees what the operator saw.
    public var entries: [RecordedAnswer] {
        var out: [RecordedAnswer] = []
        for r in records {
            switch r {
            case .answer(let a): out.append(a)
            case .forget(let step, _): out.removeAll { $0.answer.step == step }
            default: break
            }
        }
        return out
    }

    public var answers: [Answer] { entries.map(\.answer) }

    /// The last conclusion saved, if it still describes the answers: an answer changed
    /// after it (the operator went back from the result) makes it stale, and the session
    /// counts as unfinished again, so that `resume` finds it.
    public var lastConclusion: ConclusionSnapshot? {
        for r in records.reversed() {
            switch r {
            case .conclusion(let c): return c
            case .answer, .forget: return nil
            case .header, .symptom: continue
            }
        }
        return nil
    }

    /// When anything last happened in the session.
    public var lastActivity: Date {
        var last = header.started
        for r in records {
            switch r {
            case .symptom(_, let t), .forget(_, let t): last = max(last, t)
            case .answer(let a): last = max(last, a.answer.time)
            case .conclusion(let c): last = max(last, c.time)
            case .header: break
            }
        }
        return last
    }

    public var isDamaged: Bool { !damage.isEmpty }
}
