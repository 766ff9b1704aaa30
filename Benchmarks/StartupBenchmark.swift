import Foundation

/// Time to the first screen and resident memory at the start menu, for keywizard and, in the
/// same run and the same way, for dialog and whiptail when they are installed: each is
/// started on a fresh 80x24 pty (as over SSH), timed until its menu text has been drawn, and
/// its VmRSS read once the menu is up. Also the bytes one Down arrow sends back (redraw cost
/// on a slow link). Medians of several starts.
/// Targets: first screen within 3x dialog's, RSS at the menu under 15 MB.
func startupBenchmark(runs: Int = 9) {
    let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    let playbooks = root.appendingPathComponent("Playbooks").path
    let keywizard = keywizardBinary
    let state = NSTemporaryDirectory() + "keywizard-bench-state-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: state) }
    var environment = ProcessInfo.processInfo.environment
    environment["TERM"] = "xterm-256color"
    environment["LANG"] = "C.UTF-8"
    environment["XDG_STATE_HOME"] = state
    environment["TMUX"] = nil

    let items = [
        "IIS Admin Service will not start", "Users logged out after a recycle", "Viewstate MAC failed in a farm",
        "Shared configuration keys"
    ]
    var peerMenu: [String] = []
    for (i, item) in items.enumerated() { peerMenu += [String(i + 1), item] }
    let programs: [(name: String, argv: [String], marker: String)] = [
        ("keywizard", [keywizard, "run", "--playbooks", playbooks], "What is the symptom?"),
        (
            "dialog", ["/usr/bin/dialog", "--menu", "What is the symptom?", "20", "70", "8"] + peerMenu,
            "What is the symptom?"
        ),
        (
            "whiptail", ["/usr/bin/whiptail", "--menu", "What is the symptom?", "20", "70", "8"] + peerMenu,
            "What is the symptom?"
        )
    ]
    func cells(_ c: [String]) -> String {
        zip(c, [10, 17, 16, 14]).map { $0.0.padding(toLength: max($0.1, $0.0.count), withPad: " ", startingAt: 0) }
            .joined(separator: " ")
    }
    print(cells(["program", "first screen ms", "RSS at menu MB", "Down arrow B"]))
    var firstScreen: [String: Double] = [:]
    var resident: [String: Double] = [:]
    for program in programs {
        guard FileManager.default.isExecutableFile(atPath: program.argv[0]) else {
            print(cells([program.name, "not installed"]))
            continue
        }
        var times: [Double] = []
        var rss: [Double] = []
        var down: [Int] = []
        for _ in 0..<runs {
            guard let p = PtyProcess(program.argv, environment: environment) else { continue }
            defer { p.finish() }
            guard let t = p.waitFor(program.marker) else { continue }
            times.append(t * 1000)
            _ = p.drain(for: 0.15)
            if let m = p.residentMB { rss.append(m) }
            p.send("\u{1B}[B")
            down.append(p.drain(for: 0.25))
        }
        guard !times.isEmpty else {
            print(cells([program.name, "did not draw '\(program.marker)' on an 80x24 pty"]))
            continue
        }
        firstScreen[program.name] = median(times)
        resident[program.name] = median(rss)
        print(
            cells([
                program.name, String(format: "%.1f", median(times)), String(format: "%.1f", median(rss)),
                String(Int(median(down.map(Double.init))))
            ]))
    }
    if let k = firstScreen["keywizard"], let d = firstScreen["dialog"] {
        print(
            String(
                format: "keywizard first screen = %.1fx dialog's (target <= 3x); RSS %.1f MB (target < 15 MB)", k / d,
                resident["keywizard"] ?? 0))
    }
}

func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
