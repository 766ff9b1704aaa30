/// `{fact}` placeholders in summaries and remediation text. A placeholder whose fact is
/// unknown renders as `{fact: unknown}` so that a gap is visible, never silently empty.
public enum Template {
    public static func placeholders(in text: String) -> [String] {
        var out: [String] = []
        var current: String?
        for c in text {
            if c == "{" { current = ""; continue }
            if c == "}", let name = current {
                if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { out.append(name) }
                current = nil
                continue
            }
            if current != nil { current!.append(c) }
        }
        return out
    }

    public static func render(_ text: String, _ value: (String) -> String?) -> String {
        var out = ""
        var current: String?
        for c in text {
            if c == "{" {
                if let pending = current { out += "{" + pending }
                current = ""
                continue
            }
            if c == "}", let name = current {
                if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                    out += value(name) ?? "{\(name): unknown}"
                } else {
                    out += "{" + name + "}"
                }
                current = nil
                continue
            }
            if current != nil { current!.append(c) } else { out.append(c) }
        }
        if let pending = current { out += "{" + pending }
        return out
    }
}
