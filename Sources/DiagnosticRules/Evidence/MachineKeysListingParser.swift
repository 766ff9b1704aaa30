import Foundation

/// Reads listings of `...\Microsoft\Crypto\RSA\MachineKeys`, where CryptoAPI keeps machine
/// key containers as files named `<hash>_<MachineGuid>`. The suffixes say which MachineGuid
/// each key was created under (a changed GUID strands old keys), the prefixes say which
/// container a file is (`6de9cb26...` is iisConfigurationKey).
///
/// Accepted forms: cmd `dir` (with " Directory of ..." header, date/time/size rows and the
/// File(s)/Dir(s) summary), `dir /b` and `dir /s /b` (full paths: the name is the last path
/// component), PowerShell `Get-ChildItem` tables (`Directory: ...`, `Mode LastWriteTime
/// Length Name`, `----`, `-a----` rows) and plain lists of names.
///
/// Fields:
/// - `key_files` (list of string): every file name, as given, in order.
/// - `guid_suffixes` (list of guid): distinct MachineGuid suffixes, in order of first appearance.
/// - `hash_prefixes` (list of string): the 32-hex prefixes, lower case, in order.
/// - `folder` (string): when a header (or a full path) names the folder.
/// - `unparsed_files` (list of string): names that are not `<32hex>_<guid>` (notes, not errors).
/// - `key_file_count` (integer): how many `<32hex>_<guid>` files.
///
/// A text with no file names at all is an error (for a plain list: no line shaped like a
/// key file name).
public struct MachineKeysListingParser: EvidenceParser {
    public init() {}
    public var id: String { "machinekeys-listing" }
    public var title: String { "MachineKeys folder listing (dir, dir /b, Get-ChildItem)" }

    public func detect(_ text: String) -> Int {
        var keyNames = 0
        var lines = 0
        for line in EvidenceLines(text, limit: 400).lines where !line.isBlank {
            lines += 1
            // icacls output names key files too, followed by ACLs: leave it to that parser.
            if ICaclsParser.aceRange(line.text) != nil { return 20 }
            if line.text.split(whereSeparator: \.isWhitespace).contains(where: {
                Self.keyName($0) != nil || Self.keyName(Self.lastPathComponent($0)) != nil
            }) {
                keyNames += 1
            }
        }
        guard keyNames > 0 else { return 0 }
        if text.contains("MachineKeys") { return 90 }
        return keyNames * 2 >= lines ? 80 : 50
    }

    public func parse(_ text: String, context: EvidenceContext) throws -> ParsedEvidence {
        var builder = EvidenceBuilder(parser: id)
        let lines = EvidenceLines(text)
        var structured = false
        var folder: (String, Int)?
        var files: [(name: String, line: Int)] = []
        var skipped: [EvidenceLines.Line] = []
        var listingLanguage: (String, Int)?
        for line in lines.lines where !line.isBlank {
            let t = line.trimmed
            if let (folderName, language) = DirListingForms.directoryHeader(t) {
                structured = true
                if folder == nil { folder = (folderName, line.number) }
                if let language, listingLanguage == nil { listingLanguage = (language, line.number) }
                continue
            }
            if let folderName = DirListingForms.childItemHeader(t) {
                structured = true
                if folder == nil { folder = (folderName, line.number) }
                continue
            }
            if DirListingForms.volumeLine(t) || t.hasPrefix("Total Files Listed") {
                structured = true
                continue
            }
            if Self.isHeaderOrRule(t) {
                structured = true
                continue
            }
            if Self.isDirSummary(t) {
                structured = true
                continue
            }
            if let row = Self.dirRow(line.text) ?? Self.childItemRow(line.text) {
                structured = true
                if let name = row { files.append((name, line.number)) }
                continue
            }
            if RegQueryParser.promptLine(t) {
                builder.note(line.number, "skipped a command prompt line")
                continue
            }
            if let name = Self.bareName(t) {
                let base = Self.lastPathComponent(name)
                if base != name[...], folder == nil, Self.keyName(base) != nil {
                    folder = (String(name.dropLast(base.count + 1)), line.number)
                }
                files.append((String(base), line.number))
                continue
            }
            skipped.append(line)
        }
        let keyCount = files.filter { Self.keyName($0.name) != nil }.count
        if files.isEmpty || (!structured && keyCount == 0) {
            let bad =
                skipped.first ?? files.first.flatMap { f in lines.lines.first { $0.number == f.line } }
                ?? lines.firstNonBlank
            let found =
                files.isEmpty && structured ? "a listing without any files" : bad.map { evidenceExcerpt($0.text) } ?? ""
            throw builder.error(
                line: bad?.number ?? 1,
                expected:
                    "MachineKeys file names like 6de9cb26d2b98c01ec4e9e8b34824aa2_<MachineGuid> (dir, dir /b or Get-ChildItem output; dir headers are read in English, German, French, Japanese and Chinese: in another language use dir /b, which prints only the names)",
                found: found)
        }
        for line in skipped { builder.note(line.number, "not a listing row, skipped: '\(evidenceExcerpt(line.text))'") }
        if let folder {
            builder.add("folder", .string(folder.0), line: folder.1)
            if !folder.0.lowercased().hasSuffix("machinekeys") {
                builder.note(folder.1, "the listed folder is not a MachineKeys folder")
            }
        }
        var guids: [Value] = []
        var prefixes: [Value] = []
        var unparsed: [Value] = []
        var firstGuidLine: Int?
        var firstUnparsedLine: Int?
        for file in files {
            if let key = Self.keyName(file.name) {
                prefixes.append(.string(key.prefix))
                if !guids.contains(.guid(key.guid)) { guids.append(.guid(key.guid)) }
                if firstGuidLine == nil { firstGuidLine = file.line }
            } else {
                unparsed.append(.string(file.name))
                if firstUnparsedLine == nil { firstUnparsedLine = file.line }
                builder.note(file.line, "'\(evidenceExcerpt(file.name))' is not named <32 hex>_<MachineGuid>")
            }
        }
        let firstLine = files[0].line
        if let listingLanguage { builder.add("listing_language", .string(listingLanguage.0), line: listingLanguage.1) }
        if let folder, let hint = WindowsGeneration.hint(inPath: folder.0) {
            builder.add("windows_hint", .string(hint), line: folder.1)
        }
        builder.addList("key_files", files.map { .string($0.name) }, line: firstLine)
        builder.addList("guid_suffixes", guids, line: firstGuidLine ?? firstLine)
        builder.addList("hash_prefixes", prefixes, line: firstGuidLine ?? firstLine)
        builder.addList("unparsed_files", unparsed, line: firstUnparsedLine ?? firstLine)
        builder.add("key_file_count", .integer(Int64(keyCount)), line: firstGuidLine ?? firstLine)
        let guidText = guids.count == 1 ? "MachineGuid \(guids[0])" : "\(guids.count) MachineGuid suffixes"
        return builder.build(
            summary: "\(files.count) file(s), \(keyCount) key file(s), \(guidText) (line \(firstGuidLine ?? firstLine))"
        )
    }

    // MARK: name shapes

    /// `<32 hex>_<guid>` split into the lower-case prefix and the normalised GUID.
    static func keyName<S: StringProtocol>(_ name: S) -> (prefix: String, guid: String)? {
        let parts = name.split(separator: "_", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 32, parts[0].allSatisfy({ $0.isASCII && $0.isHexDigit }),
            let guid = GUIDText.normalize(String(parts[1])), !parts[1].hasPrefix("{")
        else { return nil }
        return (parts[0].lowercased(), guid)
    }

    static func lastPathComponent<S: StringProtocol>(_ path: S) -> Substring {
        let s = path[...]
        guard let slash = s.lastIndex(where: { $0 == "\\" || $0 == "/" }) else { return Substring(s) }
        return Substring(s[s.index(after: slash)...])
    }

    /// `Mode   LastWriteTime   Length Name` and the `----` underline.
    private static func isHeaderOrRule(_ t: Substring) -> Bool {
        if t.hasPrefix("Mode") && t.contains("LastWriteTime") { return true }
        return t.hasPrefix("----") && t.allSatisfy { $0 == "-" || $0 == " " }
    }

    /// `5 File(s)  12,108 bytes` / `2 Dir(s)  50,123,456,789 bytes free`.
    private static func isDirSummary(_ t: Substring) -> Bool {
        guard t.first?.isNumber ?? false else { return false }
        return DirListingForms.summaryWords.contains { t.contains($0) }
    }

    /// A cmd `dir` row: date, time, optional AM/PM, `<DIR>` or a size, then the name.
    /// Returns `.some(nil)` for directory rows (`.`, `..`), nil when not a dir row.
    private static func dirRow(_ text: Substring) -> String?? {
        var tokens = Tokens(text)
        guard let date = tokens.next(), looksLikeDate(date), var time = tokens.next() else { return nil }
        // zh-TW and ja-JP may print the morning/afternoon marker before the time.
        if DirListingForms.isMeridiem(time) {
            guard let t = tokens.next() else { return nil }
            time = t
        }
        guard looksLikeTime(time) else { return nil }
        guard var size = tokens.next() else { return nil }
        if DirListingForms.meridiem.contains(size.uppercased()) {
            guard let s = tokens.next() else { return nil }
            size = s
        }
        if size.hasPrefix("<") && size.hasSuffix(">") { return .some(nil) }
        // U+FFFD: a no-break space of code page 850 (byte 0xFF) read as UTF-8.
        guard
            size.allSatisfy({
                $0.isNumber || $0 == "," || $0 == "." || $0 == "\u{00A0}" || $0 == "\u{202F}" || $0 == "'"
                    || $0 == "\u{FFFD}"
            })
        else { return nil }
        // French and other locales group thousands with a (no-break) space: "2 405". Swift
        // counts U+00A0 and U+202F as whitespace, so the groups arrive as separate tokens;
        // a following group of exactly three digits belongs to the size, not the name.
        var lookahead = tokens
        while let group = lookahead.next(), group.count == 3, group.allSatisfy({ $0.isASCII && $0.isNumber }) {
            var after = lookahead
            guard after.next() != nil else { break }
            tokens = lookahead
        }
        let name = tokens.rest
        return name.isEmpty ? nil : .some(String(name))
    }

    /// A `Get-ChildItem` row: mode (`-a----`, `d-----`), date, time, optional AM/PM, length
    /// (files only), name.
    private static func childItemRow(_ text: Substring) -> String?? {
        var tokens = Tokens(text)
        guard let mode = tokens.next(), (5...6).contains(mode.count),
            mode.allSatisfy({ "-darhsl".contains($0) }), mode.contains("-")
        else { return nil }
        guard let date = tokens.next(), looksLikeDate(date), var time = tokens.next() else { return nil }
        if DirListingForms.isMeridiem(time) {
            guard let t = tokens.next() else { return nil }
            time = t
        }
        guard looksLikeTime(time) else { return nil }
        if mode.hasPrefix("d") { return .some(nil) }
        guard var length = tokens.next() else { return nil }
        if DirListingForms.meridiem.contains(length.uppercased()) {
            guard let l = tokens.next() else { return nil }
            length = l
        }
        guard length.allSatisfy(\.isNumber) else { return nil }
        let name = tokens.rest
        return name.isEmpty ? nil : .some(String(name))
    }

    /// One name per line (`dir /b`, a plain list): no inner whitespace, no characters that
    /// Windows forbids in file names.
    private static func bareName(_ t: Substring) -> String? {
        guard !t.isEmpty, t.count <= 400,
            !t.contains(where: {
                $0.isWhitespace || "<>\"|?*".contains($0) || ($0.asciiValue ?? 32) < 32 || $0 == "\u{FFFD}"
            })
        else { return nil }
        return String(t)
    }

    private static func looksLikeDate(_ s: Substring) -> Bool {
        s.first?.isNumber ?? false && s.contains(where: { "/.-".contains($0) })
            && s.allSatisfy { $0.isNumber || "/.-".contains($0) }
    }

    private static func looksLikeTime(_ s: Substring) -> Bool {
        s.first?.isNumber ?? false && s.contains(":") && s.allSatisfy { $0.isNumber || $0 == ":" || $0 == "." }
    }
}

/// Whitespace-separated tokens of a line, with access to the untouched rest of the line
/// (file names may contain spaces).
struct Tokens {
    private let text: Substring
    private var position: Substring.Index

    init(_ text: Substring) {
        self.text = text
        position = text.startIndex
    }

    mutating func next() -> Substring? {
        guard let start = text[position...].firstIndex(where: { !$0.isWhitespace }) else {
            position = text.endIndex
            return nil
        }
        let end = text[start...].firstIndex(where: \.isWhitespace) ?? text.endIndex
        position = end
        return text[start..<end]
    }

    var rest: Substring { text[position...].trimmed() }
}

extension MachineKeysListingParser {
    public var schema: EvidenceSchema {
        EvidenceSchema(
            fields: [
                .init("key_files", .list, "every file name, as given, in order"),
                .init("guid_suffixes", .list, "distinct MachineGuid suffixes of <hash>_<guid> names, in order"),
                .init("hash_prefixes", .list, "the 32-hex prefixes, lower case, in order"),
                .init("folder", .string, "the listed folder, when a header or full path names it"),
                .init("unparsed_files", .list, "names that are not <32 hex>_<guid>"),
                .init("key_file_count", .integer, "how many <32 hex>_<guid> files"),
                .init(
                    "listing_language", .string,
                    "language of the dir headers when not English (de-DE, fr-FR, ja-JP, zh-CN, zh-TW)"),
                EvidenceFieldSpec.windowsHint
            ],
            example: """
                 Directory of C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys

                05/14/2024  08:02 AM             2,405 c23aba1a4a5c1c2e6e55b4b4b1a1c1f4_5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4
                               1 File(s)          2,405 bytes
                """)
    }
}
