import Foundation

/// The verdict of `keywizard viewstate verify` as text and as JSON
/// (`"format": "keywizard-viewstate/1"`). Holds fingerprints only, never key material.
public enum ViewStateReport {
    public static let format = "keywizard-viewstate/1"

    public static func text(_ v: ViewStateVerifier.Verdict) -> [String] {
        var lines: [String] = []
        if let file = v.validFile, let r = v.results.first(where: { $0.outcome == .valid }) {
            lines.append(
                "VALID: the ViewState (\(v.bytes) bytes) was produced with the keys of \(file): \(r.mode ?? "")")
        } else if v.macDisabled {
            lines.append(
                "MAC DISABLED: the ViewState (\(v.bytes) bytes) carries no MAC (EnableViewStateMac is off); no key signed it"
            )
        } else {
            lines.append(
                "NONE: no candidate's keys validate the ViewState (\(v.bytes) bytes); it was produced with another key (a node not given, or a key changed since)"
            )
        }
        for r in v.results {
            let keys =
                "validationKey \(r.validationKeyFingerprint)"
                + (r.decryptionKeyFingerprint.map { ", decryptionKey \($0)" } ?? "")
            lines.append("  \(r.file): \(r.outcome.rawValue) - \(r.reason) (\(keys))")
        }
        return lines
    }

    struct Document: Encodable {
        var format: String
        var result: String
        var validFile: String?
        var mode: String?
        var macDisabled: Bool
        var viewstateBytes: Int
        var candidates: [ViewStateVerifier.CandidateResult]
    }

    public static func json(_ v: ViewStateVerifier.Verdict) throws -> String {
        let valid = v.results.first { $0.outcome == .valid }
        let doc = Document(
            format: format, result: valid != nil ? "valid" : (v.macDisabled ? "mac-disabled" : "none"),
            validFile: valid?.file, mode: valid?.mode, macDisabled: v.macDisabled,
            viewstateBytes: v.bytes, candidates: v.results)
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try e.encode(doc), as: UTF8.self)
    }
}
