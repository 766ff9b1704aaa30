/// The starts an operator types most (`keywizard`, `keywizard run`, with any of run's own
/// options), read without ArgumentParser.
///
/// Why: ArgumentParser finds a command's options by reflection and dynamic casts, and the
/// Swift runtime answers each first cast by scanning every protocol conformance in the
/// binary (about 7,000 records with Foundation linked in). Before the menu that is about
/// 16M instructions, half the time to the first screen. The wizard's own options are few
/// and fixed, so they are read here instead.
///
/// Only a shortcut, never a second grammar: anything it does not recognise exactly (help,
/// `--`, a value that starts with `-`, an empty value, an option given twice, any other
/// word) gives `nil`, and ArgumentParser reads the arguments as before, with its own
/// messages. `QuickStartTests` checks that every argument list read here is read by
/// ArgumentParser to the same `WizardLaunch`.
enum QuickStart {
    /// Run's options, by their long name.
    private enum Name: String, CaseIterable {
        case playbook, session, host, playbooks
        case plain, noColor = "no-color", keepEvidenceText = "keep-evidence-text", crlf

        /// Whether the option takes a value (the others are flags).
        var takesValue: Bool {
            switch self {
            case .playbook, .session, .host, .playbooks: return true
            case .plain, .noColor, .keepEvidenceText, .crlf: return false
            }
        }
    }

    /// The wizard start these arguments (without the program name) ask for, or `nil` when
    /// ArgumentParser must read them.
    static func launch(_ arguments: [String]) -> WizardLaunch? {
        var rest = arguments[...]
        if rest.first == "run" { rest = rest.dropFirst() }
        var launch = WizardLaunch()
        // An array, not a Set: a Set of a new type makes the runtime look up its Hashable
        // conformance by scanning every conformance record, at every start.
        var seen: [Name] = []
        while let word = rest.popFirst() {
            guard word.hasPrefix("--") else { return nil }
            let body = word.dropFirst(2)
            let spelled: Substring
            var value: Substring?
            if let equals = body.firstIndex(of: "=") {
                spelled = body[..<equals]
                value = body[body.index(after: equals)...]
            } else {
                spelled = body
            }
            guard let name = Name(rawValue: String(spelled)), !seen.contains(name) else { return nil }
            seen.append(name)
            if name.takesValue {
                if value == nil { value = rest.popFirst().map { Substring($0) } }
                guard let v = value, !v.isEmpty, !v.hasPrefix("-") else { return nil }
                let text = String(v)
                switch name {
                case .playbook: launch.playbook = text
                case .session: launch.session = text
                case .host: launch.host = text
                case .playbooks: launch.folder.explicit = text
                case .plain, .noColor, .keepEvidenceText, .crlf: return nil
                }
            } else {
                guard value == nil else { return nil }
                switch name {
                case .plain: launch.plain = true
                case .noColor: launch.noColor = true
                case .keepEvidenceText: launch.keepEvidenceText = true
                case .crlf: launch.crlf = true
                case .playbook, .session, .host, .playbooks: return nil
                }
            }
        }
        return launch
    }
}
