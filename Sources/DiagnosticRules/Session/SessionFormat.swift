import Foundation

/// The version of the `keywizard` tool, written into every session header so that an old
/// session can be matched with the build that recorded it.
public enum KeyWizardVersion {
    public static let current = "0.1.0"
}

/// Names and constants of the session file format (see docs/session-format.md). One place, so
/// that the writer, the loader and the error messages cannot disagree.
public enum SessionFormat {
    /// The `format` of the header record this build writes and reads.
    public static let current = "keywizard-session/1"
    /// The family prefix: a header with this prefix but another number is a newer (or older)
    /// format, reported as such rather than as garbage.
    public static let family = "keywizard-session/"
    /// The extension of session files in the store.
    public static let fileExtension = "jsonl"
}

/// What a session records about the playbook it was run with, so that replay can tell when
/// the playbook has changed since.
public struct PlaybookIdentity: Equatable, Sendable, Codable {
    public var id: String
    public var version: String
    public var contentHash: String

    public init(id: String, version: String, contentHash: String) {
        self.id = id
        self.version = version
        self.contentHash = contentHash
    }

    public init(_ playbook: Playbook) {
        self.init(id: playbook.id, version: playbook.version, contentHash: playbook.contentHash)
    }
}
