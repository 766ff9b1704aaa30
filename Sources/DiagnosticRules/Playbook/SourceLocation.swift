/// A place in a playbook or case file, for messages in the compiler form `file:line:col`.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    /// The location `offset` characters further along the same line (for positions inside a
    /// condition string).
    public func advanced(by offset: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column + offset)
    }
}

/// One finding about a playbook: a load error, a lint error or a warning.
public struct PlaybookDiagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    /// `Playbooks/x.yaml:12:7: error: unknown fact 'machine_gud' (did you mean 'machine_guid'?)`
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Thrown when a playbook cannot be used at all; carries every finding, errors first.
public struct PlaybookLoadError: Error, CustomStringConvertible {
    public var diagnostics: [PlaybookDiagnostic]
    public init(_ diagnostics: [PlaybookDiagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
