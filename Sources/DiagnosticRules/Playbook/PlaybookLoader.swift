import Crypto
import Foundation
import Yams

/// Turns a playbook YAML file into a `Playbook`, checking the schema strictly and parsing and
/// type-checking every condition up front. Every problem is reported with `file:line:col`.
public enum PlaybookLoader {
    /// The result of loading: the playbook when it is usable, and every finding.
    public struct Result {
        public var playbook: Playbook?
        public var diagnostics: [PlaybookDiagnostic]
        public var errors: [PlaybookDiagnostic] { diagnostics.filter { $0.severity == .error } }
    }

    public static func load(file url: URL, displayName: String? = nil) -> Result {
        let name = displayName ?? url.path
        let data: Data
        switch RegularFileReader.read(url.path) {
        case .success(let d): data = d
        case .failure(let f):
            // Only regular files are read: a symlink to /etc/shadow is refused by name.
            let why = f == .missing ? "cannot read the file; check that it exists and is readable" : "\(f.description)"
            return Result(
                playbook: nil,
                diagnostics: [PlaybookDiagnostic(.error, SourceLocation(file: name, line: 1, column: 1), why)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return Result(
                playbook: nil,
                diagnostics: [
                    PlaybookDiagnostic(
                        .error, SourceLocation(file: name, line: 1, column: 1),
                        "the file is not UTF-8 text; save it as UTF-8")
                ])
        }
        return load(text: text, file: name)
    }

    public static func load(text: String, file: String) -> Result {
        var r = YAMLReader(file: file)
        guard let root = r.compose(text) else { return Result(playbook: nil, diagnostics: r.diagnostics) }
        var builder = Builder(reader: r)
        let playbook = builder.build(
            root, contentHash: SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined())
        let diagnostics = builder.reader.diagnostics.sorted {
            ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column)
        }
        let hasErrors = diagnostics.contains { $0.severity == .error }
        return Result(playbook: hasErrors ? nil : playbook, diagnostics: diagnostics)
    }

    /// Whether a document's root is a mapping with at least one playbook key.
    static func looksLikePlaybook(_ root: Node) -> Bool {
        guard case .mapping(let m) = root else { return false }
        return m.keys.contains { $0.string.map(topKeys.contains) ?? false }
    }

    static let topKeys = [
        "id", "title", "version", "symptom", "menu", "references", "facts", "steps", "derived", "rules", "diagnoses",
        "windows"
    ]
    static let factKeys = ["id", "type", "description", "sensitive"]
    static let stepKeys = [
        "id", "prompt", "help", "command", "input", "sets", "parser", "fields", "choices", "pattern", "pattern_message",
        "ask_when", "allow_unknown", "select_key"
    ]
    static let choiceKeys = ["value", "label"]
    static let derivedKeys = ["id", "fact", "value"]
    static let ruleKeys = ["id", "description", "when", "then", "priority"]
    static let thenKeys = ["set", "conclude"]
    static let diagnosisKeys = [
        "id", "title", "severity", "confidence", "final", "summary", "remediation", "references"
    ]
    static let remediationKeys = ["text", "command", "caution", "verify", "verify_command"]
    static let referenceKeys = ["title", "url"]

    private struct Builder {
        var reader: YAMLReader

        mutating func build(_ root: Node, contentHash: String) -> Playbook? {
            // A file that is not a playbook at all (a config file, /etc/shadow) is reported by
            // name once, without quoting its contents line by line as unknown keys.
            if !PlaybookLoader.looksLikePlaybook(root) {
                reader.report(
                    .error, reader.location(root),
                    "this is not a KeyWizard playbook (expected a YAML mapping with id, title, version, symptom, steps and diagnoses); its contents are not shown"
                )
                return nil
            }
            guard
                let top = reader.mapping(
                    root, "the playbook", allowed: PlaybookLoader.topKeys,
                    required: ["id", "title", "version", "symptom", "steps", "diagnoses"])
            else { return nil }
            let id = reader.string(top["id"], "id") ?? ""
            let title = reader.string(top["title"], "title") ?? ""
            let version = reader.string(top["version"], "version") ?? ""
            let symptom = reader.string(top["symptom"], "symptom") ?? ""
            let menu = reader.string(top["menu"], "menu") ?? title
            let references = readReferences(top["references"])

            var facts: [FactDeclaration] = []
            var seen: [String: SourceLocation] = [:]
            for node in reader.sequence(top["facts"], "facts") {
                guard let m = reader.mapping(node, "a fact", allowed: PlaybookLoader.factKeys, required: ["id", "type"])
                else { continue }
                guard let name = reader.string(m["id"], "fact id") else { continue }
                let loc = reader.location(node)
                if let first = seen[name] {
                    reader.report(
                        .error, loc, "duplicate fact id '\(name)' (first declared at \(first.line):\(first.column))")
                    continue
                }
                seen[name] = loc
                let typeName = reader.string(m["type"], "fact type") ?? "string"
                guard let type = FactType(rawValue: typeName) else {
                    reader.report(
                        .error, reader.location(m["type"]),
                        "unknown fact type '\(typeName)'; use one of \(FactType.allCases.map(\.rawValue).joined(separator: ", "))"
                            + suggestion(typeName, among: FactType.allCases.map(\.rawValue)))
                    continue
                }
                facts.append(
                    FactDeclaration(
                        name: name, type: type, description: reader.string(m["description"], "fact description") ?? "",
                        sensitive: reader.bool(m["sensitive"], "sensitive") ?? false, location: loc))
            }
            var factTypes: [String: FactType] = [:]
            for f in facts { factTypes[f.name] = f.type }
            var checker = TypeChecker(factTypes: factTypes)

            var steps: [Step] = []
            var stepIds: [String: SourceLocation] = [:]
            for node in reader.sequence(top["steps"], "steps") {
                guard let step = readStep(node, factTypes: factTypes, checker: &checker) else { continue }
                for finding in PlaybookParserLint.findings(step, factTypes: factTypes) {
                    reader.report(finding.severity, finding.location, finding.message)
                }
                if let first = stepIds[step.id] {
                    reader.report(
                        .error, step.location, "duplicate step id '\(step.id)' (first at \(first.line):\(first.column))"
                    )
                    continue
                }
                stepIds[step.id] = step.location
                steps.append(step)
            }

            var derived: [DerivedFact] = []
            for node in reader.sequence(top["derived"], "derived") {
                guard
                    let m = reader.mapping(
                        node, "a derived fact", allowed: PlaybookLoader.derivedKeys, required: ["fact", "value"])
                else { continue }
                guard let fact = reader.string(m["fact"], "fact"), let e = expression(m["value"], "value") else {
                    continue
                }
                checkFact(fact, at: m["fact"], factTypes: factTypes)
                let t = checker.check(e)
                if let declared = factTypes[fact], !t.fits(.fact(declared)) {
                    reader.report(
                        .error, e.location,
                        "derived value '\(e.text)' is \(t) but fact '\(fact)' is declared \(declared.rawValue)")
                }
                derived.append(DerivedFact(fact: fact, value: e, location: reader.location(node)))
            }

            var diagnoses: [Diagnosis] = []
            var diagnosisIds: [String: SourceLocation] = [:]
            for node in reader.sequence(top["diagnoses"], "diagnoses") {
                guard let d = readDiagnosis(node, factTypes: factTypes) else { continue }
                if let first = diagnosisIds[d.id] {
                    reader.report(
                        .error, d.location, "duplicate diagnosis id '\(d.id)' (first at \(first.line):\(first.column))")
                    continue
                }
                diagnosisIds[d.id] = d.location
                diagnoses.append(d)
            }

            var rules: [Rule] = []
            var ruleIds: [String: SourceLocation] = [:]
            for (order, node) in reader.sequence(top["rules"], "rules").enumerated() {
                guard
                    let rule = readRule(
                        node, order: order, factTypes: factTypes, diagnosisIds: Set(diagnosisIds.keys),
                        checker: &checker)
                else { continue }
                if let first = ruleIds[rule.id] {
                    reader.report(
                        .error, rule.location, "duplicate rule id '\(rule.id)' (first at \(first.line):\(first.column))"
                    )
                    continue
                }
                ruleIds[rule.id] = rule.location
                rules.append(rule)
            }
            for d in checker.diagnostics { reader.report(d.severity, d.location, d.message) }

            var playbook = Playbook(
                id: id, title: title, version: version, symptom: symptom, menuLabel: menu, references: references,
                facts: facts, steps: steps, derived: derived, rules: rules, diagnoses: diagnoses,
                file: reader.file, contentHash: contentHash, location: reader.location(root))
            playbook.windows = readWindows(top["windows"])
            return playbook
        }

        /// `windows: [2003, 2008, 2008r2, 2012, 2016]`: the releases the playbook supports.
        mutating func readWindows(_ node: Node?) -> [WindowsRelease] {
            var out: [WindowsRelease] = []
            for item in reader.sequence(node, "windows") {
                guard let key = reader.string(item, "a Windows release") else { continue }
                guard let r = WindowsRelease(rawValue: key) else {
                    reader.report(
                        .error, reader.location(item),
                        "unknown Windows release '\(key)'; use one of \(WindowsRelease.allCases.map(\.rawValue).joined(separator: ", "))"
                            + suggestion(key, among: WindowsRelease.allCases.map(\.rawValue)))
                    continue
                }
                if out.contains(r) {
                    reader.report(.error, reader.location(item), "Windows release '\(key)' is listed twice")
                }
                out.append(r)
            }
            return out
        }

        /// A command: plain text (the same on every release) or a mapping from release,
        /// family or `all` to text. Keys are checked strictly, each at its own place.
        mutating func command(_ node: Node?, _ what: String) -> VersionedCommand? {
            guard let node else { return nil }
            if case .scalar = node {
                guard let text = reader.string(node, what) else { return nil }
                return VersionedCommand(text, at: reader.contentLocation(node))
            }
            guard case .mapping(let pairs) = node else {
                reader.report(
                    .error, reader.location(node),
                    "\(what) must be text or a mapping of Windows release to text (2003: ..., nt6: ...)")
                return nil
            }
            var variants: [VersionedCommand.Variant] = []
            for (k, v) in pairs {
                guard let key = k.string else {
                    reader.report(.error, reader.location(k), "\(what) has a key that is not text")
                    continue
                }
                guard VersionedCommand.validKeys.contains(key) else {
                    reader.report(
                        .error, reader.location(k),
                        "unknown Windows key '\(key)' in \(what); use all, nt5, nt6 or a release (\(WindowsRelease.allCases.map(\.rawValue).joined(separator: ", ")))"
                            + suggestion(key, among: VersionedCommand.validKeys))
                    continue
                }
                if variants.contains(where: { $0.key == key }) {
                    reader.report(.error, reader.location(k), "duplicate key '\(key)' in \(what)")
                    continue
                }
                if case .scalar(let sc) = v,
                    sc.tag.description == "tag:yaml.org,2002:null"
                        || (sc.style == .plain && ["~", "null"].contains(sc.string))
                {
                    variants.append(VersionedCommand.Variant(key: key, text: "", location: reader.contentLocation(v)))
                    continue
                }
                guard case .scalar = v, let text = reader.string(v, "\(what) for \(key)") else {
                    reader.report(.error, reader.location(v), "\(what) for \(key) must be one line of text")
                    continue
                }
                variants.append(VersionedCommand.Variant(key: key, text: text, location: reader.contentLocation(v)))
            }
            if variants.isEmpty {
                reader.report(.error, reader.location(node), "\(what) has no commands")
                return nil
            }
            return VersionedCommand(variants: variants)
        }

        mutating func expression(_ node: Node?, _ what: String) -> RuleExpression? {
            guard let node else { return nil }
            guard let text = reader.string(node, what) else { return nil }
            do {
                return try ExpressionParser.parse(text, at: reader.contentLocation(node))
            } catch let e as ExpressionParser.ParseError {
                reader.report(.error, e.location, e.message)
            } catch {
                reader.report(.error, reader.location(node), "\(error)")
            }
            return nil
        }

        mutating func checkFact(_ name: String, at node: Node?, factTypes: [String: FactType]) {
            if factTypes[name] == nil {
                reader.report(
                    .error, reader.location(node),
                    "unknown fact '\(name)'" + suggestion(name, among: Array(factTypes.keys)))
            }
        }

        mutating func readReferences(_ node: Node?) -> [Reference] {
            reader.sequence(node, "references").compactMap { n in
                if case .scalar(let s) = n {
                    return Reference(title: s.string, url: s.string.hasPrefix("http") ? s.string : nil)
                }
                guard
                    let m = reader.mapping(n, "a reference", allowed: PlaybookLoader.referenceKeys, required: ["title"])
                else { return nil }
                return Reference(title: reader.string(m["title"], "title") ?? "", url: reader.string(m["url"], "url"))
            }
        }

        mutating func readStep(_ node: Node, factTypes: [String: FactType], checker: inout TypeChecker) -> Step? {
            guard
                let m = reader.mapping(
                    node, "a step", allowed: PlaybookLoader.stepKeys, required: ["id", "prompt", "input"])
            else { return nil }
            guard let id = reader.string(m["id"], "step id") else { return nil }
            let loc = reader.location(node)
            let inputName = reader.string(m["input"], "input") ?? ""
            guard let input = InputKind(rawValue: inputName) else {
                reader.report(
                    .error, reader.location(m["input"]),
                    "unknown input kind '\(inputName)'; use one of \(InputKind.allCases.map(\.rawValue).joined(separator: ", "))"
                        + suggestion(inputName, among: InputKind.allCases.map(\.rawValue)))
                return nil
            }
            let sets = reader.string(m["sets"], "sets")
            if let s = sets { checkFact(s, at: m["sets"], factTypes: factTypes) }
            var fields: [(field: String, fact: String)] = []
            var fieldLocations: [SourceLocation] = []
            if let fm = m["fields"] {
                if case .mapping(let pairs) = fm {
                    for (k, v) in pairs {
                        guard let field = reader.string(k, "field"), let fact = reader.string(v, "fact") else {
                            continue
                        }
                        checkFact(fact, at: v, factTypes: factTypes)
                        fields.append((field, fact))
                        fieldLocations.append(reader.location(k))
                    }
                } else {
                    reader.report(
                        .error, reader.location(fm), "fields must map parser field names to facts (field: fact)")
                }
            }
            let parsers = reader.strings(m["parser"], "parser")
            let parserLocations: [SourceLocation] = {
                guard let node = m["parser"] else { return [] }
                if case .sequence(let items) = node { return items.map { reader.location($0) } }
                return [reader.location(node)]
            }()
            switch input {
            case .paste:
                if parsers.isEmpty {
                    reader.report(.error, loc, "step '\(id)' takes a paste but names no parser; add 'parser: <id>'")
                }
                if fields.isEmpty {
                    reader.report(
                        .error, loc, "step '\(id)' takes a paste but maps no fields; add 'fields: {parser_field: fact}'"
                    )
                }
                if sets != nil {
                    reader.report(
                        .error, reader.location(m["sets"]), "a paste step sets facts through 'fields', not 'sets'")
                }
            default:
                if sets == nil { reader.report(.error, loc, "step '\(id)' sets no fact; add 'sets: <fact>'") }
                if !fields.isEmpty {
                    reader.report(.error, reader.location(m["fields"]), "'fields' is only for paste steps")
                }
            }
            if let s = sets, let t = factTypes[s] {
                let expected: FactType? = {
                    switch input {
                    case .yesno: return .boolean
                    case .integer, .errorcode: return .integer
                    case .guid: return .guid
                    case .text: return .string
                    case .choice, .paste: return nil
                    }
                }()
                if let e = expected, e != t, !(Set([e, t]) == Set([.string, .guid])) {
                    reader.report(
                        .error, reader.location(m["sets"]),
                        "a \(input.rawValue) answer gives \(e.rawValue), but fact '\(s)' is declared \(t.rawValue)")
                }
            }
            var choices: [Choice] = []
            for c in reader.sequence(m["choices"], "choices") {
                guard
                    let cm = reader.mapping(
                        c, "a choice", allowed: PlaybookLoader.choiceKeys, required: ["value", "label"])
                else { continue }
                guard let raw = reader.string(cm["value"], "choice value"),
                    let label = reader.string(cm["label"], "label")
                else { continue }
                let type = sets.flatMap { factTypes[$0] } ?? .string
                guard let value = StepInput.typedValue(raw, as: type) else {
                    reader.report(
                        .error, reader.location(cm["value"]), "choice value '\(raw)' is not a \(type.rawValue)")
                    continue
                }
                choices.append(Choice(value: value, label: label, location: reader.location(c)))
            }
            if input == .choice && choices.count < 2 {
                reader.report(.error, loc, "choice step '\(id)' needs at least two choices")
            }
            if input != .choice && !choices.isEmpty {
                reader.report(.error, reader.location(m["choices"]), "only choice steps have choices")
            }
            let pattern = reader.string(m["pattern"], "pattern")
            if let p = pattern, (try? NSRegularExpression(pattern: p)) == nil {
                reader.report(.error, reader.contentLocation(m["pattern"]!), "invalid regular expression \"\(p)\"")
            }
            let askWhen = expression(m["ask_when"], "ask_when")
            if let e = askWhen { checker.checkCondition(e, role: "ask_when") }
            let selectKey = reader.string(m["select_key"], "select_key")
            if let key = selectKey {
                checkFact(key, at: m["select_key"], factTypes: factTypes)
                if input != .paste {
                    reader.report(.error, reader.location(m["select_key"]), "'select_key' is only for paste steps")
                } else if let t = factTypes[key], t != .string {
                    reader.report(
                        .error, reader.location(m["select_key"]),
                        "select_key names the registry key to read, so fact '\(key)' must be a string, not \(t.rawValue)"
                    )
                }
            }
            let commands = command(m["command"], "command")
            return Step(
                id: id, prompt: reader.string(m["prompt"], "prompt") ?? "",
                help: reader.string(m["help"], "help") ?? "",
                command: commands.flatMap { $0.isPlain ? $0.texts[0] : nil }, commands: commands, input: input,
                sets: sets, parsers: parsers, fields: fields,
                choices: choices, pattern: pattern,
                patternMessage: reader.string(m["pattern_message"], "pattern_message"),
                askWhen: askWhen, allowUnknown: reader.bool(m["allow_unknown"], "allow_unknown") ?? true, location: loc,
                parserLocations: parserLocations, fieldLocations: fieldLocations, selectKey: selectKey)
        }

        mutating func readRule(
            _ node: Node, order: Int, factTypes: [String: FactType], diagnosisIds: Set<String>,
            checker: inout TypeChecker
        ) -> Rule? {
            guard
                let m = reader.mapping(
                    node, "a rule", allowed: PlaybookLoader.ruleKeys, required: ["id", "when", "then"])
            else { return nil }
            guard let id = reader.string(m["id"], "rule id") else { return nil }
            guard let when = expression(m["when"], "when") else { return nil }
            checker.checkCondition(when, role: "when")
            var sets: [(fact: String, value: RuleExpression)] = []
            var concludes: [String] = []
            if let then = reader.mapping(m["then"], "then", allowed: PlaybookLoader.thenKeys) {
                if let setNode = then["set"] {
                    if case .mapping(let pairs) = setNode {
                        for (k, v) in pairs {
                            guard let fact = reader.string(k, "fact"), let e = expression(v, "value") else { continue }
                            checkFact(fact, at: k, factTypes: factTypes)
                            let t = checker.check(e)
                            if let declared = factTypes[fact], !t.fits(.fact(declared)) {
                                reader.report(
                                    .error, e.location,
                                    "'\(e.text)' is \(t) but fact '\(fact)' is declared \(declared.rawValue)")
                            }
                            sets.append((fact, e))
                        }
                    } else {
                        reader.report(
                            .error, reader.location(setNode), "set must map facts to values (fact: expression)")
                    }
                }
                for (i, d) in reader.strings(then["conclude"], "conclude").enumerated() {
                    if !diagnosisIds.contains(d) {
                        let at: Node? = {
                            if case .sequence(let s) = then["conclude"], i < s.count { return s[i] }
                            return then["conclude"]
                        }()
                        reader.report(
                            .error, reader.location(at),
                            "unknown diagnosis '\(d)'" + suggestion(d, among: Array(diagnosisIds)))
                    }
                    concludes.append(d)
                }
                if sets.isEmpty && concludes.isEmpty {
                    reader.report(
                        .error, reader.location(m["then"]),
                        "rule '\(id)' does nothing; 'then' needs 'set' or 'conclude'")
                }
            }
            return Rule(
                id: id, description: reader.string(m["description"], "description") ?? "", when: when, sets: sets,
                concludes: concludes, priority: reader.int(m["priority"], "priority") ?? 0, order: order,
                location: reader.location(node))
        }

        mutating func readDiagnosis(_ node: Node, factTypes: [String: FactType]) -> Diagnosis? {
            guard
                let m = reader.mapping(
                    node, "a diagnosis", allowed: PlaybookLoader.diagnosisKeys,
                    required: ["id", "title", "severity", "summary"])
            else { return nil }
            guard let id = reader.string(m["id"], "diagnosis id") else { return nil }
            let sevName = reader.string(m["severity"], "severity") ?? "medium"
            let severity =
                Severity(rawValue: sevName)
                ?? {
                    reader.report(
                        .error, reader.location(m["severity"]),
                        "unknown severity '\(sevName)'; use one of \(Severity.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                    return .medium
                }()
            let confName = reader.string(m["confidence"], "confidence") ?? "medium"
            let confidence =
                Confidence(rawValue: confName)
                ?? {
                    reader.report(
                        .error, reader.location(m["confidence"]),
                        "unknown confidence '\(confName)'; use one of high, medium, low")
                    return .medium
                }()
            let summary = reader.string(m["summary"], "summary") ?? ""
            checkPlaceholders(summary, at: m["summary"], factTypes: factTypes)
            var remediation: [RemediationStep] = []
            for r in reader.sequence(m["remediation"], "remediation") {
                guard
                    let rm = reader.mapping(
                        r, "a remediation step", allowed: PlaybookLoader.remediationKeys, required: ["text"])
                else { continue }
                let commands = command(rm["command"], "command")
                let verifyCommands = command(rm["verify_command"], "verify_command")
                let texts = command(rm["text"], "text")
                var step = RemediationStep(
                    text: texts.flatMap { $0.isPlain ? $0.texts[0] : $0.texts.first { !$0.isEmpty } } ?? "",
                    command: commands.flatMap { $0.isPlain ? $0.texts[0] : nil },
                    caution: reader.string(rm["caution"], "caution"), verify: reader.string(rm["verify"], "verify"),
                    verifyCommand: verifyCommands.flatMap { $0.isPlain ? $0.texts[0] : nil },
                    commands: commands, verifyCommands: verifyCommands)
                step.texts = texts
                for t in (texts?.texts ?? []) { checkPlaceholders(t, at: rm["text"], factTypes: factTypes) }
                for (key, text) in [("caution", step.caution), ("verify", step.verify)] {
                    if let t = text { checkPlaceholders(t, at: rm[key], factTypes: factTypes) }
                }
                for t in (commands?.texts ?? []) { checkPlaceholders(t, at: rm["command"], factTypes: factTypes) }
                for t in (verifyCommands?.texts ?? []) {
                    checkPlaceholders(t, at: rm["verify_command"], factTypes: factTypes)
                }
                remediation.append(step)
            }
            return Diagnosis(
                id: id, title: reader.string(m["title"], "title") ?? "", severity: severity, confidence: confidence,
                final: reader.bool(m["final"], "final") ?? false, summary: summary, remediation: remediation,
                references: readReferences(m["references"]), location: reader.location(node))
        }

        /// `{fact}` placeholders must name declared facts.
        mutating func checkPlaceholders(_ text: String, at node: Node?, factTypes: [String: FactType]) {
            for name in Template.placeholders(in: text) where factTypes[name] == nil {
                reader.report(
                    .error, reader.location(node),
                    "placeholder '{\(name)}' names no fact" + suggestion(name, among: Array(factTypes.keys)))
            }
        }
    }
}
