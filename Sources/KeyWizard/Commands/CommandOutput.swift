import ArgumentParser
import DiagnosticRules
import Foundation

/// Printing shared by the subcommands, so each command file only maps arguments to the
/// library and every bad input ends the same way: one line on stderr, exit code 1.
enum CommandOutput {
    /// Prints reports as text blocks separated by blank lines, or as one JSON array.
    static func emit<T: Encodable>(_ items: [T], format: OutputFormat, text: (T) -> [String]) throws {
        switch format {
        case .json:
            print(try WindowsJSON.encode(items))
        case .text:
            print(items.map { text($0).joined(separator: "\n") }.joined(separator: "\n\n"))
        }
    }

    /// Writes `keywizard <command>: <message>` to stderr and returns the exit code to throw.
    static func fail(_ command: String, _ message: String) -> ExitCode {
        writeStandardError("keywizard \(command): \(message)\n")
        return ExitCode(1)
    }
}
