import Foundation

/// Every evidence parser, and the choice among them for text whose format the operator did
/// not name (a paste into the wizard, `keywizard parse FILE` without `--parser`).
public enum EvidenceRegistry {
    /// In a fixed order: on equal detect scores the earlier parser wins.
    public static let all: [any EvidenceParser] = [
        RegQueryParser(),
        RegExportParser(),
        MachineKeysListingParser(),
        EventXMLParser(),
        EventTextParser(),
        EventListParser(),
        ApplicationHostConfigParser(),
        MachineKeyConfigParser(),
        ICaclsParser(),
        PSItemPropertyParser(),
        EventViewerCopyParser(),
        EventQueryParser(),
        WmicNtEventParser(),
        GetEventLogParser(),
        CaclsParser(),
        ViewStateVerdictParser()
    ]

    /// Detect scores at or below this are guesses too weak to act on.
    public static let threshold = 30

    public static func parser(id: String) -> (any EvidenceParser)? {
        all.first { $0.id == id }
    }

    /// The parser with the highest detect score above `threshold`, or nil.
    public static func detect(_ text: String) -> (any EvidenceParser)? {
        var best: (any EvidenceParser)?
        var bestScore = threshold
        // Every format shows what it is in its first lines: scoring the head keeps detection
        // constant-time, so a 16 MB paste is not scanned once per parser before parsing.
        let head = detectionHead(text)
        for parser in all {
            let score = parser.detect(head)
            if score > bestScore {
                best = parser
                bestScore = score
            }
        }
        return best
    }

    /// The first 64 KB of `text`, cut at a line end.
    static func detectionHead(_ text: String) -> String {
        let limit = 65_536
        guard text.utf8.count > limit else { return text }
        let utf8 = text.utf8
        var end = utf8.index(utf8.startIndex, offsetBy: limit)
        if let nl = utf8[..<end].lastIndex(of: 0x0A) { end = nl }
        return String(decoding: utf8[..<end], as: UTF8.self)
    }

    /// Parses with the detected parser; when none recognises the text, throws an
    /// `EvidenceError` (parser "auto") that lists every format tried.
    public static func parseAuto(_ text: String, context: EvidenceContext = EvidenceContext()) throws -> ParsedEvidence
    {
        if let refusal = EvidenceText.overlongLine(text) { throw refusal }
        guard let parser = detect(text) else {
            let lines = EvidenceLines(text)
            let first = lines.firstNonBlank
            throw EvidenceError(
                parser: "auto", line: first?.number ?? 1,
                expected: "readable forms: " + all.map(\.title).joined(separator: "; ")
                    + "; for a server in another language use wevtutil qe ... /f:xml or reg export",
                found: first.map { evidenceExcerpt($0.text) } ?? "")
        }
        return try parser.parse(text, context: context)
    }
}
