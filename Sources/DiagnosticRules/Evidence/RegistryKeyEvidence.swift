import Foundation

/// Registry keys read from hive files, each with the fields the `reg query` rules give it,
/// for a step that takes one key named by a fact (`select_key` in a playbook).
///
/// Why: a SOFTWARE hive holds `Microsoft\ASP.NET\<version>\AutoGenKeys\<SID>` for every
/// identity that ever ran ASP.NET on the server, and a volume holds one user hive per
/// profile. Only the key of the failing pool's SID and ASP.NET version answers the
/// playbook's question, and which one that is becomes known only while the interview runs.
/// The evidence therefore keeps every key it read, and says for the keys it did not list
/// whether they do not exist (a hive file is complete: no "hive not loaded" doubt) or are
/// unknown (a profile whose hive could not be read).
public struct RegistryKeyEvidence: Sendable, Codable, Equatable {
    /// One key: its path as `reg query` names it (`HKLM\SOFTWARE\...`, `HKU\<SID>\...`, or
    /// `HKCU\...` for a user hive whose account is not known), and its fields with places.
    public struct Key: Sendable, Codable, Equatable {
        public var path: String
        public var fields: [EvidenceField]
        public var notes: [EvidenceNote]
        public init(path: String, fields: [EvidenceField], notes: [EvidenceNote] = []) {
            self.path = path
            self.fields = fields
            self.notes = notes
        }

        /// `AutoGenKeyV4 sha256:1a2b3c4d/1024B, created 2024-05-14T08:12:31Z`: what the key holds,
        /// fingerprint only.
        public var summary: String {
            func field(_ name: String) -> Value? { fields.first { $0.name == name }?.value }
            var parts: [String] = []
            if case .list(let names)? = field("autogen_key_names") {
                parts.append(names.map(\.description).joined(separator: ", "))
            }
            if let fp = field("autogen_key_fingerprint") { parts.append(fp.description) }
            switch field("autogen_key_creation_time") {
            case .integer(let ticks)?: parts.append("created " + (FileTime.utcText(ticks) ?? "at FILETIME \(ticks)"))
            case let other?: parts.append("created \(other.description)")
            case nil: break
            }
            if case .integer(let format)? = field("autogen_key_format") { parts.append("AutoGenKeyFormat \(format)") }
            return parts.isEmpty ? "no AutoGenKey value" : parts.joined(separator: " ")
        }
    }

    /// What the evidence says about keys under `prefix` that it does not list: `absent`
    /// true, they do not exist (`note` says where that was seen, and is cited as the place);
    /// false, nothing is known about them (`note` says why). The longest matching prefix wins.
    public struct Coverage: Sendable, Codable, Equatable {
        public var prefix: String
        public var absent: Bool
        public var note: String
        public init(prefix: String, absent: Bool, note: String) {
            self.prefix = prefix
            self.absent = absent
            self.note = note
        }
    }

    public var keys: [Key]
    public var coverage: [Coverage]

    public init(keys: [Key] = [], coverage: [Coverage] = []) {
        self.keys = keys
        self.coverage = coverage
    }

    /// What the evidence says about one key.
    public enum Selection: Equatable, Sendable {
        case found(Key)
        /// The key does not exist; the text is where that was seen.
        case absent(String)
        /// Nothing is known about the key; the text says why.
        case unknown(String)
    }

    /// The key `wanted` (any spelling of the root, any case): listed, known not to exist, or
    /// unknown. A key listed as `HKCU\...` (a user hive given on its own) stands for the same
    /// key under any `HKU\<SID>\...`.
    public func select(_ wanted: String) -> Selection {
        let target = RegistryPath.normalized(wanted)
        if let key = keys.first(where: { RegistryPath.matches(RegistryPath.normalized($0.path), target) }) {
            return .found(key)
        }
        var best: Coverage?
        var bestLength = -1
        for c in coverage {
            let prefix = RegistryPath.normalized(c.prefix)
            guard let length = RegistryPath.prefixLength(prefix, of: target), length > bestLength else { continue }
            best = c
            bestLength = length
        }
        guard let best else { return .unknown("the evidence does not cover \(wanted)") }
        return best.absent ? .absent(best.note) : .unknown(best.note)
    }
}

/// Registry paths compared the way Windows compares them: without regard to case, with the
/// long and short root names alike and no trailing backslash.
public enum RegistryPath {
    static let roots: [(long: String, short: String)] = [
        ("hkey_local_machine", "hklm"), ("hkey_users", "hku"), ("hkey_current_user", "hkcu"),
        ("hkey_classes_root", "hkcr"), ("hkey_current_config", "hkcc")
    ]

    /// Lower case, short root name, single backslashes, none at the end.
    public static func normalized(_ path: String) -> String {
        var parts = path.lowercased().split(separator: "\\", omittingEmptySubsequences: true).map(String.init)
        if let first = parts.first, let root = roots.first(where: { $0.long == first }) { parts[0] = root.short }
        return parts.joined(separator: "\\")
    }

    /// Whether a listed key (normalized) is the wanted one: equal, or `hkcu\rest` for a
    /// wanted `hku\<sid>\rest`.
    static func matches(_ listed: String, _ wanted: String) -> Bool {
        if listed == wanted { return true }
        guard listed.hasPrefix("hkcu\\"), let rest = userRest(wanted) else { return false }
        return listed.dropFirst("hkcu\\".count) == rest
    }

    /// How many characters of `path` a prefix covers, or nil when it is not a prefix
    /// (component-wise: `hklm\software` covers `hklm\software\x`, not `hklm\softwarex`).
    static func prefixLength(_ prefix: String, of path: String) -> Int? {
        func covers(_ p: Substring, _ x: Substring) -> Bool { x == p || x.hasPrefix(p + "\\") }
        if covers(prefix[...], path[...]) { return prefix.count }
        // HKCU (a user hive given on its own) covers the same keys under any HKU\<SID>.
        if let rest = userRest(path) {
            if prefix == "hkcu" { return prefix.count }
            if prefix.hasPrefix("hkcu\\"), covers(prefix.dropFirst(5), rest) { return prefix.count }
        }
        return nil
    }

    /// `rest` of `hku\<sid>\rest`.
    private static func userRest(_ path: String) -> Substring? {
        guard path.hasPrefix("hku\\") else { return nil }
        let afterRoot = path.dropFirst(4)
        guard let slash = afterRoot.firstIndex(of: "\\") else { return nil }
        return afterRoot[afterRoot.index(after: slash)...]
    }
}

extension ParsedEvidence {
    /// The field a hive file's key evidence adds: the key was read from the hive file itself,
    /// so a key absent there is absent, not merely in a hive that was not loaded.
    public static let readFromHiveFile = "read_from_hive_file"

    /// This evidence as a step with `select_key` takes it: for evidence that holds several
    /// registry keys (a hive file), the fields of the key `wanted`, or `registry_value_missing`
    /// when the key does not exist; nil when the evidence cannot say (the reason is given).
    /// Evidence of a single key (pasted `reg query` output) is returned as it is.
    public func selecting(key wanted: String) -> (evidence: ParsedEvidence?, reason: String?) {
        guard let registryKeys else { return (self, nil) }
        var out = ParsedEvidence(kind: kind, summary: summary, fields: [], containsSecrets: containsSecrets)
        switch registryKeys.select(wanted) {
        case .found(let key):
            let place = key.fields.first?.place ?? "key \(key.path)"
            out.fields =
                key.fields + [EvidenceField(name: Self.readFromHiveFile, value: .boolean(true), line: 0, place: place)]
            out.notes = key.notes
            return (out, nil)
        case .absent(let place):
            out.fields = [
                EvidenceField(name: "registry_value_missing", value: .boolean(true), line: 0, place: place),
                EvidenceField(name: Self.readFromHiveFile, value: .boolean(true), line: 0, place: place)
            ]
            return (out, nil)
        case .unknown(let reason):
            return (nil, reason)
        }
    }
}
