import Foundation

/// Builds the `ParsedEvidence` of a file read by a reader outside this module (a hive, an
/// `.evtx` log) through the same rules the text parsers use, so that a value read from a
/// hive gives the same fact as the same value pasted from `reg query`.
///
/// Every field carries its `place` (the key and value, or the record number) and line 0:
/// a fact read from a file cites the file and that place, not a line.
public struct ArtifactEvidenceBuilder {
    private var builder: EvidenceBuilder
    /// Ordinal "line" given to `EvidenceBuilder` -> place it stands for.
    private var places: [Int: String] = [:]
    private var ordinal = 0
    /// The keys a step may select by a fact (`select_key`), when the file holds several.
    public var registryKeys: RegistryKeyEvidence?

    public init(kind: String) { builder = EvidenceBuilder(parser: kind) }

    /// One registry key as a step with `select_key` takes it: the `reg query` fields of its
    /// values (AutoGenKey data only as a fingerprint), each cited as `key PATH, value NAME`,
    /// after `file: ` when the evidence joins several files. `containsSecrets`: the key held
    /// an AutoGenKey, so the evidence it goes into holds secret-derived data.
    public static func key(_ path: String, values: [ArtifactRegistryValue], kind: String, file: String? = nil)
        -> (key: RegistryKeyEvidence.Key, containsSecrets: Bool)
    {
        var b = ArtifactEvidenceBuilder(kind: kind)
        b.registryKey(path, values: values)
        let parsed = b.build(summary: "")
        let prefix = file.map { "\($0): " } ?? ""
        let fields = parsed.fields.map { f in
            EvidenceField(name: f.name, value: f.value, line: f.line, place: f.place.map { prefix + $0 })
        }
        return (RegistryKeyEvidence.Key(path: path, fields: fields, notes: parsed.notes), parsed.containsSecrets)
    }

    /// Marks the evidence as holding secret-derived data (a key's fingerprint).
    public mutating func markSecrets() { builder.containsSecrets = true }

    private mutating func next(_ place: String) -> Int {
        ordinal += 1
        places[ordinal] = place
        return ordinal
    }

    /// The values of one key, read with the `reg query` rules (`registry_key`, `values`,
    /// `machine_guid`, the `autogen_key_*` fields). Fields already present are kept.
    public mutating func registryKey(_ path: String, values: [ArtifactRegistryValue]) {
        let keyLine = next("key \(path)")
        let converted = values.map { v in
            RegistryValue(
                name: v.name, type: v.type, display: v.display, bytes: v.bytes, number: v.number,
                line: next("key \(path), value \(v.name.isEmpty ? "(Default)" : v.name)"))
        }
        RegistryEvidence.emit(key: (path, keyLine), values: converted, into: &builder)
    }

    /// Events newest first: the shared event fields describe the first one (as with
    /// `wevtutil /rd:true`), `events` lists all of them.
    public mutating func events(_ events: [ArtifactEvent], listed: [ArtifactEvent]) {
        var records: [EventRecord] = []
        for e in events {
            let line = next("record \(e.recordNumber)")
            var r = EventRecord(line: line)
            r.eventID = (e.eventID, line)
            r.provider = (e.provider, line)
            r.timeCreated = (e.timeCreated, line)
            if let c = e.computer { r.computer = (c, line) }
            r.data = e.data.enumerated().map { (name: "param\($0.offset + 1)", value: $0.element, line: line) }
            records.append(r)
        }
        EventEvidence.emit(records, into: &builder)
        let line = next("all records")
        builder.addList("events", listed.map { .string(Self.describe($0)) }, line: line)
    }

    /// `record 12  2019-03-19T23:02:36Z  7036  Service Control Manager  Windows Error Reporting Service | running`
    public static func describe(_ e: ArtifactEvent) -> String {
        let data = e.data.filter { !$0.isEmpty && !Self.looksBinary($0) }.joined(separator: " | ")
        return "record \(e.recordNumber)  \(e.timeCreated)  \(e.eventID)  \(e.provider)"
            + (data.isEmpty ? "" : "  \(data)")
    }

    /// Hex dumps of the Binary element (the service key name in UTF-16) are not parameters.
    private static func looksBinary(_ s: String) -> Bool {
        s.count >= 16 && s.count % 2 == 0 && s.allSatisfy { $0.isASCII && $0.isHexDigit }
    }

    public mutating func add(_ name: String, _ value: Value, place: String) {
        builder.add(name, value, line: next(place))
    }

    public mutating func addList(_ name: String, _ values: [Value], place: String) {
        builder.addList(name, values, line: next(place))
    }

    public mutating func note(_ message: String) {
        builder.note(0, message)
    }

    public func has(_ name: String) -> Bool { builder.has(name) }

    /// The evidence, with each field's place set and its line 0.
    public func build(summary: String) -> ParsedEvidence {
        var parsed = builder.build(summary: summary)
        parsed.fields = parsed.fields.map { f in
            EvidenceField(name: f.name, value: f.value, line: 0, place: places[f.line])
        }
        parsed.notes = parsed.notes.map { EvidenceNote(line: 0, message: $0.message) }
        guard let registryKeys else { return parsed }
        // The keys' fields scrubbed as the fields above were (by the builder).
        parsed.registryKeys = registryKeys
        return parsed.scrubbed()
    }
}
