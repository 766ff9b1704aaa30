import Foundation

/// Checks that every command a playbook shows can be copied whole and run on the operator's
/// Windows without misfiring or destroying anything first:
/// - each supported release (`windows:`) has a command variant wherever a step or a
///   remediation step has a command;
/// - no `<placeholder>` in a command (cmd reads `<` and `>` as redirections);
/// - no unquoted path that can hold spaces (`%ALLUSERSPROFILE%`, `Documents and Settings`...);
/// - every destructive step (move, del, reg add/delete, aspnet_regiis -pz/-pr/-pi, ACL edits,
///   re-installing a role) comes after a backup step in the same diagnosis, on every release;
/// - no `{fact}` placeholder can render as a raw `{fact: unknown}`.
public enum CommandLinter {
    public static func lint(_ p: Playbook) -> [PlaybookDiagnostic] {
        var out: [PlaybookDiagnostic] = []
        var all: [(what: String, command: VersionedCommand, fallback: SourceLocation)] = []
        for s in p.steps { if let c = s.commands { all.append(("step '\(s.id)' command", c, s.location)) } }
        for d in p.diagnoses {
            for (i, r) in d.remediation.enumerated() {
                if let c = r.commands { all.append(("diagnosis '\(d.id)' step \(i + 1) command", c, d.location)) }
                if let c = r.verifyCommands {
                    all.append(("diagnosis '\(d.id)' step \(i + 1) verify_command", c, d.location))
                }
            }
        }
        for (what, command, fallback) in all {
            if !command.isPlain && p.windows.isEmpty {
                out.append(
                    PlaybookDiagnostic(
                        .error, command.variants.first?.location ?? fallback,
                        "\(what) is a table by Windows release, but the playbook has no 'windows:' list of the releases it supports"
                    ))
            }
            for release in p.windows where command.variant(for: release) == nil {
                let keys = command.variants.map(\.key).joined(separator: ", ")
                out.append(
                    PlaybookDiagnostic(
                        .error, command.variants.first?.location ?? fallback,
                        "\(what) has no command for Windows \(release.rawValue), which the playbook supports (it has: \(keys)); add a '\(release.rawValue):' or '\(release.family.rawValue):' entry"
                    ))
            }
            for v in command.variants {
                for problem in problems(in: v.text) {
                    out.append(
                        PlaybookDiagnostic(
                            .error, v.location.advanced(by: problem.offset), "\(what): \(problem.message)"))
                }
            }
        }
        out += backupOrder(p)
        out += unknownPlaceholders(p)
        return out
    }

    // MARK: text of one command

    struct Problem {
        var offset: Int
        var message: String
    }

    /// Paths that hold spaces on some Windows (2003's `Documents and Settings\All Users\Application
    /// Data`, `Program Files`), so cmd splits them unless quoted.
    static let spacedPaths = [
        "%ALLUSERSPROFILE%", "%ProgramData%", "%ProgramFiles%", "%ProgramFiles(x86)%", "%CommonProgramFiles%",
        "%APPDATA%", "%LOCALAPPDATA%", "%USERPROFILE%", "%PUBLIC%", "%TEMP%", "%TMP%", "%HOMEPATH%",
        "Documents and Settings", "Program Files", "Application Data"
    ]
    /// Facts whose values are paths (by name), which may hold spaces.
    static func isPathFact(_ name: String) -> Bool {
        ["_dir", "_path", "_folder"].contains { name.hasSuffix($0) } || name == "folder"
    }

    static func problems(in text: String) -> [Problem] {
        var out: [Problem] = []
        let chars = Array(text)
        func quoted(at index: Int) -> Bool { chars[..<index].filter { $0 == "\"" }.count % 2 == 1 }
        if let regex = try? NSRegularExpression(pattern: "<[A-Za-z][A-Za-z0-9 _.\\-]*>") {
            for m in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let r = Range(m.range, in: text)!
                let offset = text.distance(from: text.startIndex, to: r.lowerBound)
                out.append(
                    Problem(
                        offset: offset,
                        message:
                            "'\(text[r])' is a placeholder cmd would read as a redirection; ask for the value in an earlier step and use {fact}"
                    ))
            }
        }
        let lower = text.lowercased()
        for needle in spacedPaths {
            var from = lower.startIndex
            while let r = lower.range(of: needle.lowercased(), range: from..<lower.endIndex) {
                let offset = lower.distance(from: lower.startIndex, to: r.lowerBound)
                if !quoted(at: offset) {
                    out.append(
                        Problem(
                            offset: offset,
                            message:
                                "the path with '\(needle)' is not in double quotes; it can hold spaces (2003: C:\\Documents and Settings\\All Users\\Application Data), so quote the whole path"
                        ))
                }
                from = r.upperBound
            }
        }
        for piece in Template.pieces(text) {
            guard case .placeholder(let name, _) = piece, isPathFact(name) else { continue }
            guard let r = text.range(of: "{\(name)") else { continue }
            let offset = text.distance(from: text.startIndex, to: r.lowerBound)
            if !quoted(at: offset) {
                out.append(
                    Problem(
                        offset: offset,
                        message:
                            "'{\(name)}' is a path and may hold spaces; put it (and the rest of the path) in double quotes"
                    ))
            }
        }
        return out
    }

    // MARK: backups before destructive steps

    static let destructivePatterns: [String] = [
        "^\\s*\\(?\\s*(if\\s+exist\\s+\\S+\\s+)*\\(?\\s*(move|del|erase|rd|rmdir|ren|rename)\\s",
        "\\breg(\\.exe)?\\s+(delete|add|import|restore)\\b",
        "\\baspnet_regiis(\\.exe)?\"?\\s.*-p[zri]\\b",
        "\\bicacls(\\.exe)?\\s.*/(grant|deny|remove|reset|setowner|restore|inheritance)",
        "\\bcacls(\\.exe)?\\s.*\\s/[grpd]\\b",
        "\\bappcmd(\\.exe)?\\s+(set|delete)\\b",
        "\\badsutil(\\.vbs)?\\s+(set|delete)\\b"
    ]
    /// A copy or export into a backup (not a `mkdir` of the backup folder, not a move into it).
    static let backupPattern = "(\\breg(\\.exe)?\\s+(export|save)\\b|backup|/save\\b|-px\\b)"

    /// The parts of a command line cmd runs one after another (`&`, `&&`, `||`, `|`).
    static func segments(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var quoted = false
        for ch in text {
            if ch == "\"" { quoted.toggle() }
            if !quoted && (ch == "&" || ch == "|") {
                if !current.trimmingCharacters(in: .whitespaces).isEmpty { out.append(current) }
                current = ""
                continue
            }
            current.append(ch)
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { out.append(current) }
        return out
    }

    /// Whether a command changes or removes something (a key, a file, an ACL, the IIS
    /// configuration).
    static func destructive(_ text: String) -> Int? {
        segments(text).contains { isDestructive($0) } ? 0 : nil
    }

    static func isDestructive(_ segment: String) -> Bool {
        destructivePatterns.contains { firstMatch($0, in: segment) != nil }
    }

    static func isBackup(_ segment: String) -> Bool {
        !isDestructive(segment) && firstMatch("^\\s*mkdir\\b", in: segment) == nil
            && firstMatch(backupPattern, in: segment) != nil
    }

    static func firstMatch(_ pattern: String, in text: String) -> Int? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
            let m = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            let r = Range(m.range, in: text)
        else { return nil }
        return text.distance(from: text.startIndex, to: r.lowerBound)
    }

    /// Text that says to re-install or remove a role or feature is destructive too.
    static func destructiveText(_ text: String) -> Bool {
        firstMatch("\\b(re-?install|uninstall|remove and re-?install)", in: text) != nil
    }

    static func backupOrder(_ p: Playbook) -> [PlaybookDiagnostic] {
        var out: [PlaybookDiagnostic] = []
        let releases: [WindowsRelease?] = p.windows.isEmpty ? [nil] : p.windows.map { $0 }
        for d in p.diagnoses {
            var reported: Set<Int> = []
            for release in releases {
                var backedUp = false
                for (i, step) in d.remediation.enumerated() {
                    let cmd =
                        (release.map { step.commands?.variant(for: $0)?.text }
                            ?? step.commands.flatMap { $0.isPlain ? $0.texts[0] : nil }) ?? ""
                    let text = release.flatMap { step.texts?.variant(for: $0)?.text } ?? step.text
                    var harmed = false
                    for segment in segments(cmd) {
                        if isDestructive(segment) && !backedUp { harmed = true }
                        if isBackup(segment) { backedUp = true }
                    }
                    if cmd.isEmpty || !segments(cmd).contains(where: isDestructive), destructiveText(text), !backedUp {
                        harmed = true
                    }
                    if harmed, !reported.contains(i) {
                        reported.insert(i)
                        out.append(
                            PlaybookDiagnostic(
                                .error, step.commands?.variants.first?.location ?? d.location,
                                "diagnosis '\(d.id)' step \(i + 1) changes, removes or re-installs something before any backup step\(release.map { " on Windows \($0.rawValue)" } ?? ""); add a backup step (reg export, a copy to C:\\keywizard-backup, icacls /save) before it"
                            ))
                    }
                }
            }
        }
        return out
    }

    // MARK: placeholders that may be unknown

    /// Facts certainly known when `e` is true (`whenTrue`) or false: three-valued logic makes
    /// a comparison definite only when its operands are known; `exists(x)` true means x is.
    static func known(_ e: RuleExpression, when truth: Bool) -> Set<String> {
        switch e.node {
        case .literal, .list: return []
        case .fact(let n): return [n]
        case .exists(let n): return truth ? [n] : []
        case .not(let x): return known(x, when: !truth)
        case .and(let a, let b):
            return truth
                ? known(a, when: true).union(known(b, when: true))
                : known(a, when: false).intersection(known(b, when: false))
        case .or(let a, let b):
            return truth
                ? known(a, when: true).intersection(known(b, when: true))
                : known(a, when: false).union(known(b, when: false))
        case .compare, .member, .matches, .call:
            return Set(PlaybookLinter.valuesRead(e))
        }
    }

    /// Grow a set of known facts. Forward: a derived fact is known when its inputs are.
    /// Backward: a known fact came from one of its sources (a step, whose ask_when held; a
    /// derived value, whose inputs were known since functions of unknowns are unknown; a
    /// rule, whose condition held), so whatever every one of its sources needs is known too.
    /// What knowing a fact implies, computed once per playbook so that `closure` is a
    /// worklist pass, linear in the facts it reaches. (Re-scanning every step, derived value
    /// and rule for every known fact until nothing changed was cubic: a 10,000-rule chain
    /// kept `lint` busy for minutes.)
    struct Implications {
        /// Facts known whenever `fact` is: the intersection over everything that can set it.
        var implied: [String: Set<String>] = [:]
        /// Derived values by the facts they read, with the full set each reads.
        var derivedReading: [String: [Int]] = [:]
        var derivedReads: [Set<String>] = []
        var derivedFacts: [String] = []

        init(_ p: Playbook) {
            var sources: [String: [Set<String>]] = [:]
            for s in p.steps {
                let when = s.askWhen.map { known($0, when: true) } ?? []
                for f in s.factsSet { sources[f, default: []].append(when) }
            }
            for (i, d) in p.derived.enumerated() {
                let reads = Set(PlaybookLinter.valuesRead(d.value))
                sources[d.fact, default: []].append(reads)
                derivedReads.append(reads)
                derivedFacts.append(d.fact)
                for f in reads { derivedReading[f, default: []].append(i) }
            }
            for r in p.rules {
                let when = known(r.when, when: true)
                for set in r.sets { sources[set.fact, default: []].append(when) }
            }
            for (f, sets) in sources {
                guard var common = sets.first else { continue }
                for other in sets.dropFirst() { common.formIntersection(other) }
                implied[f] = common
            }
        }

        func closure(_ start: Set<String>) -> Set<String> {
            var known = start
            var queue = Array(start)
            func add(_ f: String) {
                if known.insert(f).inserted { queue.append(f) }
            }
            while let f = queue.popLast() {
                for x in implied[f] ?? [] { add(x) }
                for i in derivedReading[f] ?? [] where !known.contains(derivedFacts[i]) {
                    if derivedReads[i].allSatisfy(known.contains) { add(derivedFacts[i]) }
                }
            }
            return known
        }
    }

    static func unknownPlaceholders(_ p: Playbook) -> [PlaybookDiagnostic] {
        var out: [PlaybookDiagnostic] = []
        let implications = Implications(p)
        /// `at` is where a command's text starts (offsets are added); nil: the owner's place.
        func check(
            _ texts: [(text: String, at: SourceLocation?)], known: Set<String>, owner: String,
            ownerLocation: SourceLocation
        ) {
            for (text, at) in texts {
                for piece in Template.pieces(text) {
                    guard case .placeholder(let name, let fallback) = piece, fallback == nil, !known.contains(name)
                    else { continue }
                    let offset =
                        text.range(of: "{\(name)").map { text.distance(from: text.startIndex, to: $0.lowerBound) } ?? 0
                    out.append(
                        PlaybookDiagnostic(
                            .error, at.map { $0.advanced(by: offset) } ?? ownerLocation,
                            "\(owner): '{\(name)}' may still be unknown there and would show as '{\(name): unknown}'; write '{\(name)|words for unknown}' or make the condition require it"
                        ))
                }
            }
        }
        for d in p.diagnoses {
            let rules = p.rules.filter { $0.concludes.contains(d.id) }
            guard !rules.isEmpty else { continue }
            var k: Set<String>?
            for r in rules {
                let mine = known(r.when, when: true).union(r.sets.map(\.fact))
                k = k.map { $0.intersection(mine) } ?? mine
            }
            var texts: [(text: String, at: SourceLocation?)] = [(d.summary, nil)]
            for r in d.remediation {
                texts += ([r.caution, r.verify].compactMap { $0 } + (r.texts?.texts ?? [r.text])).map { ($0, nil) }
                // Commands are not checked here: a command whose value is unknown is withheld
                // at run time (Conclusion.present), never printed with a hole.
            }
            check(texts, known: implications.closure(k ?? []), owner: "diagnosis '\(d.id)'", ownerLocation: d.location)
        }
        for s in p.steps {
            let knownFacts = implications.closure(s.askWhen.map { known($0, when: true) } ?? [])
            let texts: [(text: String, at: SourceLocation?)] = [(s.prompt, nil), (s.help, nil)]
            check(texts, known: knownFacts, owner: "step '\(s.id)'", ownerLocation: s.location)
        }
        return out
    }
}
