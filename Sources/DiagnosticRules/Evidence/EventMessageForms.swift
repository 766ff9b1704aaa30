import Foundation

/// Localized wordings of the Service Control Manager messages the event parsers read, and
/// of the Event Viewer / wevtutil labels.
///
/// Provenance: the English forms are Microsoft's (event 7024 "The %1 service terminated with
/// the following service-specific error: %n%2" as quoted in the domain notes and in the
/// captured 2008 copy at pcsmitpra.blogspot.com/2013/08). The German, French, Japanese and
/// Chinese forms are reconstructed from memory of localized servers and are UNVERIFIED:
/// matching uses short fragments, and the language-neutral parts (param1, the IISADMIN
/// key, `%%2148073478`, `(0x80090006)`) are read first wherever the event carries them.
enum EventMessageForms {
    /// Text before a marker is the service name: `Der Dienst "X" wurde ...`,
    /// `Le service X s'est arrêté ...`, `X サービスは...`, `X 服务因...`, `X 服務已...`.
    static func serviceName(fromMessage message: String) -> String? {
        for prefix in ["Der Dienst ", "Le service "] where message.hasPrefix(prefix) {
            let rest = message.dropFirst(prefix.count)
            if let quoted = quotedPrefix(rest) { return quoted }
            for stop in [" wurde ", " ist ", " s'est ", " s’est ", " a ", " n'a ", " dépend "] {
                if let r = rest.range(of: stop) { return String(rest[..<r.lowerBound].trimmed()) }
            }
        }
        for stop in [" サービスは", "サービスは", " 服务因", " 服务已", " 服務已", " 服務因"] {
            if let r = message.range(of: stop), r.lowerBound > message.startIndex {
                let name = message[..<r.lowerBound].trimmed()
                return name.isEmpty ? nil : String(quotedPrefix(name) ?? String(name))
            }
        }
        return nil
    }

    /// `"X"`, `„X“`, `« X »` at the start of `s`.
    private static func quotedPrefix(_ s: Substring) -> String? {
        let pairs: [(Character, Character)] = [("\"", "\""), ("„", "“"), ("«", "»"), ("“", "”"), ("「", "」")]
        for (open, close) in pairs where s.first == open {
            let body = s.dropFirst()
            if let end = body.firstIndex(of: close) { return String(body[..<end].trimmed()) }
        }
        return nil
    }

    /// Markers after which a localized 7024 message names the error as text.
    static let errorTextMarkers: [String] = [
        "dienstspezifischem Fehler beendet:", // de-DE, unverified
        "erreur spécifique au service suivante :", "erreur spécifique au service suivante:", // fr-FR, unverified
        "サービス固有エラーで終了しました:", "サービス固有エラーで終了しました：", // ja-JP, unverified
        "服务特定错误而停止:", "服务特定错误而停止：", "服务性错误而停止:", // zh-CN, unverified
        "服務特定錯誤:", "服務特定錯誤：" // zh-TW, unverified
    ]

    /// Event Viewer (2008+) and wevtutil /f:text labels: canonical English key -> labels.
    /// Localized labels are UNVERIFIED (see the type's note).
    static let labels: [String: [String]] = [
        "Log Name": ["Log Name", "Protokollname", "Nom du journal", "ログの名前", "日志名称", "記錄檔名稱"],
        "Source": ["Source", "Provider Name", "Quelle", "ソース", "来源", "來源"],
        "Date": ["Date", "Datum", "日付", "日期"],
        "Event ID": ["Event ID", "Ereignis-ID", "ID de l'événement", "ID de l’événement", "イベント ID", "事件 ID", "事件識別碼"],
        "Level": ["Level", "Ebene", "Niveau", "レベル", "级别", "層級"],
        "Computer": ["Computer", "Ordinateur", "コンピューター", "計算機", "计算机", "電腦"],
        "Description": ["Description", "Beschreibung", "説明", "描述"],
        "Event Xml": [
            "Event Xml", "Ereignis-XML", "XML de l'événement", "XML de l’événement", "イベント XML", "事件 Xml", "事件 XML"
        ]
    ]

    /// The language a label belongs to, for notes and date order.
    static let labelLanguage: [String: String] = [
        "Protokollname": "de-DE", "Quelle": "de-DE", "Datum": "de-DE", "Ereignis-ID": "de-DE", "Beschreibung": "de-DE",
        "Nom du journal": "fr-FR", "ID de l'événement": "fr-FR", "ID de l’événement": "fr-FR", "Ordinateur": "fr-FR",
        "ログの名前": "ja-JP", "ソース": "ja-JP", "日付": "ja-JP", "イベント ID": "ja-JP", "説明": "ja-JP",
        "日志名称": "zh-CN", "来源": "zh-CN", "事件 ID": "zh-CN", "计算机": "zh-CN",
        "記錄檔名稱": "zh-TW", "來源": "zh-TW", "事件識別碼": "zh-TW", "電腦": "zh-TW"
    ]

    /// The canonical key for a label as printed (trailing spaces, NBSP and full-width colons
    /// already removed by the caller), or nil.
    static func canonical(_ label: Substring) -> String? {
        labelIndex[normalizedLabel(label)]
    }

    /// Lower-cased printed label -> canonical key, built once (labels are looked up per line).
    static let labelIndex: [String: String] = {
        var out: [String: String] = [:]
        for (key, names) in labels { for name in names { out[name.lowercased()] = key } }
        return out
    }()

    /// A label as printed, for lookups: NO-BREAK SPACE as space, trimmed, lower case.
    /// Runs once per line of every event paste, hence the native scalar check and the
    /// trimming that skips Foundation when there is nothing to trim.
    static func normalizedLabel(_ label: Substring) -> String {
        var s = String(label)
        if s.unicodeScalars.contains("\u{00A0}") { s = s.replacingOccurrences(of: "\u{00A0}", with: " ") }
        return Trimmed.whitespace(s).lowercased()
    }

    /// Splits `Label: value` / `Label : value` (French) / `Label：value` (full-width colon).
    static func labelled(_ t: Substring) -> (label: Substring, value: Substring)? {
        guard let colon = t.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let label = t[..<colon].trimmingTrailing()
        return (label, t[t.index(after: colon)...].trimmed())
    }

    /// Day-first date order for a language (nil: unknown, decide from the numbers).
    static func dayFirst(language: String?) -> Bool? {
        switch language {
        case "de-DE", "fr-FR": return true
        case "en-US": return false
        default: return nil
        }
    }
}

extension Substring {
    /// Trailing whitespace (and NO-BREAK SPACE) removed.
    func trimmingTrailing() -> Substring {
        var s = self
        while let last = s.last, last.isWhitespace || last == "\u{00A0}" || last == "\u{202F}" { s = s.dropLast() }
        return s
    }
}
