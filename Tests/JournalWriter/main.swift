// keywizard-journal-writer: a test helper for the crash-safety test. It journals COUNT
// answers to FILE through SessionJournal and prints `ack N` after each append returns (the
// record is fsync'd by then), so the test can kill it with SIGKILL at any point and check
// that every acknowledged answer survived.
import DiagnosticRules
import Foundation

let args = CommandLine.arguments
guard args.count == 3, let count = Int(args[2]) else {
    FileHandle.standardError.write(Data("usage: keywizard-journal-writer FILE COUNT\n".utf8))
    exit(2)
}
/// Unbuffered, so the test sees each line as soon as it is written.
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

let identity = PlaybookIdentity(id: "crash-test", version: "1", contentHash: String(repeating: "0", count: 64))
do {
    let journal = try SessionJournal.create(at: URL(fileURLWithPath: args[1]), identity: identity, hostLabel: "crash")
    try journal.recordSymptom()
    say("started")
    for i in 0..<count {
        let answer = Answer(
            step: "step\(i)", value: .value(.integer(Int64(i))), time: Date(timeIntervalSince1970: Double(i)))
        try journal.append(answer)
        say("ack \(i)")
    }
    journal.close()
    say("done")
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
