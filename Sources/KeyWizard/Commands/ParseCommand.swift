import ArgumentParser
import DiagnosticRules
import Foundation
import WindowsArtifacts

/// `keywizard parse FILE... [--format text|json] [--parser ID] [--known-keys FILE]`: shows
/// what KeyWizard reads from saved command output (reg query, .reg exports, MachineKeys
/// listings, event exports, applicationHost.config, web.config, icacls), so an operator can
/// check a file before feeding it to the wizard, and scripts can use the fields.
///
/// Every file is parsed before anything is printed: when one cannot be read or recognised,
/// each failure is one line on stderr naming the file (and line) and what to do, nothing is
/// printed on stdout, and the exit code is 1.
///
/// JSON output (stable; keys sorted) is an array with one `EvidenceReport` object per file,
/// in argument order; its shape is documented (and tested) on `EvidenceReport`. Keys never
/// appear: only fingerprints (`sha256:xxxxxxxx/NB`).
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract:
            "Show what KeyWizard reads from evidence files (reg query, .reg, dir, events, configs, icacls, hives, .evtx).",
        discussion: "Formats (--parser): "
            + EvidenceRegistry.all.map { "\($0.id) (\($0.title))" }.joined(separator: "; ")
            + ". Registry hive files (SOFTWARE, SYSTEM, NTUSER.DAT) and .evtx event logs are recognised by their signature."
    )

    @Argument(help: "Evidence files: saved command output or config files (UTF-8 or UTF-16 with BOM).")
    var files: [String] = []

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Parser id to use instead of detecting the format (see the list in --help).")
    var parser: String?

    @Option(
        name: .customLong("key"),
        help:
            "For registry hive files: list the named values of this key (path from the hive's root, e.g. 'Microsoft\\Cryptography' in SOFTWARE, 'Select' in SYSTEM; any case)."
    )
    var key: String?

    @Option(
        name: .customLong("known-keys"),
        help:
            "Publicly disclosed keys: Microsoft's CSV as published, or one raw hex key or 64-hex SHA-256 digest per line, # comments (default: the shipped list)."
    )
    var knownKeys: String?

    func run() throws {
        if files.isEmpty {
            throw fail("FILE is missing; give at least one evidence file, e.g. keywizard parse machineguid.txt")
        }
        let chosen: (any EvidenceParser)?
        if let parser {
            guard let found = EvidenceRegistry.parser(id: parser) else {
                throw fail(
                    "--parser '\(parser)' is not a parser id; use one of: \(EvidenceRegistry.all.map(\.id).joined(separator: ", "))"
                )
            }
            chosen = found
        } else {
            chosen = nil
        }
        let context: EvidenceContext
        do { context = try KnownKeysLoading.load(explicit: knownKeys, playbooks: nil).context } catch let f
            as KeyWizard.Failure
        {
            throw fail(f.message)
        }

        var results: [(file: String, parsed: ParsedEvidence)] = []
        var failures: [String] = []
        for file in files {
            switch Self.parse(file: file, parser: chosen, context: context, key: key) {
            case .success(let parsed): results.append((file, parsed))
            case .failure(let failure): failures.append(failure.message)
            }
        }
        if !failures.isEmpty {
            for message in failures { printError("parse: \(message)") }
            throw ExitCode(1)
        }
        switch format {
        case .text:
            print(
                results.map { EvidenceReport(file: $0.file, parsed: $0.parsed).textLines().joined(separator: "\n") }
                    .joined(separator: "\n\n"))
        case .json:
            let reports = results.map { EvidenceReport(file: $0.file, parsed: $0.parsed) }
            print(try WindowsJSON.encode(WindowsJSON.Document(format: "keywizard-parse/1", results: reports)))
        }
    }

    private struct Failure: Error { var message: String }

    /// Evidence is command output or a config file; anything larger is the wrong file.
    private static let maximumFileBytes = 16 * 1_048_576

    private static func parse(file: String, parser: (any EvidenceParser)?, context: EvidenceContext, key: String?)
        -> Result<ParsedEvidence, Failure>
    {
        // Registry hives and event logs are read by their own readers, found by signature.
        if parser == nil, let format = ArtifactReader.format(ofFileAt: file) {
            do {
                if let key, format == .hive { return .success(try HiveEvidenceReader.read(path: file, key: key)) }
                return .success(try ArtifactReader.read(path: file, format: format))
            } catch {
                return .failure(Failure(message: "\(error)"))
            }
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            return .failure(
                Failure(
                    message: "\(file): cannot read the file (\(Self.reason(error))); check the path and permissions"))
        }
        if data.count > Self.maximumFileBytes {
            return .failure(
                Failure(
                    message:
                        "\(file): \(data.count) bytes is too large for command output (limit \(Self.maximumFileBytes / 1_048_576) MB); save only the command's output"
                ))
        }
        let text = EvidenceText.decode(data)
        do {
            if let parser { return .success(try parser.parse(text, context: context)) }
            return .success(try EvidenceRegistry.parseAuto(text, context: context))
        } catch let error as EvidenceError {
            if error.parser == "auto" {
                return .failure(Failure(message: "\(file): \(error.description); or name the format with --parser ID"))
            }
            let found = error.found.isEmpty ? "end of input" : "'\(error.found)'"
            return .failure(
                Failure(
                    message:
                        "\(file): line \(error.line): \(error.parser) expected \(error.expected), found \(found); check the file is complete, or choose the format with --parser ID"
                ))
        } catch {
            return .failure(Failure(message: "\(file): \(error)"))
        }
    }

    private static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError { return underlying.localizedDescription }
        return ns.localizedDescription
    }

    private func fail(_ message: String) -> ExitCode {
        printError("parse: \(message)")
        return ExitCode(1)
    }
}
