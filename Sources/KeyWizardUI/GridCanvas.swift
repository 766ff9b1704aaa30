import Foundation

/// An in-memory canvas for tests: a grid of cells, rendered to plain text (golden files)
/// or queried for the style of a cell.
public final class GridCanvas: Canvas {
    public struct Cell: Equatable {
        /// The character shown; "" for the right half of a wide character.
        public var text: String = " "
        public var style: TextStyle = .plain
    }

    public private(set) var rows: Int
    public private(set) var cols: Int
    public let unicode: Bool
    public private(set) var cells: [[Cell]]
    public private(set) var cursor: (row: Int, col: Int)?

    public init(rows: Int, cols: Int, unicode: Bool = true) {
        self.rows = rows
        self.cols = cols
        self.unicode = unicode
        self.cells = Array(repeating: Array(repeating: Cell(), count: cols), count: rows)
    }

    public func resize(rows: Int, cols: Int) {
        self.rows = rows
        self.cols = cols
        clear()
    }

    public func clear() {
        cells = Array(repeating: Array(repeating: Cell(), count: cols), count: rows)
        cursor = nil
    }

    public func put(_ text: String, row: Int, col: Int, style: TextStyle) {
        guard row >= 0, row < rows else { return }
        var c = col
        for ch in TextWidth.sanitize(text, unicode: unicode) {
            let w = TextWidth.width(ch)
            if w == 0 { continue }
            if c >= cols { break }
            if c < 0 {
                c += w
                continue
            }
            if c + w > cols {
                cells[row][c] = Cell(text: " ", style: style)
                break
            }
            // Overwriting half of a wide character blanks its other half.
            if cells[row][c].text == "", c > 0 { cells[row][c - 1] = Cell(text: " ", style: cells[row][c - 1].style) }
            cells[row][c] = Cell(text: String(ch), style: style)
            if w == 2 {
                cells[row][c + 1] = Cell(text: "", style: style)
            } else if c + 1 < cols, cells[row][c + 1].text == "" {
                cells[row][c + 1] = Cell(text: " ", style: cells[row][c + 1].style)
            }
            c += w
        }
    }

    public func setCursor(row: Int, col: Int) { cursor = (row, col) }
    public func hideCursor() { cursor = nil }

    /// One row as text (trailing spaces kept).
    public func line(_ row: Int) -> String { cells[row].map(\.text).joined() }

    /// The whole screen as text, trailing spaces removed, one line per row.
    public func render() -> String {
        (0..<rows).map { r in
            var s = line(r)
            while s.hasSuffix(" ") { s.removeLast() }
            return s
        }.joined(separator: "\n") + "\n"
    }

    /// Whether `text` appears somewhere on screen.
    public func contains(_ text: String) -> Bool { (0..<rows).contains { line($0).contains(text) } }

    /// Row and column of the first occurrence of `text`.
    public func find(_ text: String) -> (row: Int, col: Int)? {
        for r in 0..<rows {
            let l = line(r)
            if let range = l.range(of: text) { return (r, TextWidth.width(String(l[..<range.lowerBound]))) }
        }
        return nil
    }

    public func style(row: Int, col: Int) -> TextStyle { cells[row][col].style }
}
