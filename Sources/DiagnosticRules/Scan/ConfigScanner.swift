import Foundation

/// Walks copied or mounted trees (inetpub, site folders, Framework CONFIG folders) for
/// `*.config` files and reads every `<machineKey>`, including those inside `<location>`.
/// Files without the text `<machineKey` are counted but not parsed, which keeps thousands
/// of files fast; the others are parsed on all cores.
public enum ConfigScanner {
    public struct PathError: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "\(path): no such file or folder; check the path" }
    }

    /// Every `*.config` file under the paths (a file given directly is taken whatever its
    /// name), sorted. Throws on a path that does not exist.
    public static func files(under paths: [String]) throws -> [String] {
        let fm = FileManager.default
        var out: [String] = []
        for path in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else { throw PathError(path: path) }
            if !isDir.boolValue {
                out.append(path)
                continue
            }
            guard let walker = fm.enumerator(atPath: path) else { continue }
            let base = path.hasSuffix("/") ? path : path + "/"
            while let relative = walker.nextObject() as? String {
                if relative.lowercased().hasSuffix(".config") { out.append(base + relative) }
            }
        }
        return out.sorted()
    }

    /// Scans `files`; `progress` is called with the number done (from any thread).
    public static func scan(files: [String], context: EvidenceContext, progress: (@Sendable (Int) -> Void)? = nil)
        -> ConfigScan
    {
        let results = ResultBox(count: files.count)
        let marker = Data("<machineKey".utf8)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let file = files[i]
            var entries: [ConfigScan.Entry] = []
            var problems: [ConfigScan.Problem] = []
            if let data = FileManager.default.contents(atPath: file) {
                if data.range(of: marker) != nil {
                    (entries, problems) = scanData(data, file: file, context: context)
                }
            } else {
                problems.append(.init(file: file, line: 0, message: "cannot read the file; check permissions"))
            }
            let done = results.set(i, entries, problems)
            if let progress, done % 250 == 0 || done == files.count { progress(done) }
        }
        let (entries, problems) = results.all()
        return ConfigScan(
            filesScanned: files.count, knownKeys: context.knownKeyListVersion ?? "none (keys not checked)",
            entries: entries, groups: groups(entries), problems: problems)
    }

    /// The fast tag scanner on UTF-8 files; the full XML parser for UTF-16 files and for
    /// anything the scanner does not read (it then names the line of the problem).
    static func scanData(_ data: Data, file: String, context: EvidenceContext) -> (
        [ConfigScan.Entry], [ConfigScan.Problem]
    ) {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if !(bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])),
            let fast = MachineKeyTagScanner.scan(bytes)
        {
            let entries = fast.machineKeys.map { e in
                entry(
                    file: file, line: e.line, location: e.location, attribute: { e.attributes[$0] },
                    encrypted: e.attributes["configProtectionProvider"] != nil, target: fast.targetFramework,
                    context: context)
            }
            return (entries, problems(entries, fast.machineKeys.map { ($0.line, $0.attributes) }, file: file))
        }
        return scanText(EvidenceText.decode(data), file: file, context: context)
    }

    private static func problems(_ entries: [ConfigScan.Entry], _ raw: [(Int, [String: String])], file: String)
        -> [ConfigScan.Problem]
    {
        var out: [ConfigScan.Problem] = []
        for (e, (line, attributes)) in zip(entries, raw) where !e.encrypted {
            let v = MachineKeyAttribute(attributes["validationKey"], which: "validation")
            let d = MachineKeyAttribute(attributes["decryptionKey"], which: "decryption")
            for p in v.problems + d.problems { out.append(.init(file: file, line: line, message: p)) }
        }
        return out
    }

    static func entry(
        file: String, line: Int, location: String?, attribute: (String) -> String?, encrypted: Bool,
        target: String?, context: EvidenceContext
    ) -> ConfigScan.Entry {
        let compat =
            attribute("compatibilityMode")
            ?? (target.map { MachineKeyRules.atLeast45($0) } ?? false ? "Framework45" : "Framework20SP1")
        let v = MachineKeyAttribute(attribute("validationKey"), which: "validation")
        let d = MachineKeyAttribute(attribute("decryptionKey"), which: "decryption")
        return ConfigScan.Entry(
            file: file, line: line, location: location,
            validationKey: key(v, encrypted: encrypted, context: context),
            decryptionKey: key(d, encrypted: encrypted, context: context),
            validation: attribute("validation") ?? "HMACSHA256", decryption: attribute("decryption") ?? "Auto",
            compatibilityMode: compat, encrypted: encrypted)
    }

    /// The `<machineKey>` elements of one file's text.
    static func scanText(_ text: String, file: String, context: EvidenceContext) -> (
        [ConfigScan.Entry], [ConfigScan.Problem]
    ) {
        let root: XMLNode
        do {
            root = try XMLTree.parse(text, parser: "machinekey-config", expected: "well-formed config XML")
        } catch let e as EvidenceError {
            return (
                [],
                [
                    .init(
                        file: file, line: e.line,
                        message: "not well-formed XML (\(e.expected), found \(e.found)); fix the file or copy it again")
                ]
            )
        } catch {
            return ([], [.init(file: file, line: 1, message: "not readable as XML")])
        }
        let target = root.descendants("httpRuntime").compactMap { $0.attribute("targetFramework") }.first
        var entries: [ConfigScan.Entry] = []
        var problems: [ConfigScan.Problem] = []
        for mk in root.descendants("machineKey") {
            var location: String?
            var node = mk.parent
            while let n = node {
                if n.name == "location" {
                    location = n.attribute("path") ?? ""
                    break
                }
                node = n.parent
            }
            let encrypted = mk.attribute("configProtectionProvider") != nil || mk.child("EncryptedData") != nil
            let compat =
                mk.attribute("compatibilityMode")
                ?? (target.map { MachineKeyRules.atLeast45($0) } ?? false ? "Framework45" : "Framework20SP1")
            let v = MachineKeyAttribute(mk.attribute("validationKey"), which: "validation")
            let d = MachineKeyAttribute(mk.attribute("decryptionKey"), which: "decryption")
            if !encrypted {
                for p in v.problems + d.problems { problems.append(.init(file: file, line: mk.line, message: p)) }
            }
            entries.append(
                ConfigScan.Entry(
                    file: file, line: mk.line, location: location,
                    validationKey: key(v, encrypted: encrypted, context: context),
                    decryptionKey: key(d, encrypted: encrypted, context: context),
                    validation: mk.attribute("validation") ?? "HMACSHA256",
                    decryption: mk.attribute("decryption") ?? "Auto",
                    compatibilityMode: compat, encrypted: encrypted))
        }
        return (entries, problems)
    }

    private static func key(_ a: MachineKeyAttribute, encrypted: Bool, context: EvidenceContext) -> ConfigScan.Key {
        if encrypted { return ConfigScan.Key(mode: "encrypted", modifiers: [], fingerprint: nil, disclosed: nil) }
        var modifiers: [String] = []
        if a.isolateApps { modifiers.append("IsolateApps") }
        if a.isolateByAppId { modifiers.append("IsolateByAppId") }
        var disclosed: Bool?
        if !context.knownKeyDigests.isEmpty {
            disclosed = a.digest.map { context.knownKeyDigests.contains($0) } ?? false
        }
        return ConfigScan.Key(
            mode: a.mode.rawValue, modifiers: modifiers, fingerprint: a.fingerprint, disclosed: disclosed)
    }

    /// Groups the entries whose keys are explicit by fingerprints and settings.
    static func groups(_ entries: [ConfigScan.Entry]) -> [ConfigScan.Group] {
        var order: [String] = []
        var groups: [String: ConfigScan.Group] = [:]
        for e in entries where e.validationKey.mode == "explicit" || e.decryptionKey.mode == "explicit" {
            let id = [
                e.validationKey.fingerprint ?? e.validationKey.mode,
                e.decryptionKey.fingerprint ?? e.decryptionKey.mode,
                e.validation, e.decryption, e.compatibilityMode
            ].joined(separator: "|")
            let member = e.location.map { "\(e.file):\(e.line) <location path=\"\($0)\">" } ?? "\(e.file):\(e.line)"
            if groups[id] == nil {
                order.append(id)
                groups[id] = ConfigScan.Group(
                    validationKeyFingerprint: e.validationKey.fingerprint,
                    decryptionKeyFingerprint: e.decryptionKey.fingerprint,
                    validation: e.validation, decryption: e.decryption, compatibilityMode: e.compatibilityMode,
                    members: [])
            }
            groups[id]!.members.append(member)
        }
        return order.map { groups[$0]! }
    }

    /// Results written from many threads, each index once.
    private final class ResultBox: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [[ConfigScan.Entry]]
        private var problems: [[ConfigScan.Problem]]
        private var done = 0
        init(count: Int) {
            entries = Array(repeating: [], count: count)
            problems = Array(repeating: [], count: count)
        }
        func set(_ i: Int, _ e: [ConfigScan.Entry], _ p: [ConfigScan.Problem]) -> Int {
            lock.lock()
            defer { lock.unlock() }
            entries[i] = e
            problems[i] = p
            done += 1
            return done
        }
        func all() -> ([ConfigScan.Entry], [ConfigScan.Problem]) {
            lock.lock()
            defer { lock.unlock() }
            return (entries.flatMap { $0 }, problems.flatMap { $0 })
        }
    }
}
