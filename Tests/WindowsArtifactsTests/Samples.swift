import DiagnosticRules
import Foundation
import WindowsArtifacts
import XCTest

/// The real sample files and scenario files built from copies of them.
enum Samples {
    static let testsDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repoRoot = testsDir.deletingLastPathComponent().deletingLastPathComponent()
    static let folder = testsDir.appendingPathComponent("Fixtures/samples")
    static let playbooks = repoRoot.appendingPathComponent("Playbooks")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// The built keywizard binary next to the test bundle (or the debug build).
    static var keywizardBinary: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("keywizard")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return repoRoot.appendingPathComponent(".build/debug/keywizard")
    }

    /// Runs the built keywizard binary: exit status, standard output, standard error.
    static func keywizard(_ arguments: [String]) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = keywizardBinary
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static let evtx7036 = path("system-7036-eventlog-service-crash.evtx")
    static let evtx7045 = path("system-7045-service-installed.evtx")
    static let evtx7024 = path("system-7024-iisadmin-derived.evtx")

    /// A fresh temporary folder, removed at the end of the test.
    static func temporaryFolder(_ test: XCTestCase) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kw-artifacts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock {
            _ = try? run("/bin/chmod", ["-R", "u+w", url.path])
            try? FileManager.default.removeItem(at: url)
        }
        return url.path
    }

    /// The sample hive `name` (NTUSER.DAT or SYSTEM) decompressed into `folder` as `target`.
    static func hive(_ name: String, into folder: String, as target: String? = nil) throws -> String {
        guard let xz = ["/usr/bin/xz", "/bin/xz"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw XCTSkip(
                "xz is not installed (apt-get install xz-utils; .ci/run installs it): the sample hives are xz-compressed"
            )
        }
        let out = folder + "/" + (target ?? name)
        let data = try run(xz, ["-dc", path(name + ".xz")])
        try data.write(to: URL(fileURLWithPath: out))
        return out
    }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }

    /// A SOFTWARE hive with `Microsoft\Cryptography\MachineGuid = guid`, built from a copy of
    /// the real NTUSER.DAT (no real SOFTWARE hive was available): its root keys are deleted
    /// and the Cryptography key added with libhivex.
    static func softwareHive(guid: String, at target: String, autoGenSID: String? = nil, key: [UInt8] = []) throws {
        let folder = (target as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let base = try hive("NTUSER.DAT", into: folder, as: "software-base-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: base) }
        let h = try HiveFile(path: base, writable: true)
        for child in try h.children(h.root) { try h.delete(child) }
        let crypto = try h.addChild(try h.addChild(h.root, named: "Microsoft"), named: "Cryptography")
        try h.setValue(crypto, .string("MachineGuid", guid))
        if let sid = autoGenSID {
            var node = try h.addChild(h.root, named: "Microsoft")
            for part in ["ASP.NET", "4.0.30319.0", "AutoGenKeys", sid] { node = try h.addChild(node, named: part) }
            try h.setValue(node, HiveValue(name: "AutoGenKeyV4", type: .binary, data: key))
            try h.setValue(node, .qword("AutoGenKeyCreationTime", 133_600_000_000_000_000))
            try h.setValue(node, .dword("AutoGenKeyFormat", 1))
        }
        try h.commit(to: target)
    }

    /// Deterministic bytes (a linear congruential generator), for keys and fuzzing.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        mutating func bytes(_ n: Int) -> [UInt8] { (0..<n).map { _ in UInt8(truncatingIfNeeded: next()) } }
    }
}
