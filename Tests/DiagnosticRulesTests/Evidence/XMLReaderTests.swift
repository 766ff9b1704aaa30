import Foundation
import XCTest

@testable import DiagnosticRules

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `XMLReader` replaced Foundation's `XMLParser` (libxml2 on Linux). These tests pin what it
/// reads and refuses, and compare it with libxml2 on every XML document in the repository
/// and on thousands of mutations of them: the same documents are accepted, giving the same
/// trees, and the same ones are refused.
final class XMLReaderTests: XCTestCase {
    private func read(_ text: String) throws -> DiagnosticRules.XMLNode {
        try XMLReader.parseContent(of: text, root: "root", maximumDepth: 256)
    }

    private func failure(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> XMLReader.Failure? {
        do {
            _ = try read(text)
            XCTFail("accepted: \(text.debugDescription)", file: file, line: line)
            return nil
        } catch let failure as XMLReader.Failure {
            return failure
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    func testElementsAttributesAndLines() throws {
        let root = try read(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <system.web>
                <machineKey validationKey='AutoGenerate,IsolateApps'
                    decryption="Auto" />
              </system.web>
              <x:Transform xmlns:x="urn:x">a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#65;&#x42;</x:Transform>
            </configuration>
            """)
        let configuration = try XCTUnwrap(root.child("configuration"))
        XCTAssertEqual(configuration.line, 2)
        let machineKey = try XCTUnwrap(configuration.descendants("machineKey").first)
        XCTAssertEqual(machineKey.line, 4)
        XCTAssertEqual(machineKey.attributes, ["validationKey": "AutoGenerate,IsolateApps", "decryption": "Auto"])
        let transform = try XCTUnwrap(configuration.child("Transform"))
        XCTAssertEqual(transform.qualifiedName, "x:Transform")
        XCTAssertEqual(transform.line, 7)
        XCTAssertEqual(transform.text, "a <b> & \"c\" 'd' AB")
        XCTAssertEqual(transform.attributes, ["xmlns:x": "urn:x"])
    }

    func testCommentsCDATALineEndsAndAttributeNormalisation() throws {
        let root = try read(
            "<a v=\"x\r\ny\tz\">one\r\ntwo\rthree<!-- a - comment --><![CDATA[<not & markup>]]></a>\r\n<b/>")
        let a = try XCTUnwrap(root.child("a"))
        XCTAssertEqual(a.attributes["v"], "x y z")
        XCTAssertEqual(a.text, "one\ntwo\nthree<not & markup>")
        XCTAssertEqual(root.child("b")?.line, 5)
    }

    func testRefusalsNameTheLineAndTheProblem() {
        XCTAssertEqual(
            failure("<a>\n<b>\n</a>"),
            .init(
                line: 3,
                found: "a closing tag that does not match its opening tag (</a> closes <b> opened on line 2)"))
        XCTAssertEqual(
            failure("<Event>\n<System>\n<Provider Name=\"x"),
            .init(line: 3, found: "end of input inside the value of Name in <Provider> (truncated XML?)"))
        XCTAssertEqual(
            failure("<Event>\n<Provider Name=\"x\"\n\n"),
            .init(line: 2, found: "end of input inside the tag <Provider> (truncated XML?)"))
        XCTAssertEqual(
            failure("<Event>\n<System>"),
            .init(line: 2, found: "end of input inside <System> opened on line 2 (truncated XML?)"))
        XCTAssertEqual(failure("<a>&nbsp;</a>")?.found, "a bad entity reference (&nbsp; is not one XML defines)")
        XCTAssertEqual(failure("<a>&#0;</a>")?.found, "a bad entity reference (&#0; is not one XML defines)")
        XCTAssertEqual(failure("<a>AT&T</a>")?.found.hasPrefix("a bad entity reference"), true)
        XCTAssertEqual(failure("<a x=\"1\" x=\"2\"/>")?.found, "the attribute x twice in one <a> tag")
        XCTAssertEqual(failure("<a x=\"1\"y=\"2\"/>")?.found.hasPrefix("malformed tag or attribute"), true)
        XCTAssertEqual(failure("<a x=1/>")?.found.hasPrefix("malformed tag or attribute"), true)
        XCTAssertEqual(failure("<a x=\"<\"/>")?.found.hasPrefix("malformed tag or attribute"), true)
        XCTAssertEqual(failure("\n<!-- a -- b -->")?.line, 2)
        XCTAssertEqual(failure("<a>]]></a>")?.found.hasPrefix("]]> in text"), true)
        XCTAssertEqual(failure("<a>\u{1}</a>")?.found, "a control character XML does not allow (byte 0x1)")
        XCTAssertEqual(failure("<a>\u{FFFE}</a>")?.found, "a character XML does not allow (U+FFFE)")
        XCTAssertEqual(failure("</a>")?.found, "a closing tag </a> with no opening tag")
        XCTAssertEqual(failure("<!ELEMENT a ANY>")?.found.hasPrefix("a markup declaration"), true)
        XCTAssertEqual(failure("<1a/>")?.found.hasPrefix("malformed tag or attribute"), true)
        XCTAssertEqual(failure("<a><![CDATA[x</a>")?.found.hasPrefix("end of input inside a <![CDATA["), true)
    }

    /// "Namespaces in XML": what libxml2 and .NET's reader refuse, this reader refuses.
    func testNamespacePrefixesMustBeDeclaredAndNamesQualified() throws {
        let transform = try read(
            """
            <configuration xmlns:xdt="http://schemas.microsoft.com/XML-Document-Transform">
              <machineKey xdt:Transform="Replace" xml:lang="en"/>
              <x:a xmlns:x="urn:x"><x:b/></x:a>
            </configuration>
            """)
        XCTAssertEqual(transform.child("configuration")?.child("machineKey")?.attributes["xdt:Transform"], "Replace")
        XCTAssertEqual(
            failure("<configuration>\n<machineKey xdt:Transform=\"Replace\"/>"),
            .init(
                line: 2,
                found: "the prefix xdt of xdt:Transform is not declared (no xmlns:xdt= on <machineKey> or around it)"))
        XCTAssertEqual(failure("<x:a xmlns:x=\"urn:x\"/><x:b/>")?.found.hasPrefix("the prefix x of x:b"), true)
        XCTAssertEqual(failure("<a :b=\"1\"/>")?.found.hasPrefix("the name :b in <a>"), true)
        XCTAssertEqual(failure("<a b:=\"1\"/>")?.found.hasPrefix("the name b: in <a>"), true)
        XCTAssertEqual(failure("<a:b:c xmlns:a=\"urn:a\"/>")?.found.hasPrefix("the name a:b:c"), true)
        XCTAssertEqual(failure("<a xmlns:p=\"\"/>")?.found.hasPrefix("xmlns:p=\"\" in <a>"), true)
        // Not a URI, and still read: a console may wrap a long line inside the value.
        XCTAssertNoThrow(try read("<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/eve\nts/event\"/>"))
    }

    func testDepthIsBoundedAndTreesOfAnyDepthAreFreed() throws {
        let limit = 256
        let deepest = String(repeating: "<a>", count: limit - 1) + String(repeating: "</a>", count: limit - 1)
        XCTAssertNoThrow(try read(deepest))
        let tooDeep = String(repeating: "<a>", count: limit) + String(repeating: "</a>", count: limit)
        XCTAssertEqual(failure(tooDeep)?.found, "elements nested more than 256 deep")
        // A wide and deep (but allowed) tree is torn down without recursion.
        let wide = String(repeating: "<a>" + String(repeating: "<b/>", count: 1000) + "</a>", count: 100)
        XCTAssertEqual(try read(wide).children.count, 100)
    }

    func testXMLTreeRefusesDoctypeAndMapsFailuresToEvidenceErrors() {
        XCTAssertThrowsError(try XMLTree.parse("<a>\n<b>\n</a>\n", parser: "p", expected: "XML")) { error in
            let evidence = error as? EvidenceError
            XCTAssertEqual(evidence?.line, 3)
            XCTAssertEqual(evidence?.parser, "p")
            XCTAssertEqual(evidence?.found.hasPrefix("a closing tag that does not match"), true)
        }
        // A failure past the last line (end of input after a final newline) names the last line.
        XCTAssertThrowsError(try XMLTree.parse("<a>\n<b>\n", parser: "p", expected: "XML")) { error in
            XCTAssertEqual((error as? EvidenceError)?.line, 2)
        }
    }

    // MARK: Compared with libxml2

    /// Every XML document in the repository: fixtures and playbook case evidence.
    private func corpus() throws -> [(name: String, text: String)] {
        let roots = [
            EvidenceFixtures.directory,
            SessionFixtures.playbooksDirectory.appendingPathComponent("tests")
        ]
        var out: [(String, String)] = []
        for root in roots {
            let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            while let url = files?.nextObject() as? URL {
                guard ["xml", "config"].contains(url.pathExtension) else { continue }
                out.append((url.lastPathComponent, EvidenceText.decode(try Data(contentsOf: url))))
            }
        }
        XCTAssertGreaterThan(out.count, 30)
        return out.sorted { $0.0 < $1.0 }
    }

    #if canImport(FoundationXML)
        func testTheRepositoryDocumentsReadAsLibxml2ReadsThem() throws {
            for (name, text) in try corpus() {
                let ours = Result { try read(text) }
                let theirs = LibXML2Oracle.read(text)
                switch (ours, theirs) {
                case (.success(let tree), .some(let expected)):
                    XCTAssertEqual(Shape(tree, lines: true).children, Shape(expected, lines: true).children, name)
                case (.failure(let error), .none):
                    XCTAssertEqual(name, "broken-truncated.xml", "\(error)")
                default:
                    XCTFail("\(name): XMLReader \(ours), libxml2 \(theirs == nil ? "refused" : "accepted")")
                }
            }
        }

        /// Mutations of the repository's documents (bytes deleted, duplicated or replaced by
        /// XML's special characters): XMLReader and libxml2 accept and refuse the same ones,
        /// and build the same trees from those both accept.
        func testMutatedDocumentsAreAcceptedAndRefusedAsLibxml2Does() throws {
            let corpus = try corpus().map { Array($0.text.utf8) }
            let specials = Array("<>&;\"'/=!?-[] \n#x:\r\u{1}\u{B}é".utf8)
            var generator = SplitMix64(seed: 0x584D_4C52)
            var accepted = 0
            var refused = 0
            var skipped = 0
            rounds: for round in 0..<3000 {
                var bytes = corpus[round % corpus.count]
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    guard !bytes.isEmpty else { break }
                    let at = Int.random(in: 0..<bytes.count, using: &generator)
                    if unjudgedRegions(in: bytes).contains(where: { $0.contains(at) }) {
                        skipped += 1
                        continue rounds
                    }
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: bytes.remove(at: at)
                    case 1: bytes.insert(bytes[at], at: at)
                    default: bytes[at] = specials.randomElement(using: &generator)!
                    }
                }
                let text = String(decoding: bytes, as: UTF8.self)
                guard !text.localizedCaseInsensitiveContains("<!DOCTYPE"), !text.contains("<!ENTITY") else { continue }
                let ours = try? read(text)
                let theirs = LibXML2Oracle.read(text)
                if let ours, let theirs {
                    accepted += 1
                    XCTAssertEqual(Shape(ours, lines: false).children, Shape(theirs, lines: false).children, text)
                } else if ours == nil && theirs == nil {
                    refused += 1
                } else {
                    XCTFail(
                        "XMLReader \(ours == nil ? "refused" : "accepted"), libxml2 did not: \(text.debugDescription)")
                }
            }
            // Both outcomes are exercised, so the comparison means something.
            XCTAssertLessThan(skipped, 1000)
            XCTAssertGreaterThan(accepted, 300)
            XCTAssertGreaterThan(refused, 300)
        }

        /// Byte ranges of `bytes` where the two may rightly differ, so mutations there are not
        /// compared: each `xmlns...="..."` (libxml2 also refuses a namespace name that is not a
        /// URI; XMLReader does not) and each `<?...?>` (the oracle blanks them out unread, as
        /// the wrapping XMLReader replaced did; XMLReader still refuses a control character
        /// there).
        private func unjudgedRegions(in bytes: [UInt8]) -> [Range<Int>] {
            let text = String(decoding: bytes, as: UTF8.self)
            return text.matches(of: /xmlns(:[^=\s]*)?\s*=\s*("[^"]*"|'[^']*')|<\?(?s:.*?)\?>/).map {
                text.utf8.distance(
                    from: text.startIndex, to: $0.range.lowerBound)..<text.utf8.distance(
                        from: text.startIndex, to: $0.range.upperBound)
            }
        }
    #endif
}

/// What two trees must agree on.
private struct Shape: Equatable, CustomStringConvertible {
    let name: String
    let attributes: [String: String]
    let text: String
    let line: Int?
    let children: [Shape]

    init(_ node: DiagnosticRules.XMLNode, lines: Bool) {
        name = node.name
        attributes = node.attributes
        text = node.text
        line = lines ? node.line : nil
        children = node.children.map { Shape($0, lines: lines) }
    }

    var description: String {
        "<\(name) \(attributes.sorted { $0.key < $1.key })\(line.map { " @\($0)" } ?? "")>\(text.debugDescription)"
            + children.map(\.description).joined() + "</\(name)>"
    }
}

#if canImport(FoundationXML)
    /// The reader XMLReader replaced, kept as the reference it is checked against: the text
    /// wrapped in a root element and parsed by FoundationXML's `XMLParser`; any reported error
    /// refuses the document (libxml2 recovers from some errors and would otherwise go on).
    private enum LibXML2Oracle {
        static func read(_ text: String) -> DiagnosticRules.XMLNode? {
            var body = blankDeclarations(text)
            while body.last == "\n" { body.removeLast() }
            let parser = XMLParser(data: Data(("<root>" + body + "</root>").utf8))
            parser.shouldProcessNamespaces = false
            parser.shouldResolveExternalEntities = false
            let builder = Builder(lines: body.split(separator: "\n", omittingEmptySubsequences: false))
            parser.delegate = builder
            let ok = parser.parse()
            guard ok, builder.failed == false, parser.parserError == nil else { return nil }
            return builder.root
        }

        /// `<?...?>` replaced by spaces: a declaration is legal only at the start of a document.
        private static func blankDeclarations(_ text: String) -> String {
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
            return out + rest
        }

        private final class Builder: NSObject, XMLParserDelegate {
            var root: DiagnosticRules.XMLNode?
            var failed = false
            private var stack: [DiagnosticRules.XMLNode] = []
            private let lines: [Substring]

            init(lines: [Substring]) { self.lines = lines }

            func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { failed = true }
            func parser(_ parser: XMLParser, validationErrorOccurred validationError: Error) { failed = true }

            func parser(
                _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
            ) {
                let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
                let node = DiagnosticRules.XMLNode(
                    name: local, attributes: attributeDict, line: startLine(elementName, parser.lineNumber))
                if let parent = stack.last {
                    parent.children.append(node)
                } else {
                    root = node
                }
                stack.append(node)
            }

            /// libxml2 reports the line where a start tag ends; walk back to its `<name`.
            private func startLine(_ name: String, _ reported: Int) -> Int {
                var line = min(max(1, reported), max(1, lines.count))
                while line >= 1 {
                    if let range = lines[line - 1].range(of: "<" + name) {
                        let after = lines[line - 1][range.upperBound...].first
                        if after == nil || after!.isWhitespace || after == "/" || after == ">" { return line }
                    }
                    line -= 1
                }
                return reported
            }

            func parser(
                _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?
            ) { _ = stack.popLast() }

            func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }

            func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
                stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
            }
        }
    }
#endif
