import Foundation

/// A single-line text field: cursor movement, deletion, Emacs-style Ctrl keys, and a
/// horizontally scrolling view for fields narrower than the text.
public struct LineEditor: Equatable, Sendable {
    public private(set) var chars: [Character]
    public private(set) var cursor: Int
    /// Show `*` for every character (secrets).
    public var masked: Bool

    public init(_ text: String = "", masked: Bool = false) {
        self.chars = Array(text)
        self.cursor = chars.count
        self.masked = masked
    }

    public var text: String { String(chars) }
    public var isEmpty: Bool { chars.isEmpty }

    public mutating func set(_ text: String) {
        chars = Array(text)
        cursor = chars.count
    }

    /// What a key did to the field.
    public enum Outcome: Equatable { case edited, moved, submit, ignored }

    @discardableResult
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .char(let c):
            chars.insert(c, at: cursor)
            cursor += 1
            return .edited
        case .paste(let s):
            // A one-line field takes the first line of a paste.
            let line = s.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
            let clean = line.filter { $0 != "\r" && $0 != "\t" }
            chars.insert(contentsOf: clean, at: cursor)
            cursor += clean.count
            return .edited
        case .left, .ctrl("b"):
            guard cursor > 0 else { return .ignored }
            cursor -= 1
            return .moved
        case .right, .ctrl("f"):
            guard cursor < chars.count else { return .ignored }
            cursor += 1
            return .moved
        case .home, .ctrl("a"):
            cursor = 0
            return .moved
        case .end, .ctrl("e"):
            cursor = chars.count
            return .moved
        case .backspace:
            guard cursor > 0 else { return .ignored }
            chars.remove(at: cursor - 1)
            cursor -= 1
            return .edited
        case .delete:
            guard cursor < chars.count else { return .ignored }
            chars.remove(at: cursor)
            return .edited
        case .ctrl("u"):
            guard cursor > 0 else { return .ignored }
            chars.removeSubrange(0..<cursor)
            cursor = 0
            return .edited
        case .ctrl("k"):
            guard cursor < chars.count else { return .ignored }
            chars.removeSubrange(cursor...)
            return .edited
        case .ctrl("w"):
            guard cursor > 0 else { return .ignored }
            var start = cursor
            while start > 0 && chars[start - 1] == " " { start -= 1 }
            while start > 0 && chars[start - 1] != " " { start -= 1 }
            chars.removeSubrange(start..<cursor)
            cursor = start
            return .edited
        case .enter:
            return .submit
        default:
            return .ignored
        }
    }

    /// The visible part of the field for `width` columns and the cursor's column in it.
    /// The view scrolls so the cursor is always visible.
    public func view(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 1 else { return ("", 0) }
        let shown: [Character] = masked ? Array(repeating: "*", count: chars.count) : chars
        let widths = shown.map(TextWidth.width)
        // Start from the cursor and go left while it fits (leave one column for the cursor).
        var start = cursor
        var used = 0
        while start > 0 && used + widths[start - 1] <= width - 1 {
            start -= 1
            used += widths[start]
        }
        // Then show as much as fits to the right.
        var end = cursor
        var total = used
        while end < shown.count && total + widths[end] <= width {
            total += widths[end]
            end += 1
        }
        return (String(shown[start..<end]), used)
    }
}

/// A multi-line box for pasted command output. A bracketed paste lands as one block;
/// typing works too. Ctrl-D, or a line holding only `.`, finishes it.
public struct PasteBox: Equatable, Sendable {
    public private(set) var lines: [String] = [""]
    /// Set when a bracketed paste arrived (so the answer is recorded as pasted).
    public private(set) var pasted = false

    /// The most a paste box holds: command output is kilobytes; a multi-megabyte paste is
    /// the wrong thing (or hostile) and would only slow every redraw.
    public static let maximumBytes = 1_048_576
    /// Bytes held so far (UTF-8), kept up to date so the limit costs nothing per key.
    public private(set) var byteCount = 0
    /// Set when input was refused because the box was full.
    public private(set) var overflowed = false
    /// The one-line refusal shown when the box is full.
    public static let overflowMessage =
        "the paste is larger than 1 MB and was cut off there; paste only the command's output"

    public init(_ text: String = "") {
        if !text.isEmpty { lines = text.components(separatedBy: "\n") }
        byteCount = text.utf8.count
    }

    public var text: String { lines.joined(separator: "\n") }
    public var isEmpty: Bool { lines.allSatisfy { $0.isEmpty } }
    /// Lines with content (for the "n lines" status).
    public var lineCount: Int {
        var n = lines.count
        while n > 0 && lines[n - 1].isEmpty { n -= 1 }
        return n
    }

    public enum Outcome: Equatable { case edited, submit, ignored }

    @discardableResult
    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .paste(var s):
            if byteCount + s.utf8.count > PasteBox.maximumBytes {
                overflowed = true
                let room = max(0, PasteBox.maximumBytes - byteCount)
                s = String(decoding: s.utf8.prefix(room), as: UTF8.self)
                if s.isEmpty { return .ignored }
            }
            byteCount += s.utf8.count
            let parts = s.components(separatedBy: "\n")
            lines[lines.count - 1] += parts[0]
            lines += parts.dropFirst()
            pasted = true
            return .edited
        case .char(let c):
            if byteCount + c.utf8.count > PasteBox.maximumBytes {
                overflowed = true
                return .ignored
            }
            byteCount += c.utf8.count
            lines[lines.count - 1].append(c)
            return .edited
        case .enter:
            if lines[lines.count - 1] == "." {
                lines.removeLast()
                if lines.isEmpty { lines = [""] }
                return .submit
            }
            lines.append("")
            byteCount += 1
            return .edited
        case .backspace:
            if !lines[lines.count - 1].isEmpty {
                byteCount -= lines[lines.count - 1].removeLast().utf8.count
            } else if lines.count > 1 {
                lines.removeLast()
                byteCount -= 1
            } else {
                return .ignored
            }
            return .edited
        case .ctrl("u"):
            guard !isEmpty else { return .ignored }
            lines = [""]
            byteCount = 0
            overflowed = false
            pasted = false
            return .edited
        case .ctrl("d"):
            return .submit
        default:
            return .ignored
        }
    }
}
