import Foundation
import XCTest

/// The real binary on damaged evidence files, as a script sees it: every run ends with an
/// exit status from 0 to 3 (never a crash or a signal), `--format json` output is valid
/// JSON, and no output holds key material from the fixtures.
final class CommandLineFuzzTests: XCTestCase {
    var dir = ""

    override func setUp() {
        dir = NSTemporaryDirectory() + "kw-cli-fuzz-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    /// A tiny deterministic generator (SplitMix64), so that a failing case reproduces.
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
    }

    func testDamagedEvidenceNeverCrashesLeaksOrBreaksJSON() throws {
        let b = TestPaths.binary.path
        guard FileManager.default.isExecutableFile(atPath: b) else {
            throw XCTSkip("keywizard binary not found at \(b)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: TestPaths.evidence.path).filter {
            $0 != "secrets.txt"
        }.sorted()
        let secrets = TestPaths.evidenceText("secrets.txt").split(separator: "\n").map {
            String($0.prefix(16)).lowercased()
        }
        XCTAssertEqual(secrets.count, 5)
        var rng = Rng(state: 0x00C1_1F22)
        var statuses: [Int32: Int] = [:]
        for index in 0..<24 {
            let name = names[index % names.count]
            var bytes = [UInt8]((try? Data(contentsOf: TestPaths.evidence.appendingPathComponent(name))) ?? Data())
            for _ in 0..<(1 + rng.below(4)) where !bytes.isEmpty {
                let at = rng.below(bytes.count)
                switch rng.below(3) {
                case 0: bytes = Array(bytes.prefix(at))
                case 1: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                default: bytes.insert(contentsOf: Array("\n<\"=\\\u{0}".utf8), at: at)
                }
            }
            let path = dir + "/case-\(index)-" + name
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let env = ["XDG_STATE_HOME": dir, "LANG": "C.UTF-8"]
            let runs: [[String]] = [
                [b, "parse", "--format", "json", path],
                [
                    b, "diagnose", "--format", "json", "--playbooks",
                    TestPaths.repoRoot.appendingPathComponent("Playbooks").path, path
                ],
                [b, "parse", path]
            ]
            for args in runs {
                let r = sh(args, env: env)
                statuses[r.status, default: 0] += 1
                XCTAssertTrue(
                    (0...3).contains(r.status),
                    "\(args.dropFirst().joined(separator: " ")): exit status \(r.status)\n\(r.output.prefix(300))")
                let lower = r.output.lowercased()
                for s in secrets where lower.contains(s) {
                    XCTFail("\(args[1]) on \(name) (case \(index)) printed key material")
                }
                if args.contains("json"), r.status != 1 {
                    // Standard output alone is the JSON document; notes go to standard error.
                    let out = sh(["/bin/sh", "-c", "exec \"$0\" \"$@\" 2>/dev/null"] + args, env: env).output
                    XCTAssertNoThrow(
                        try JSONSerialization.jsonObject(with: Data(out.utf8)),
                        "\(args[1]) on case \(index): not JSON:\n\(out.prefix(300))")
                }
            }
        }
        XCTAssertGreaterThan(statuses.count, 1, "the damaged files reach more than one outcome: \(statuses)")
    }
}
