import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A small element tree built with Foundation's `XMLParser` (FoundationXML on Linux), with
/// the line of every start tag, because the XML evidence parsers must name lines and
/// `XMLParser` only reports them while parsing.
final class XMLNode {
    /// Local name (any `prefix:` dropped).
    let name: String
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
    /// Name of the element wrapped around the text: `wevtutil qe /f:xml` prints bare `<Event>`
    /// elements with no root, and a `<machineKey/>` may be pasted next to `<httpRuntime/>`.
    static let wrapper = "keywizard-evidence-root"

    /// Deeper nesting than this is refused: no config or event format nests beyond ~10 levels,
    /// and unbounded depth only serves to exhaust memory or the stack.
    static let maximumDepth = 256

    /// Parses `text` wrapped in a synthetic root element, keeping line numbers: XML
    /// declarations are blanked out in place and the wrapper tags add no line breaks.
    /// Throws an `EvidenceError` naming the line where the XML broke.
    static func parseWrapped(_ text: String, parser id: String, expected: String) throws -> XMLNode {
        let lineCount = max(1, EvidenceLines(text).lines.count)
        if text.range(of: "<!DOCTYPE", options: .caseInsensitive) != nil || text.contains("<!ENTITY") {
            let line = lineOf(text, "<!") ?? 1
            throw EvidenceError(
                parser: id, line: line,
                expected: expected + " without a DOCTYPE (entity declarations are not accepted)", found: "<!DOCTYPE")
        }
        var body = blankDeclarations(text)
        while body.last == "\n" { body.removeLast() }
        let wrapped = "<\(wrapper)>" + body + "</\(wrapper)>"
        let delegate = TreeBuilder(lines: EvidenceLines(body).lines.map(\.text))
        let parser = XMLParser(data: Data(wrapped.utf8))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        let ok = parser.parse()
        // FoundationXML on Linux parses in libxml2's recovery mode: `parse()` can return true
        // after errors, so the first reported error (or any parserError) decides.
        if let first = delegate.firstError ?? parser.parserError.map({ ($0, parser.lineNumber) }) {
            throw EvidenceError(
                parser: id, line: min(max(1, first.1), lineCount), expected: expected, found: describe(first.0))
        }
        guard ok, let root = delegate.root else {
            throw EvidenceError(
                parser: id, line: min(max(1, parser.lineNumber), lineCount), expected: expected, found: "malformed XML")
        }
        return root
    }

    /// Replaces each `<?...?>` processing instruction with spaces (same length, no newline
    /// change): a declaration is only legal at the very start, and the wrapper moves it.
    private static func blankDeclarations(_ text: String) -> String {
        guard text.contains("<?") else { return text }
        var out = ""
        var rest = text[...]
        while let open = rest.range(of: "<?") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "?>") else {
                out += rest[open.lowerBound...]
                return out
            }
            for c in rest[open.lowerBound..<close.upperBound] { out.append(c == "\n" ? "\n" : " ") }
            rest = rest[close.upperBound...]
        }
        out += rest
        return out
    }

    private static func lineOf(_ text: String, _ needle: String) -> Int? {
        guard let range = text.range(of: needle) else { return nil }
        return text[..<range.lowerBound].filter { $0 == "\n" }.count + 1
    }

    private static func describe(_ error: Error) -> String {
        let ns = error as NSError
        if ns.domain == "KeyWizardXML" { return "elements nested more than \(maximumDepth) deep" }
        if ns.domain == XMLParser.errorDomain, let code = XMLParser.ErrorCode(rawValue: ns.code) {
            switch code {
            case .prematureDocumentEndError: return "end of input inside an element (truncated XML?)"
            case .tagNameMismatchError: return "a closing tag that does not match its opening tag"
            case .emptyDocumentError: return "no XML"
            case .ltRequiredError, .gtRequiredError, .attributeNotStartedError, .attributeNotFinishedError:
                return "malformed tag or attribute"
            case .entityRefAtEOFError, .entityRefLoopError, .entityBoundaryError, .entityNotFinishedError,
                .undeclaredEntityError:
                return "a bad entity reference"
            default: break
            }
        }
        return "malformed XML (XMLParser error \(ns.code))"
    }
}

/// Collects elements into `XMLNode`s as the SAX events arrive.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    var root: XMLNode?
    var firstError: (Error, Int)?
    private var stack: [XMLNode] = []
    private let lines: [Substring]

    init(lines: [Substring]) { self.lines = lines }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if firstError == nil { firstError = (parseError, parser.lineNumber) }
    }

    func parser(_ parser: XMLParser, validationErrorOccurred validationError: Error) {
        if firstError == nil { firstError = (validationError, parser.lineNumber) }
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        if stack.count >= XMLTree.maximumDepth {
            if firstError == nil {
                firstError = (NSError(domain: "KeyWizardXML", code: 1), parser.lineNumber)
            }
            parser.abortParsing()
            return
        }
        let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
        let node = XMLNode(
            name: local, attributes: attributeDict, line: startLine(of: elementName, reported: parser.lineNumber))
        if let parent = stack.last {
            node.parent = parent
            parent.children.append(node)
        } else if root == nil {
            root = node
        }
        stack.append(node)
    }

    /// libxml2 reports the line where a start tag ends; an operator wants the line where it
    /// begins, so walk back (at most 50 lines) to the line holding `<name`.
    private func startLine(of name: String, reported: Int) -> Int {
        let reported = min(max(1, reported), max(1, lines.count))
        guard !lines.isEmpty else { return 1 }
        let needle = "<" + name
        var line = reported
        while line >= 1 && reported - line <= 50 {
            let text = lines[line - 1]
            if let range = text.range(of: needle) {
                let after = text[range.upperBound...].first
                if after == nil || after!.isWhitespace || after == "/" || after == ">" { return line }
            }
            line -= 1
        }
        return reported
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        _ = stack.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
    }
}
