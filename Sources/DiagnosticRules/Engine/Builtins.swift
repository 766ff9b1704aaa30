import Foundation

/// A type in a function signature: a fact type, or "any" where the function is generic.
public enum StaticType: Equatable, Sendable, CustomStringConvertible {
    case fact(FactType)
    case any

    public var description: String {
        switch self {
        case .fact(let t): return t.rawValue
        case .any: return "any"
        }
    }

    /// Whether a value of type `self` may be used where `other` is expected. GUIDs and strings
    /// convert both ways (a GUID typed as text is still a GUID); `any` fits everything.
    func fits(_ other: StaticType) -> Bool {
        switch (self, other) {
        case (.any, _), (_, .any): return true
        case (.fact(let a), .fact(let b)):
            return a == b || Set([a, b]) == Set([.string, .guid])
        }
    }
}

/// One function a playbook may call. The set is closed and lives in code; a playbook can
/// only name these, so a playbook can never run code, read files or reach the network.
public struct Builtin: Sendable {
    public let name: String
    public let parameters: [StaticType]
    public let returns: StaticType
    /// One line for `keywizard explain` and lint messages.
    public let summary: String
    /// Nil means "no value" (unknown), never false.
    let body: @Sendable ([Value]) -> Value?

    public init(
        _ name: String, _ parameters: [StaticType], _ returns: StaticType, _ summary: String,
        _ body: @escaping @Sendable ([Value]) -> Value?
    ) {
        self.name = name
        self.parameters = parameters
        self.returns = returns
        self.summary = summary
        self.body = body
    }

    public func call(_ arguments: [Value]) -> Value? { body(arguments) }
}

/// The closed library of built-in functions. Windows knowledge lives in `Windows/` and is
/// exposed here by name; everything else is generic list and text handling.
public enum Builtins {
    public static let all: [String: Builtin] = {
        var table: [String: Builtin] = [:]
        for f in generic + windows { table[f.name] = f }
        return table
    }()

    public static func named(_ name: String) -> Builtin? { all[name] }

    static let s = StaticType.fact(.string)
    static let i = StaticType.fact(.integer)
    static let b = StaticType.fact(.boolean)
    static let g = StaticType.fact(.guid)
    static let l = StaticType.fact(.list)

    static let generic: [Builtin] = [
        Builtin("count", [l], i, "number of items in a list") { a in
            a[0].listValue.map { .integer(Int64($0.count)) }
        },
        Builtin("lower", [s], s, "text in lower case") { a in a[0].stringValue.map { .string($0.lowercased()) } },
        Builtin("upper", [s], s, "text in upper case") { a in a[0].stringValue.map { .string($0.uppercased()) } },
        Builtin("starts_with", [s, s], b, "whether the text starts with the prefix (case-insensitive)") { a in
            guard let x = a[0].stringValue, let y = a[1].stringValue else { return nil }
            return .boolean(x.lowercased().hasPrefix(y.lowercased()))
        },
        Builtin("contains_text", [s, s], b, "whether the text contains the other text (case-insensitive)") { a in
            guard let x = a[0].stringValue, let y = a[1].stringValue else { return nil }
            return .boolean(x.lowercased().contains(y.lowercased()))
        },
        Builtin(
            "lookup", [l, s], s,
            "the value of 'key=value' entry KEY in a list (case-insensitive key); unknown when absent"
        ) { a in
            guard let items = a[0].listValue, let key = a[1].stringValue?.lowercased() else { return nil }
            for item in items {
                guard let text = item.stringValue, let eq = text.firstIndex(of: "=") else { continue }
                if text[..<eq].lowercased() == key { return .string(String(text[text.index(after: eq)...])) }
            }
            return nil
        },
        Builtin("first", [l], .any, "the first item of a list; unknown when the list is empty") { a in
            a[0].listValue?.first
        },
        Builtin("distinct", [l], l, "the list without repeated items, in first-seen order") { a in
            guard let items = a[0].listValue else { return nil }
            var seen = Set<Value>()
            return .list(items.filter { seen.insert($0).inserted })
        },
        Builtin("without", [l, .any], l, "the list without the given item") { a in
            guard let items = a[0].listValue else { return nil }
            return .list(items.filter { !Evaluator.equal($0, a[1]) })
        },
        Builtin("concat", [l, l], l, "two lists joined, without repeated items") { a in
            guard let x = a[0].listValue, let y = a[1].listValue else { return nil }
            var seen = Set<Value>()
            return .list((x + y).filter { seen.insert($0).inserted })
        },
        Builtin("guid", [s], g, "the text as a normalised GUID; unknown when it is not a GUID") { a in
            a[0].stringValue.flatMap(GUIDText.normalize).map(Value.guid)
        },
        Builtin("text", [.any], s, "any value as text") { a in .string(a[0].description) }
    ]
}
