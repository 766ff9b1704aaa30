import Foundation

/// Reads `icacls` output for the MachineKeys folder and its files:
///
/// ```
/// C:\ProgramData\Microsoft\Crypto\RSA\MachineKeys Everyone:(R,W)
///                                                 BUILTIN\Administrators:(F)
///                                                 NT AUTHORITY\SYSTEM:(OI)(CI)(F)
/// C:\ProgramData\Microsoft\Crypto\RSA\MachineKeys\c23...: Access is denied.
/// Successfully processed 1 files; Failed processing 1 files
/// ```
///
/// Why: IIS and ASP.NET fail with "Keyset does not exist" / access denied when SYSTEM or
/// the pool identity cannot read a key file, and KB 278381 lists the folder ACL that must
/// be there (Administrators and SYSTEM Full Control on the folder).
///
/// Fields:
/// - `acl_paths` (list of string): every path, in order.
/// - `acl_entries` (list of string): `path|principal|perms`, perms as printed (`(OI)(CI)(F)`).
/// - `administrators_full_control`, `system_full_control` (boolean): for the MachineKeys
///   folder (the path ending in `\MachineKeys`); absent when the folder is not listed.
///   Inherit-only (`IO`) and `DENY` entries do not count.
/// - `everyone_has_access` (boolean): any allow entry for Everyone on any path.
/// - `access_denied_paths` (list of string): paths icacls could not read.
/// - `acl_problems` (list of string): e.g. "SYSTEM lacks Full Control on MachineKeys folder".
/// - `files_processed`, `files_failed` (integer): from the summary line.
public struct ICaclsParser: EvidenceParser {
    public init() {}
    public var id: String { "icacls" }
    public var title: String { "icacls output for the MachineKeys folder" }

    struct Entry {
        var path: String
        var principal: String
        var perms: String
        var line: Int
    }

    public func detect(_ text: String) -> Int {
        var aces = 0
        var summary = false
        for line in EvidenceLines(text, limit: 400).lines {
            if line.trimmed.hasPrefix("Successfully processed") { summary = true }
            if Self.aceRange(line.text) != nil { aces += 1 }
        }
        if summary && aces > 0 { return 95 }
        if aces > 0 { return text.contains("MachineKeys") ? 70 : 50 }
        return summary ? 40 : 0
    }

    public func parse(_ text: String, context: EvidenceContext) throws -> ParsedEvidence {
        var builder = EvidenceBuilder(parser: id)
        let lines = EvidenceLines(text).lines
        var paths: [(String, Int)] = []
        var entries: [Entry] = []
        var denied: [(String, Int)] = []
        var unknown: [EvidenceLines.Line] = []
        var currentPath: String?
        for (index, line) in lines.enumerated() where !line.isBlank {
            let t = line.trimmed
            if t.hasPrefix("Successfully processed") {
                let numbers = t.split(whereSeparator: { !$0.isNumber }).compactMap { Int64($0) }
                if numbers.count >= 2 {
                    builder.add("files_processed", .integer(numbers[0]), line: line.number)
                    builder.add("files_failed", .integer(numbers[1]), line: line.number)
                }
                continue
            }
            if t.hasSuffix("Access is denied.") {
                let path = t.dropLast("Access is denied.".count).trimmed()
                let cleaned = path.hasSuffix(":") ? String(path.dropLast()) : String(path)
                let name = cleaned.isEmpty ? (currentPath ?? "(unknown path)") : cleaned
                denied.append((name, line.number))
                continue
            }
            if RegQueryParser.promptLine(t) {
                builder.note(line.number, "skipped a command prompt line")
                continue
            }
            let indented = line.text.first?.isWhitespace ?? false
            if indented, let path = currentPath, Self.aceRange(line.text) != nil, let ace = Self.splitACE(t) {
                entries.append(Entry(path: path, principal: ace.0, perms: ace.1, line: line.number))
                continue
            }
            if !indented,
                let split = Self.splitPathLine(
                    line.text, next: lines.dropFirst(index + 1).first(where: { !$0.isBlank }))
            {
                currentPath = split.path
                paths.append((split.path, line.number))
                entries.append(
                    Entry(path: split.path, principal: split.principal, perms: split.perms, line: line.number))
                continue
            }
            unknown.append(line)
        }
        guard !paths.isEmpty || !denied.isEmpty else {
            let bad = unknown.first ?? lines.first { !$0.isBlank }
            throw builder.error(
                line: bad?.number ?? 1, expected: "icacls output ('C:\\...\\MachineKeys BUILTIN\\Administrators:(F)')",
                found: bad.map { evidenceExcerpt($0.text) } ?? "")
        }
        for line in unknown { builder.note(line.number, "not icacls output, skipped: '\(evidenceExcerpt(line.text))'") }
        let firstLine = paths.first?.1 ?? denied.first?.1 ?? 1
        builder.addList("acl_paths", paths.map { .string($0.0) }, line: firstLine)
        builder.addList(
            "acl_entries", entries.map { .string("\($0.path)|\($0.principal)|\($0.perms)") }, line: firstLine)
        builder.addList("access_denied_paths", denied.map { .string($0.0) }, line: denied.first?.1 ?? firstLine)
        let everyone = entries.first { Self.principalIs($0.principal, "Everyone") && !$0.perms.contains("DENY") }
        builder.add("everyone_has_access", .boolean(everyone != nil), line: everyone?.line ?? firstLine)

        var problems: [String] = []
        if let folder = paths.first(where: {
            $0.0.lowercased().hasSuffix("\\machinekeys") || $0.0.lowercased().hasSuffix("/machinekeys")
        }) {
            let folderEntries = entries.filter { $0.path == folder.0 }
            let admins = folderEntries.contains {
                Self.principalIs($0.principal, "Administrators") && Self.fullControl($0.perms)
            }
            let system = folderEntries.contains {
                Self.principalIs($0.principal, "SYSTEM") && Self.fullControl($0.perms)
            }
            builder.add("administrators_full_control", .boolean(admins), line: folder.1)
            builder.add("system_full_control", .boolean(system), line: folder.1)
            if !admins { problems.append("Administrators lack Full Control on MachineKeys folder") }
            if !system { problems.append("SYSTEM lacks Full Control on MachineKeys folder") }
            if folderEntries.contains(where: { Self.principalIs($0.principal, "Everyone") && $0.perms.contains("DENY") }
            ) {
                problems.append("Everyone is denied access on MachineKeys folder")
            }
        } else {
            builder.note(
                firstLine,
                "the MachineKeys folder itself is not listed; folder checks skipped (run icacls on the folder)")
        }
        for (path, _) in denied { problems.append("icacls could not read the ACL of \(path) (Access is denied)") }
        builder.addList("acl_problems", problems.map { .string($0) }, line: firstLine)
        if let path = paths.first(where: { WindowsGeneration.hint(inPath: $0.0) != nil }) {
            builder.add("windows_hint", .string(WindowsGeneration.hint(inPath: path.0)!), line: path.1)
        }
        let summary =
            "\(paths.count) path(s), \(entries.count) ACL entries"
            + (problems.isEmpty ? "" : "; \(problems.count) problem(s)") + " (line \(firstLine))"
        return builder.build(summary: summary)
    }

    // MARK: shapes

    /// The range of a trailing `principal:(perm)(perm)` in a line, from the `:(` on.
    static func aceRange(_ text: Substring) -> Range<Substring.Index>? {
        let t = text.trimmed()
        guard t.hasSuffix(")"), let start = t.range(of: ":(") else { return nil }
        let perms = t[start.upperBound...]
        // perms = "X)(Y)...(Z)"; each group is letters, digits, commas.
        for group in ("(" + perms).split(separator: ")") {
            guard group.hasPrefix("("), group.count > 1,
                group.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber || $0 == "," })
            else { return nil }
        }
        return start
    }

    /// `BUILTIN\Administrators:(F)` -> ("BUILTIN\Administrators", "(F)").
    static func splitACE(_ t: Substring) -> (String, String)? {
        guard let range = aceRange(t) else { return nil }
        let principal = t[..<range.lowerBound].trimmed()
        guard !principal.isEmpty else { return nil }
        return (String(principal), String(t[t.index(after: range.lowerBound)...]))
    }

    /// A first line `PATH PRINCIPAL:(perms)`. Both may contain spaces: the column of the next
    /// (indented) line shows where the principal starts; without one, a well-known principal
    /// prefix decides, and otherwise the last space before the principal.
    static func splitPathLine(_ text: Substring, next: EvidenceLines.Line?) -> (
        path: String, principal: String, perms: String
    )? {
        guard let range = aceRange(text) else { return nil }
        let head = text[..<range.lowerBound]
        let perms = String(text[text.index(after: range.lowerBound)...].trimmed())
        if let next, next.text.first?.isWhitespace ?? false, aceRange(next.text) != nil {
            let column = next.text.prefix(while: \.isWhitespace).count
            if column < head.count, column > 0 {
                let split = head.index(head.startIndex, offsetBy: column)
                if head[head.index(before: split)] == " " {
                    let path = head[..<split].trimmed()
                    let principal = head[split...].trimmed()
                    if !path.isEmpty && !principal.isEmpty { return (String(path), String(principal), perms) }
                }
            }
        }
        let known = [
            "NT AUTHORITY\\", "BUILTIN\\", "Everyone", "CREATOR OWNER", "IIS APPPOOL\\", "NT SERVICE\\",
            "APPLICATION PACKAGE AUTHORITY\\", "S-1-", "*S-1-"
        ]
        var best: Substring.Index?
        var index = head.startIndex
        while let space = head[index...].firstIndex(of: " ") {
            let after = head.index(after: space)
            if known.contains(where: { head[after...].hasPrefix($0) }) {
                best = space
                break
            }
            index = after
        }
        let split = best ?? head.lastIndex(of: " ")
        guard let split else { return nil }
        let path = head[..<split].trimmed()
        let principal = head[head.index(after: split)...].trimmed()
        guard !path.isEmpty, !principal.isEmpty else { return nil }
        return (String(path), String(principal), perms)
    }

    /// Matches `BUILTIN\Administrators`, `NT AUTHORITY\SYSTEM`, `Everyone` and their SIDs.
    static func principalIs(_ principal: String, _ name: String) -> Bool {
        let p = principal.hasPrefix("*") ? String(principal.dropFirst()) : principal
        let short = p.split(separator: "\\").last.map(String.init) ?? p
        let sids = ["Administrators": "S-1-5-32-544", "SYSTEM": "S-1-5-18", "Everyone": "S-1-1-0"]
        return short.caseInsensitiveCompare(name) == .orderedSame || p == sids[name]
    }

    /// Full control on the object itself: an `F` right, not inherit-only, not a deny.
    static func fullControl(_ perms: String) -> Bool {
        let groups = perms.split(whereSeparator: { $0 == "(" || $0 == ")" }).map(String.init)
        if groups.contains("IO") || groups.contains("DENY") { return false }
        return groups.contains { $0.split(separator: ",").contains("F") }
    }
}

extension ICaclsParser {
    public var schema: EvidenceSchema {
        EvidenceSchema(
            fields: SharedSchemas.acl,
            example: """
                C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys Everyone:(R,W)
                                                                BUILTIN\\Administrators:(F)
                                                                NT AUTHORITY\\SYSTEM:(F)
                Successfully processed 1 files; Failed processing 0 files
                """)
    }
}

extension SharedSchemas {
    /// icacls and cacls give the same facts about the MachineKeys folder.
    static let acl: [EvidenceFieldSpec] = [
        .init("acl_paths", .list, "every path, in order"),
        .init("acl_entries", .list, "path|principal|perms, perms as printed"),
        .init("administrators_full_control", .boolean, "Administrators have Full Control on the MachineKeys folder"),
        .init("system_full_control", .boolean, "SYSTEM has Full Control on the MachineKeys folder"),
        .init("everyone_has_access", .boolean, "any allow entry for Everyone"),
        .init("access_denied_paths", .list, "paths the tool could not read (Access is denied)"),
        .init(
            "acl_problems", .list, "problems the ACL shows, e.g. \"SYSTEM lacks Full Control on MachineKeys folder\""),
        .init("files_processed", .integer, "from the icacls summary line"),
        .init("files_failed", .integer, "from the icacls summary line"),
        EvidenceFieldSpec.windowsHint
    ]
}
