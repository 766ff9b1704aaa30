import Foundation

/// Reads the text output of `keywizard viewstate verify` (pasted into the web-farm
/// playbook), so that a rule can say which node's key produced the failing ViewState by
/// comparing the validating candidate's fingerprint with each node's.
///
/// Fields: `viewstate_result` (string: valid, none, mac-disabled), `viewstate_candidates`
/// (integer), `viewstate_valid_vk_fp` (string, the validating candidate's validationKey
/// fingerprint; only when valid).
public struct ViewStateVerdictParser: EvidenceParser {
    public init() {}
    public var id: String { "viewstate-verdict" }
    public var title: String { "keywizard viewstate verify output" }

    static let heads = ["VALID:": "valid", "NONE:": "none", "MAC DISABLED:": "mac-disabled"]

    public func detect(_ text: String) -> Int {
        for line in EvidenceLines(text).lines.prefix(5)
        where Self.heads.keys.contains(where: { line.trimmed.hasPrefix($0) }) {
            return text.contains("ViewState") ? 95 : 0
        }
        return 0
    }

    public func parse(_ text: String, context: EvidenceContext) throws -> ParsedEvidence {
        var builder = EvidenceBuilder(parser: id)
        let lines = EvidenceLines(text).lines
        guard let head = lines.first(where: { l in Self.heads.keys.contains { l.trimmed.hasPrefix($0) } }),
            let result = Self.heads.first(where: { head.trimmed.hasPrefix($0.key) })?.value
        else {
            let first = EvidenceLines(text).firstNonBlank
            throw builder.error(
                line: first?.number ?? 1,
                expected: "a line starting VALID:, NONE: or MAC DISABLED: (keywizard viewstate verify output)",
                found: first.map { evidenceExcerpt($0.text) } ?? "")
        }
        builder.add("viewstate_result", .string(result), line: head.number)
        var count = 0
        for line in lines where line.number > head.number {
            let t = line.trimmed
            guard let range = t.range(of: "(validationKey ") else { continue }
            count += 1
            let fp = t[range.upperBound...].prefix { $0 != "," && $0 != ")" }
            if t.contains(": valid - ") && result == "valid" && !builder.has("viewstate_valid_vk_fp") {
                builder.add("viewstate_valid_vk_fp", .string(String(fp)), line: line.number)
            }
        }
        builder.add("viewstate_candidates", .integer(Int64(count)), line: head.number)
        return builder.build(summary: "viewstate verify: \(result), \(count) candidate(s) (line \(head.number))")
    }
}

extension ViewStateVerdictParser {
    public var schema: EvidenceSchema {
        EvidenceSchema(
            fields: [
                .init(
                    "viewstate_result", .string,
                    "valid, none or mac-disabled: whether a candidate's keys validate the ViewState"),
                .init("viewstate_candidates", .integer, "how many candidate configs were tried"),
                .init(
                    "viewstate_valid_vk_fp", .string,
                    "sha256:xxxxxxxx/NB fingerprint of the validating candidate's validationKey (only when valid)")
            ],
            example: """
                VALID: the ViewState (50 bytes) was produced with the keys of vs-node-b.config: legacy signed (HMACSHA256)
                  vs-node-a.config: mac-mismatch - the MAC does not match (validationKey sha256:eb0eeb97/64B, decryptionKey sha256:e9a8331c/32B)
                  vs-node-b.config: valid - the MAC matches (validationKey sha256:975cc1db/64B, decryptionKey sha256:1aea9452/32B)
                """)
    }
}
