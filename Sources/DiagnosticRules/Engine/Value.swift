import Foundation

/// A fact's value. The engine knows only these shapes; "unknown" is the absence of a value,
/// never a value of its own, so that missing data cannot be mistaken for false.
public enum Value: Hashable, Sendable, Codable, CustomStringConvertible {
    case string(String)
    case integer(Int64)
    case boolean(Bool)
    /// A GUID, always stored normalised: lower case, no braces.
    case guid(String)
    case list([Value])

    public var type: FactType {
        switch self {
        case .string: return .string
        case .integer: return .integer
        case .boolean: return .boolean
        case .guid: return .guid
        case .list: return .list
        }
    }

    /// The value as an operator would type it.
    public var description: String {
        switch self {
        case .string(let s): return s
        case .integer(let i): return String(i)
        case .boolean(let b): return b ? "true" : "false"
        case .guid(let g): return g
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        }
    }

    /// The value in the condition language's literal syntax (strings quoted).
    public var literal: String {
        switch self {
        case .string(let s):
            return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                + "\""
        case .list(let items): return "[" + items.map(\.literal).joined(separator: ", ") + "]"
        default: return description
        }
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        if case .guid(let g) = self { return g }
        return nil
    }
    public var integerValue: Int64? {
        if case .integer(let i) = self { return i }
        return nil
    }
    public var boolValue: Bool? {
        if case .boolean(let b) = self { return b }
        return nil
    }
    public var listValue: [Value]? {
        if case .list(let l) = self { return l }
        return nil
    }

    // Codable as plain JSON/YAML scalars with a type tag only where ambiguous.
    private enum CodingKeys: String, CodingKey { case string, integer, boolean, guid, list }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let s = try c.decodeIfPresent(String.self, forKey: .string) {
            self = .string(s)
            return
        }
        if let i = try c.decodeIfPresent(Int64.self, forKey: .integer) {
            self = .integer(i)
            return
        }
        if let b = try c.decodeIfPresent(Bool.self, forKey: .boolean) {
            self = .boolean(b)
            return
        }
        if let g = try c.decodeIfPresent(String.self, forKey: .guid) {
            self = .guid(g)
            return
        }
        if let l = try c.decodeIfPresent([Value].self, forKey: .list) {
            self = .list(l)
            return
        }
        throw DecodingError.dataCorrupted(
            .init(
                codingPath: decoder.codingPath, debugDescription: "expected one of string, integer, boolean, guid, list"
            ))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .string(let s): try c.encode(s, forKey: .string)
        case .integer(let i): try c.encode(i, forKey: .integer)
        case .boolean(let b): try c.encode(b, forKey: .boolean)
        case .guid(let g): try c.encode(g, forKey: .guid)
        case .list(let l): try c.encode(l, forKey: .list)
        }
    }
}

/// The declared type of a fact in a playbook.
public enum FactType: String, Sendable, Codable, CaseIterable {
    case string, integer, boolean, guid, list
}
