import Foundation

/// What a piece of text means on screen. A colour terminal maps roles to colour pairs; a
/// monochrome one ignores them, so every screen must read well with attributes alone.
public enum ColorRole: Int, CaseIterable, Sendable {
    case title = 1, selection, accent, error, ok, command, panel, legend, warning
}

/// Attributes of drawn text. Only the four that every terminal since the VT100 renders.
public struct TextStyle: Equatable, Sendable {
    public var bold = false
    public var reverse = false
    public var underline = false
    public var dim = false
    public var role: ColorRole?

    public init(
        bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false, role: ColorRole? = nil
    ) {
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
        self.dim = dim
        self.role = role
    }

    public static let plain = TextStyle()
    public static let bold = TextStyle(bold: true)
    public static let title = TextStyle(bold: true, reverse: true, role: .title)
    public static let selected = TextStyle(reverse: true, role: .selection)
    public static let error = TextStyle(bold: true, role: .error)
    public static let ok = TextStyle(bold: true, role: .ok)
    public static let command = TextStyle(bold: true, role: .command)
    public static let legend = TextStyle(reverse: true, role: .legend)
    public static let dim = TextStyle(dim: true)
    public static let heading = TextStyle(bold: true, role: .accent)
    public static let field = TextStyle(underline: true)
    public static let warning = TextStyle(bold: true, role: .warning)
}

/// A rectangle of character cells. Rows and columns are 0-based; text is clipped at the
/// right edge and never wraps by itself (layout wraps before drawing).
public protocol Canvas: AnyObject {
    var rows: Int { get }
    var cols: Int { get }
    /// Whether box drawing and other non-ASCII text can be shown (a UTF-8 locale).
    var unicode: Bool { get }
    func clear()
    /// Draw `text` starting at (row, col), clipped to the canvas width.
    func put(_ text: String, row: Int, col: Int, style: TextStyle)
    /// Where the terminal cursor should rest (an input field), or nil to hide it.
    func setCursor(row: Int, col: Int)
    func hideCursor()
}

public extension Canvas {
    func put(_ text: String, row: Int, col: Int) { put(text, row: row, col: col, style: .plain) }

    /// Fill a row segment with spaces in a style (bars, selections).
    func fill(row: Int, col: Int, width: Int, style: TextStyle) {
        guard width > 0 else { return }
        put(String(repeating: " ", count: width), row: row, col: col, style: style)
    }

    var box: BoxChars { unicode ? .unicode : .ascii }

    /// A frame with an optional title in its top edge.
    func frame(top: Int, left: Int, height: Int, width: Int, title: String? = nil, style: TextStyle = .plain) {
        guard height >= 2, width >= 2 else { return }
        let b = box
        put(
            b.topLeft + String(repeating: b.horizontal, count: width - 2) + b.topRight, row: top, col: left,
            style: style)
        for r in (top + 1)..<(top + height - 1) {
            put(b.vertical, row: r, col: left, style: style)
            put(b.vertical, row: r, col: left + width - 1, style: style)
        }
        put(
            b.bottomLeft + String(repeating: b.horizontal, count: width - 2) + b.bottomRight, row: top + height - 1,
            col: left, style: style)
        if let t = title, width > 6 {
            put(
                " " + TextWidth.truncate(t, to: width - 6) + " ", row: top, col: left + 2,
                style: TextStyle(bold: true, role: style.role))
        }
    }

    func hline(row: Int, col: Int, width: Int, style: TextStyle = .plain) {
        guard width > 0 else { return }
        put(String(repeating: box.horizontal, count: width), row: row, col: col, style: style)
    }
}

/// Line-drawing characters: Unicode box drawing in a UTF-8 locale, `+ - |` otherwise.
public struct BoxChars: Sendable, Equatable {
    public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String
    public var pointer: String
    public var bullet: String
    public var ellipsis: String

    public static let unicode = BoxChars(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐",
        bottomLeft: "└", bottomRight: "┘", pointer: "▶", bullet: "•", ellipsis: "…")
    public static let ascii = BoxChars(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+",
        bottomLeft: "+", bottomRight: "+", pointer: ">", bullet: "*", ellipsis: "~")
}
