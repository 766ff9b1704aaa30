import Foundation

/// `keywizard scan-configs` output: text for people, JSON for scripts. Fingerprints only.
public enum ConfigScanReport {
    public static func text(_ s: ConfigScan) -> [String] {
        var lines: [String] = []
        lines.append(
            "\(s.filesScanned) config file(s) scanned, \(s.entries.count) <machineKey> element(s); disclosed-key list: \(s.knownKeys)"
        )
        for e in s.entries {
            let place = e.location.map { "\(e.file):\(e.line) <location path=\"\($0)\">" } ?? "\(e.file):\(e.line)"
            lines.append(place)
            if e.encrypted {
                lines.append("    encrypted section (decrypt a copy with aspnet_regiis -pdf to check its keys)")
                continue
            }
            lines.append("    validationKey \(describe(e.validationKey)); decryptionKey \(describe(e.decryptionKey))")
            lines.append(
                "    validation \(e.validation), decryption \(e.decryption), compatibilityMode \(e.compatibilityMode)")
            if e.disclosed {
                lines.append(
                    "    CRITICAL: a key is on the list of publicly disclosed keys: generate new keys on the server (never reuse published ones) and investigate the server as possibly compromised"
                )
            }
        }
        if s.disagree {
            lines.append("DISAGREE: the explicit keys or settings differ between files (\(s.groups.count) groups):")
            for (i, g) in s.groups.enumerated() {
                lines.append(
                    "  group \(i + 1): validationKey \(g.validationKeyFingerprint ?? "-"), decryptionKey \(g.decryptionKeyFingerprint ?? "-"), \(g.validation)/\(g.decryption)/\(g.compatibilityMode)"
                )
                for m in g.members { lines.append("    \(m)") }
            }
        } else if s.groups.count == 1 {
            lines.append("All \(s.groups[0].members.count) explicit <machineKey> element(s) agree.")
        }
        for p in s.problems { lines.append("\(p.file):\(p.line): \(p.message)") }
        lines.append(
            s.critical
                ? "Result: CRITICAL - \(s.disclosedCount) element(s) use a publicly disclosed key"
                : "Result: no disclosed key found")
        return lines
    }

    private static func describe(_ k: ConfigScan.Key) -> String {
        var t: String
        switch k.mode {
        case "explicit": t = k.fingerprint ?? "explicit (not valid hex)"
        case "autogenerate": t = "AutoGenerate"
        default: t = "default (AutoGenerate,IsolateApps)"
        }
        if k.mode != "default", !k.modifiers.isEmpty { t += "," + k.modifiers.joined(separator: ",") }
        if k.disclosed == true { t += " DISCLOSED" }
        return t
    }

    struct Document: Encodable {
        var scan: ConfigScan
        var critical: Bool
        var disagree: Bool
        var disclosedCount: Int
        func encode(to encoder: Encoder) throws {
            try scan.encode(to: encoder)
            var c = encoder.container(keyedBy: Extra.self)
            try c.encode(critical, forKey: .critical)
            try c.encode(disagree, forKey: .disagree)
            try c.encode(disclosedCount, forKey: .disclosedCount)
        }
        enum Extra: String, CodingKey { case critical, disagree, disclosedCount }
    }

    public static func json(_ s: ConfigScan) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.keyEncodingStrategy = .convertToSnakeCase
        return String(
            decoding: try e.encode(
                Document(scan: s, critical: s.critical, disagree: s.disagree, disclosedCount: s.disclosedCount)),
            as: UTF8.self)
    }
}
