import ArgumentParser
import DiagnosticRules
import Foundation

/// `keywizard compare-keys A B`: whether two machine keys share a base key. Prints at most the
/// first 4 bytes of either key.
struct CompareKeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare-keys",
        abstract: "Compare two hex machine keys (or prefixes) and classify how they differ.",
        discussion: """
            Keys on the command line are visible to other users (ps) and kept in shell history: \
            give no arguments (or -) to read the two keys from standard input, one per line, or \
            give two config files (web.config, machine.config): their <machineKey> keys are then \
            compared by fingerprint, with the algorithms and compatibilityMode.

            Fewer than 8 overlapping bytes get no verdict ("too-short"); an all-zero or \
            low-entropy value is reported as "not-a-key". Exit status: 0 compared, 1 bad input.
            """)

    @Argument(
        help:
            "First key or key prefix, hex (dashes allowed), or a config file; omit or '-' to read both keys from stdin."
    )
    var a: String?

    @Argument(help: "Second key or key prefix, hex (dashes allowed).")
    var b: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        var a = self.a
        var b = self.b
        if a == nil || a == "-" {
            let lines = AnyIterator { readLine(strippingNewline: true) }
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.prefix(2)
            if lines.count == 2 {
                a = lines[lines.startIndex]
                b = lines[lines.startIndex + 1]
            }
        }
        if let a, let b, a != "-", FileManager.default.fileExists(atPath: a), FileManager.default.fileExists(atPath: b)
        {
            try compareConfigs(a, b)
            return
        }
        for (label, path) in [("A", a), ("B", b)] {
            if let path, path.contains("/") || path.lowercased().hasSuffix(".config"),
                !FileManager.default.fileExists(atPath: path)
            {
                throw CommandOutput.fail("compare-keys", "\(label) \(path): no such file; check the path")
            }
        }
        guard let a, let b else {
            throw CommandOutput.fail(
                "compare-keys",
                "A and B are required; pass two hex keys, e.g. the "
                    + "validationKey values of two servers.")
        }
        for (label, key) in [("A", a), ("B", b)] where KeyFingerprint.bytes(fromHex: key) == nil {
            throw CommandOutput.fail(
                "compare-keys",
                "\(label) is not hex and not a file; pass two config files, or the "
                    + "validationKey or decryptionKey values (an even number of hex digits, dashes allowed) on standard input."
            )
        }
        let result = KeyComparison.classify(a, b)
        switch format {
        case .json:
            print(try WindowsJSON.encode(WindowsJSON.Document(format: "keywizard-compare-keys/1", results: [result])))
        case .text: print(result.textLines().joined(separator: "\n"))
        }
    }

    private func compareConfigs(_ a: String, _ b: String) throws {
        func read(_ path: String) throws -> String {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CommandOutput.fail(
                    "compare-keys", "\(path): cannot read the file; check the path and permissions")
            }
            return EvidenceText.decode(data)
        }
        let result: ConfigKeyComparison
        do { result = try ConfigKeyComparison.compare(try read(a), file: a, try read(b), file: b) } catch let e
            as ConfigKeyComparison.ReadError
        {
            throw CommandOutput.fail("compare-keys", e.description)
        }
        switch format {
        case .json:
            print(try WindowsJSON.encode(WindowsJSON.Document(format: "keywizard-compare-keys/1", results: [result])))
        case .text: print(result.textLines().joined(separator: "\n"))
        }
    }
}
