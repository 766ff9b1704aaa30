import Foundation

/// Parses the condition language when a playbook is loaded (never while a question is being
/// answered). Errors carry the exact column inside the condition text.
///
///     expr    := or
///     or      := and ("or" and)*
///     and     := not ("and" not)*
///     not     := "not" not | compare
///     compare := primary (("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in" | "matches") primary)?
///     primary := literal | fact | name "(" args ")" | "(" expr ")" | "[" items "]"
///     literal := "string" | 'string' | 123 | -5 | 0x80090006 | true | false | GUID | {GUID}
public struct ExpressionParser {
    public struct ParseError: Error, CustomStringConvertible {
        public var location: SourceLocation
        public var message: String
        public var description: String { "\(location): error: \(message)" }
    }

    enum Token: Equatable {
        case ident(String), string(String), integer(Int64), guid(String)
        case op(String), lparen, rparen, lbracket, rbracket, comma, end
    }

    private let text: String
    private let chars: [Character]
    private let origin: SourceLocation
    private var tokens: [(token: Token, offset: Int)] = []
    private var index = 0
    private var depth = 0
    /// Deepest nesting of `not`, parentheses, lists and calls. Real conditions use a handful;
    /// the limit keeps a hostile playbook from exhausting the stack here and in every
    /// recursive pass after parsing (type checking, evaluation, explanations).
    static let maximumDepth = 64
    /// Longest condition, in tokens: a chain of `and`s is a tree as deep as it is long.
    static let maximumTokens = 4096

    /// Parse `text`, which starts at `origin` in its file.
    public static func parse(_ text: String, at origin: SourceLocation) throws -> RuleExpression {
        var p = ExpressionParser(text: text, origin: origin)
        try p.tokenize()
        let e = try p.parseOr()
        if p.current != .end {
            throw p.error("unexpected \(p.describe(p.current)) after a complete condition", at: p.currentOffset)
        }
        return e
    }

    private init(text: String, origin: SourceLocation) {
        self.text = text
        self.chars = Array(text)
        self.origin = origin
    }

    // MARK: Lexer

    private mutating func tokenize() throws {
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace {
                i += 1
                continue
            }
            let start = i
            if let g = guidLiteral(at: i) {
                tokens.append((.guid(g.value), start))
                i = g.end
                continue
            }
            switch c {
            case "(":
                tokens.append((.lparen, i))
                i += 1
            case ")":
                tokens.append((.rparen, i))
                i += 1
            case "[":
                tokens.append((.lbracket, i))
                i += 1
            case "]":
                tokens.append((.rbracket, i))
                i += 1
            case ",":
                tokens.append((.comma, i))
                i += 1
            case "\"", "'":
                var s = ""
                i += 1
                var closed = false
                while i < chars.count {
                    let d = chars[i]
                    if d == c {
                        closed = true
                        i += 1
                        break
                    }
                    if d == "\\", i + 1 < chars.count {
                        s.append(chars[i + 1])
                        i += 2
                        continue
                    }
                    s.append(d)
                    i += 1
                }
                if !closed { throw error("unterminated string; add the closing \(c)", at: start) }
                tokens.append((.string(s), start))
            case "=", "!", "<", ">":
                let two = i + 1 < chars.count ? String([c, chars[i + 1]]) : String(c)
                if ["==", "!=", "<=", ">="].contains(two) {
                    tokens.append((.op(two), i))
                    i += 2
                } else if c == "<" || c == ">" {
                    tokens.append((.op(String(c)), i))
                    i += 1
                } else if c == "=" {
                    throw error("'=' is not an operator; use '==' to compare", at: i)
                } else {
                    throw error("'!' is not an operator; use 'not' or '!='", at: i)
                }
            default:
                if c.isNumber || (c == "-" && i + 1 < chars.count && chars[i + 1].isNumber) {
                    var j = i + (c == "-" ? 1 : 0)
                    var digits = ""
                    var hex = false
                    if j + 1 < chars.count, chars[j] == "0", chars[j + 1] == "x" || chars[j + 1] == "X" {
                        hex = true
                        j += 2
                    }
                    while j < chars.count, chars[j].isHexDigit || chars[j] == "_" {
                        if chars[j] != "_" { digits.append(chars[j]) }
                        j += 1
                    }
                    let negative = c == "-"
                    guard !digits.isEmpty, let magnitude = UInt64(digits, radix: hex ? 16 : 10),
                        hex || digits.allSatisfy(\.isNumber)
                    else {
                        throw error("malformed number '\(String(chars[i..<j]))'", at: i)
                    }
                    guard magnitude <= UInt64(Int64.max) else { throw error("number out of range", at: i) }
                    tokens.append((.integer(negative ? -Int64(magnitude) : Int64(magnitude)), start))
                    i = j
                } else if c.isLetter || c == "_" {
                    var j = i
                    while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == "."
                    { j += 1 }
                    tokens.append((.ident(String(chars[i..<j])), start))
                    i = j
                } else {
                    throw error("unexpected character '\(c)'", at: i)
                }
            }
        }
        tokens.append((.end, chars.count))
        if tokens.count > ExpressionParser.maximumTokens {
            throw error(
                "the condition has more than \(ExpressionParser.maximumTokens) parts; split it into derived facts",
                at: tokens[ExpressionParser.maximumTokens].offset)
        }
    }

    private func guidLiteral(at i: Int) -> (value: String, end: Int)? {
        let braced = chars[i] == "{"
        let begin = braced ? i + 1 : i
        let end = begin + 36
        guard end <= chars.count else { return nil }
        if !braced, i > 0, chars[i - 1].isLetter || chars[i - 1].isNumber || chars[i - 1] == "_" { return nil }
        let candidate = String(chars[begin..<end])
        guard let g = GUIDText.normalize(candidate) else { return nil }
        if braced {
            guard end < chars.count, chars[end] == "}" else { return nil }
            return (g, end + 1)
        }
        if end < chars.count, chars[end].isLetter || chars[end].isNumber || chars[end] == "_" { return nil }
        return (g, end)
    }

    // MARK: Parser

    private var current: Token { tokens[index].token }
    private var currentOffset: Int { tokens[index].offset }
    private mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    private func slice(_ from: Int, _ to: Int) -> String {
        String(chars[max(0, from)..<min(chars.count, max(from, to))]).trimmingCharacters(in: .whitespaces)
    }

    private var previousEnd: Int {
        // End offset of the previous token: the start of the current one is a safe bound.
        index == 0 ? 0 : tokens[index].offset
    }

    private func make(_ node: ExpressionNode, from start: Int) -> RuleExpression {
        RuleExpression(node, text: slice(start, previousEnd), location: location(at: start))
    }

    private mutating func parseOr() throws -> RuleExpression {
        let start = currentOffset
        var lhs = try parseAnd()
        while current == .ident("or") {
            advance()
            let rhs = try parseAnd()
            lhs = make(.or(lhs, rhs), from: start)
        }
        return lhs
    }

    private mutating func parseAnd() throws -> RuleExpression {
        let start = currentOffset
        var lhs = try parseNot()
        while current == .ident("and") {
            advance()
            let rhs = try parseNot()
            lhs = make(.and(lhs, rhs), from: start)
        }
        return lhs
    }

    /// Enter one level of nesting, failing cleanly past `maximumDepth`.
    private mutating func nest() throws {
        depth += 1
        if depth > ExpressionParser.maximumDepth {
            throw error(
                "the condition nests deeper than \(ExpressionParser.maximumDepth) levels; split it into derived facts",
                at: currentOffset)
        }
    }

    private mutating func parseNot() throws -> RuleExpression {
        let start = currentOffset
        if current == .ident("not") {
            advance()
            try nest()
            defer { depth -= 1 }
            let e = try parseNot()
            return make(.not(e), from: start)
        }
        return try parseCompare()
    }

    private mutating func parseCompare() throws -> RuleExpression {
        let start = currentOffset
        let lhs = try parsePrimary()
        switch current {
        case .op(let o):
            let opOffset = currentOffset
            advance()
            let rhs = try parsePrimary()
            guard let op = ComparisonOperator(rawValue: o) else { throw error("unknown operator \(o)", at: opOffset) }
            return make(.compare(op, lhs, rhs), from: start)
        case .ident("in"):
            advance()
            let rhs = try parsePrimary()
            return make(.member(lhs, rhs, negated: false), from: start)
        case .ident("not") where index + 1 < tokens.count && tokens[index + 1].token == .ident("in"):
            advance()
            advance()
            let rhs = try parsePrimary()
            return make(.member(lhs, rhs, negated: true), from: start)
        case .ident("matches"):
            advance()
            let patternOffset = currentOffset
            guard case .string(let pattern) = current else {
                throw error("'matches' needs a quoted regular expression", at: patternOffset)
            }
            advance()
            let regex: NSRegularExpression
            do { regex = try NSRegularExpression(pattern: pattern) } catch {
                throw self.error("invalid regular expression \"\(pattern)\"", at: patternOffset)
            }
            return make(.matches(lhs, regex, pattern: pattern), from: start)
        default:
            return lhs
        }
    }

    private mutating func parsePrimary() throws -> RuleExpression {
        let start = currentOffset
        switch current {
        case .string(let s):
            advance()
            return make(.literal(.string(s)), from: start)
        case .integer(let i):
            advance()
            return make(.literal(.integer(i)), from: start)
        case .guid(let g):
            advance()
            return make(.literal(.guid(g)), from: start)
        case .lparen:
            advance()
            try nest()
            defer { depth -= 1 }
            let e = try parseOr()
            guard current == .rparen else {
                throw error("expected ')' to close the '(' at column \(origin.column + start)", at: currentOffset)
            }
            advance()
            return RuleExpression(e.node, text: slice(start, previousEnd), location: location(at: start))
        case .lbracket:
            advance()
            try nest()
            defer { depth -= 1 }
            var items: [RuleExpression] = []
            if current != .rbracket {
                while true {
                    items.append(try parsePrimary())
                    if current == .comma {
                        advance()
                        continue
                    }
                    break
                }
            }
            guard current == .rbracket else { throw error("expected ']' or ',' in list", at: currentOffset) }
            advance()
            return make(.list(items), from: start)
        case .ident(let name):
            switch name {
            case "true":
                advance()
                return make(.literal(.boolean(true)), from: start)
            case "false":
                advance()
                return make(.literal(.boolean(false)), from: start)
            case "and", "or", "not", "in", "matches":
                throw error("expected a value, found the keyword '\(name)'", at: start)
            default: break
            }
            advance()
            guard current == .lparen else { return make(.fact(name), from: start) }
            advance()
            if name == "exists" {
                let argOffset = currentOffset
                guard case .ident(let f) = current else { throw error("exists() takes a fact name", at: argOffset) }
                advance()
                guard current == .rparen else {
                    throw error("exists() takes exactly one fact name; expected ')'", at: currentOffset)
                }
                advance()
                return make(.exists(f), from: start)
            }
            try nest()
            defer { depth -= 1 }
            var args: [RuleExpression] = []
            if current != .rparen {
                while true {
                    args.append(try parseOr())
                    if current == .comma {
                        advance()
                        continue
                    }
                    break
                }
            }
            guard current == .rparen else {
                throw error("expected ')' or ',' in the arguments of \(name)()", at: currentOffset)
            }
            advance()
            return make(.call(name, args), from: start)
        case .end:
            throw error("condition ends where a value was expected", at: currentOffset)
        default:
            throw error("expected a value, found \(describe(current))", at: start)
        }
    }

    private func describe(_ t: Token) -> String {
        switch t {
        case .ident(let s): return "'\(s)'"
        case .string(let s): return "\"\(s)\""
        case .integer(let i): return String(i)
        case .guid(let g): return g
        case .op(let o): return "'\(o)'"
        case .lparen: return "'('"
        case .rparen: return "')'"
        case .lbracket: return "'['"
        case .rbracket: return "']'"
        case .comma: return "','"
        case .end: return "end of condition"
        }
    }

    private func error(_ message: String, at offset: Int) -> ParseError {
        ParseError(location: location(at: offset), message: message)
    }

    /// File position of a character offset, following newlines in multi-line conditions.
    private func location(at offset: Int) -> SourceLocation {
        let prefix = chars[0..<min(offset, chars.count)]
        guard let lastNewline = prefix.lastIndex(of: "\n") else { return origin.advanced(by: offset) }
        let lines = prefix.filter { $0 == "\n" }.count
        return SourceLocation(file: origin.file, line: origin.line + lines, column: offset - lastNewline)
    }
}
