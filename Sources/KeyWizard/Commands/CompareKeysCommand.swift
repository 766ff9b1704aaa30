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
        give no arguments (or -) to read the two keys from standard input, one per line.
        """)

    @Argument(help: "First key or key prefix, hex (dashes allowed); omit or '-' to read both from stdin.")
    var a: String?

    @Argument(help: "Second key or key prefix, hex (dashes allowed).")
    var b: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        var a = self.a, b = self.b
        if a == nil || a == "-" {
            let lines = AnyIterator { readLine(strippingNewline: true) }
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.prefix(2)
            if lines.count == 2 { a = lines[lines.startIndex]; b = lines[lines.startIndex + 1] }
        }
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
