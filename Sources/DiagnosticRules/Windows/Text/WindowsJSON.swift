import Foundation

/// JSON for the Windows reports: pretty, with sorted keys so output is stable for scripts and
/// diffs, and without escaped slashes so registry paths stay readable.
public enum WindowsJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
