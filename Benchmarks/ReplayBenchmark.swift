import DiagnosticRules
import Foundation

/// `replay --all` over 10,000 generated sessions of the shipped IIS Admin playbook: the
/// regression run after a playbook edit must stay interactive (target: under 5 s on two
/// cores, release build). Prints one table row: sessions, write time, load+replay time.
func replayBenchmark(sessions count: Int = 10_000) {
    let playbooks = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Playbooks")
    let lib = PlaybookLibrary.load(directory: playbooks)
    guard let playbook = lib.playbook("iis-admin-machineguid") else {
        print("replay --all            skipped: run from the package root (Playbooks/iis-admin-machineguid.yaml not found)")
        return
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("keywizard-bench-\(getpid())")
    defer { try? FileManager.default.removeItem(at: dir) }
    let engine = Engine(playbook: playbook)
    let guids = ["5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4", "0b8e2f4c-7a1d-4e55-8c3b-9f6a2d1e7c40"]
    let codes = ["0x80090006", "0x8009000D", "5", "0x80070057"]

    let writeStart = Date()
    for i in 0..<count {
        // Vary the answers so the sessions reach different diagnoses (and some stay open).
        var wizard = Wizard(playbook: playbook)
        let c23 = KeyContainerName.fileName(container: "Microsoft Internet Information Server", machineGuid: guids[(i / 4) % 2])!
        let listing = "\(c23)\n6de9cb26d2b98c01ec4e9e8b34824aa2_\(guids[0])\n"
        let inputs = ["?", codes[i % codes.count], guids[0], listing, "2", "?"]
        let t0 = Date(timeIntervalSince1970: 1_740_821_400 + Double(i))
        for (n, text) in inputs.enumerated() where wizard.currentStep != nil {
            if case .failure = wizard.submit(text, time: t0.addingTimeInterval(Double(n))) { break }
        }
        let url = dir.appendingPathComponent(String(format: "s%05d.jsonl", i))
        do {
            try SessionFile.write(answers: wizard.answers, playbook: playbook, conclusion: engine.evaluate(wizard.answers),
                                  hostLabel: "BENCH\(i % 7)", to: url, now: t0.addingTimeInterval(60))
        } catch {
            print("replay --all            failed to write \(url.path): \(error)")
            return
        }
    }
    let written = Date().timeIntervalSince(writeStart)

    let start = Date()
    let entries = SessionReplay.replayAll(directory: dir, library: lib)
    let elapsed = Date().timeIntervalSince(start)
    let passed = entries.filter(\.passed).count
    let line = String(format: "replay --all %6d sessions  %6.2f s load+replay (%5.1f us/session; %d passed, %d failed)  [written in %.1f s]  target < 5 s",
                      count, elapsed, elapsed * 1_000_000 / Double(max(count, 1)), passed, entries.count - passed, written)
    print(line)
}
