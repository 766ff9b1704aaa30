import Foundation
import Yams

/// What the symptom menu shows of a playbook, read from the head of its file.
///
/// The menu is the wizard's first screen. Composing and checking every playbook in full before
/// drawing it (YAML, conditions, type checks, command lint) cost more than the rest of start-up
/// together, for files the operator will mostly not choose. The chosen file is loaded whole, and
/// checked as strictly as `keywizard lint` checks it, when it is chosen (`PlaybookCatalog.open`).
public struct PlaybookHeader: Sendable, Equatable {
    public var id: String
    public var title: String
    public var menuLabel: String
    public var symptom: String
    public var file: URL

    public init(id: String, title: String, menuLabel: String, symptom: String, file: URL) {
        self.id = id
        self.title = title
        self.menuLabel = menuLabel
        self.symptom = symptom
        self.file = file
    }

    /// The header of a playbook already loaded (tests, `replay --tui`, `--playbook ID`).
    public init(_ playbook: Playbook) {
        self.init(
            id: playbook.id, title: playbook.title, menuLabel: playbook.menuLabel, symptom: playbook.symptom,
            file: URL(fileURLWithPath: playbook.file))
    }
}

/// The playbooks of one folder as the menu lists them: one header per file, in file-name order,
/// without loading any file whole.
public struct PlaybookCatalog: Sendable {
    public var directory: URL
    public var headers: [PlaybookHeader]
    /// Files whose head could not be read (unreadable, not a playbook, no id) and repeated ids.
    /// Problems further down a file are found when it is opened, or by `keywizard lint`.
    public var diagnostics: [PlaybookDiagnostic]

    /// The top-level keys a header may hold; the head of a file ends at the first other key.
    static let headKeys: Set<String> = ["id", "title", "menu", "version", "windows", "symptom", "references"]

    /// Reads the head of every `*.yaml` / `*.yml` directly in `directory`, sorted by name (the
    /// same files, order and id check as `PlaybookLibrary.load`).
    public static func scan(directory: URL) -> PlaybookCatalog {
        // Heads are only composed (read as `Node`s) and never constructed into Swift values,
        // so the constructor needs no tables; `Constructor.default` builds them on each use,
        // a sixth of the scan.
        let constructor = Constructor([:], [:], [:])
        var headers: [PlaybookHeader] = []
        var diagnostics: [PlaybookDiagnostic] = []
        var ids: [String: String] = [:]
        for url in PlaybookLibrary.playbookFiles(in: directory) {
            let name = PlaybookLibrary.displayPath(url)
            switch header(of: url, displayName: name, constructor: constructor) {
            case .failure(let e): diagnostics += e.diagnostics
            case .success(let h):
                if let other = ids[h.id] {
                    diagnostics.append(
                        PlaybookDiagnostic(
                            .error, SourceLocation(file: name, line: 1, column: 1),
                            "playbook id '\(h.id)' is also used by \(other); ids must be unique"))
                    continue
                }
                ids[h.id] = name
                headers.append(h)
            }
        }
        return PlaybookCatalog(directory: directory, headers: headers, diagnostics: diagnostics)
    }

    /// Loads a listed playbook whole, with every check. Fails with the errors (file:line:col)
    /// when it cannot be used, or when the file's id no longer matches the menu's.
    public func open(_ header: PlaybookHeader) -> Result<Playbook, PlaybookLoadError> {
        let name = PlaybookLibrary.displayPath(header.file)
        let result = PlaybookLoader.load(file: header.file, displayName: name)
        guard let playbook = result.playbook else { return .failure(PlaybookLoadError(result.errors)) }
        guard playbook.id == header.id else {
            return .failure(
                PlaybookLoadError([
                    PlaybookDiagnostic(
                        .error, playbook.location,
                        "the file now holds playbook '\(playbook.id)', not '\(header.id)' as when the menu was read; start keywizard again"
                    )
                ]))
        }
        return .success(playbook)
    }

    /// The header of one file: its head (the lines before the first top-level key that is not
    /// a header key) composed as YAML on its own. A file whose head does not give an id, a
    /// title and a symptom as text is loaded whole instead, so that it gets the loader's
    /// messages and a header is never guessed.
    static func header(of url: URL, displayName name: String, constructor: Constructor = .default) -> Result<
        PlaybookHeader, PlaybookLoadError
    > {
        if case .success(let data) = RegularFileReader.read(url.path), let text = String(data: data, encoding: .utf8),
            let head = head(of: text), let header = header(fromHead: head, file: url, constructor: constructor)
        {
            return .success(header)
        }
        let result = PlaybookLoader.load(file: url, displayName: name)
        guard let playbook = result.playbook else { return .failure(PlaybookLoadError(result.errors)) }
        return .success(
            PlaybookHeader(
                id: playbook.id, title: playbook.title, menuLabel: playbook.menuLabel,
                symptom: playbook.symptom, file: url))
    }

    /// The leading lines of `text` up to (not including) the first top-level key outside
    /// `headKeys`; nil when the text has no such key (then the whole file is the head, and it
    /// is loaded whole).
    static func head(of text: String) -> Substring? {
        // On the bytes: every start reads each playbook's head before the menu is drawn.
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            let line = utf8[lineStart..<lineEnd]
            if let first = line.first, first != UInt8(ascii: " "), first != UInt8(ascii: "\t"),
                first != UInt8(ascii: "#"), first != UInt8(ascii: "\r"), !line.starts(with: "---".utf8)
            {
                guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
                if !headKeys.contains(String(text[lineStart..<colon].trimmed())) { return text[..<lineStart] }
            }
            guard lineEnd < utf8.endIndex else { break }
            lineStart = utf8.index(after: lineEnd)
        }
        return nil
    }

    static func header(fromHead head: Substring, file: URL, constructor: Constructor = .default) -> PlaybookHeader? {
        // The basic resolver tags every scalar as text: the header needs only text, and the
        // default resolver compiles regular expressions (ICU) on first use, before the menu.
        // UTF-8 is named: Yams' default encoding reads the whole process environment each time.
        guard let root = try? Yams.compose(yaml: String(head), Resolver.basic, constructor, .utf8),
            case .mapping(let top) = root
        else {
            return nil
        }
        func text(_ key: String) -> String? {
            guard let node = top[key], case .scalar(let s) = node else { return nil }
            return s.string
        }
        guard let id = text("id"), !id.isEmpty, let title = text("title"), let symptom = text("symptom") else {
            return nil
        }
        if top["menu"] != nil && text("menu") == nil { return nil }
        return PlaybookHeader(id: id, title: title, menuLabel: text("menu") ?? title, symptom: symptom, file: file)
    }
}
