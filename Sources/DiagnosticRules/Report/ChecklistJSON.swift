import Foundation

/// The checklist as JSON for scripts and ticketing tools: the `Checklist` structure, keys
/// sorted, versioned by its `format` field (`keywizard-checklist/1`).
public enum ChecklistJSON {
    public static func render(_ c: Checklist) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return OutputSanitizer.text(String(decoding: try encoder.encode(c), as: UTF8.self) + "\n")
    }
}
