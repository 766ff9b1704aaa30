import Foundation

/// `keywizard explain --parsers`: every parser id, its title, its fields with type and
/// meaning, and an example of the input it reads. Lives in the library so its shape is tested.
public enum ParserCatalog {
    public static func lines() -> [String] {
        var out: [String] = []
        for parser in EvidenceRegistry.all {
            out.append("\(parser.id)  \(parser.title)")
            let width = parser.schema.fields.map(\.name.count).max() ?? 0
            for f in parser.schema.fields {
                let type = f.type.rawValue + (f.alternateType.map { " or \($0.rawValue)" } ?? "")
                out.append(
                    "    \(f.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(type.padding(toLength: 17, withPad: " ", startingAt: 0))  \(f.meaning)"
                )
            }
            out.append("  example input:")
            for line in parser.schema.example.split(separator: "\n", omittingEmptySubsequences: false) {
                out.append("    | " + line.replacingOccurrences(of: "\t", with: "<TAB>"))
            }
            out.append("")
        }
        return out
    }
}
