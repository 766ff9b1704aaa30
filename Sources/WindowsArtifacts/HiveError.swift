import Foundation

/// Why a hive file could not be read: one line naming the file, the problem and the fix.
public struct HiveError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "\(path): \(message)" }
}
