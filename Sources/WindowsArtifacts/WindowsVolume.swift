import Foundation

/// The root of a Windows volume mounted read-only on another machine (a rescue host, a jump
/// host with the VM's disk attached), and where on it the files KeyWizard reads live.
///
/// Why every lookup is case-insensitive: ntfs-3g keeps the case Windows wrote
/// (`Windows\System32\config\SOFTWARE`, but also `WINDOWS\system32\CONFIG` on old installs)
/// while Linux compares names exactly; `resolve` matches each path component ignoring case.
///
/// Nothing here writes: only `contentsOfDirectory` and `attributesOfItem` are called.
public struct WindowsVolume {
    public let root: String

    public init(root: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw HiveError(
                path: root,
                message: "not a folder; give the folder where the Windows volume is mounted (mount -o ro ...)")
        }
        self.root = root
        guard resolve("Windows") != nil || resolve("WINNT") != nil else {
            throw HiveError(
                path: root,
                message:
                    "no Windows folder here, so this is not the root of a Windows system volume; mount the partition that holds Windows and give its mount point"
            )
        }
    }

    /// The real path of `relative` (components separated by `/`), matching each component
    /// without regard to case; nil when any component is missing.
    /// When a folder holds two names that differ only in case (a copy made on Linux, not
    /// NTFS), each is tried in turn, the exact spelling first.
    public func resolve(_ relative: String) -> String? {
        Self.resolve(relative.split(separator: "/").map(String.init)[...], in: root)
    }

    private static func resolve(_ parts: ArraySlice<String>, in path: String) -> String? {
        guard let part = parts.first else { return path }
        for name in entries(in: path, named: part) {
            if let found = resolve(parts.dropFirst(), in: path + "/" + name) { return found }
        }
        return nil
    }

    /// The entries of `folder` whose name equals `name` ignoring case, the exact match first.
    static func entries(in folder: String, named name: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        let lower = name.lowercased()
        return names.filter { $0 == name } + names.filter { $0 != name && $0.lowercased() == lower }.sorted()
    }

    static func entry(in folder: String, named name: String) -> String? { entries(in: folder, named: name).first }

    /// Sub-folders of a folder (sorted), empty when it cannot be listed.
    func folders(in path: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [] }
        return names.sorted().filter { Self.isDirectory(path + "/" + $0) }
    }

    static func isDirectory(_ path: String) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &d) && d.boolValue
    }

    static func isFile(_ path: String) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &d) && !d.boolValue
    }

    /// The system folder (`Windows`, or `WINNT` on Windows 2000).
    var windows: String { resolve("Windows").map { _ in "Windows" } ?? "WINNT" }

    /// Whether the system folder has `SysWOW64` (64-bit Windows keeps its 32-bit system files
    /// there; 32-bit Windows has no such folder).
    public func hasSysWOW64() -> Bool { resolve("\(windows)/SysWOW64").map(Self.isDirectory) ?? false }

    public func softwareHive() -> String? { resolve("\(windows)/System32/config/SOFTWARE").flatMap(file) }
    public func systemHive() -> String? { resolve("\(windows)/System32/config/SYSTEM").flatMap(file) }
    /// `config\RegBack\SOFTWARE` (empty placeholders on Windows 10 1803 and later are skipped by the reader).
    public func regBackSoftwareHive() -> String? {
        resolve("\(windows)/System32/config/RegBack/SOFTWARE").flatMap(file)
    }

    /// Every user hive: the profiles' NTUSER.DAT (Users, Documents and Settings), the service
    /// profiles (LocalService, NetworkService) and LocalSystem's profile.
    public func userHives() -> [String] {
        var out: [String] = []
        for profiles in ["Users", "Documents and Settings", "\(windows)/ServiceProfiles"] {
            guard let folder = resolve(profiles) else { continue }
            for profile in folders(in: folder) {
                if let hive = Self.entry(in: folder + "/" + profile, named: "NTUSER.DAT"),
                    Self.isFile(folder + "/" + profile + "/" + hive)
                {
                    out.append(folder + "/" + profile + "/" + hive)
                }
            }
        }
        if let system = resolve("\(windows)/System32/config/systemprofile/NTUSER.DAT").flatMap(file) {
            out.append(system)
        }
        return out
    }

    /// The RSA MachineKeys folder of this Windows version: `ProgramData\...` (Vista and
    /// later) or `Documents and Settings\All Users\Application Data\...` (2000/XP/2003).
    public func machineKeysFolder() -> String? {
        resolve("ProgramData/Microsoft/Crypto/RSA/MachineKeys")
            ?? resolve("Documents and Settings/All Users/Application Data/Microsoft/Crypto/RSA/MachineKeys")
    }

    /// The file or folder a path on the server names (`C:\\Users\\svc-shop`,
    /// `%SystemRoot%\\ServiceProfiles\\NetworkService`, as ProfileList stores them), on this
    /// volume; nil when it is not there. Any drive letter is taken as this volume: profiles on
    /// another drive are simply not found.
    public func resolve(windowsPath: String) -> String? {
        var path = windowsPath
        for (variable, value) in [
            ("%SystemRoot%", "C:\\" + windows), ("%windir%", "C:\\" + windows), ("%SystemDrive%", "C:")
        ] {
            while let range = path.range(of: variable, options: .caseInsensitive) {
                path.replaceSubrange(range, with: value)
            }
        }
        let chars = Array(path)
        guard chars.count >= 2, chars[0].isLetter, chars[1] == ":" else { return nil }
        let relative = String(chars.dropFirst(2)).split(separator: "\\").joined(separator: "/")
        return relative.isEmpty ? root : resolve(relative)
    }

    /// The Windows path the folder has on the server (for listings and commands).
    public func windowsPath(of path: String) -> String {
        let relative = path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
        return "C:" + relative.replacingOccurrences(of: "/", with: "\\")
    }

    /// `System.evtx` and `Application.evtx` (Vista and later).
    public func eventLogs() -> [String] {
        ["System.evtx", "Application.evtx"].compactMap {
            resolve("\(windows)/System32/winevt/Logs/\($0)").flatMap(file)
        }
    }

    /// `SysEvent.Evt` / `AppEvent.Evt` of Windows 2000/2003.
    public func legacyEventLogs() -> [String] {
        ["SysEvent.Evt", "AppEvent.Evt"].compactMap { resolve("\(windows)/System32/config/\($0)").flatMap(file) }
    }

    public func applicationHostConfig() -> String? {
        resolve("\(windows)/System32/inetsrv/config/applicationHost.config").flatMap(file)
    }
    public func metabase() -> String? { resolve("\(windows)/System32/inetsrv/MetaBase.xml").flatMap(file) }

    /// machine.config and the root web.config of every installed Framework, then every
    /// web.config under inetpub (bounded: 12 levels, 20,000 folders).
    public func configFiles() -> [String] {
        var out: [String] = []
        for framework in ["Framework64", "Framework"] {
            guard let folder = resolve("\(windows)/Microsoft.NET/\(framework)") else { continue }
            for version in folders(in: folder) where version.lowercased().hasPrefix("v") {
                for name in ["machine.config", "web.config"] {
                    if let path = resolve("\(windows)/Microsoft.NET/\(framework)/\(version)/Config/\(name)").flatMap(
                        file)
                    {
                        out.append(path)
                    }
                }
            }
        }
        if let inetpub = resolve("inetpub") {
            var queue: [(String, Int)] = [(inetpub, 0)]
            var visited = 0
            while let (folder, depth) = queue.first, visited < 20_000 {
                queue.removeFirst()
                visited += 1
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
                for name in names.sorted() {
                    let path = folder + "/" + name
                    if name.lowercased() == "web.config", Self.isFile(path) {
                        out.append(path)
                    } else if depth < 12, Self.isDirectory(path) {
                        queue.append((path, depth + 1))
                    }
                }
            }
        }
        return out
    }

    private func file(_ path: String) -> String? { Self.isFile(path) ? path : nil }
}
