import Foundation
import XCTest

@testable import DiagnosticRules

/// kill -9 at random points while answers are journalled: the journal must always load, with
/// every answer that was acknowledged (an ack is printed only after write + fsync returned).
final class SessionCrashTests: XCTestCase {
    func testSIGKILLNeverLosesAnAcknowledgedAnswer() throws {
        let writer = Bundle.main.bundleURL.appendingPathComponent("keywizard-journal-writer")
        guard FileManager.default.isExecutableFile(atPath: writer.path) else {
            return XCTFail("test helper not built at \(writer.path); run swift build --build-tests")
        }
        let dir = try SessionFixtures.temporaryDirectory(self)
        var rng = SplitMix64(seed: 0xC0FF_EE15)
        let total = 40
        var killedMidway = 0
        for run in 0..<25 {
            let url = dir.appendingPathComponent("run-\(run).jsonl")
            let process = Process()
            process.executableURL = writer
            process.arguments = [url.path, String(total)]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()

            // Kill after a random number of acks, plus a random few hundred microseconds, so
            // the signal lands anywhere: between records, inside write(), inside fsync().
            let killAfter = Int(rng.next() % UInt64(total + 5))
            let delay = UInt32(rng.next() % 400)
            var buffer = ""
            var acked = -1
            var sawStart = false
            let handle = pipe.fileHandleForReading
            while acked + 1 < killAfter || (!sawStart && killAfter == 0) {
                let data = handle.availableData
                if data.isEmpty { break }
                buffer += String(decoding: data, as: UTF8.self)
                sawStart = sawStart || buffer.contains("started")
                acked = lastAck(buffer) ?? acked
            }
            usleep(delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            buffer += String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
            acked = lastAck(buffer) ?? -1
            if !buffer.contains("done") { killedMidway += 1 }

            let loaded = try SessionFile.load(url)
            let answers = loaded.answers
            XCTAssertGreaterThanOrEqual(
                answers.count, acked + 1, "run \(run): \(acked + 1) acknowledged, \(answers.count) loaded")
            for (i, a) in answers.enumerated() {
                XCTAssertEqual(a.value, .value(.integer(Int64(i))), "run \(run)")
            }
            // Only the record being written when the signal landed can be damaged.
            XCTAssertLessThanOrEqual(loaded.damage.count, 1, "run \(run): \(loaded.damage)")
        }
        XCTAssertGreaterThan(killedMidway, 15, "most runs must be killed before finishing")
    }

    private func lastAck(_ text: String) -> Int? {
        text.split(separator: "\n").reversed().lazy.compactMap { line -> Int? in
            line.hasPrefix("ack ") ? Int(line.dropFirst(4)) : nil
        }.first
    }
}
