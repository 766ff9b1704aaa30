import Foundation
import Yams

/// Builds answers from outside the interactive wizard: an answers file (YAML map of step id
/// to value) and evidence files matched to the steps whose parser recognises them. Used by
/// `diagnose`, `test` and replay, so all of them answer exactly as an operator would.
public enum AnswerBuilder {
    /// One evidence text and the name to cite for it.
    public struct EvidenceInput {
        public var name: String
        public var text: String
        /// What `EvidenceRegistry.parseAuto` made of the text, and in which context, when the
        /// caller has read it already (`diagnose` parses every file to name the unreadable
        /// ones): `choosePlaybook` and `fill` reuse it rather than parse a 16 MB file again.
        var parsed: (context: EvidenceContext, result: Result<ParsedEvidence, any Error>)?

        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }

        /// Parses the text now (newlines normalized, as `fill` reads it), keeping the result.
        public init(name: String, text: String, parsedIn context: EvidenceContext) {
            self.init(name: name, text: text)
            parsed = (
                context,
                Result { try EvidenceRegistry.parseAuto(EvidenceText.normalizeNewlines(text), context: context) }
            )
        }

        /// The parse the input carries when it was made in `context`, else a fresh one.
        public func parse(in context: EvidenceContext) throws -> ParsedEvidence {
            if let parsed, parsed.context == context { return try parsed.result.get() }
            return try EvidenceRegistry.parseAuto(EvidenceText.normalizeNewlines(text), context: context)
        }
    }

    public struct Problem: Error, CustomStringConvertible {
        public var place: String
        public var message: String
        public var description: String { "\(place): \(message)" }
    }

    /// Answers from a YAML mapping `step: value`. A value may be a scalar (typed answer),
    /// `~`/`unknown` (don't know), `{text: ...}` (a paste) or `{evidence: FILE}` (a paste
    /// read from FILE, relative to `baseDirectory`).
    public static func answers(
        fromYAML node: Node, file: String, baseDirectory: URL, playbook: Playbook,
        context: EvidenceContext, source: AnswerSource
    ) -> (answers: [Answer], problems: [Problem]) {
        var answers: [Answer] = []
        var problems: [Problem] = []
        guard case .mapping(let m) = node else {
            return (
                [],
                [
                    Problem(
                        place: "\(file):\(node.mark?.line ?? 1)", message: "answers must be a mapping of step id: value"
                    )
                ]
            )
        }
        for (k, v) in m {
            let place = "\(file):\(k.mark?.line ?? 1):\(k.mark?.column ?? 1)"
            guard let stepId = k.string else { continue }
            guard let step = playbook.step(stepId) else {
                problems.append(
                    Problem(
                        place: place,
                        message: "no step '\(stepId)' in playbook '\(playbook.id)'"
                            + suggestion(stepId, among: playbook.steps.map(\.id))))
                continue
            }
            var text: String?
            var answerSource = source
            switch v {
            case .scalar(let s):
                if s.tag == Tag(.null) || s.string == "~" || s.string.isEmpty {
                    answers.append(Answer(step: stepId, value: .unknown, source: source))
                    continue
                }
                text = s.string
            case .mapping(let inner):
                if let t = inner["text"]?.string {
                    text = t
                    answerSource = .pasted
                } else if let path = inner["evidence"]?.string {
                    let url = URL(fileURLWithPath: path, relativeTo: baseDirectory)
                    guard let data = try? Data(contentsOf: url) else {
                        problems.append(Problem(place: place, message: "cannot read evidence file '\(path)'"))
                        continue
                    }
                    text = EvidenceText.decode(data)
                    answerSource = .evidenceFile(path)
                } else {
                    problems.append(
                        Problem(place: place, message: "use a plain value, {text: ...} or {evidence: FILE}"))
                    continue
                }
            default:
                problems.append(Problem(place: place, message: "use a plain value, {text: ...} or {evidence: FILE}"))
                continue
            }
            switch StepInput.interpret(text ?? "", for: step, in: playbook, context: context, source: answerSource) {
            case .success(let value): answers.append(Answer(step: stepId, value: value, source: answerSource))
            case .failure(let e): problems.append(Problem(place: place, message: "step '\(stepId)': \(e.message)"))
            }
        }
        return (answers, problems)
    }

    /// Answers from the text of an answers file (`step: value` mapping, see
    /// `answers(fromYAML:...)`): YAML syntax errors come back as problems with their line.
    public static func answers(
        fromText text: String, file: String, baseDirectory: URL, playbook: Playbook,
        context: EvidenceContext
    ) -> (answers: [Answer], problems: [Problem]) {
        var reader = YAMLReader(file: file)
        guard let node = reader.compose(text) else {
            return ([], reader.diagnostics.map { Problem(place: $0.location.description, message: $0.message) })
        }
        return answers(
            fromYAML: node, file: file, baseDirectory: baseDirectory, playbook: playbook,
            context: context, source: .answersFile(file))
    }

    /// Match evidence texts to the paste steps of a playbook: each text goes to the first
    /// step, in playbook order and not yet answered, that accepts the format it was
    /// recognised as. Texts that match no step are returned with the reason.
    public static func fill(
        playbook: Playbook, evidence: [EvidenceInput], existing: [Answer],
        context: EvidenceContext
    ) -> (answers: [Answer], unmatched: [Problem]) {
        var answered = Set(existing.map(\.step))
        var answers: [Answer] = []
        var unmatched: [Problem] = []
        for input in evidence {
            let text = EvidenceText.normalizeNewlines(input.text)
            var parseError: String?
            var parsed: ParsedEvidence?
            do { parsed = try input.parse(in: context) } catch { parseError = "\(error)" }
            if let p = parsed,
                let step = playbook.steps.first(where: {
                    $0.input == .paste && $0.parsers.contains(p.kind) && !answered.contains($0.id)
                })
            {
                let adapted = StepInput.adapt(p, for: step)
                if let problem = StepInput.unusable(adapted, for: step, text: text) {
                    unmatched.append(Problem(place: input.name, message: "step '\(step.id)': \(problem)"))
                    continue
                }
                answered.insert(step.id)
                answers.append(Answer(step: step.id, value: .evidence(adapted), source: .evidenceFile(input.name)))
                continue
            }
            // Not the detected format's step: a step whose own parsers read it (a bare value).
            var taken = false
            for step in playbook.steps where step.input == .paste && !answered.contains(step.id) {
                if case .success(let value) = StepInput.parseEvidence(text, for: step, context: context) {
                    answered.insert(step.id)
                    answers.append(Answer(step: step.id, value: value, source: .evidenceFile(input.name)))
                    taken = true
                    break
                }
            }
            if taken { continue }
            if let parseError {
                unmatched.append(Problem(place: input.name, message: parseError))
            } else if let p = parsed {
                unmatched.append(
                    Problem(
                        place: input.name,
                        message:
                            "recognised as \(p.kind), but no unanswered step of '\(playbook.id)' takes that evidence"))
            }
        }
        return (answers, unmatched)
    }

    /// Evidence already read (a hive, an event log file) and the name to cite for it.
    public struct ParsedInput {
        public var name: String
        public var parsed: ParsedEvidence
        public init(name: String, parsed: ParsedEvidence) {
            self.name = name
            self.parsed = parsed
        }
    }

    /// As `fill(playbook:evidence:...)`, for evidence that is already parsed: each goes to
    /// the first unanswered paste step, in playbook order, that takes its kind.
    public static func fill(playbook: Playbook, parsed: [ParsedInput], existing: [Answer]) -> (
        answers: [Answer], unmatched: [Problem]
    ) {
        var answered = Set(existing.map(\.step))
        var answers: [Answer] = []
        var unmatched: [Problem] = []
        for input in parsed {
            guard
                let step = playbook.steps.first(where: {
                    $0.input == .paste && $0.parsers.contains(input.parsed.kind) && !answered.contains($0.id)
                })
            else {
                unmatched.append(
                    Problem(
                        place: input.name,
                        message:
                            "recognised as \(input.parsed.kind), but no unanswered step of '\(playbook.id)' takes that evidence"
                    ))
                continue
            }
            answered.insert(step.id)
            answers.append(Answer(step: step.id, value: .evidence(input.parsed), source: .evidenceFile(input.name)))
        }
        return (answers, unmatched)
    }

    /// "FILE: N line(s) skipped, not read: line 5 '...'" for every evidence answer whose
    /// parser skipped lines, so that no skipped line goes unmentioned in a report.
    public static func skippedNotes(_ answers: [Answer]) -> [String] {
        answers.compactMap { answer in
            guard case .evidence(let e) = answer.value, !e.skippedLines.isEmpty else { return nil }
            let name: String = {
                if case .evidenceFile(let f) = answer.source { return f }
                return "step '\(answer.step)'"
            }()
            let first = e.skippedLines.prefix(3).map { "line \($0.line): \($0.message)" }.joined(separator: "; ")
            return "\(name): \(e.skippedLines.count) line(s) skipped, not read: \(first)"
                + (e.skippedLines.count > 3 ? "; ..." : "")
        }
    }

    /// Which playbook the evidence points to: the one whose paste steps can take the most
    /// of the evidence files, each file to its own step (two web.config files fit a farm
    /// playbook's two node steps better than a single-application playbook). Ties: file order.
    public static func choosePlaybook(_ playbooks: [Playbook], evidence: [EvidenceInput], context: EvidenceContext)
        -> Playbook?
    {
        let kinds = evidence.compactMap { try? $0.parse(in: context).kind }
        var best: (Playbook, Int)?
        for p in playbooks {
            var used = Set<String>()
            var score = 0
            for k in kinds {
                guard
                    let step = p.steps.first(where: {
                        $0.input == .paste && $0.parsers.contains(k) && !used.contains($0.id)
                    })
                else { continue }
                used.insert(step.id)
                score += 1
            }
            if score > 0, score > (best?.1 ?? 0) { best = (p, score) }
        }
        return best?.0
    }
}
