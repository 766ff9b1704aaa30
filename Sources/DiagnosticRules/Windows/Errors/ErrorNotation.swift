import Foundation

/// The one notation for error codes: everything `keywizard decode` accepts, accepted by
/// every error-code question, answers file, playbook test and event parser.
///
/// - numbers: unsigned / signed decimal, `0x` hex, 8-digit hex, `%%N`, `N (0xH)`
///   (`ErrorCodeText.parse`);
/// - winerror.h names: `NTE_BAD_SIGNATURE`, `ERROR_ACCESS_DENIED`;
/// - message texts of the curated codes, with or without the final period and in any case:
///   `Invalid Signature` (what 2012 R2 and later print in event 7024), `Keyset does not exist`;
/// - localized message texts of the same codes where listed in `localizedMessages`.
public enum ErrorNotation {
    public static func parse(_ text: String) -> UInt32? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let value = ErrorCodeText.parse(trimmed) { return value }
        if let (_, value) = WinErrorNames.lookup(name: trimmed) { return value }
        return message(trimmed)
    }

    /// The HRESULT whose curated message is `text` (ignoring case, final period, spaces).
    public static func message(_ text: String) -> UInt32? {
        let key = normalize(text)
        guard !key.isEmpty else { return nil }
        if let hit = byMessage[key] { return hit }
        return localizedMessages[key]
    }

    /// Messages of the error codes, in the languages KeyWizard reads events in. UNVERIFIED:
    /// reconstructed from memory of localized servers (see `EventMessageForms`).
    static let localizedMessages: [String: UInt32] = {
        var out: [String: UInt32] = [:]
        for (text, code) in [
            ("Ungültige Signatur", 0x8009_0006 as UInt32), // de-DE, unverified
            ("Signature non valide", 0x8009_0006), // fr-FR, unverified
            ("署名が無効です", 0x8009_0006), // ja-JP, unverified
            ("签名无效", 0x8009_0006), ("无效的签名", 0x8009_0006), // zh-CN, unverified
            ("簽章無效", 0x8009_0006), ("無效的簽章", 0x8009_0006) // zh-TW, unverified
        ] { out[normalize(text)] = code }
        return out
    }()

    private static let byMessage: [String: UInt32] = {
        var out: [String: UInt32] = [:]
        for (code, m) in ErrorMessages.hresult { if let t = m.text, m.confirmed { out[normalize(t)] = code } }
        for (code, m) in ErrorMessages.win32 where out[normalize(m.text ?? "")] == nil {
            if let t = m.text, m.confirmed { out[normalize(t)] = code }
        }
        return out
    }()

    private static func normalize(_ text: String) -> String {
        var t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        while let last = t.last, last == "." || last == "。" { t.removeLast() }
        return t.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }
}
