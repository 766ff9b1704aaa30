import Crypto
import Foundation

/// Where the disclosed-key list comes from and which version it is. KeyWizard ships
/// Microsoft's list in `known-keys/` next to the playbooks (installed with them), so a key
/// is checked without the operator having to find the list; `keywizard known-keys update`
/// imports a newer copy into the user's data folder, which then wins.
public struct KnownKeysSource: Sendable {
    /// File name of the shipped and of the imported list.
    public static let fileName = "ms-disclosed-machinekeys.csv"
    /// Folder, next to the playbooks, that holds the shipped list.
    public static let folderName = "known-keys"

    public var url: URL
    public var list: KnownKeyList
    /// Date of the list: the `<file>.date` sidecar (written when shipped or imported), else
    /// the file's modification day.
    public var date: String
    /// First 8 hex digits of the SHA-256 of the file's bytes: tells two copies apart.
    public var fileSHA: String

    /// "3713 rows, 3738 digests, 2026-11, sha256:1a2b3c4d": what the output names as checked.
    public var version: String {
        "\(list.rows) rows, \(list.digests.count) digests, dated \(date), file sha256:\(fileSHA)"
    }

    public enum LoadFailure: Error, CustomStringConvertible {
        case unreadable(String, String)
        case invalid(String, KnownKeys.LoadError)
        public var description: String {
            switch self {
            case .unreadable(let path, let why):
                return "\(path): cannot read the known-keys list (\(why)); check the path"
            case .invalid(let path, let e):
                return
                    "\(path):\(e.line): \(e.message); use Microsoft's CSV as published or one SHA-256 digest or hex key a line (# for comments)"
            }
        }
    }

    /// Reads and validates a list file.
    public static func load(_ url: URL) throws -> KnownKeysSource {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw LoadFailure.unreadable(url.path, (error as NSError).localizedDescription)
        }
        let list: KnownKeyList
        do { list = try KnownKeys.parse(text: EvidenceText.decode(data)) } catch let e as KnownKeys.LoadError {
            throw LoadFailure.invalid(url.path, e)
        }
        let sha = String(SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined().prefix(8))
        return KnownKeysSource(url: url, list: list, date: date(of: url), fileSHA: sha)
    }

    static func date(of url: URL) -> String {
        let sidecar = url.appendingPathExtension("date")
        if let text = try? String(contentsOf: sidecar, encoding: .utf8) {
            let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !t.isEmpty, t.count <= 32 { return t }
        }
        if let m = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date {
            return day(m)
        }
        return "undated"
    }

    /// `yyyy-MM-dd` in UTC.
    public static func day(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: date)
    }

    /// The folder `known-keys update` writes to: `$XDG_DATA_HOME/keywizard/known-keys`
    /// (default `~/.local/share/keywizard/known-keys`).
    public static func userFolder(environment: [String: String] = ProcessEnvironment.current()) -> URL {
        let base: URL
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            base = URL(fileURLWithPath: xdg)
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            base = URL(fileURLWithPath: home).appendingPathComponent(".local/share")
        }
        return base.appendingPathComponent("keywizard").appendingPathComponent(folderName)
    }

    /// The default list, in this order: `$KEYWIZARD_KNOWN_KEYS`, the copy imported by
    /// `known-keys update`, `known-keys/` in the playbook folder, then in the other places
    /// playbooks are found. Nil when none exists (the check is then not made, and output
    /// says so). `playbooks` is the `--playbooks` option, if any.
    public static func locateDefault(
        playbooks: String?, environment: [String: String] = ProcessEnvironment.current()
    ) -> URL? {
        let fm = FileManager.default
        if let env = environment["KEYWIZARD_KNOWN_KEYS"], !env.isEmpty { return URL(fileURLWithPath: env) }
        let imported = userFolder(environment: environment).appendingPathComponent(fileName)
        if fm.fileExists(atPath: imported.path) { return imported }
        var folders: [URL] = []
        if case .success(let dir) = PlaybookLibrary.locate(explicit: playbooks, environment: environment) {
            folders.append(dir)
        }
        if case .success(let dir) = PlaybookLibrary.locate(explicit: nil, environment: [:]) { folders.append(dir) }
        for dir in folders {
            let candidate = dir.appendingPathComponent(folderName).appendingPathComponent(fileName)
            if fm.fileExists(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
