import Foundation

/// The two ASP.NET runtime versions whose registry keys hold auto-generated machine keys:
/// every 2.0-3.5 app uses 2.0.50727.0 and every 4.x app 4.0.30319.0.
public enum ASPNETVersion: String, CaseIterable, Codable, Sendable {
    case v2 = "2.0.50727.0"
    case v4 = "4.0.30319.0"

    /// Accepts `2.0`, `2`, `v2.0`, `2.0.50727.0`, `4.0`, `4.8`, `v4.0.30319` and similar.
    public init?(parsing text: String) {
        var t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t.hasPrefix("v") { t.removeFirst() }
        if t == "2" || t.hasPrefix("2.") || t.hasPrefix("3.") {
            self = .v2
            return
        }
        if t == "4" || t.hasPrefix("4.") {
            self = .v4
            return
        }
        return nil
    }

    /// The registry value that holds the key blob under the user hive.
    public var autoGenKeyValueName: String { self == .v2 ? "AutoGenKey" : "AutoGenKeyV4" }
}
