import DiagnosticRules
import Foundation

/// Every `print` in this module goes through `OutputSanitizer`: declared at module scope, it
/// shadows the standard library's, so no command can write a raw escape sequence from a
/// session file, answers file, `--host` or file name to the terminal.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator)
    Swift.print(OutputSanitizer.text(text), terminator: OutputSanitizer.text(terminator))
}

/// One message on standard error, sanitised as `print` is.
func writeStandardError(_ text: String) {
    FileHandle.standardError.write(Data(OutputSanitizer.text(text).utf8))
}
