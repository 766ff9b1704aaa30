import Foundation

/// Turns what an operator typed into an answer for a step, with a message that says what
/// to type instead when it does not fit. Shared by the TUI, plain mode, answers files and
/// test cases, so every way in validates the same way.
public enum StepInput {
    public struct InputError: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The words that mean "I don't know" wherever an answer is typed.
    public static let unknownWords = ["?", "unknown", "don't know", "dont know", "idk"]

    /// Interpret `text` for `step`. Sensitive facts are fingerprinted here, before anything
    /// else sees them.
    public static func interpret(_ text: String, for step: Step, in playbook: Playbook,
                                 context: EvidenceContext = EvidenceContext(), source: AnswerSource = .typed) -> Result<AnswerValue, InputError> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if step.allowUnknown, unknownWords.contains(trimmed.lowercased()) {
            return .success(.unknown)
        }
        let fact = step.sets.flatMap { playbook.fact($0) }
        switch step.input {
        case .choice:
            if let n = Int(trimmed), n >= 1, n <= step.choices.count { return .success(.value(step.choices[n - 1].value)) }
            if let c = step.choices.first(where: { $0.value.description.lowercased() == trimmed.lowercased() || $0.label.lowercased() == trimmed.lowercased() }) {
                return .success(.value(c.value))
            }
            return .failure(InputError(message: "choose 1-\(step.choices.count) or one of: " + step.choices.map { $0.value.description }.joined(separator: ", ")))
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
            guard let code = ErrorCodeText.parse(trimmed) else {
                return .failure(InputError(message: "type the error code as shown: 2148073478, -2146893818, 0x80090006 or 5"))
            }
            return .success(.value(.integer(Int64(code))))
        case .guid:
            guard let g = GUIDText.normalize(trimmed) else {
                return .failure(InputError(message: "type a GUID like 5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4 (braces optional)"))
            }
            return .success(.value(.guid(g)))
        case .text:
            if trimmed.isEmpty { return .failure(InputError(message: "type an answer, or ? if you don't know")) }
            if fact?.sensitive == true {
                let fp = KeyFingerprint(hexKey: trimmed) ?? KeyFingerprint(secretText: trimmed)
                return .success(.value(.string(fp.description)))
            }
            if SecretScrubber.containsSecret(trimmed) {
                // A key pasted into the wrong field must not be stored, shown or printed.
                return .failure(InputError(message: "that looks like machine-key material, which KeyWizard never stores; type only what is asked"))
            }
            if let p = step.pattern, let re = try? NSRegularExpression(pattern: p),
               re.firstMatch(in: trimmed, range: NSRange(trimmed.startIndex..., in: trimmed)) == nil {
                return .failure(InputError(message: step.patternMessage ?? "the answer does not have the expected form (\(p))"))
            }
            return .success(.value(.string(trimmed)))
        case .paste:
            if trimmed.isEmpty { return .failure(InputError(message: "paste the command output, then finish the paste")) }
            return parseEvidence(text, for: step, context: context)
        }
    }

    /// Parse pasted text with the step's parsers: the first that recognises it wins; when none
    /// does, the error of the most likely one is shown (it names the line).
    public static func parseEvidence(_ text: String, for step: Step, context: EvidenceContext) -> Result<AnswerValue, InputError> {
        let normalized = EvidenceText.normalizeNewlines(text)
        let candidates = step.parsers.compactMap(EvidenceRegistry.parser(id:))
        let ranked = candidates.sorted { $0.detect(normalized) > $1.detect(normalized) }
        var firstError: String?
        for parser in ranked {
            do {
                return .success(.evidence(try parser.parse(normalized, context: context)))
            } catch let e as EvidenceError {
                if firstError == nil { firstError = e.description }
            } catch {
                if firstError == nil { firstError = "\(error)" }
            }
        }
        let names = candidates.map(\.title).joined(separator: " or ")
        return .failure(InputError(message: (firstError ?? "not recognised") + (names.isEmpty ? "" : " (expected \(names))")))
    }

    /// A choice or answers-file value as the declared fact type.
    public static func typedValue(_ raw: String, as type: FactType) -> Value? {
        switch type {
        case .string: return .string(raw)
        case .integer: return Int64(raw).map(Value.integer) ?? ErrorCodeText.parse(raw).map { .integer(Int64($0)) }
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
