import Foundation

/// Reads the ViewState and the page path out of an ASP.NET "Viewstate verification failed"
/// event (1316, event code 4009) or a 1309 text: the ViewStateException information lists
/// `Path: /page.aspx` and `ViewState: <base64>` lines. The ViewState is returned for
/// `keywizard viewstate verify` only; it is not stored as evidence.
public enum ViewStateEventParser {
    /// The value of the first `ViewState:` line, or nil when the text has none.
    public static func viewState(in text: String) -> String? { value(of: "ViewState:", in: text) }

    /// The value of the first `Path:` line (the page's virtual path), or nil.
    public static func path(in text: String) -> String? {
        value(of: "Path:", in: text).flatMap { $0.hasPrefix("/") ? $0 : nil }
    }

    private static func value(of label: String, in text: String) -> String? {
        for line in EvidenceLines(text).lines {
            let t = line.trimmed
            guard t.hasPrefix(label) else { continue }
            let v = t.dropFirst(label.count).trimmed()
            if !v.isEmpty { return String(v) }
        }
        return nil
    }
}
