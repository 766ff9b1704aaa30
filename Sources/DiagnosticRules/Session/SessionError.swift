import Foundation

/// A session file that cannot be created, read or understood. Every message is one line
/// that names the file (and the line, when there is one) and says what to do.
public enum SessionError: Error, Equatable, CustomStringConvertible {
    case cannotCreate(path: String, reason: String)
    case cannotWrite(path: String, reason: String)
    case cannotRead(path: String, reason: String)
    case alreadyExists(path: String)
    /// Line 1 is not a session header.
    case notASession(path: String, line: Int, reason: String)
    /// A header of another format version (usually a newer keywizard).
    case unsupportedFormat(path: String, found: String)
    case closed(path: String)
    /// The session folder could be written by someone else.
    case unsafeFolder(path: String, reason: String)
    /// Another keywizard holds the session's lock.
    case inUse(path: String)

    public var description: String {
        switch self {
        case .cannotCreate(let p, let r):
            return
                "\(p): cannot create the session file: \(r); check that the folder is writable or pass --session FILE"
        case .cannotWrite(let p, let r):
            return
                "\(p): cannot write the session file: \(r); free disk space or pass --session FILE elsewhere (answers so far are kept)"
        case .cannotRead(let p, let r):
            return "\(p): cannot read the session file: \(r); check the path and its permissions"
        case .alreadyExists(let p):
            return "\(p): a session file with this name exists already; resume it or choose another --session FILE"
        case .notASession(let p, let line, let r):
            return "\(p):\(line): not a KeyWizard session file (\(r)); pass a .jsonl file written by keywizard"
        case .unsupportedFormat(let p, let found):
            return
                "\(p):1: session format '\(found)' is not supported by keywizard \(KeyWizardVersion.current), which reads '\(SessionFormat.current)'; open it with the keywizard version that wrote it"
        case .unsafeFolder(let p, let r):
            return "\(p): refusing to use this session folder: \(r); fix it or pass --dir / --session elsewhere"
        case .inUse(let p):
            return "\(p): another keywizard is using this session right now; finish or quit that one first"
        case .closed(let p):
            return "\(p): the session journal was closed; open it again to add to it"
        }
    }
}

/// A line of a session file that was dropped while loading, and why.
public struct DamageNote: Equatable, Sendable, Codable, CustomStringConvertible {
    /// 1-based line number in the file.
    public var line: Int
    public var reason: String
    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
    public var description: String { "line \(line): \(reason)" }
}
