import Foundation

/// Why an event log file could not be read: one line naming the file, the problem and the fix.
public struct EventLogError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "\(path): \(message)" }
}
