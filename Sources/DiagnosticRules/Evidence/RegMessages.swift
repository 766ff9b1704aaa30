import Foundation

/// The messages `reg.exe` prints instead of values, in the languages KeyWizard reads.
///
/// Why: a paste that says "the key is not there" is evidence too (the playbooks branch on
/// it), and Windows prints it in the server's display language. reg.exe 3.0 (2000/XP/2003)
/// writes "Error:  The system was ..." with a mixed-case prefix and two spaces; Vista and
/// later write "ERROR: The system was ...".
///
/// Provenance: the English wordings are the ones quoted in issue 10 and in the Microsoft
/// `reg query` documentation examples. The German, French, Japanese and Chinese wordings are
/// reconstructed from memory of localized servers and are UNVERIFIED: they are matched on
/// short distinctive fragments so that small wording differences still match, and any
/// other language is refused with advice to paste a `reg export` file instead.
enum RegMessages {
    enum Kind { case missing, denied }

    /// (language, error prefix, fragments that mark "not found").
    static let missing: [(String, [String], [String])] = [
        ("en", ["ERROR:", "Error:"], ["unable to find the specified registry key"]),
        ("de", ["FEHLER:", "Fehler:"], ["nicht gefunden", "konnte den angegebenen registrierungsschlüssel"]),
        ("fr", ["ERREUR", "Erreur"], ["pas trouvé", "introuvable", "impossible de trouver"]),
        ("ja", ["エラー:", "エラー："], ["見つかりません", "見つかりませんでした"]),
        ("zh-CN", ["错误:", "错误："], ["找不到指定的注册表项", "找不到"]),
        ("zh-TW", ["錯誤:", "錯誤："], ["找不到指定的登錄", "找不到"])
    ]

    static let denied: [(String, [String], [String])] = [
        ("en", ["ERROR:", "Error:"], ["access is denied"]),
        ("de", ["FEHLER:", "Fehler:"], ["zugriff verweigert"]),
        ("fr", ["ERREUR", "Erreur"], ["accès refusé"]),
        ("ja", ["エラー:", "エラー："], ["アクセスが拒否されました"]),
        ("zh-CN", ["错误:", "错误："], ["拒绝访问"]),
        ("zh-TW", ["錯誤:", "錯誤："], ["存取被拒"])
    ]

    /// The language of `t` when it is one of `table`'s messages.
    static func match(_ t: Substring, _ table: [(String, [String], [String])]) -> String? {
        let lower = t.lowercased()
        for (language, prefixes, fragments) in table where prefixes.contains(where: { t.hasPrefix($0) }) {
            if fragments.contains(where: { lower.contains($0.lowercased()) }) { return language }
        }
        return nil
    }

    static func classify(_ t: Substring) -> (String, Kind)? {
        if let l = match(t, missing) { return (l, .missing) }
        if let l = match(t, denied) { return (l, .denied) }
        return nil
    }
}

/// Cues in evidence text that tell which Windows generation printed it (`windows_hint`).
enum WindowsGeneration {
    /// "nt5" for a `Documents and Settings` path, "nt6" for `C:\ProgramData` / `C:\Users`.
    static func hint<S: StringProtocol>(inPath text: S) -> String? {
        let lower = text.lowercased()
        if lower.contains("documents and settings") { return "nt5" }
        if lower.contains(":\\programdata\\") || lower.hasSuffix(":\\programdata") || lower.contains(":\\users\\") {
            return "nt6"
        }
        return nil
    }
}
