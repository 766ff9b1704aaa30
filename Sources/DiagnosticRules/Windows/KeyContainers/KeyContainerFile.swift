import Foundation

/// What a MachineKeys file name says: which container it is (when known) and whether it
/// belongs to this machine. A file whose GUID differs from the MachineGuid is the classic sign
/// of a cloned, sysprepped or re-keyed server (domain notes §3.4).
public struct ContainerIdentification: Codable, Sendable, Equatable {
    /// The file name as given, without any directory part.
    public var fileName: String
    /// The 32-hex-digit hash, lower case.
    public var hash: String
    /// The file's MachineGuid suffix, normalised; nil when only a hash was given.
    public var machineGuid: String?
    /// The catalog entry for `hash`, if any.
    public var container: KnownKeyContainer?
    /// Whether the file's GUID equals the machine's; nil when either is unknown.
    public var guidMatches: Bool?
}

public enum KeyContainerFile {
    /// Splits `<32 hex>_<GUID>` (any case, surrounding whitespace ignored) into the lower-case
    /// hash and the normalised GUID. Nil for anything else.
    public static func parse(_ fileName: String) -> (hash: String, machineGuid: String)? {
        let text = fileName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let underscore = text.firstIndex(of: "_") else { return nil }
        let hash = text[..<underscore]
        guard hash.count == 32, hash.allSatisfy({ $0.isASCII && $0.isHexDigit }),
            let guid = GUIDText.normalize(String(text[text.index(after: underscore)...]))
        else { return nil }
        return (hash.lowercased(), guid)
    }

    /// Identifies a file name, a full path to one (`C:\ProgramData\...\MachineKeys\<file>`), or
    /// a bare 32-hex hash. `machineGuid` is the host's MachineGuid when known. Nil when the
    /// text is none of those or `machineGuid` is given but is not a GUID.
    public static func identify(fileName: String, machineGuid: String?) -> ContainerIdentification? {
        var text = fileName.trimmingCharacters(in: .whitespacesAndNewlines)
        if let sep = text.lastIndex(where: { $0 == "\\" || $0 == "/" }) {
            text = String(text[text.index(after: sep)...])
        }
        var host: String?
        if let m = machineGuid {
            guard let g = GUIDText.normalize(m) else { return nil }
            host = g
        }
        let hash: String
        var fileGuid: String?
        if let parsed = parse(text) {
            hash = parsed.hash
            fileGuid = parsed.machineGuid
        } else if text.count == 32, text.allSatisfy({ $0.isASCII && $0.isHexDigit }) {
            hash = text.lowercased()
        } else {
            return nil
        }
        let matches: Bool? = if let f = fileGuid, let h = host { f == h } else { nil }
        return ContainerIdentification(
            fileName: text, hash: hash, machineGuid: fileGuid,
            container: KeyContainerCatalog.container(hash: hash), guidMatches: matches)
    }
}
