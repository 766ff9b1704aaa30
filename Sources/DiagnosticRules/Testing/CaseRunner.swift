import Foundation

/// Runs example cases against playbooks and reports pass/fail and coverage, like `opa test`.
public struct CaseRunner {
    public struct CaseResult {
        public var name: String
        public var file: String
        public var playbook: String
        public var failures: [String]
        public var conclusion: Conclusion?
        public var passed: Bool { failures.isEmpty }
    }

    /// What the cases of one playbook exercised.
    public struct Coverage {
        public var playbook: String
        public var uncoveredRules: [String]
        public var uncoveredDiagnoses: [String]
        public var uncoveredSteps: [String]
        public var total: Int
        public var covered: Int
        public var percent: Double { total == 0 ? 100 : Double(covered) * 100 / Double(total) }
    }

    public var library: PlaybookLibrary
    public var context: EvidenceContext
    /// Reads an evidence file that is a registry hive or an event log (`keywizard test` passes
    /// the WindowsArtifacts readers; this library has none). Without it, a case with such a
    /// file fails, naming the file.
    public var artifactReader: (@Sendable (String) throws -> ParsedEvidence)?

    public init(
        library: PlaybookLibrary, context: EvidenceContext = EvidenceContext(),
        artifactReader: (@Sendable (String) throws -> ParsedEvidence)? = nil
    ) {
        self.library = library
        self.context = context
        self.artifactReader = artifactReader
    }

    public func run(_ c: PlaybookCase) -> CaseResult {
        var result = CaseResult(name: c.name, file: c.file, playbook: c.playbookId, failures: [], conclusion: nil)
        guard let playbook = library.playbook(c.playbookId) else {
            result.failures.append(
                "\(c.file): no playbook '\(c.playbookId)'"
                    + suggestion(c.playbookId, among: library.playbooks.map(\.id)))
            return result
        }
        var context = self.context
        if let list = c.knownKeys {
            let url = URL(fileURLWithPath: list, relativeTo: c.baseDirectory)
            guard let data = try? Data(contentsOf: url) else {
                result.failures.append("\(c.file): cannot read known_keys file '\(list)'")
                return result
            }
            do { context.knownKeyDigests.formUnion(try KnownKeys.load(text: EvidenceText.decode(data))) } catch {
                result.failures.append("\(c.file): known_keys file '\(list)' \(error); fix that line")
                return result
            }
        }
        var answers: [Answer] = []
        if let node = c.answersNode {
            let built = AnswerBuilder.answers(
                fromYAML: node, file: c.file, baseDirectory: c.baseDirectory, playbook: playbook,
                context: context, source: .answersFile(c.file))
            answers = built.answers
            result.failures += built.problems.map(\.description)
        }
        var inputs: [AnswerBuilder.EvidenceInput] = []
        var files: [AnswerBuilder.ParsedInput] = []
        for path in c.evidence {
            let url = URL(fileURLWithPath: path, relativeTo: c.baseDirectory)
            guard let data = try? Data(contentsOf: url) else {
                result.failures.append("\(c.file): cannot read evidence file '\(path)'")
                continue
            }
            if ArtifactKind.isArtifactFile(head: [UInt8](data.prefix(8))) {
                // A hive or event log, read as `keywizard diagnose` reads it.
                guard let read = artifactReader else {
                    result.failures.append(
                        "\(c.file): evidence '\(path)' is a registry hive or event log; run the case with `keywizard test` (its readers are not in this library)"
                    )
                    continue
                }
                do { files.append(.init(name: path, parsed: try read(url.path))) } catch {
                    result.failures.append("\(c.file): evidence '\(path)': \(error)")
                }
                continue
            }
            inputs.append(.init(name: path, text: EvidenceText.decode(data)))
        }
        let filled = AnswerBuilder.fill(playbook: playbook, evidence: inputs, existing: answers, context: context)
        answers += filled.answers
        result.failures += filled.unmatched.map { "\(c.file): evidence \($0.description)" }
        let fromFiles = AnswerBuilder.fill(playbook: playbook, parsed: files, existing: answers)
        answers += fromFiles.answers
        result.failures += fromFiles.unmatched.map { "\(c.file): evidence \($0.description)" }

        let conclusion = Engine(playbook: playbook).evaluate(answers)
        result.conclusion = conclusion
        let got = conclusion.diagnoses.map(\.diagnosis.id)
        for d in c.expectDiagnoses where !got.contains(d) {
            let why = Explainer(conclusion).whyNot(diagnosis: d).text
            result.failures.append(
                "\(c.file): expected diagnosis '\(d)', concluded [\(got.joined(separator: ", "))]\n\(why)")
        }
        for d in c.expectAbsent where got.contains(d) {
            result.failures.append(
                "\(c.file): diagnosis '\(d)' must NOT be concluded, but rule '\(conclusion.diagnoses.first { $0.diagnosis.id == d }!.rule)' concluded it"
            )
        }
        for (fact, expected, line) in c.expectFacts {
            let actual = conclusion.value(fact)
            let matches: Bool = {
                guard let a = actual else { return expected == "unknown" }
                if let t = playbook.fact(fact)?.type, let v = StepInput.typedValue(expected, as: t) {
                    return Evaluator.equal(a, v)
                }
                return a.description == expected
            }()
            if !matches {
                result.failures.append(
                    "\(c.file):\(line): fact '\(fact)' expected \(expected), got \(actual?.literal ?? "unknown")")
            }
        }
        if let complete = c.expectComplete, complete != conclusion.finished {
            result.failures.append(
                "\(c.file): expected the interview \(complete ? "finished" : "unfinished"), but next step is \(conclusion.nextStep?.id ?? "none")"
            )
        }
        if let next = c.expectNextStep, conclusion.nextStep?.id != next {
            result.failures.append(
                "\(c.file): expected next step '\(next)', got '\(conclusion.nextStep?.id ?? "none")'")
        }
        if !c.expectErrors && !conclusion.errors.isEmpty {
            result.failures.append(
                "\(c.file): engine errors: " + conclusion.errors.map(\.description).joined(separator: "; "))
        }
        if c.expectErrors && conclusion.errors.isEmpty {
            result.failures.append("\(c.file): expected engine errors, got none")
        }
        return result
    }

    public func coverage(_ results: [CaseResult]) -> [Coverage] {
        library.playbooks.map { p in
            let mine = results.filter { $0.playbook == p.id }.compactMap(\.conclusion)
            let fired = Set(mine.flatMap(\.fired))
            let concluded = Set(mine.flatMap { $0.diagnoses.map(\.diagnosis.id) })
            let asked = Set(mine.flatMap { c in c.answers.keys.filter { c.relevantSteps.contains($0) } })
            let rules = p.rules.map(\.id).filter { !fired.contains($0) }
            let diagnoses = p.diagnoses.map(\.id).filter { !concluded.contains($0) }
            let steps = p.steps.map(\.id).filter { !asked.contains($0) }
            let total = p.rules.count + p.diagnoses.count + p.steps.count
            return Coverage(
                playbook: p.id, uncoveredRules: rules, uncoveredDiagnoses: diagnoses, uncoveredSteps: steps,
                total: total, covered: total - rules.count - diagnoses.count - steps.count)
        }
    }
}
