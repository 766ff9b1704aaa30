/// A non-validating XML 1.0 reader over UTF-8 bytes, for the small documents operators paste:
/// `web.config`, `applicationHost.config`, `wevtutil qe /f:xml` output.
///
/// Why not Foundation's `XMLParser`: on Linux it is libxml2, and linking libxml2 maps it and
/// ICU, zlib and liblzma into every start of the binary (about 2.5 MB of memory and 1.6 ms
/// before the first screen), for documents that use a small part of XML. This reader
/// checks well-formedness as the XML 1.0 specification defines it for what it accepts, and
/// refuses the rest, naming the line:
///
/// - elements, attributes (either quote), character data, CDATA sections, comments and
///   processing instructions (skipped whatever they hold, `<?xml ...?>` included wherever it
///   stands, as the wrapping the reader replaced did);
/// - namespace prefixes as "Namespaces in XML" has them: a name has at most one colon, between
///   a prefix and a local name, and a prefix is declared (`xmlns:p=`) on the element or an
///   enclosing one. Namespace names are not checked as URIs (nor does .NET's reader): a
///   console that wraps a long line inside `xmlns="..."` leaves a document still worth
///   reading;
/// - the five predefined entities and character references; any other entity is refused,
///   and so is every `<!DOCTYPE`: no entity is ever expanded, so no entity bomb;
/// - line ends read as XML reads them (CR LF and CR become LF); attribute values are
///   normalised (each tab, CR or LF becomes a space);
/// - control characters XML forbids, a `]]>` in text, `--` inside a comment, a repeated
///   attribute, a closing tag that does not match and input that ends inside an element are
///   errors, as they are for libxml2 (the tests compare the two).
///
/// The text is read as the content of one element (`root`), so `wevtutil`'s bare `<Event>`
/// elements and a `<machineKey/>` next to an `<httpRuntime/>` need no wrapping.
struct XMLReader {
    /// Why and where the text is not well-formed XML.
    struct Failure: Error, Equatable {
        /// 1-based line of the text where the problem was found.
        let line: Int
        /// What was found, in words for an operator.
        let found: String
    }

    /// Reads `text` as the content of an element named `root`; each element's `line` is the
    /// line of its `<`. Elements nested deeper than `maximumDepth` (counting `root`) are
    /// refused rather than followed.
    static func parseContent(of text: String, root: String, maximumDepth: Int) throws -> XMLNode {
        var text = text
        return try text.withUTF8 { bytes in
            var reader = Cursor(bytes: bytes, maximumDepth: maximumDepth)
            return try reader.readContent(root: root)
        }
    }
}

/// The reading position and the open elements.
private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    var index = 0
    var line = 1
    var open: [XMLNode] = []
    /// Prefixes declared by each open element (`xmlns:p=`), and how many open elements declare
    /// each prefix in scope.
    var declaredPrefixes: [[String]] = []
    var prefixesInScope: [String: Int] = [:]
    /// Character data of each open element, as bytes until the element closes.
    var texts: [[UInt8]] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    mutating func readContent(root name: String) throws -> XMLNode {
        let root = XMLNode(name: name, attributes: [:], line: 1)
        open = [root]
        texts = [[]]
        declaredPrefixes = [[]]
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                try readMarkup()
            } else if byte == UInt8(ascii: "&") {
                let scalar = try readReference()
                Self.append(scalar, to: &texts[texts.count - 1])
            } else {
                try readCharacters()
            }
        }
        if open.count > 1, let innermost = open.last {
            throw fail(
                "end of input inside <\(qualifiedName(innermost))> opened on line \(innermost.line) (truncated XML?)")
        }
        root.text = String(decoding: texts[0], as: UTF8.self)
        return root
    }

    // MARK: Markup

    private mutating func readMarkup() throws {
        let next = byte(at: index + 1)
        switch next {
        case UInt8(ascii: "/"): try readEndTag()
        case UInt8(ascii: "?"): try skipProcessingInstruction()
        case UInt8(ascii: "!"):
            if starts(with: "<!--") {
                try skipComment()
            } else if starts(with: "<![CDATA[") {
                try readCDATA()
            } else {
                throw fail("a markup declaration (<!...) where only elements, comments and CDATA are accepted")
            }
        default: try readStartTag()
        }
    }

    private mutating func readStartTag() throws {
        let tagLine = line
        index += 1 // <
        guard let name = readName() else { throw fail("malformed tag or attribute (no element name after <)") }
        var attributes: [String: String] = [:]
        var selfClosing = false
        while true {
            let hadSpace = skipSpaces()
            guard index < bytes.count else { throw fail("end of input inside the tag <\(name)> (truncated XML?)") }
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") {
                index += 1
                break
            }
            if byte == UInt8(ascii: "/") {
                guard self.byte(at: index + 1) == UInt8(ascii: ">") else {
                    throw fail("malformed tag or attribute (/ not followed by > in <\(name)>)")
                }
                index += 2
                selfClosing = true
                break
            }
            guard hadSpace else { throw fail("malformed tag or attribute (no space before an attribute in <\(name)>)") }
            guard let attribute = readName() else {
                throw fail("malformed tag or attribute (an unexpected character in <\(name)>)")
            }
            skipSpaces()
            guard self.byte(at: index) == UInt8(ascii: "=") else {
                throw fail("malformed tag or attribute (\(attribute) has no = value in <\(name)>)")
            }
            index += 1
            skipSpaces()
            let value = try readAttributeValue(attribute, in: name)
            guard attributes.updateValue(value, forKey: attribute) == nil else {
                throw fail("the attribute \(attribute) twice in one <\(name)> tag")
            }
        }
        guard open.count < maximumDepth else { throw fail("elements nested more than \(maximumDepth) deep") }
        let declared = try checkNamespaces(element: name, attributes: attributes)
        let node = XMLNode(name: localName(name), attributes: attributes, line: tagLine)
        node.qualifiedName = name
        let parent = open[open.count - 1]
        node.parent = parent
        parent.children.append(node)
        if selfClosing { return }
        open.append(node)
        texts.append([])
        declaredPrefixes.append(declared)
        for prefix in declared { prefixesInScope[prefix, default: 0] += 1 }
    }

    /// Checks the element's and attributes' names as qualified names whose prefixes are in
    /// scope; returns the prefixes the element declares.
    private func checkNamespaces(element: String, attributes: [String: String]) throws -> [String] {
        var declared: [String] = []
        for (attribute, value) in attributes where attribute.hasPrefix("xmlns:") {
            let prefix = String(attribute.dropFirst(6))
            guard !prefix.isEmpty, !prefix.contains(":"), prefix != "xmlns" else {
                throw fail("\(attribute) is not a namespace declaration XML allows (in <\(element)>)")
            }
            guard !value.isEmpty else {
                throw fail("\(attribute)=\"\" in <\(element)> (a prefix cannot be bound to no namespace)")
            }
            declared.append(prefix)
        }
        for name in [element] + attributes.keys.sorted() where name.contains(":") {
            let parts = name.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw fail("the name \(name) in <\(element)> (a colon may only separate a prefix from a name)")
            }
            let prefix = String(parts[0])
            guard prefix == "xml" || prefix == "xmlns" || declared.contains(prefix) || prefixesInScope[prefix] != nil
            else {
                throw fail(
                    "the prefix \(prefix) of \(name) is not declared (no xmlns:\(prefix)= on <\(element)> or around it)"
                )
            }
        }
        return declared
    }

    private mutating func readEndTag() throws {
        index += 2 // </
        guard let name = readName() else { throw fail("malformed tag or attribute (no element name after </)") }
        skipSpaces()
        guard byte(at: index) == UInt8(ascii: ">") else {
            if index >= bytes.count { throw fail("end of input inside the tag </\(name)> (truncated XML?)") }
            throw fail("malformed tag or attribute (an unexpected character in </\(name)>)")
        }
        index += 1
        guard open.count > 1, let innermost = open.last else {
            throw fail("a closing tag </\(name)> with no opening tag")
        }
        guard qualifiedName(innermost) == name else {
            throw fail(
                "a closing tag that does not match its opening tag (</\(name)> closes <\(qualifiedName(innermost))>"
                    + " opened on line \(innermost.line))")
        }
        innermost.text = String(decoding: texts.removeLast(), as: UTF8.self)
        open.removeLast()
        for prefix in declaredPrefixes.removeLast() {
            prefixesInScope[prefix, default: 1] -= 1
            if prefixesInScope[prefix] == 0 { prefixesInScope[prefix] = nil }
        }
    }

    private mutating func skipProcessingInstruction() throws {
        index += 2 // <?
        guard try skip(through: "?>") else {
            throw fail("end of input inside a <?...?> processing instruction (truncated XML?)")
        }
    }

    private mutating func skipComment() throws {
        index += 4 // <!--
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "-") && self.byte(at: index + 1) == UInt8(ascii: "-") {
                guard self.byte(at: index + 2) == UInt8(ascii: ">") else {
                    throw fail("-- inside a comment (XML allows it only in the closing -->)")
                }
                index += 3
                return
            }
            try step(over: byte)
        }
        throw fail("end of input inside a <!-- comment (truncated XML?)")
    }

    private mutating func readCDATA() throws {
        index += 9 // <![CDATA[
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "]") && starts(with: "]]>") {
                Self.appendNormalised(bytes[start..<index], to: &texts[texts.count - 1])
                index += 3
                return
            }
            try step(over: byte)
        }
        throw fail("end of input inside a <![CDATA[ section (truncated XML?)")
    }

    // MARK: Character data

    private mutating func readCharacters() throws {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") { break }
            if byte == UInt8(ascii: "]") && starts(with: "]]>") {
                throw fail("]]> in text (XML allows it only to close a CDATA section)")
            }
            try step(over: byte)
        }
        Self.appendNormalised(bytes[start..<index], to: &texts[texts.count - 1])
    }

    private mutating func readAttributeValue(_ attribute: String, in element: String) throws -> String {
        guard let quote = byte(at: index), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
            throw fail("malformed tag or attribute (the value of \(attribute) is not in quotes in <\(element)>)")
        }
        index += 1
        var value: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case quote:
                index += 1
                return String(decoding: value, as: UTF8.self)
            case UInt8(ascii: "<"):
                throw fail("malformed tag or attribute (< inside the value of \(attribute) in <\(element)>)")
            case UInt8(ascii: "&"):
                Self.append(try readReference(), to: &value)
            case 0x0D:
                value.append(0x20)
                index += self.byte(at: index + 1) == 0x0A ? 2 : 1
                line += 1
            case 0x09, 0x0A:
                value.append(0x20)
                try step(over: byte)
            default:
                let start = index
                try step(over: byte)
                value.append(contentsOf: bytes[start..<index])
            }
        }
        throw fail("end of input inside the value of \(attribute) in <\(element)> (truncated XML?)")
    }

    /// Reads `&...;`: the character it stands for.
    private mutating func readReference() throws -> Unicode.Scalar {
        let start = index
        index += 1
        var end = index
        while end < bytes.count && end - index <= 12 && bytes[end] != UInt8(ascii: ";") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > index else {
            throw fail("a bad entity reference (an & that does not start &name; or &#number;)")
        }
        let body = bytes[index..<end]
        index = end + 1
        if let predefined = Self.predefinedEntities.first(where: { $0.name.elementsEqual(body) }) {
            return predefined.character
        }
        guard body.first == UInt8(ascii: "#"), let scalar = characterReference(body.dropFirst()) else {
            let reference = String(decoding: bytes[start...end], as: UTF8.self)
            throw fail("a bad entity reference (\(reference) is not one XML defines)")
        }
        return scalar
    }

    private static func append(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        UTF8.encode(scalar) { out.append($0) }
    }

    /// The only entities a document without a DTD may use.
    private static let predefinedEntities: [(name: String.UTF8View, character: Unicode.Scalar)] = [
        ("lt".utf8, "<"), ("gt".utf8, ">"), ("amp".utf8, "&"), ("quot".utf8, "\""), ("apos".utf8, "'")
    ]

    /// `#123` or `#x7B` (without the `#`), if it names a character XML allows.
    private func characterReference(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Unicode.Scalar? {
        var digits = digits
        var radix: UInt32 = 10
        if digits.first == UInt8(ascii: "x") {
            radix = 16
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        var value: UInt32 = 0
        for byte in digits {
            guard let digit = hexValue(byte), digit < radix else { return nil }
            value = value * radix + digit
        }
        guard XMLCharacters.allowed(value), let scalar = Unicode.Scalar(value) else { return nil }
        return scalar
    }

    // MARK: Bytes

    /// Moves past one byte of text, counting lines and refusing what XML forbids: control
    /// characters other than tab, LF and CR, and U+FFFE / U+FFFF.
    private mutating func step(over byte: UInt8) throws {
        if byte == 0x0A {
            line += 1
        } else if byte == 0x0D {
            if self.byte(at: index + 1) != 0x0A { line += 1 }
        } else if byte < 0x20 && byte != 0x09 {
            throw fail("a control character XML does not allow (byte 0x\(String(byte, radix: 16, uppercase: true)))")
        } else if byte == 0xEF && self.byte(at: index + 1) == 0xBF,
            let last = self.byte(at: index + 2), last == 0xBE || last == 0xBF
        {
            throw fail("a character XML does not allow (U+FFF\(last == 0xBE ? "E" : "F"))")
        }
        index += 1
    }

    /// Appends text with XML's line ends: CR LF and a lone CR become LF.
    private static func appendNormalised(_ slice: Slice<UnsafeBufferPointer<UInt8>>, to out: inout [UInt8]) {
        guard !slice.isEmpty else { return }
        guard slice.contains(0x0D) else {
            out.append(contentsOf: slice)
            return
        }
        var previousCR = false
        for byte in slice {
            if byte == 0x0D {
                out.append(0x0A)
                previousCR = true
                continue
            }
            if !(byte == 0x0A && previousCR) { out.append(byte) }
            previousCR = false
        }
    }

    /// Reads an XML name: ASCII letters, `_` and `:` (or any non-ASCII character) to start,
    /// then also digits, `-` and `.`.
    private mutating func readName() -> String? {
        let start = index
        guard index < bytes.count, XMLCharacters.startsName(bytes[index]) else { return nil }
        index += 1
        while index < bytes.count && XMLCharacters.continuesName(bytes[index]) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    @discardableResult
    private mutating func skipSpaces() -> Bool {
        let start = index
        while let byte = byte(at: index), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            if byte == 0x0A || (byte == 0x0D && self.byte(at: index + 1) != 0x0A) { line += 1 }
            index += 1
        }
        return index > start
    }

    /// Skips up to and past `terminator`; false at the end of input.
    private mutating func skip(through terminator: StaticString) throws -> Bool {
        let first = terminator.utf8Start.pointee
        while index < bytes.count {
            let byte = bytes[index]
            if byte == first && starts(with: terminator) {
                index += terminator.utf8CodeUnitCount
                return true
            }
            try step(over: byte)
        }
        return false
    }

    private func starts(with prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let start = prefix.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] { return false }
        return true
    }

    private func byte(at position: Int) -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":"), name.index(after: colon) < name.endIndex else { return name }
        return String(name[name.index(after: colon)...])
    }

    private func qualifiedName(_ node: XMLNode) -> String { node.qualifiedName ?? node.name }

    private func fail(_ found: String) -> XMLReader.Failure {
        XMLReader.Failure(line: index >= bytes.count ? lastContentLine() : line, found: found)
    }

    /// At the end of input, the line of the last character that is not white space: an
    /// operator looks for a truncation there, not on the empty line after it.
    private func lastContentLine() -> Int {
        var line = self.line
        var position = bytes.count - 1
        while position >= 0, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) {
            if bytes[position] == 0x0A || (bytes[position] == 0x0D && byte(at: position + 1) != 0x0A) { line -= 1 }
            position -= 1
        }
        return max(1, line)
    }
}

/// The character classes of XML 1.0 the reader needs, on UTF-8 bytes.
enum XMLCharacters {
    /// `Char` of XML 1.0: tab, LF, CR, and U+0020 onwards except surrogates, U+FFFE, U+FFFF.
    static func allowed(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x1_0000...0x10_FFFF: true
        default: false
        }
    }

    /// A name starts with a letter, `_`, `:` or a non-ASCII character (a lead or continuation
    /// byte: names are read whole, so any byte of a multi-byte character may stand here).
    static func startsName(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"),
            UInt8(ascii: ":"), 0x80...0xFF:
            true
        default: false
        }
    }

    static func continuesName(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."): true
        default: startsName(byte)
        }
    }
}
