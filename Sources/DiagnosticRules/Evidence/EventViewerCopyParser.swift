import Foundation

/// Reads what Event Viewer's "Copy" puts on the clipboard.
///
/// Windows 2000/XP/2003 (Event Properties, copy button):
/// ```
/// Event Type:	Error
/// Event Source:	Service Control Manager
/// Event Category:	None
/// Event ID:	7024
/// Date:		5/14/2010
/// Time:		8:12:31 AM
/// User:		N/A
/// Computer:	WEB01
/// Description:
/// The IIS Admin service terminated with service specific error 2148073478 (0x80090006).
/// ```
/// Vista/2008 and later ("Copy details as text"): `Log Name:` / `Source:` / `Date:` /
/// `Event ID:` / ... / `Description:` then the message, then `Event Xml:` and the event's XML
/// (its param1 / param2 / Binary are read too). German, French, Japanese and Chinese labels
/// are read (see `EventMessageForms`, unverified wordings).
///
/// Several events in one paste are all read; fields describe the one `event_choice` names.
/// Fields: the shared event fields plus `event_level_name` and `windows_hint` (nt5 for the
/// 2003 layout, nt6 for the 2008 layout).
public struct EventViewerCopyParser: EvidenceParser {
    public init() {}
    public var id: String { "eventviewer-copy" }
    public var title: String { "Event Viewer copied event text (2003 and 2008+ layouts)" }

    public var schema: EvidenceSchema {
        EvidenceSchema(
            fields: SharedSchemas.event + [
                .init(
                    "event_level_name", .string,
                    "Event Type (2003) / Level (2008+) of the first event pasted, as printed"),
                .init(
                    "event_language", .string,
                    "language of the labels when not English (de-DE, fr-FR, ja-JP, zh-CN, zh-TW)")
            ],
            example: """
                Event Type:\tError
                Event Source:\tService Control Manager
                Event Category:\tNone
                Event ID:\t7024
                Date:\t\t5/14/2010
                Time:\t\t8:12:31 AM
                User:\t\tN/A
                Computer:\tWEB01
                Description:
                The IIS Admin service terminated with service specific error 2148073478 (0x80090006).
                """)
    }

    /// 2003 labels: canonical -> printed (English; German and French unverified).
    static let labels2003: [String: [String]] = [
        "Event Type": ["Event Type", "Ereignistyp", "Type de l'événement", "Type de l’événement"],
        "Event Source": ["Event Source", "Ereignisquelle", "Source de l'événement", "Source de l’événement"],
        "Event ID": ["Event ID", "Ereigniskennung", "ID de l'événement", "ID de l’événement"],
        "Date": ["Date", "Datum"],
        "Time": ["Time", "Zeit", "Heure"],
        "Computer": ["Computer", "Ordinateur"],
        "Description": ["Description", "Beschreibung"],
        "Data": ["Data", "Daten", "Données"],
        "Event Category": [
            "Event Category", "Ereigniskategorie", "Catégorie de l'événement", "Catégorie de l’événement"
        ],
        "User": ["User", "Benutzer", "Utilisateur"]
    ]

    enum Layout { case nt5, nt6 }

    static func key(_ label: Substring, layout: Layout) -> String? {
        let l = EventMessageForms.normalizedLabel(label)
        switch layout {
        case .nt5:
            return index2003[l]
        case .nt6:
            if let k = EventMessageForms.labelIndex[l] { return k }
            return otherLabels.contains(l) ? "other" : nil
        }
    }

    static let index2003: [String: String] = {
        var out: [String: String] = [:]
        for (key, names) in labels2003 { for name in names { out[name.lowercased()] = key } }
        return out
    }()

    /// 2008+ labels read but not used (lower case).
    static let otherLabels: Set<String> = Set(
        [
            "Task Category", "Keywords", "User", "Aufgabenkategorie", "Schlüsselwörter", "Benutzer",
            "Catégorie de la tâche",
            "Mots clés", "Utilisateur", "タスクのカテゴリ", "キーワード", "ユーザー", "任务类别", "关键字", "用户", "工作類別", "關鍵字", "使用者"
        ].map { $0.lowercased() })

    /// The layout a record-starting line begins, if any.
    static func recordStart(_ t: Substring) -> Layout? {
        guard let (label, _) = EventMessageForms.labelled(t) else { return nil }
        if key(label, layout: .nt5) == "Event Type" { return .nt5 }
        if EventMessageForms.canonical(label) == "Log Name" { return .nt6 }
        return nil
    }

    /// A paste that starts below the first label (a partial copy, or a first label whose
    /// translation is not known): the first known label starts the record.
    static func knownLabelLayout(_ t: Substring) -> Layout? {
        guard let (label, _) = EventMessageForms.labelled(t) else { return nil }
        let l = EventMessageForms.normalizedLabel(label)
        if let k = index2003[l], k != "Date", k != "Computer", k != "Description", k != "User" { return .nt5 }
        if EventMessageForms.labelIndex[l] != nil { return .nt6 }
        return nil
    }

    public func detect(_ text: String) -> Int {
        var starts = 0
        var ids = 0
        var descriptions = 0
        for line in EvidenceLines(text, limit: 400).lines {
            let t = line.trimmed
            if Self.recordStart(t) != nil { starts += 1 }
            if let (label, _) = EventMessageForms.labelled(t) {
                if EventMessageForms.canonical(label) == "Event ID" || Self.key(label, layout: .nt5) == "Event ID" {
                    ids += 1
                }
                if EventMessageForms.canonical(label) == "Description" { descriptions += 1 }
            }
            if EventTextParser.eventHeader(t) { return 10 }
        }
        // Above event-xml (95): a 2008 copy carries its event's XML after "Event Xml:".
        if starts > 0 && ids > 0 { return 97 }
        if ids > 0 && descriptions > 0 { return 60 }
        return Self.looksLikeOtherLanguage(text) ? 35 : 0
    }

    /// An Event Viewer copy in a language whose labels are not known: several leading
    /// `Label: value` lines, one of them the event source or log. Claimed weakly so that the
    /// refusal can name the language-neutral command instead of a list of every format.
    static func looksLikeOtherLanguage(_ text: String) -> Bool {
        let lines = EvidenceLines(text, limit: 40).lines.filter { !$0.isBlank }.prefix(12)
        let labelled = lines.filter {
            EventMessageForms.labelled($0.trimmed).map { !$0.label.isEmpty && $0.label.count <= 30 } ?? false
        }
        guard labelled.count >= 5 else { return false }
        return lines.contains { l in
            guard let v = EventMessageForms.labelled(l.trimmed)?.value else { return false }
            return v == "Service Control Manager" || v == "System" || v == "Application"
        }
    }

    public func parse(_ text: String, context: EvidenceContext) throws -> ParsedEvidence {
        var builder = EvidenceBuilder(parser: id)
        let lines = EvidenceLines(text)
        var records: [EventRecord] = []
        var levels: [String?] = []
        var current: EventRecord?
        var layout: Layout?
        var firstLayout: (Layout, Int)?
        var level: String?
        var date: (String, Int)?
        var time: String?
        var section = "header" // header, description, data, xml
        var description: [Substring] = []
        var language: (String, Int)?
        var dataBytes: [UInt8] = []
        var skipped: [EvidenceLines.Line] = []
        func finish() {
            guard var r = current else { return }
            let message = description.map { $0.trimmed() }.filter {
                !$0.isEmpty && !$0.hasPrefix("For more information, see Help and Support Center")
            }.joined(separator: " ")
            if !message.isEmpty, let line = r.message?.1 { r.message = (message, line) } else { r.message = nil }
            if let date { r.timeCreated = (time.map { "\(date.0) \($0)" } ?? date.0, date.1) }
            if r.serviceKey == nil, let key = EventBinary.serviceKey(bytes: dataBytes) { r.serviceKey = (key, r.line) }
            records.append(r)
            levels.append(level)
            current = nil
            level = nil
            date = nil
            time = nil
            section = "header"
            description = []
            dataBytes = []
        }
        for line in lines.lines {
            let t = line.trimmed
            if let start = Self.recordStart(t) ?? (current == nil ? Self.knownLabelLayout(t) : nil) {
                finish()
                current = EventRecord(line: line.number)
                layout = start
                if firstLayout == nil { firstLayout = (start, line.number) }
            }
            guard current != nil, let layout else {
                if line.isBlank { continue }
                if RegQueryParser.promptLine(t) {
                    builder.note(line.number, "skipped a command prompt line")
                    continue
                }
                skipped.append(line)
                continue
            }
            switch section {
            case "description":
                if let (label, _) = EventMessageForms.labelled(t), !label.contains(" ") || label.count < 16,
                    Self.key(label, layout: .nt5) == "Data" || EventMessageForms.canonical(label) == "Event Xml"
                {
                    section = Self.key(label, layout: .nt5) == "Data" ? "data" : "xml"
                    continue
                }
                description.append(line.text)
                continue
            case "data":
                if let bytes = EventBinary.dumpBytes(t) { dataBytes += bytes }
                continue
            case "xml":
                Self.readXMLLine(t, line: line.number, into: &current!)
                continue
            default:
                break
            }
            if line.isBlank { continue }
            guard let (label, valueSub) = EventMessageForms.labelled(t), let key = Self.key(label, layout: layout)
            else {
                builder.note(line.number, "not a 'Label: value' line, skipped: '\(evidenceExcerpt(t))'")
                continue
            }
            if let lang = EventMessageForms.labelLanguage[String(label).trimmingCharacters(in: .whitespaces)],
                language == nil
            {
                language = (lang, line.number)
            }
            let value = String(valueSub)
            switch key {
            case "Event ID":
                if let v = Int64(value) {
                    current!.eventID = (v, line.number)
                } else {
                    builder.note(line.number, "Event ID is not a number: '\(evidenceExcerpt(value))'")
                }
            case "Event Source", "Source": current!.provider = (value, line.number)
            case "Date": date = (value, line.number)
            case "Time": time = value
            case "Computer": current!.computer = (value, line.number)
            case "Event Type", "Level": level = value
            case "Description":
                section = "description"
                current!.message = ("", line.number)
                if !value.isEmpty { description.append(Substring(value)) }
            case "Event Xml": section = "xml"
            default: break
            }
        }
        finish()
        guard !records.isEmpty, records.contains(where: { $0.eventID != nil }) else {
            let bad = skipped.first ?? lines.firstNonBlank
            throw builder.error(
                line: bad?.number ?? 1,
                expected:
                    "Event Viewer copied text ('Event Type:' ... 'Event ID:' on 2003, 'Log Name:' ... 'Event ID:' on 2008 and later); its labels are read in English, German, French, Japanese and Chinese only: for a server in another language run wevtutil qe System /q:\"*[System[(EventID=7024)]]\" /c:5 /rd:true /f:xml and paste that (XML is the same in every language)",
                found: bad.map { evidenceExcerpt($0.text) } ?? "")
        }
        for line in skipped {
            builder.note(line.number, "not Event Viewer text, skipped: '\(evidenceExcerpt(line.text))'")
        }
        EventEvidence.emit(records, into: &builder, dayFirst: EventMessageForms.dayFirst(language: language?.0))
        if let level = levels.first ?? nil, let line = records.first?.line {
            builder.add("event_level_name", .string(level), line: line)
        }
        if let language { builder.add("event_language", .string(language.0), line: language.1) }
        if let firstLayout {
            builder.add("windows_hint", .string(firstLayout.0 == .nt5 ? "nt5" : "nt6"), line: firstLayout.1)
        }
        return builder.build(summary: EventXMLParser.summary(builder.build(summary: "")))
    }

    /// One line of the pretty-printed XML Event Viewer appends: `<Data Name="param1">X</Data>`,
    /// `<Data>X</Data>`, `<Binary>...</Binary>`, `<EventRecordID>`.
    static func readXMLLine(_ t: Substring, line: Int, into record: inout EventRecord) {
        func inner(_ open: String, _ close: String) -> String? {
            guard let a = t.range(of: open), let b = t.range(of: close, range: a.upperBound..<t.endIndex) else {
                return nil
            }
            return String(t[a.upperBound..<b.lowerBound])
        }
        if t.hasPrefix("<Data") {
            let name: String
            if let r = t.range(of: "Name=\""), let end = t[r.upperBound...].firstIndex(of: "\"") {
                name = String(t[r.upperBound..<end])
            } else {
                name = "param\(record.data.count + 1)"
            }
            let value = t.hasSuffix("/>") ? "" : (inner(">", "</Data>") ?? "")
            record.data.append((name, XMLEntities.decode(value), line))
        } else if let hex = inner("<Binary>", "</Binary>"), let key = EventBinary.serviceKey(hex: hex) {
            record.serviceKey = (key, line)
        } else if let number = inner("<EventRecordID>", "</EventRecordID>"), let v = Int64(number) {
            record.sequence = v
        }
    }
}

/// The five predefined XML entities and numeric references, for XML read line by line.
enum XMLEntities {
    static func decode(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
        out = out.replacingOccurrences(of: "&amp;", with: "&")
        return out
    }
}
