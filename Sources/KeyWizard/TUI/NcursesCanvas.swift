import CNcurses
import Foundation
import KeyWizardUI

/// The Canvas on a real terminal through ncursesw. Colour roles become colour pairs when
/// the terminal has colours and colour is wanted; otherwise only the attributes are used.
final class NcursesCanvas: Canvas {
    let unicode: Bool
    let color: Bool
    private var cursor: (Int, Int)?

    init(unicode: Bool, color: Bool) {
        self.unicode = unicode
        self.color = color
        if color { setUpColors() }
    }

    var rows: Int { Int(kw_lines()) }
    var cols: Int { Int(kw_cols()) }

    private func setUpColors() {
        start_color()
        use_default_colors()
        let d: Int16 = -1
        let pairs: [(ColorRole, Int16, Int16)] = [
            (.title, Int16(COLOR_WHITE), Int16(COLOR_BLUE)),
            (.selection, Int16(COLOR_BLACK), Int16(COLOR_CYAN)),
            (.accent, Int16(COLOR_CYAN), d),
            (.error, Int16(COLOR_RED), d),
            (.ok, Int16(COLOR_GREEN), d),
            (.command, Int16(COLOR_YELLOW), d),
            (.panel, d, d),
            (.legend, Int16(COLOR_BLACK), Int16(COLOR_WHITE)),
            (.warning, Int16(COLOR_MAGENTA), d)
        ]
        for (role, fg, bg) in pairs { init_pair(Int16(role.rawValue), fg, bg) }
    }

    /// Roles whose colour pair has its own background: reverse video is dropped for them.
    /// A switch, not a `Set<ColorRole>`: the set's first use made the runtime scan every
    /// protocol conformance in the binary for `ColorRole: Hashable`, at every start.
    private static func hasOwnBackground(_ role: ColorRole) -> Bool {
        switch role {
        case .title, .selection, .legend: return true
        case .accent, .error, .ok, .command, .panel, .warning: return false
        }
    }

    private func attributes(_ s: TextStyle) -> Int32 {
        var a = kw_attr_normal()
        if s.bold { a |= kw_attr_bold() }
        if s.underline { a |= kw_attr_underline() }
        if s.dim { a |= kw_attr_dim() }
        if color, let role = s.role {
            a |= kw_color_pair(Int32(role.rawValue))
            if s.reverse && !Self.hasOwnBackground(role) { a |= kw_attr_reverse() }
        } else if s.reverse {
            a |= kw_attr_reverse()
        }
        return a
    }

    func clear() {
        erase()
        cursor = nil
    }

    func put(_ text: String, row: Int, col: Int, style: TextStyle) {
        guard row >= 0, row < rows, col < cols else { return }
        var t = TextWidth.sanitize(text, unicode: unicode)
        var c = col
        if c < 0 {
            t = String(t.dropFirst(-c))
            c = 0
        }
        t = TextWidth.truncate(t, to: cols - c)
        // The bottom-right cell cannot be written without scrolling on some terminals.
        if row == rows - 1 && c + TextWidth.width(t) >= cols { t = TextWidth.truncate(t, to: cols - c - 1) }
        guard !t.isEmpty else { return }
        _ = kw_attrset(attributes(style))
        _ = kw_mvaddstr(Int32(row), Int32(c), t)
        _ = kw_attrset(kw_attr_normal())
    }

    func setCursor(row: Int, col: Int) { cursor = (row, col) }
    func hideCursor() { cursor = nil }

    /// Show the frame: place or hide the cursor, then refresh.
    func present() {
        if let (r, c) = cursor {
            curs_set(1)
            move(Int32(r), Int32(min(c, cols - 1)))
        } else {
            curs_set(0)
        }
        refresh()
    }
}
