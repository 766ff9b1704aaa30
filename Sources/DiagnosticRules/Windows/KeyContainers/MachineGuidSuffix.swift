import Foundation

/// MachineGuid as the key-container files carry it. CryptoAPI appends the registry string as
/// written (a value typed in upper case gives an upper-case suffix; one written with braces
/// gives a braced suffix), and Windows matches file names without regard to case but never
/// strips braces: `{73635458-...}` and `73635458-...` name different files, so a braced
/// value is a changed GUID, not the same one.
public enum MachineGuidSuffix {
    /// The suffix key: trimmed, lower case, braces kept; nil when the text is not a GUID
    /// (with or without one pair of braces).
    public static func suffix(_ text: String) -> String? {
        let t = Trimmed.whitespace(text)
        guard GUIDText.normalize(t) != nil else { return nil }
        return t.lowercased()
    }

    /// Distinct suffixes of `<32 hex>_<suffix>` file names, in order; only files whose prefix
    /// is `hash` when given.
    public static func suffixes(_ files: [String], hash: String?) -> [String] {
        var out: [String] = []
        for f in files {
            var name = Trimmed.whitespace(f)
            if let sep = name.lastIndex(where: { $0 == "\\" || $0 == "/" }) {
                name = String(name[name.index(after: sep)...])
            }
            guard let underscore = name.firstIndex(of: "_") else { continue }
            let prefix = name[..<underscore].lowercased()
            guard prefix.count == 32, prefix.allSatisfy({ $0.isASCII && $0.isHexDigit }) else { continue }
            if let h = hash, h != prefix { continue }
            guard let s = suffix(String(name[name.index(after: underscore)...])), !out.contains(s) else { continue }
            out.append(s)
        }
        return out
    }
}
