import DiagnosticRules
import Foundation

/// Where the wizard writes answers as they are given. The front ends only know this
/// protocol; the session journal of DiagnosticRules plugs in through one adapter.
protocol SessionRecording: AnyObject {
    /// A playbook was chosen: start a new session (or continue a resumed one).
    func begin(playbook: Playbook) throws
    /// Append one answer; on return it is on disk.
    func record(_ answer: Answer) throws
    /// The session file, for messages ("answers are kept in ...").
    var location: String? { get }
}

/// A JSON-lines journal: one `begin` line, then one line per answer, each flushed to disk
/// (fsync) before the next key is read, so a dropped SSH connection loses nothing.
/// Used until the session API lands; answers never hold raw secrets (StepInput keeps only
/// fingerprints and parsed evidence).
final class JournalFileRecorder: SessionRecording {
    private(set) var url: URL?
    private let explicit: URL?
    private let directory: URL

    init(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.explicit = explicit.map { URL(fileURLWithPath: $0) }
        self.directory = Self.sessionsDirectory(environment: environment)
    }

    /// `$XDG_STATE_HOME/keywizard/sessions`, else `~/.local/state/keywizard/sessions`.
    static func sessionsDirectory(environment: [String: String]) -> URL {
        if let x = environment["XDG_STATE_HOME"], !x.isEmpty {
            return URL(fileURLWithPath: x).appendingPathComponent("keywizard/sessions")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/keywizard/sessions")
    }

    var location: String? { url?.path }

    func begin(playbook: Playbook) throws {
        let target: URL
        if let e = explicit {
            target = e
        } else {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
            target = directory.appendingPathComponent("\(f.string(from: Date()))-\(playbook.id)-\(getpid()).jsonl")
        }
        url = target
        try append(["type": "begin", "playbook": playbook.id, "version": playbook.version,
                    "hash": playbook.contentHash, "time": ISO8601DateFormatter().string(from: Date())])
    }

    func record(_ answer: Answer) throws {
        let enc = JSONEncoder()
        enc.dateEncodingStrategy = .iso8601
        enc.outputFormatting = [.sortedKeys]
        let data = try enc.encode(answer)
        let obj = try JSONSerialization.jsonObject(with: data)
        try append(["type": "answer", "answer": obj])
    }

    private func append(_ object: [String: Any]) throws {
        guard let url = url else { return }
        var line = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        line.append(0x0A)
        let fd = open(url.path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        guard fd >= 0 else { throw Failure("cannot write the session journal \(url.path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let n = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard n == line.count else { throw Failure("cannot write the session journal \(url.path): \(String(cString: strerror(errno)))") }
        fsync(fd)
    }
}

/// The answers of a session as one JSON document (the final screen's "save session").
enum SessionExport {
    static func write(playbook: Playbook, answers: [Answer], to path: String) throws {
        let enc = JSONEncoder()
        enc.dateEncodingStrategy = .iso8601
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        struct Doc: Encodable { var playbook: String; var version: String; var hash: String; var answers: [Answer] }
        let data = try enc.encode(Doc(playbook: playbook.id, version: playbook.version, hash: playbook.contentHash, answers: answers))
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
