import Foundation

/// Turns what an operator typed into an answer for a step, with a message that says what
/// to type instead when it does not fit. Shared by the TUI, plain mode, answers files and
/// test cases, so every way in validates the same way.
public enum StepInput {
    public struct InputError: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The longest typed answer (pool names, paths, SIDs are short).
    public static let maximumAnswerBytes = 65_536
    /// The words that mean "I don't know" wherever an answer is typed.
    public static let unknownWords = ["?", "unknown", "don't know", "dont know", "idk"]

    /// Interpret `text` for `step`. Sensitive facts are fingerprinted here, before anything
    /// else sees them.
    public static func interpret(
        _ text: String, for step: Step, in playbook: Playbook,
        context: EvidenceContext = EvidenceContext(), source: AnswerSource = .typed
    ) -> Result<AnswerValue, InputError> {
        // Size first, before any parsing or matching: one clear line, never a hang.
        let limit = step.input == .paste ? RegularFileReader.maximumBytes : maximumAnswerBytes
        if text.utf8.count > limit {
            return .failure(
                InputError(
                    message: step.input == .paste
                        ? "the paste is larger than \(limit / 1_048_576) MB; paste only the command's output"
                        : "the answer is longer than \(limit / 1024) KB; type only what is asked"))
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if step.allowUnknown, unknownWords.contains(trimmed.lowercased()) {
            return .success(.unknown)
        }
        let fact = step.sets.flatMap { playbook.fact($0) }
        switch step.input {
        case .choice:
            if let n = Int(trimmed), n >= 1, n <= step.choices.count {
                return .success(.value(step.choices[n - 1].value))
            }
            if let c = step.choices.first(where: {
                $0.value.description.lowercased() == trimmed.lowercased()
                    || $0.label.lowercased() == trimmed.lowercased()
            }) {
                return .success(.value(c.value))
            }
            // The Windows question also takes what `ver` or `systeminfo` prints.
            if step.sets == "windows", let read = WindowsVersionText.answer(trimmed) {
                switch read {
                case .success(let value):
                    if step.choices.contains(where: { $0.value.description == value }) {
                        return .success(.value(.string(value)))
                    }
                case .failure(let message):
                    return .failure(InputError(message: message))
                }
            }
            return .failure(
                InputError(
                    message: "choose 1-\(step.choices.count) or one of: "
                        + step.choices.map { $0.value.description }.joined(separator: ", ")))
        case .yesno:
            switch trimmed.lowercased() {
            case "y", "yes", "true", "1": return .success(.value(.boolean(true)))
            case "n", "no", "false", "0": return .success(.value(.boolean(false)))
            default: return .failure(InputError(message: "answer y (yes) or n (no)"))
            }
        case .integer:
            guard let i = Int64(trimmed) else { return .failure(InputError(message: "type a whole number, e.g. 42")) }
            return .success(.value(.integer(i)))
        case .errorcode:
            guard let code = ErrorNotation.parse(trimmed) else {
                return .failure(
                    InputError(
                        message:
                            "type the code as shown (as keywizard decode reads it): 2148073478, -2146893818, 0x80090006, 5, NTE_BAD_SIGNATURE or Invalid Signature"
                    ))
            }
            return .success(.value(.integer(Int64(code))))
        case .guid:
            guard let g = GUIDText.normalize(trimmed) else {
                return .failure(
                    InputError(message: "type a GUID like 5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4 (braces optional)"))
            }
            return .success(.value(.guid(g)))
        case .text:
            if trimmed.isEmpty { return .failure(InputError(message: "type an answer, or ? if you don't know")) }
            // The pattern applies to sensitive answers too: a sensitive step validates exactly
            // as an ordinary one does, and only then is the text fingerprinted.
            let fitsPattern =
                step.pattern.map { p in
                    (try? NSRegularExpression(pattern: p)).map { BoundedRegex.firstMatch($0, in: trimmed) == true }
                        ?? true
                } ?? true
            let patternFailure = InputError(
                message: step.patternMessage ?? "the answer does not have the expected form (\(step.pattern ?? ""))")
            if fact?.sensitive == true {
                if !fitsPattern { return .failure(patternFailure) }
                let fp = KeyFingerprint(hexKey: trimmed) ?? KeyFingerprint(secretText: trimmed)
                return .success(.value(.string(fp.description)))
            }
            if SecretScrubber.containsSecret(trimmed) {
                // A key pasted into the wrong field must not be stored, shown or printed.
                return .failure(
                    InputError(
                        message:
                            "that looks like machine-key material, which KeyWizard never stores; type only what is asked"
                    ))
            }
            if !fitsPattern { return .failure(patternFailure) }
            return .success(.value(.string(trimmed)))
        case .paste:
            if trimmed.isEmpty {
                return .failure(InputError(message: "paste the command output, then finish the paste"))
            }
            return parseEvidence(text, for: step, context: context)
        }
    }

    /// Parse pasted text with the step's parsers: the first that recognises it wins; when none
    /// does, the error of the most likely one is shown (it names the line).
    public static func parseEvidence(_ text: String, for step: Step, context: EvidenceContext) -> Result<
        AnswerValue, InputError
    > {
        if let refusal = EvidenceText.overlongLine(text) { return .failure(InputError(message: refusal.description)) }
        let normalized = EvidenceText.normalizeNewlines(text)
        let candidates = step.parsers.compactMap(EvidenceRegistry.parser(id:))
        let ranked = candidates.sorted { $0.detect(normalized) > $1.detect(normalized) }
        var firstError: String?
        // A parser that read the text but found nothing for the step says more than one that
        // could not read it at all.
        var stepError: String?
        for parser in ranked {
            do {
                let parsed = adapt(try parser.parse(normalized, context: context), for: step)
                if let problem = unusable(parsed, for: step, text: normalized) {
                    if stepError == nil { stepError = problem }
                    continue
                }
                return .success(.evidence(parsed))
            } catch let e as EvidenceError {
                if firstError == nil { firstError = e.description }
            } catch {
                if firstError == nil { firstError = "\(error)" }
            }
        }
        let names = candidates.map(\.title).joined(separator: " or ")
        return .failure(
            InputError(
                message: (stepError ?? firstError ?? "not recognised") + (names.isEmpty ? "" : " (expected \(names))")))
    }

    /// A parse that gives none of the fields `step` maps is not an answer: "not recognised
    /// for this step", naming the first line nothing was read from. Evidence that the thing
    /// asked for is absent (the registry value does not exist, access denied) is an answer.
    public static func unusable(_ parsed: ParsedEvidence, for step: Step, text: String) -> String? {
        guard !step.fields.isEmpty else { return nil }
        // The Windows generation alone, or an empty list, answers nothing the step asks.
        func informative(_ name: String) -> Bool {
            guard name != "windows_hint", let f = parsed.field(name) else { return false }
            if case .list(let items) = f.value, items.isEmpty { return false }
            return true
        }
        if step.fields.contains(where: { informative($0.field) }) { return nil }
        if parsed.field("registry_value_missing") != nil || parsed.field("registry_access_denied") != nil { return nil }
        let title = EvidenceRegistry.parser(id: parsed.kind)?.title ?? parsed.kind
        let wanted = step.fields.map(\.field).filter { $0 != "windows_hint" }.joined(separator: ", ")
        var message = "not recognised for this step: read as \(title), but it gives none of \(wanted)"
        if parsed.field("event_count")?.value.integerValue == 0 { message += " (the output lists no events)" }
        if let line = firstUnreadLine(parsed, text: text) {
            message += "; first line it could not read: line \(line.number): '\(evidenceExcerpt(line.text))'"
        }
        return message
    }

    /// The first non-blank line no field came from and no note explains as harmless.
    static func firstUnreadLine(_ parsed: ParsedEvidence, text: String) -> (number: Int, text: Substring)? {
        let lines = EvidenceLines(text).lines
        if let note = parsed.notes.first(where: { $0.message.contains("skipped:") }), note.line <= lines.count {
            return (note.line, lines[note.line - 1].text)
        }
        let used = Set(parsed.fields.map(\.line))
        let prompts = Set(parsed.notes.filter { $0.message.contains("prompt line") }.map(\.line))
        let content = lines.filter { !$0.isBlank && !prompts.contains($0.number) }
        // Every line gave some field, none the step's: the first of them is what was not read
        // for this step.
        return (content.first { !used.contains($0.number) } ?? content.first).map { ($0.number, $0.text) }
    }

    /// A bare value (Get-ItemPropertyValue) given to a step that maps exactly one field is
    /// that field: the operator ran the command the step shows for that one value.
    public static func adapt(_ parsed: ParsedEvidence, for step: Step) -> ParsedEvidence {
        guard let bare = parsed.field("bare_value"), step.fields.count == 1, parsed.field(step.fields[0].field) == nil
        else { return parsed }
        let name = step.fields[0].field
        let raw = bare.value.description
        // The value must have the type the step's parsers give that field: a bare word is no GUID.
        let types = step.parsers.compactMap { EvidenceRegistry.parser(id: $0)?.schema.field(name)?.type }
        let value: Value?
        switch types.first ?? .string {
        case .guid: value = GUIDText.normalize(raw).map(Value.guid)
        case .integer: value = Int64(raw).map(Value.integer) ?? ErrorNotation.parse(raw).map { .integer(Int64($0)) }
        case .boolean: value = YAMLReader.boolean(raw).map(Value.boolean)
        case .string: value = .string(raw)
        case .list: value = nil
        }
        guard let value else { return parsed }
        var out = parsed
        out.fields.append(EvidenceField(name: name, value: value, line: bare.line))
        out.notes.append(
            EvidenceNote(
                line: bare.line, message: "a single value, taken as \(name) (the one value this step asks for)"))
        return out
    }

    /// A choice or answers-file value as the declared fact type.
    public static func typedValue(_ raw: String, as type: FactType) -> Value? {
        switch type {
        case .string: return .string(raw)
        case .integer: return Int64(raw).map(Value.integer) ?? ErrorNotation.parse(raw).map { .integer(Int64($0)) }
        case .boolean: return YAMLReader.boolean(raw).map(Value.boolean)
        case .guid: return GUIDText.normalize(raw).map(Value.guid)
        case .list: return .list(raw.split(separator: ",").map { .string($0.trimmingCharacters(in: .whitespaces)) })
        }
    }

    /// Values from parsers are converted to the declared type where that is lossless
    /// (a GUID parsed as text becomes a GUID).
    static func coerce(_ v: Value, to type: FactType?) -> Value {
        switch (v, type) {
        case (.string(let s), .guid?): return GUIDText.normalize(s).map(Value.guid) ?? v
        case (.guid(let g), .string?): return .string(g)
        default: return v
        }
    }
}
