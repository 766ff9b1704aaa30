import ArgumentParser
import DiagnosticRules
import Foundation

/// `keywizard scan-configs PATH...`: every `<machineKey>` in copied or mounted trees, with
/// fingerprints, disclosed keys and the files that disagree.
struct ScanConfigsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan-configs",
        abstract: "Find every <machineKey> under folders of config files; flag disclosed and differing keys.",
        discussion: """
            Walks each PATH (inetpub, site folders, %windir%\\Microsoft.NET\\Framework*\\*\\Config, \
            copied or mounted) for *.config files and reports each <machineKey>, including those \
            inside <location> elements: key modes (explicit, AutoGenerate, IsolateApps, \
            IsolateByAppId), algorithms, compatibilityMode, fingerprints (never the keys), whether a \
            key is publicly disclosed, and which files disagree.

            Exit status: 0 nothing critical, 3 a disclosed key was found, 1 bad input.
            """)

    @Argument(help: "Files or folders to scan.") var paths: [String] = []
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text
    @Option(name: .customLong("known-keys"), help: "Disclosed-key list (default: the imported or shipped list).")
    var knownKeys: String?
    @OptionGroup var options: PlaybookOptions

    func run() throws {
        var status: Int32 = 0
        try guarded {
            guard !paths.isEmpty else {
                throw Failure("give at least one PATH, e.g. keywizard scan-configs /mnt/web01/inetpub")
            }
            let known = try KnownKeysLoading.load(explicit: knownKeys, playbooks: options.playbooks)
            let files: [String]
            do { files = try ConfigScanner.files(under: paths) } catch let e as ConfigScanner.PathError {
                throw Failure(e.description)
            }
            let progress: (@Sendable (Int) -> Void)?
            if isatty(STDERR_FILENO) == 1 {
                let total = files.count
                progress = { done in
                    FileHandle.standardError.write(Data("\rscanning: \(done)/\(total) files".utf8))
                }
            } else {
                progress = nil
            }
            let scan = ConfigScanner.scan(files: files, context: known.context, progress: progress)
            if progress != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            switch format {
            case .json: print(try ConfigScanReport.json(scan))
            case .text: print(ConfigScanReport.text(scan).joined(separator: "\n"))
            }
            if scan.critical { status = 3 }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
