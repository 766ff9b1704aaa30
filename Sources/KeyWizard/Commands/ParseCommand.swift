import ArgumentParser
import DiagnosticRules
import Foundation

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
        abstract: "Show what KeyWizard reads from evidence files (reg query, .reg, dir, events, configs, icacls).",
        discussion: "Formats (--parser): " + EvidenceRegistry.all.map { "\($0.id) (\($0.title))" }.joined(separator: "; "))

    @Argument(help: "Evidence files: saved command output or config files (UTF-8 or UTF-16 with BOM).")
    var files: [String] = []

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "Parser id to use instead of detecting the format (see the list in --help).")
    var parser: String?

    @Option(name: .customLong("known-keys"), help: "File of publicly disclosed keys: one raw hex key or 64-hex SHA-256 digest per line, # comments.")
    var knownKeys: String?

    func run() throws {
        if files.isEmpty {
            throw fail("FILE is missing; give at least one evidence file, e.g. keywizard parse machineguid.txt")
        }
        let chosen: (any EvidenceParser)?
        if let parser {
            guard let found = EvidenceRegistry.parser(id: parser) else {
                throw fail("--parser '\(parser)' is not a parser id; use one of: \(EvidenceRegistry.all.map(\.id).joined(separator: ", "))")
            }
            chosen = found
        } else {
            chosen = nil
        }
        let context = EvidenceContext(knownKeyDigests: try loadKnownKeys())

        var results: [(file: String, parsed: ParsedEvidence)] = []
        var failures: [String] = []
        for file in files {
            switch Self.parse(file: file, parser: chosen, context: context) {
            case .success(let parsed): results.append((file, parsed))
            case .failure(let failure): failures.append(failure.message)
            }
        }
        if !failures.isEmpty {
            for message in failures { writeStandardError("keywizard parse: \(message)\n") }
            throw ExitCode(1)
        }
        switch format {
        case .text:
            print(results.map { EvidenceReport(file: $0.file, parsed: $0.parsed).textLines().joined(separator: "\n") }.joined(separator: "\n\n"))
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(results.map { EvidenceReport(file: $0.file, parsed: $0.parsed) })
            print(String(decoding: data, as: UTF8.self))
        }
    }

    private struct Failure: Error { var message: String }

    /// Evidence is command output or a config file; anything larger is the wrong file.
    private static let maximumFileBytes = 16 * 1_048_576

    private static func parse(file: String, parser: (any EvidenceParser)?, context: EvidenceContext) -> Result<ParsedEvidence, Failure> {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            return .failure(Failure(message: "\(file): cannot read the file (\(Self.reason(error))); check the path and permissions"))
        }
        if data.count > Self.maximumFileBytes {
            return .failure(Failure(message: "\(file): \(data.count) bytes is too large for command output (limit \(Self.maximumFileBytes / 1_048_576) MB); save only the command's output"))
        }
        let text = EvidenceText.decode(data)
        do {
            if let parser { return .success(try parser.parse(text, context: context)) }
            return .success(try EvidenceRegistry.parseAuto(text, context: context))
        } catch let error as EvidenceError {
            if error.parser == "auto" {
                return .failure(Failure(message: "\(file): line \(error.line): \(error.expected); save the full command output, or name the format with --parser ID"))
            }
            let found = error.found.isEmpty ? "end of input" : "'\(error.found)'"
            return .failure(Failure(message: "\(file): line \(error.line): \(error.parser) expected \(error.expected), found \(found); check the file is complete, or choose the format with --parser ID"))
        } catch {
            return .failure(Failure(message: "\(file): \(error)"))
        }
    }

    private func loadKnownKeys() throws -> Set<String> {
        guard let knownKeys else { return [] }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: knownKeys))
        } catch {
            throw fail("--known-keys \(knownKeys): cannot read the file (\(Self.reason(error))); check the path")
        }
        do {
            return try KnownKeys.load(text: EvidenceText.decode(data))
        } catch let error as KnownKeys.LoadError {
            throw fail("--known-keys \(knownKeys): line \(error.line): \(error.message); fix or remove that line")
        }
    }

    private static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError { return underlying.localizedDescription }
        return ns.localizedDescription
    }

    private func fail(_ message: String) -> ExitCode {
        writeStandardError("keywizard parse: \(message)\n")
        return ExitCode(1)
    }
}
