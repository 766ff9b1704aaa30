import Foundation

/// What `keywizard scan-configs` found: every `<machineKey>` in a tree of config files,
/// with fingerprints only. Encoded as JSON with snake_case keys (`"format":
/// "keywizard-scan/1"`); members may be added within version 1, none renamed or removed.
public struct ConfigScan: Codable, Sendable {
    public static let formatVersion = "keywizard-scan/1"

    public struct Key: Codable, Sendable, Equatable {
        /// explicit, autogenerate, or default (attribute absent: AutoGenerate,IsolateApps).
        public var mode: String
        /// IsolateApps / IsolateByAppId as written (default mode implies IsolateApps).
        public var modifiers: [String]
        public var fingerprint: String?
        /// Nil when no disclosed-key list was loaded.
        public var disclosed: Bool?
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var file: String
        public var line: Int
        /// The `<location path="...">` the element is inside, nil at file level.
        public var location: String?
        public var validationKey: Key
        public var decryptionKey: Key
        public var validation: String
        public var decryption: String
        public var compatibilityMode: String
        public var encrypted: Bool
        public var disclosed: Bool { validationKey.disclosed == true || decryptionKey.disclosed == true }
    }

    /// Entries with explicit keys that share fingerprints and settings; more than one group
    /// means the files disagree.
    public struct Group: Codable, Sendable, Equatable {
        public var validationKeyFingerprint: String?
        public var decryptionKeyFingerprint: String?
        public var validation: String
        public var decryption: String
        public var compatibilityMode: String
        public var members: [String]
    }

    public struct Problem: Codable, Sendable, Equatable {
        public var file: String
        public var line: Int
        public var message: String
    }

    public var format = ConfigScan.formatVersion
    public var filesScanned: Int
    public var knownKeys: String
    public var entries: [Entry]
    public var groups: [Group]
    public var problems: [Problem]

    public var disclosedCount: Int { entries.filter(\.disclosed).count }
    public var critical: Bool { disclosedCount > 0 }
    public var disagree: Bool { groups.count > 1 }
}
