import Foundation
import Yams

/// Reads YAML nodes strictly, collecting every problem with its `file:line:col` instead of
/// stopping at the first: unknown keys (with a "did you mean"), missing keys, wrong types.
/// Shared by the playbook loader and the test-case loader.
struct YAMLReader {
    let file: String
    private(set) var diagnostics: [PlaybookDiagnostic] = []

    init(file: String) { self.file = file }

    /// Parse text into a node, turning a YAML syntax error into a diagnostic with its place.
    mutating func compose(_ text: String) -> Node? {
        do {
            // UTF-8 named: Yams' default encoding reads the whole process environment each time.
            guard let node = try Yams.compose(yaml: text, .default, .default, .utf8) else {
                report(
                    .error, SourceLocation(file: file, line: 1, column: 1), "the file is empty; expected a YAML mapping"
                )
                return nil
            }
            return node
        } catch let error as YamlError {
            // libyaml and Yams may quote the offending text: scrubbed and cut short.
            let problem = SecretScrubber.scrub(YAMLReader.problem(of: error))
            report(
                .error, location(of: error),
                "YAML syntax: " + (problem.count > 200 ? String(problem.prefix(197)) + "..." : problem))
        } catch {
            report(.error, SourceLocation(file: file, line: 1, column: 1), "YAML syntax: \(error)")
        }
        return nil
    }

    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file, line: 1, column: 1) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    /// Where a string's content starts (after an opening quote, or on the line after `|`).
    func contentLocation(_ node: Node) -> SourceLocation {
        let base = location(node)
        guard case .scalar(let scalar) = node else { return base }
        switch scalar.style {
        case .singleQuoted, .doubleQuoted: return base.advanced(by: 1)
        case .literal, .folded: return SourceLocation(file: file, line: base.line + 1, column: base.column + 2)
        default: return base
        }
    }

    mutating func report(_ severity: PlaybookDiagnostic.Severity, _ location: SourceLocation, _ message: String) {
        diagnostics.append(PlaybookDiagnostic(severity, location, message))
    }

    /// A mapping's entries by key. Unknown keys and duplicates are reported; required keys
    /// that are missing are reported at the mapping.
    mutating func mapping(_ node: Node?, _ what: String, allowed: [String], required: [String] = []) -> [String: Node]?
    {
        guard let node else { return nil }
        guard case .mapping(let m) = node else {
            report(.error, location(node), "\(what) must be a mapping of key: value")
            return nil
        }
        var out: [String: Node] = [:]
        for (k, v) in m {
            guard let key = k.string else {
                report(.error, location(k), "\(what) has a key that is not text")
                continue
            }
            if out[key] != nil {
                report(.error, location(k), "duplicate key '\(key)' in \(what)")
                continue
            }
            if !allowed.contains(key) {
                // Only key-name-shaped keys are quoted: a stray line of some other file is not.
                let shown =
                    key.count <= 40
                    && key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
                report(
                    .error, location(k),
                    shown
                        ? "unknown key '\(key)' in \(what)" + suggestion(key, among: allowed)
                        : "unknown key in \(what) (not a key name; check the indentation and colons on this line)")
                continue
            }
            out[key] = v
        }
        for key in required where out[key] == nil {
            report(.error, location(node), "\(what) is missing required key '\(key)'")
        }
        return out
    }

    mutating func sequence(_ node: Node?, _ what: String) -> [Node] {
        guard let node else { return [] }
        if case .sequence(let s) = node { return Array(s) }
        report(.error, location(node), "\(what) must be a list (items starting with '- ')")
        return []
    }

    mutating func string(_ node: Node?, _ what: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let s) = node else {
            report(.error, location(node), "\(what) must be text")
            return nil
        }
        return s.string
    }

    mutating func int(_ node: Node?, _ what: String) -> Int? {
        guard let node else { return nil }
        guard case .scalar(let s) = node, let i = Int(s.string) else {
            report(.error, location(node), "\(what) must be a whole number")
            return nil
        }
        return i
    }

    mutating func bool(_ node: Node?, _ what: String) -> Bool? {
        guard let node else { return nil }
        guard case .scalar(let s) = node, let b = YAMLReader.boolean(s.string) else {
            report(.error, location(node), "\(what) must be true or false")
            return nil
        }
        return b
    }

    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// A list of strings, also accepting a single string.
    mutating func strings(_ node: Node?, _ what: String) -> [String] {
        guard let node else { return [] }
        if case .scalar(let s) = node { return [s.string] }
        return sequence(node, what).compactMap { string($0, "\(what) item") }
    }

    private func location(of error: YamlError) -> SourceLocation {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return SourceLocation(file: file, line: mark.line, column: mark.column)
        default:
            return SourceLocation(file: file, line: 1, column: 1)
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            if let c = context { return "\(problem) (\(c.text) at line \(c.mark.line))" }
            return problem
        case .reader(let problem, _, _, _): return problem
        default: return "\(error)"
        }
    }
}
