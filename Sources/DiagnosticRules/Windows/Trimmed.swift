import Foundation

/// `trimmingCharacters(in:)` for the engine's hot built-ins (`file_suffix`, `guid_of`,
/// `container_suffixes` run on every key file of a listing, every session of `replay --all`):
/// Foundation's version bridges to NSString and copies even when there is nothing to trim,
/// which showed as a tenth of a replay. Text whose first and last bytes are printable ASCII
/// other than a space has nothing to trim in either set (both hold only spaces, separators,
/// controls and NEL), so it comes back as is; anything else goes to Foundation.
enum Trimmed {
    /// `text.trimmingCharacters(in: .whitespaces)`.
    static func whitespace(_ text: String) -> String {
        nothingToTrim(text) ? text : text.trimmingCharacters(in: .whitespaces)
    }

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)`.
    static func whitespaceAndNewlines(_ text: String) -> String {
        nothingToTrim(text) ? text : text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static func nothingToTrim(_ text: String) -> Bool {
        guard let first = text.utf8.first, let last = text.utf8.last else { return false }
        return (0x21...0x7E).contains(first) && (0x21...0x7E).contains(last)
    }
}
