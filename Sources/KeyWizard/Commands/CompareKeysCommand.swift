import ArgumentParser
import DiagnosticRules

/// `keywizard compare-keys A B`: whether two machine keys share a base key. Prints at most the
/// first 4 bytes of either key.
struct CompareKeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare-keys",
        abstract: "Compare two hex machine keys (or prefixes) and classify how they differ.")

    @Argument(help: "First key or key prefix, hex (dashes allowed).")
    var a: String?

    @Argument(help: "Second key or key prefix, hex (dashes allowed).")
    var b: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        guard let a, let b else {
            throw CommandOutput.fail("compare-keys", "A and B are required; pass two hex keys, e.g. the "
                + "validationKey values of two servers.")
        }
        for (label, key) in [("A", a), ("B", b)] where KeyFingerprint.bytes(fromHex: key) == nil {
            throw CommandOutput.fail("compare-keys", "\(label) is not hex; pass the validationKey or decryptionKey "
                + "value (an even number of hex digits, dashes allowed).")
        }
        let result = KeyComparison.classify(a, b)
        switch format {
        case .json: print(try WindowsJSON.encode(result))
        case .text: print(result.textLines().joined(separator: "\n"))
        }
    }
}
