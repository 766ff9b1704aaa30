import Foundation

/// A small element tree, read by `XMLReader`, with the line of every start tag, because the
/// XML evidence parsers must name lines.
final class XMLNode {
    /// Local name (any `prefix:` dropped).
    let name: String
    /// The name as written, when it has a prefix (`xdt:Transform`); closing tags must match it.
    var qualifiedName: String?
    let attributes: [String: String]
    /// 1-based line of the start tag.
    let line: Int
    var children: [XMLNode] = []
    var text = ""
    weak var parent: XMLNode?

    init(name: String, attributes: [String: String], line: Int) {
        self.name = name
        self.attributes = attributes
        self.line = line
    }

    /// Tears the subtree down iteratively: the default recursive release would overflow the
    /// stack on a deeply nested (hostile or corrupt) document.
    deinit {
        var pending = children
        children = []
        while let node = pending.popLast() {
            pending.append(contentsOf: node.children)
            node.children = []
        }
    }

    func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }
    func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// Attribute by name, ignoring case (IIS reads `identityType` case-insensitively).
    func attribute(_ name: String) -> String? {
        if let v = attributes[name] { return v }
        return attributes.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Every descendant (depth first, document order) with that local name.
    func descendants(_ name: String) -> [XMLNode] {
        var out: [XMLNode] = []
        var stack: [XMLNode] = children.reversed()
        while let node = stack.popLast() {
            if node.name == name { out.append(node) }
            stack.append(contentsOf: node.children.reversed())
        }
        return out
    }

    /// Every node below this one, document order.
    func allDescendants() -> [XMLNode] {
        var out: [XMLNode] = []
        var stack: [XMLNode] = children.reversed()
        while let node = stack.popLast() {
            out.append(node)
            stack.append(contentsOf: node.children.reversed())
        }
        return out
    }
}

enum XMLTree {
    /// Name of the element the text is read inside: `wevtutil qe /f:xml` prints bare `<Event>`
    /// elements with no root, and a `<machineKey/>` may be pasted next to `<httpRuntime/>`.
    static let wrapper = "keywizard-evidence-root"

    /// Deeper nesting than this is refused: no config or event format nests beyond ~10 levels,
    /// and unbounded depth only serves to exhaust memory or the stack.
    static let maximumDepth = 256

    /// Parses `text` as the content of a synthetic root element, keeping line numbers.
    /// Throws an `EvidenceError` naming the line where the XML broke.
    static func parse(_ text: String, parser id: String, expected: String) throws -> XMLNode {
        let lineCount = max(1, EvidenceLines(text).lines.count)
        if text.range(of: "<!DOCTYPE", options: .caseInsensitive) != nil || text.contains("<!ENTITY") {
            let line = lineOf(text, "<!") ?? 1
            throw EvidenceError(
                parser: id, line: line,
                expected: expected + " without a DOCTYPE (entity declarations are not accepted)", found: "<!DOCTYPE")
        }
        do {
            return try XMLReader.parseContent(of: text, root: wrapper, maximumDepth: maximumDepth)
        } catch let failure as XMLReader.Failure {
            throw EvidenceError(
                parser: id, line: min(max(1, failure.line), lineCount), expected: expected, found: failure.found)
        }
    }

    private static func lineOf(_ text: String, _ needle: String) -> Int? {
        guard let range = text.range(of: needle) else { return nil }
        return text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
    }
}
