import Foundation

/// Checks a step's `parser:` ids and `fields:` keys against the parsers' published schemas
/// (`EvidenceParser.schema`): an unknown id, a field no named parser emits, or a field whose
/// type cannot be stored in the fact it maps to. Every step kind, whatever its ask_when.
///
/// Why: `parser: [event-txt]` or `fields: {machine_giud: machine_guid}` used to load and lint
/// clean and then read nothing at run time. The loader reports these as load errors (so a
/// playbook with them never runs) and `PlaybookLinter` reports them too, with file:line:col
/// of the id or key itself.
public enum PlaybookParserLint {
    public static func findings(_ step: Step, factTypes: [String: FactType]) -> [PlaybookDiagnostic] {
        var out: [PlaybookDiagnostic] = []
        var known: [(id: String, schema: EvidenceSchema)] = []
        let ids = EvidenceRegistry.all.map(\.id) + ArtifactKind.all.sorted()
        for (index, id) in step.parsers.enumerated() {
            let location = index < step.parserLocations.count ? step.parserLocations[index] : step.location
            if let parser = EvidenceRegistry.parser(id: id) {
                known.append((id, parser.schema))
                continue
            }
            if let schema = ArtifactKind.schema(id) {
                known.append((id, schema))
                continue
            }
            out.append(
                PlaybookDiagnostic(
                    .error, location,
                    "step '\(step.id)' names unknown parser '\(id)'" + suggestion(id, among: ids)
                        + "; `keywizard explain --parsers` lists the parsers"))
        }
        if step.input != .paste && !step.parsers.isEmpty {
            out.append(
                PlaybookDiagnostic(
                    .error, step.parserLocations.first ?? step.location, "'parser' is only for paste steps"))
        }
        out += keyFindings(step)
        guard !known.isEmpty, known.count == step.parsers.count else { return out }
        for (index, mapping) in step.fields.enumerated() {
            let location = index < step.fieldLocations.count ? step.fieldLocations[index] : step.location
            let specs = known.compactMap { $0.schema.field(mapping.field) }
            if specs.isEmpty {
                let offered = Array(Set(known.flatMap { $0.schema.fields.map(\.name) })).sorted()
                out.append(
                    PlaybookDiagnostic(
                        .error, location,
                        "step '\(step.id)': no parser of \(known.map(\.id).joined(separator: ", ")) gives field '\(mapping.field)'"
                            + suggestion(mapping.field, among: offered)))
                continue
            }
            if let factType = factTypes[mapping.fact], !specs.contains(where: { $0.fits(factType) }) {
                out.append(
                    PlaybookDiagnostic(
                        .error, location,
                        "step '\(step.id)': field '\(mapping.field)' is \(specs[0].type.rawValue), but fact '\(mapping.fact)' is declared \(factType.rawValue)"
                    ))
            }
        }
        return out
    }
}

extension PlaybookParserLint {
    /// Fields a hive kind gives per registry key: without `select_key` a step would read them
    /// from whichever key the hive lists first (another SID's AutoGenKeys, the 4.0 key of a
    /// 2.0 pool), so such a step must name the key.
    static let perKeyFields: Set<String> = [
        "autogen_key_present", "autogen_key_fingerprint", "autogen_key_length", "autogen_key_creation_time",
        "autogen_key_format", "autogen_key_names", "registry_value_missing", ParsedEvidence.readFromHiveFile
    ]
    static let keyedKinds: Set<String> = [ArtifactKind.softwareHive, ArtifactKind.userHive]

    static func keyFindings(_ step: Step) -> [PlaybookDiagnostic] {
        let hives = step.parsers.filter { keyedKinds.contains($0) }
        if step.selectKey == nil, !hives.isEmpty,
            let index = step.fields.firstIndex(where: { perKeyFields.contains($0.field) })
        {
            let location = index < step.fieldLocations.count ? step.fieldLocations[index] : step.location
            return [
                PlaybookDiagnostic(
                    .error, location,
                    "step '\(step.id)' reads '\(step.fields[index].field)' from \(hives.joined(separator: ", ")), which holds that field for several keys (one per SID and ASP.NET version); add 'select_key: <fact>' naming the key to read, e.g. the fact holding HKLM\\SOFTWARE\\Microsoft\\ASP.NET\\<version>\\AutoGenKeys\\<SID>"
                )
            ]
        }
        if step.selectKey != nil, hives.isEmpty, step.input == .paste {
            return [
                PlaybookDiagnostic(
                    .warning, step.location,
                    "step '\(step.id)': select_key has no effect, because none of its parsers (\(step.parsers.joined(separator: ", "))) reads a hive holding several keys (\(keyedKinds.sorted().joined(separator: ", ")))"
                )
            ]
        }
        return []
    }
}

extension PlaybookLinter {
    /// `PlaybookParserLint` for every step of `p`.
    static func parserFindings(_ p: Playbook) -> [PlaybookDiagnostic] {
        let types = Dictionary(p.facts.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
        return p.steps.flatMap { PlaybookParserLint.findings($0, factTypes: types) }
    }
}
