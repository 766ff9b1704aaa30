/// Values substituted into commands an operator is told to copy and run. A free-text fact
/// (a pool name typed by someone, read from a file) must never turn a command into another
/// one: `appcmd set apppool "{pool}"` with the pool `Shop" & calc.exe & "` used to print a
/// command that also started calc.exe. Each value is quoted for the shell that runs the
/// command, at the place it lands (inside or outside quotes), or refused when that shell has
/// no safe quoting for it. Applied in the substitution layer, so any command text a playbook
/// carries (whatever table it comes from) gets it.
public enum CommandQuoting {
    /// The shell a command's text is written for.
    public enum Shell: Equatable, Sendable {
        /// cmd.exe: the default for `reg`, `appcmd`, `icacls`, `%windir%` commands.
        case cmd
        /// PowerShell: a command starting with a cmdlet (`Get-Item`) or a `$variable`.
        case powershell
        /// `powershell -Command "..."` typed at a cmd prompt: two shells parse the value.
        case nested
    }

    /// The shell from the command's first word.
    public static func shell(of command: String) -> Shell {
        let first = command.drop { $0 == " " || $0 == "\t" }.prefix { $0 != " " && $0 != "\t" }.lowercased()
        if ["powershell", "powershell.exe", "pwsh", "pwsh.exe"].contains(first) { return .nested }
        if first.hasPrefix("$") || first.hasPrefix("&") { return .powershell }
        let verbs = [
            "get-", "set-", "new-", "remove-", "test-", "import-", "export-", "invoke-", "start-", "stop-", "restart-",
            "add-", "clear-", "copy-", "move-", "rename-", "select-", "where-", "write-", "out-"
        ]
        if verbs.contains(where: first.hasPrefix) { return .powershell }
        return .cmd
    }

    /// Where in the command a value lands.
    public enum Context: Equatable, Sendable { case bare, doubleQuoted, singleQuoted }

    /// Why a value cannot be inserted.
    public struct Refusal: Error, Equatable, Sendable {
        public var reason: String
    }

    /// The value as it must be written at `context` in a `shell` command, or a refusal.
    public static func quote(_ value: String, shell: Shell, context: Context) -> Result<String, Refusal> {
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            return .failure(Refusal(reason: "it holds a line break or control character"))
        }
        switch shell {
        case .cmd: return cmd(value, context: context)
        case .powershell: return powershell(value, context: context)
        case .nested:
            // Both cmd and PowerShell parse it: only characters neither treats specially.
            let safe = value.unicodeScalars.allSatisfy { s in
                (s.properties.isAlphabetic || ("0"..."9").contains(s) || " _.-\\:/@#+=,{}[]".unicodeScalars.contains(s))
            }
            return safe
                ? .success(value)
                : .failure(Refusal(reason: "it holds characters that cmd or PowerShell would interpret"))
        }
    }

    /// cmd.exe: `"` cannot be escaped inside quotes and `%`/`!` expand even there, so those
    /// are refused; inside quotes everything else is literal; outside, `^` escapes the
    /// operators `& | < > ^ ( )`.
    static func cmd(_ value: String, context: Context) -> Result<String, Refusal> {
        if value.contains(where: { "\"!".contains($0) }) || !percentSignsAreVariables(value) {
            return .failure(
                Refusal(reason: "it holds a double quote, percent sign or exclamation mark, which cmd cannot quote"))
        }
        if context != .bare { return .success(value) }
        var out = ""
        for c in value {
            if "&|<>^()".contains(c) { out.append("^") }
            out.append(c)
        }
        return .success(out)
    }

    /// A `%` is only accepted as part of a whole environment-variable reference such as
    /// `%windir%` or `%ProgramFiles(x86)%`: values the playbooks compute from the Windows
    /// release are written that way, and cmd expands such a reference to a path, never to an
    /// operator. Any other `%` is refused.
    static func percentSignsAreVariables(_ value: String) -> Bool {
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "%") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "%") else { return false }
            let name = after[..<close]
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_()".contains($0)) })
            else { return false }
            rest = after[after.index(after: close)...]
        }
        return true
    }

    /// PowerShell: inside single quotes only the quote itself (and its typographic forms,
    /// which PowerShell also accepts) is doubled; inside double quotes the backtick escapes
    /// `` ` ``, `$` and the double quotes; a bare value is put in single quotes.
    static func powershell(_ value: String, context: Context) -> Result<String, Refusal> {
        let singles: Set<Character> = ["'", "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}"]
        let doubles: Set<Character> = ["\"", "\u{201C}", "\u{201D}", "\u{201E}"]
        switch context {
        case .singleQuoted, .bare:
            var out = ""
            for c in value {
                out.append(c)
                if singles.contains(c) { out.append(c) }
            }
            return .success(context == .bare ? "'" + out + "'" : out)
        case .doubleQuoted:
            var out = ""
            for c in value {
                if c == "`" || c == "$" || doubles.contains(c) { out.append("`") }
                out.append(c)
            }
            return .success(out)
        }
    }

    /// Quote state after `text` (from `start`): cmd knows only `"`; PowerShell also `'`.
    static func context(after text: String, shell: Shell, start: Context) -> Context {
        var state = start
        for c in text {
            switch (state, c) {
            case (.bare, "\""): state = .doubleQuoted
            case (.doubleQuoted, "\""): state = .bare
            case (.bare, "'") where shell == .powershell: state = .singleQuoted
            case (.singleQuoted, "'"): state = .bare
            default: break
            }
        }
        return state
    }
}

extension Template {
    /// `render` for a command: each substituted value quoted for the command's shell where it
    /// lands, or replaced by a visible refusal that cannot run as part of the command.
    public static func renderCommand(_ text: String, _ value: (String) -> String?) -> String {
        let shell = CommandQuoting.shell(of: render(text) { _ in "x" })
        var out = ""
        var context = CommandQuoting.Context.bare
        for piece in pieces(text) {
            switch piece {
            case .text(let t):
                out += t
                context = CommandQuoting.context(after: t, shell: shell, start: context)
            case .placeholder(let name, let fallback):
                if let v = value(name) {
                    // An inserted value never changes the quote state: it is quoted for it.
                    switch CommandQuoting.quote(v, shell: shell, context: context) {
                    case .success(let q): out += q
                    case .failure(let r): out += "{\(name): not inserted because \(r.reason), type it yourself}"
                    }
                } else {
                    let f = fallback ?? "{\(name): unknown}"
                    out += f
                    context = CommandQuoting.context(after: f, shell: shell, start: context)
                }
            }
        }
        return out
    }
}
