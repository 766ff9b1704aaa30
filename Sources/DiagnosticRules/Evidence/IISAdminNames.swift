import Foundation

/// Names under which events show the IIS Admin Service (service key IISADMIN).
///
/// Why: on a localized server the 7024 event names the service by its localized display
/// name; read as plain text that is "another service" and the wizard would send the
/// operator away. The key name in the event's binary data is language-neutral and wins
/// when present; these names are the fallback.
///
/// Provenance: "IIS Admin Service" is the English display name (Microsoft KB 278381 and
/// the 7024 events quoted in the domain notes); "IIS Admin" is the short form seen on
/// Windows 2000/2003 events. Every other entry is UNVERIFIED (reconstructed from memory of
/// localized servers; the `search` tool found no page quoting them): German
/// "IIS-Verwaltungsdienst", French "Service d'administration IIS", Japanese
/// "IIS Admin サービス" / "IIS 管理サービス", Simplified Chinese "IIS Admin 服务" /
/// "IIS 管理服务", Traditional Chinese "IIS Admin 服務" / "IIS 管理服務". A name not listed
/// still works when the event carries the IISADMIN key or the operator pastes XML.
enum IISAdminNames {
    static let canonical = "IIS Admin Service"

    static let names: [String] = [
        "IIS Admin Service", "IIS Admin", "IISADMIN",
        "IIS-Verwaltungsdienst", // de-DE, unverified
        "Service d'administration IIS", // fr-FR, unverified
        "IIS Admin サービス", "IIS 管理サービス", // ja-JP, unverified
        "IIS Admin 服务", "IIS 管理服务", // zh-CN, unverified
        "IIS Admin 服務", "IIS 管理服務" // zh-TW, unverified
    ]

    /// True when `name` is one of `names`, ignoring case, quotes and apostrophe style.
    static func matches(_ name: String) -> Bool {
        let n = normalize(name)
        return names.contains { normalize($0) == n }
    }

    private static func normalize(_ s: String) -> String {
        s.replacingOccurrences(of: "\u{2019}", with: "'")
            .trimmingCharacters(in: CharacterSet(charactersIn: " \"'«»„“”「」\u{00A0}"))
            .lowercased()
    }
}
