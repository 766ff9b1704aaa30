/// `{fact}` placeholders in summaries, help and remediation text. `{fact|text}` renders
/// `text` while the fact is unknown; a plain placeholder whose fact is unknown renders as
/// `{fact: unknown}` so that a gap is visible, never silently empty.
public enum Template {
    /// The fact names the text refers to.
    public static func placeholders(in text: String) -> [String] {
        pieces(text).compactMap {
            if case .placeholder(let name, _) = $0 { return name }
            return nil
        }
    }

    public static func render(_ text: String, _ value: (String) -> String?) -> String {
        pieces(text).map { piece in
            switch piece {
            case .text(let t): return t
            case .placeholder(let name, let fallback): return value(name) ?? fallback ?? "{\(name): unknown}"
            }
        }.joined()
    }

    enum Piece: Equatable {
        case text(String)
        case placeholder(String, fallback: String?)
    }

    /// Split text into literal runs and placeholders. Braces that do not hold a fact name
    /// (`{ }`, `{5C1F...}` GUIDs, JSON) stay literal text.
    static func pieces(_ text: String) -> [Piece] {
        var out: [Piece] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "}") else {
                literal += rest[open...]
                rest = rest[rest.endIndex...]
                break
            }
            let inside = after[..<close]
            let parts = inside.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts.first.map(String.init) ?? ""
            let isName =
                !name.isEmpty && name.first!.isLetter && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
                && !(name.count == 8 && name.allSatisfy(\.isHexDigit))
            if isName {
                if !literal.isEmpty {
                    out.append(.text(literal))
                    literal = ""
                }
                out.append(.placeholder(name, fallback: parts.count > 1 ? String(parts[1]) : nil))
            } else {
                literal += "{" + inside + "}"
            }
            rest = after[after.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { out.append(.text(literal)) }
        return out
    }
}
