import Foundation

/// The playbooks of one folder, and how KeyWizard finds that folder at run time.
public struct PlaybookLibrary {
    public var directory: URL
    public var playbooks: [Playbook]
    /// Findings for every file, including files that failed to load.
    public var diagnostics: [PlaybookDiagnostic]

    public func playbook(_ id: String) -> Playbook? { playbooks.first { $0.id == id } }

    /// Every `*.yaml` / `*.yml` directly in `directory` (not `tests/`), sorted by name.
    public static func load(directory: URL) -> PlaybookLibrary {
        let files = playbookFiles(in: directory)
        var playbooks: [Playbook] = []
        var diagnostics: [PlaybookDiagnostic] = []
        var ids: [String: String] = [:]
        for url in files {
            let result = PlaybookLoader.load(file: url, displayName: displayPath(url))
            diagnostics += result.diagnostics
            guard let p = result.playbook else { continue }
            if let other = ids[p.id] {
                diagnostics.append(
                    PlaybookDiagnostic(
                        .error, p.location, "playbook id '\(p.id)' is also used by \(other); ids must be unique"))
                continue
            }
            ids[p.id] = p.file
            playbooks.append(p)
        }
        return PlaybookLibrary(directory: directory, playbooks: playbooks, diagnostics: diagnostics)
    }

    public static func playbookFiles(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { directory.appendingPathComponent($0) }
    }

    /// A path as the user would like to see it: relative to the current folder when inside it.
    public static func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let path = url.standardizedFileURL.path
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }

    /// Where the playbooks are: `--playbooks DIR`, else `$KEYWIZARD_PLAYBOOKS`, else the
    /// installed share folder next to the binary (`../share/keywizard/playbooks`), else
    /// `./Playbooks`. Returns the candidates tried when none exists, for the error message.
    public static func locate(
        explicit: String?, environment: [String: String] = ProcessEnvironment.current(),
        executable: URL? = PlaybookLibrary.executableURL(),
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) -> Swift.Result<URL, LocateError> {
        var tried: [String] = []
        func exists(_ path: String) -> Bool {
            var isDir: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
        }
        if let e = explicit {
            if exists(e) { return .success(URL(fileURLWithPath: e)) }
            return .failure(LocateError(tried: ["--playbooks \(e)"], explicit: true))
        }
        if let env = environment["KEYWIZARD_PLAYBOOKS"], !env.isEmpty {
            if exists(env) { return .success(URL(fileURLWithPath: env)) }
            tried.append("$KEYWIZARD_PLAYBOOKS=\(env)")
        }
        if let exe = executable {
            let share = exe.resolvingSymlinksInPath().deletingLastPathComponent()
                .appendingPathComponent("../share/keywizard/playbooks").standardizedFileURL
            if exists(share.path) { return .success(share) }
            tried.append(share.path)
        }
        let local = URL(fileURLWithPath: currentDirectory).appendingPathComponent("Playbooks")
        if exists(local.path) { return .success(local) }
        tried.append(local.path)
        return .failure(LocateError(tried: tried, explicit: false))
    }

    public struct LocateError: Error, CustomStringConvertible {
        public var tried: [String]
        public var explicit: Bool
        public var description: String {
            explicit
                ? "playbook folder not found: \(tried.joined()); check the path"
                : "no playbook folder found (tried \(tried.joined(separator: ", "))); pass --playbooks DIR or set KEYWIZARD_PLAYBOOKS"
        }
    }

    public static func executableURL() -> URL? {
        #if os(Linux)
            if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
                return URL(fileURLWithPath: path)
            }
        #endif
        return Bundle.main.executableURL
    }
}
