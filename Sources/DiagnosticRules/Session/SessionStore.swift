import Foundation

/// One line of `keywizard sessions`: what a saved session is about, read from its file.
public struct SessionSummary: Sendable {
    public enum Status: Equatable, Sendable {
        case finished
        case unfinished
        /// The file could not be loaded at all (the message names the file and the fix).
        case unreadable(String)

        public var label: String {
            switch self {
            case .finished: return "finished"
            case .unfinished: return "unfinished"
            case .unreadable: return "unreadable"
            }
        }
    }

    public var url: URL
    public var started: Date?
    public var lastActivity: Date?
    public var playbook: String?
    public var playbookVersion: String?
    public var hostLabel: String?
    public var status: Status
    public var diagnoses: [String]
    public var answerCount: Int
    public var damagedLines: Int

    init(_ s: LoadedSession) {
        url = s.url
        started = s.header.started
        lastActivity = s.lastActivity
        playbook = s.playbookId
        playbookVersion = s.header.playbook.version
        hostLabel = s.header.hostLabel
        // Never saved (e.g. the link dropped): unfinished, waiting to be resumed.
        status = s.lastConclusion?.status == .finished ? .finished : .unfinished
        diagnoses = s.lastConclusion?.diagnoses ?? []
        answerCount = s.answers.count
        damagedLines = s.damage.count
    }

    init(unreadable url: URL, message: String) {
        self.url = url
        status = .unreadable(message)
        diagnoses = []
        answerCount = 0
        damagedLines = 0
    }
}

/// The folder of saved sessions: `$XDG_STATE_HOME/keywizard/sessions/` (by default
/// `~/.local/state/keywizard/sessions/`), created 0700, one file (0600) per run named
/// `<UTC timestamp>-<playbook>.jsonl`. Session state is neither configuration nor cache,
/// which is what the XDG state folder is for.
public struct SessionStore: Sendable {
    public var directory: URL

    public init(directory: URL) { self.directory = directory }

    /// The default folder for this environment.
    public static func defaultDirectory(environment: [String: String] = ProcessEnvironment.current()) -> URL {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return URL(fileURLWithPath: state).appendingPathComponent("keywizard/sessions", isDirectory: true)
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/keywizard/sessions", isDirectory: true)
    }

    /// Where a new session for `playbook` started at `now` goes. Never an existing file: a
    /// second run in the same second gets `-2`, `-3`...
    public func newSessionURL(playbook: String, now: Date = Date()) -> URL {
        let safe = String(playbook.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
        let base = "\(SessionTime.fileStamp(now))-\(safe)"
        var name = base + "." + SessionFormat.fileExtension
        var n = 2
        // lstat, not fileExists: a dangling symlink planted at the next name counts as taken.
        while POSIXFile.exists(directory.appendingPathComponent(name).path) {
            name = "\(base)-\(n).\(SessionFormat.fileExtension)"
            n += 1
        }
        return directory.appendingPathComponent(name)
    }

    /// Create the folder (0700) if it is missing, then check it is private.
    public func ensureDirectory() throws {
        do { try POSIXFile.makeDirectories(directory.path) } catch let f as POSIXFile.Failure {
            throw SessionError.cannotCreate(path: directory.path, reason: f.reason)
        }
        try checkDirectory()
    }

    /// Refuse a session folder that is group- or world-writable or owned by another user
    /// (or a symlink to such a folder): sessions there could be planted or swapped.
    public func checkDirectory() throws {
        do { try POSIXFile.checkPrivateDirectory(directory.path) } catch let f as POSIXFile.Failure {
            throw SessionError.unsafeFolder(path: directory.path, reason: f.reason)
        }
    }

    /// The session files in the folder, sorted by name (which is by start time).
    public func files() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix("." + SessionFormat.fileExtension) && !$0.hasPrefix(".") }.sorted()
            .map { directory.appendingPathComponent($0) }
    }

    /// Every session, oldest first. Files that cannot be loaded are listed as unreadable.
    public func list() -> [SessionSummary] {
        files().map { url in
            do { return SessionSummary(try SessionFile.load(url)) } catch {
                return SessionSummary(unreadable: url, message: "\(error)")
            }
        }
    }

    /// The most recently active session that was not finished: the one to offer to resume.
    public func latestUnfinished() -> SessionSummary? {
        list().filter { $0.status == .unfinished }.max {
            ($0.lastActivity ?? .distantPast) < ($1.lastActivity ?? .distantPast)
        }
    }
}
