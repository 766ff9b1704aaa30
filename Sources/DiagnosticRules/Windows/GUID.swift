import Foundation

/// GUIDs as Windows prints them: `5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4`, sometimes in braces
/// or upper case. Everything inside KeyWizard compares the normalised form.
public enum GUIDText {
    /// Lower case, no braces; nil when `text` is not a GUID (8-4-4-4-12 hex digits).
    public static func normalize(_ text: String) -> String? {
        var s = Trimmed.whitespaceAndNewlines(text)
        if s.hasPrefix("{") && s.hasSuffix("}") && s.count >= 2 { s = String(s.dropFirst().dropLast()) }
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.map(\.count) == [8, 4, 4, 4, 12] else { return nil }
        guard parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isHexDigit } }) else { return nil }
        return s.lowercased()
    }

    /// True when both texts are GUIDs and name the same GUID.
    public static func same(_ a: String, _ b: String) -> Bool {
        guard let x = normalize(a), let y = normalize(b) else { return false }
        return x == y
    }
}
