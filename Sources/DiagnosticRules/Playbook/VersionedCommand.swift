import Foundation

/// A command that depends on the Windows release: the same text everywhere (`command: "..."`)
/// or a table keyed by release (`2003`, `2008r2`), generation (`nt5`, `nt6`) or `all`. The
/// most specific key wins, so a table can say `nt6:` once and override one release.
public struct VersionedCommand: Sendable, Codable, Equatable {
    public struct Variant: Sendable, Codable, Equatable {
        /// `all`, a family (`nt5`) or a release (`2003`).
        public var key: String
        public var text: String
        /// Where the text starts in the playbook (for lint messages).
        public var location: SourceLocation
    }

    public var variants: [Variant]

    public init(variants: [Variant]) { self.variants = variants }

    /// A plain command, the same on every release.
    public init(_ text: String, at location: SourceLocation) {
        variants = [Variant(key: "all", text: text, location: location)]
    }

    /// True for the plain `command: "..."` form.
    public var isPlain: Bool { variants.count == 1 && variants[0].key == "all" }

    public static let validKeys: [String] =
        ["all"] + WindowsFamily.allCases.map(\.rawValue) + WindowsRelease.allCases.map(\.rawValue)

    /// The variant for a release: the release's own key, else its family's, else `all`.
    public func variant(for release: WindowsRelease) -> Variant? {
        variants.first { $0.key == release.rawValue }
            ?? variants.first { $0.key == release.family.rawValue }
            ?? variants.first { $0.key == "all" }
    }

    /// The command for a target; when the release is not known, only a plain command.
    public func text(for target: WindowsTarget?) -> String? {
        let text: String?
        if let t = target { text = variant(for: t.release)?.text } else { text = isPlain ? variants[0].text : nil }
        // `nt5: ~` says "no command on this release" explicitly.
        return text?.isEmpty == true ? nil : text
    }

    /// Every distinct text (lint, placeholders).
    public var texts: [String] { variants.map(\.text) }
}
