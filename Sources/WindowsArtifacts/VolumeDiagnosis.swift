import DiagnosticRules
import Foundation

/// Runs every playbook that the evidence of a volume applies to (at least one of its steps
/// answered by a file), each through the same engine as an interview, and joins their
/// reports into one.
public struct VolumeDiagnosis {
    public struct Run {
        public var playbook: Playbook
        public var answers: [Answer]
        public var report: ConclusionReport
    }

    public var evidence: VolumeEvidence
    public var runs: [Run]

    /// `answers`: the operator's answers by playbook id (`--answers` with `--playbook`); a
    /// step answered there is not given the volume's evidence.
    public init(evidence: VolumeEvidence, playbooks: [Playbook], answers: [String: [Answer]] = [:]) {
        self.evidence = evidence
        runs = playbooks.compactMap { playbook in
            let given = answers[playbook.id] ?? []
            let filled = AnswerBuilder.fill(playbook: playbook, parsed: evidence.inputs, existing: given)
            guard !filled.answers.isEmpty || !given.isEmpty else { return nil }
            let all = given + filled.answers + Self.windowsAnswer(evidence, playbook: playbook, answered: given)
            let conclusion = Engine(playbook: playbook).evaluate(all)
            return Run(playbook: playbook, answers: all, report: ConclusionReport(conclusion))
        }
    }

    /// The Windows question answered from the volume (`VolumeWindowsRelease`): the choice step
    /// that sets `windows`, when the operator has not answered it and the release is one of
    /// its choices.
    static func windowsAnswer(_ evidence: VolumeEvidence, playbook: Playbook, answered: [Answer]) -> [Answer] {
        guard let (release, hive) = evidence.windowsRelease,
            let step = playbook.steps.first(where: {
                $0.sets == "windows" && $0.input == .choice
                    && $0.choices.contains { $0.value == .string(release.answer) }
            }),
            !answered.contains(where: { $0.step == step.id })
        else { return [] }
        return [
            Answer(
                step: step.id, value: .value(.string(release.answer)),
                source: .evidenceFile("\(hive) (\(release.explanation))"))
        ]
    }

    /// 0 when some playbook reached a diagnosis (or found its case not covered), 2 when every
    /// applicable playbook still needs evidence, as `keywizard diagnose` does.
    public var exitStatus: Int32 {
        runs.contains { $0.report.status != .incomplete } ? 0 : 2
    }

    /// The report. Every line that holds text from the volume (file names, hive values,
    /// the listing) passes the output sanitiser: a hostile image cannot reach the terminal
    /// with escape sequences or start lines of its own.
    public func text(root: String, width: Int = 80) -> String {
        var lines = ["Windows volume \(OutputSanitizer.line(root)) (read-only; nothing on it was changed)", ""]
        lines.append("Found:")
        lines += evidence.inventory.map { "  " + OutputSanitizer.line($0) }
        if !evidence.problems.isEmpty {
            lines.append("")
            lines.append("Not read:")
            lines += evidence.problems.map { "  " + OutputSanitizer.line($0) }
        }
        if let listing = evidence.machineKeysListing {
            lines.append("")
            lines.append("MachineKeys (times UTC):")
            lines += listing.split(separator: "\r\n", omittingEmptySubsequences: false).map {
                "  " + OutputSanitizer.line(String($0))
            }
        }
        if runs.isEmpty {
            lines.append("")
            lines.append("No playbook applies: none of the files found answers a step of any playbook.")
        }
        for run in runs {
            lines.append("")
            lines.append("=== \(run.playbook.title) (\(run.playbook.id)) ===")
            lines.append(run.report.text(width: width))
        }
        return lines.joined(separator: "\n")
    }
}
