import ArgumentParser
import DiagnosticRules
import Foundation

/// Printing shared by the subcommands, so each command file only maps arguments to the
/// library and every bad input ends the same way: one line on stderr, exit code 1.
enum CommandOutput {
    /// Prints reports as text blocks separated by blank lines, or as one JSON document
    /// `{"format": "keywizard-<command>/1", "results": [...]}` with snake_case keys.
    static func emit<T: Encodable>(_ items: [T], command: String, format: OutputFormat, text: (T) -> [String]) throws {
        switch format {
        case .json:
            print(try WindowsJSON.encode(WindowsJSON.Document(format: "keywizard-\(command)/1", results: items)))
        case .text:
            print(items.map { text($0).joined(separator: "\n") }.joined(separator: "\n\n"))
        }
    }

    /// Writes `keywizard: error: <command>: <message>` to stderr (the one error prefix of
    /// every command) and returns the exit code to throw.
    static func fail(_ command: String, _ message: String) -> ExitCode {
        printError("\(command): \(message)")
        return ExitCode(1)
    }
}
