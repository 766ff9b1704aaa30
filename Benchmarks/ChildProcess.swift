import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a command the way an operator would and measures it from outside: wall time, and the
/// peak resident set size the kernel reports for it (wait4's rusage), so the figures are the
/// process's own and not the benchmark's.
///
/// Why through a fresh copy of this program (`--measure-child`): Linux starts a child's peak
/// RSS at its parent's size when the child is forked or spawned (exec records the copied
/// address space's high-water mark), so a command spawned by a benchmark that has grown to
/// 60 MB reports at least 60 MB. The fresh copy is a few MB when it spawns the command, which
/// then reports its own peak.
enum ChildProcess {
    struct Measurement {
        var status: Int32
        var seconds: Double
        var maxRSSMB: Double
        var output: String
    }

    /// The flag that makes keywizard-bench run one command and print its measurement.
    static let measureFlag = "--measure-child"

    static func measure(_ argv: [String]) -> Measurement? {
        let report = NSTemporaryDirectory() + "keywizard-bench-measure-\(getpid())"
        defer { unlink(report) }
        let outPath = NSTemporaryDirectory() + "keywizard-bench-out-\(getpid())"
        defer { unlink(outPath) }
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        guard let relay = direct([me, measureFlag, outPath] + argv, outPath: report) else { return nil }
        let fields = relay.output.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Double($0) }
        guard relay.status == 0, fields.count == 3 else {
            FileHandle.standardError.write(
                Data("measure: relay \(me) exited \(relay.status): '\(relay.output)'\n".utf8))
            return nil
        }
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        return Measurement(status: Int32(fields[0]), seconds: fields[1], maxRSSMB: fields[2], output: output)
    }

    /// `keywizard-bench --measure-child OUT ARGV...`: runs ARGV with its output in OUT and
    /// prints "status seconds peak-MB".
    static func relay(_ arguments: [String]) -> Never {
        guard arguments.count >= 2, let m = direct(Array(arguments.dropFirst()), outPath: arguments[0]) else { exit(1) }
        print("\(m.status) \(m.seconds) \(m.maxRSSMB)")
        exit(0)
    }

    private static func direct(_ argv: [String], outPath: String) -> Measurement? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, argv[0], &actions, nil, cArgs, environ) == 0 else { return nil }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        return Measurement(
            status: (status >> 8) & 0xFF, seconds: seconds, maxRSSMB: Double(usage.ru_maxrss) / 1024, output: output)
    }
}

/// The `keywizard` binary the benchmarks run: `$KEYWIZARD_BENCH_BINARY` (for example the
/// `make dist` binary), else the one built next to this benchmark.
var keywizardBinary: String {
    if let explicit = ProcessInfo.processInfo.environment["KEYWIZARD_BENCH_BINARY"], !explicit.isEmpty {
        return explicit
    }
    return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
        "keywizard"
    ).path
}
