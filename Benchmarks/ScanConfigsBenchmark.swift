import DiagnosticRules
import Foundation

/// `scan-configs` over a generated tree of 5,000 config files (a third with a
/// `<machineKey>`, some inside `<location>`, some with a disclosed key), checked against the
/// shipped disclosed-key list: the target is under 2 s in a release build.
func scanConfigsBenchmark(files count: Int = 5_000) {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("keywizard-scan-bench-\(getpid())")
    defer { try? FileManager.default.removeItem(at: root) }
    let disclosed =
        "F5144F1A581A57BA3B60311AF7562A855998F7DD203CD8A71405599B980D8694B5C986C888BE4FC0E6571C2CE600D58CE82B8FA13106B17D77EA4CECDDBBEC1B"
    var g = SystemRandomNumberGenerator()
    func key(_ n: Int) -> String {
        (0..<n).map { _ in String(format: "%02X", UInt8.random(in: 0...255, using: &g)) }.joined()
    }
    let shared = (key(64), key(32))
    for i in 0..<count {
        let dir = root.appendingPathComponent("site\(i / 50)/app\(i % 50)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var body =
            "<?xml version=\"1.0\"?>\n<configuration>\n  <appSettings><add key=\"k\(i)\" value=\"v\"/></appSettings>\n"
        switch i % 3 {
        case 0:
            let v = i % 500 == 0 ? disclosed : (i % 97 == 0 ? key(64) : shared.0)
            body +=
                "  <system.web><machineKey validationKey=\"\(v)\" decryptionKey=\"\(shared.1)\" validation=\"HMACSHA256\" decryption=\"AES\"/></system.web>\n"
        case 1 where i % 2 == 0:
            body +=
                "  <location path=\"Default Web Site/app\(i)\"><system.web><machineKey validationKey=\"AutoGenerate,IsolateApps\"/></system.web></location>\n"
        default:
            body += "  <system.web><compilation debug=\"false\"/></system.web>\n"
        }
        body += String(repeating: "  <!-- padding to a realistic size -->\n", count: 40) + "</configuration>\n"
        try? Data(body.utf8).write(to: dir.appendingPathComponent("web.config"))
    }
    let list = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(
        "Playbooks/known-keys/ms-disclosed-machinekeys.csv")
    guard let source = try? KnownKeysSource.load(list) else {
        print("scan-configs            skipped: run from the package root (Playbooks/known-keys not found)")
        return
    }
    let context = EvidenceContext(knownKeyDigests: source.list.digests, knownKeyListVersion: source.version)
    var scan: ConfigScan?
    let elapsed = seconds {
        guard let files = try? ConfigScanner.files(under: [root.path]) else { return }
        scan = ConfigScanner.scan(files: files, context: context)
    }
    guard let scan else {
        print("scan-configs            failed to list \(root.path)")
        return
    }
    print(
        String(
            format:
                "scan-configs %6d files   %6.2f s walk+scan (%d <machineKey>, %d disclosed, %d groups)  target < 2 s",
            scan.filesScanned, elapsed, scan.entries.count, scan.disclosedCount, scan.groups.count))
}
