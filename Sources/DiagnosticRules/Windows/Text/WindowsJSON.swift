import Foundation

/// JSON for the command-line reports: pretty, with sorted snake_case keys (one key style
/// across every command) so output is stable for scripts and diffs, and without escaped
/// slashes so registry paths stay readable.
public enum WindowsJSON {
    /// A command's JSON output: the schema version first, then the results. New members may
    /// be added within a version; none is renamed or removed.
    public struct Document<T: Encodable>: Encodable {
        public var format: String
        public var results: [T]
        public init(format: String, results: [T]) {
            self.format = format
            self.results = results
        }
    }

    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
