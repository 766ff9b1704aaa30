import Foundation

/// What identifies the page a ViewState belongs to: legacy modes mix the
/// __VIEWSTATEGENERATOR value into the MAC; Framework45 derives its keys from the page's
/// directory and type, which the page's URL gives.
public struct ViewStatePage: Sendable, Equatable {
    public var generator: UInt32?
    /// The page's path, e.g. "/shop/cart.aspx".
    public var path: String?
    public var viewStateUserKey: String?

    public init(generator: UInt32? = nil, path: String? = nil, viewStateUserKey: String? = nil) {
        self.generator = generator
        self.path = path
        self.viewStateUserKey = viewStateUserKey
    }

    /// "EDD8C9AE" (as the page emits it, 1 to 8 hex digits) -> the value.
    public static func generator(fromHex text: String) -> UInt32? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard (1...8).contains(t.count), t.allSatisfy(\.isHexDigit) else { return nil }
        return UInt32(t, radix: 16)
    }

    /// The path of an http(s) URL or of a bare path; nil when it has none.
    public static func path(fromURL text: String) -> String? {
        if text.hasPrefix("/") { return String(text.prefix { $0 != "?" && $0 != "#" }) }
        guard let url = URLComponents(string: text), url.scheme != nil else { return nil }
        return url.path.isEmpty ? "/" : url.path
    }

    /// Framework45's specific purposes (ObjectStateFormatter.GetSpecificPurposes):
    /// "TemplateSourceDirectory: " + the page's folder and "Type: " + its class name
    /// (file name with '.' as '_', e.g. FORM_ASPX), upper-cased, then the ViewStateUserKey.
    /// A path ending in "/" is taken as its default.aspx; compiled class names that differ
    /// from the file name (an Inherits= class) are not known here.
    public var purposes: [String]? {
        guard var p = path else { return nil }
        if p.hasSuffix("/") { p += "default.aspx" }
        let slash = p.lastIndex(of: "/")!
        let folder = p[..<slash].isEmpty ? "/" : String(p[..<slash])
        let type = p[p.index(after: slash)...].replacingOccurrences(of: ".", with: "_")
        var out = ["TemplateSourceDirectory: " + folder.uppercased(), "Type: " + type.uppercased()]
        if let viewStateUserKey { out.append("ViewStateUserKey: " + viewStateUserKey) }
        return out
    }
}
