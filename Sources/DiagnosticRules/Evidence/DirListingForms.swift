import Foundation

/// The localized lines of cmd's `dir`: the folder header, the volume lines and the totals,
/// in English, German, French, Japanese, Simplified and Traditional Chinese.
///
/// Provenance: English from Windows' own output (the fixtures in make-fixtures.py). The
/// other languages are reconstructed from memory of localized servers and are UNVERIFIED;
/// the rows themselves (date, time, `<DIR>` / `<REP>`, size, name) are read by shape, so a
/// header wording that differs only costs the folder name, never the files. Thousands are
/// grouped with "," (en, ja, zh), "." (de) or a no-break space U+00A0 / U+202F (fr).
enum DirListingForms {
    /// (prefix, suffix, language): the header is prefix + folder + suffix.
    static let headers: [(String, String, String?)] = [
        ("Directory of ", "", nil),
        ("Verzeichnis von ", "", "de-DE"),
        ("Répertoire de ", "", "fr-FR"),
        ("", " のディレクトリ", "ja-JP"),
        ("", " 的目录", "zh-CN"),
        ("", " 的目錄", "zh-TW")
    ]

    /// The folder named by a ` Directory of C:\...` header and the header's language (nil
    /// for English).
    static func directoryHeader(_ t: Substring) -> (String, String?)? {
        for (prefix, suffix, language) in headers {
            guard t.hasPrefix(prefix), t.hasSuffix(suffix), t.count > prefix.count + suffix.count else { continue }
            let folder = t.dropFirst(prefix.count).dropLast(suffix.count).trimmed()
            // A suffix-only header must start with a path (C:\ or \\server).
            if prefix.isEmpty, !(folder.dropFirst().hasPrefix(":\\") || folder.hasPrefix("\\\\")) { continue }
            return (String(folder), language)
        }
        return nil
    }

    /// Get-ChildItem's `    Directory: C:\...` line (the label is localized; UNVERIFIED
    /// except English).
    static let childItemLabels = ["Directory", "Verzeichnis", "Répertoire", "ディレクトリ", "目录", "目錄"]

    static func childItemHeader(_ t: Substring) -> String? {
        for label in childItemLabels where t.hasPrefix(label) {
            let rest = t.dropFirst(label.count).drop { $0 == " " || $0 == "\u{00A0}" }
            guard rest.first == ":" || rest.first == "：" else { continue }
            let folder = rest.dropFirst().trimmed()
            return folder.isEmpty ? nil : String(folder)
        }
        return nil
    }

    static let volumePrefixes = [
        "Volume in drive", "Volume Serial Number",
        "Datenträger in Laufwerk", "Volumeseriennummer",
        "Le volume dans le lecteur", "Le numéro de série du volume",
        "ドライブ ", "ボリューム シリアル番号",
        "驱动器 ", "卷的序列号",
        "磁碟區 ", "磁碟區序號"
    ]

    static func volumeLine(_ t: Substring) -> Bool { volumePrefixes.contains { t.hasPrefix($0) } }

    /// Words of the `N File(s)  X bytes` / `N Dir(s)  X bytes free` totals.
    static let summaryWords = [
        "File(s)", "Dir(s)", "Datei(en)", "Verzeichnis(se)", "fichier(s)", "Rép(s)",
        "個のファイル", "個のディレクトリ", "个文件", "个目录", "個檔案", "個目錄"
    ]

    /// Morning / afternoon markers before or after the time.
    static let meridiem: Set<String> = ["AM", "PM", "A.M.", "P.M.", "上午", "下午", "午前", "午後"]

    /// A marker before the time: a known one, or a short non-ASCII word (a marker in a code
    /// page that was decoded as UTF-8 arrives as U+FFFD characters).
    static func isMeridiem(_ token: Substring) -> Bool {
        meridiem.contains(token.uppercased()) || (token.count <= 4 && token.allSatisfy { !$0.isASCII })
    }
}
