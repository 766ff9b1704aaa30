import Foundation

/// `keywizard compare-keys A.config B.config`: the `<machineKey>` of two configs compared
/// by fingerprint (the keys never leave memory), with the algorithms and compatibilityMode
/// that must also agree for nodes to read each other's ViewState and tickets.
public struct ConfigKeyComparison: Codable, Sendable, Equatable {
    public struct Side: Codable, Sendable, Equatable {
        public var file: String
        public var line: Int
        public var validationKey: String
        public var decryptionKey: String
        public var validation: String
        public var decryption: String
        public var compatibilityMode: String
    }

    public struct Item: Codable, Sendable, Equatable {
        public var name: String
        public var a: String
        public var b: String
        /// same, different, or not-comparable (AutoGenerate, not a real key, invalid).
        public var verdict: String
        public var note: String?
    }

    public var a: Side
    public var b: Side
    public var items: [Item]
    /// True when every item is the same.
    public var agree: Bool

    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads both configs' first `<machineKey>`; throws naming the file (and line) when one
    /// has none or is encrypted.
    public static func compare(_ textA: String, file fileA: String, _ textB: String, file fileB: String) throws
        -> ConfigKeyComparison
    {
        let (a, ka) = try side(textA, file: fileA)
        let (b, kb) = try side(textB, file: fileB)
        var items: [Item] = []
        for (name, x, y, rx, ry) in [
            ("validationKey", a.validationKey, b.validationKey, ka.0, kb.0),
            ("decryptionKey", a.decryptionKey, b.decryptionKey, ka.1, kb.1)
        ] {
            if let rx, let ry, rx.mode == .explicit, ry.mode == .explicit, rx.fingerprint != nil, ry.fingerprint != nil
            {
                let reasons = [(fileA, rx), (fileB, ry)].compactMap { f, k in k.notAKey.map { "\(f): \($0)" } }
                if !reasons.isEmpty {
                    items.append(
                        Item(name: name, a: x, b: y, verdict: "not-comparable", note: reasons.joined(separator: "; ")))
                } else {
                    items.append(
                        Item(
                            name: name, a: x, b: y, verdict: rx.fingerprint == ry.fingerprint ? "same" : "different",
                            note: "\(rx.bytes) and \(ry.bytes) bytes compared by SHA-256"))
                }
            } else {
                items.append(
                    Item(
                        name: name, a: x, b: y, verdict: "not-comparable",
                        note:
                            "only explicit hex keys can be compared from files; AutoGenerate keys are kept by each server"
                    ))
            }
        }
        for (name, x, y) in [
            ("validation", a.validation, b.validation), ("decryption", a.decryption, b.decryption),
            ("compatibilityMode", a.compatibilityMode, b.compatibilityMode)
        ] {
            items.append(Item(name: name, a: x, b: y, verdict: x == y ? "same" : "different", note: nil))
        }
        return ConfigKeyComparison(a: a, b: b, items: items, agree: items.allSatisfy { $0.verdict == "same" })
    }

    struct KeyInfo {
        var mode: MachineKeyAttribute.Mode
        var fingerprint: String?
        var bytes: Int
        var notAKey: String?
    }

    private static func side(_ text: String, file: String) throws -> (Side, (KeyInfo?, KeyInfo?)) {
        let root: XMLNode
        do {
            root = try XMLTree.parse(
                text, parser: "machinekey-config", expected: "a web.config or machine.config")
        } catch {
            throw ReadError(description: "\(file): \(error)")
        }
        guard let mk = root.descendants("machineKey").first else {
            throw ReadError(
                description:
                    "\(file): no <machineKey> element (the defaults AutoGenerate,IsolateApps apply); check the root web.config / machine.config"
            )
        }
        if mk.attribute("configProtectionProvider") != nil || mk.child("EncryptedData") != nil {
            throw ReadError(
                description:
                    "\(file):\(mk.line): <machineKey> is encrypted; decrypt a copy (aspnet_regiis -pdf) and compare that"
            )
        }
        func info(_ name: String, _ which: String) -> (String, KeyInfo) {
            let raw = mk.attribute(name)
            let attr = MachineKeyAttribute(raw, which: which)
            let keyText = raw?.split(separator: ",").first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
            let bytes = KeyFingerprint.bytes(fromHex: keyText) ?? []
            let shown: String
            switch attr.mode {
            case .explicit: shown = attr.fingerprint ?? "explicit (not valid hex)"
            case .autogenerate: shown = "AutoGenerate"
            case .default: shown = "default (AutoGenerate,IsolateApps)"
            }
            let modifiers =
                (attr.isolateApps && attr.mode != .default ? ",IsolateApps" : "")
                + (attr.isolateByAppId ? ",IsolateByAppId" : "")
            return (
                shown + modifiers,
                KeyInfo(
                    mode: attr.mode, fingerprint: attr.fingerprint, bytes: bytes.count,
                    notAKey: KeyComparison.notAKeyReason(bytes))
            )
        }
        let (v, vi) = info("validationKey", "validation")
        let (d, di) = info("decryptionKey", "decryption")
        let target = root.descendants("httpRuntime").compactMap { $0.attribute("targetFramework") }.first
        let compat =
            mk.attribute("compatibilityMode")
            ?? (target.map { MachineKeyRules.atLeast45($0) } ?? false ? "Framework45" : "Framework20SP1")
        let side = Side(
            file: file, line: mk.line, validationKey: v, decryptionKey: d,
            validation: mk.attribute("validation") ?? "HMACSHA256",
            decryption: mk.attribute("decryption") ?? "Auto", compatibilityMode: compat)
        return (side, (vi, di))
    }

    public func textLines() -> [String] {
        var lines = ["A: \(a.file):\(a.line)", "B: \(b.file):\(b.line)"]
        for i in items {
            lines.append("\(i.name): \(i.verdict) (A \(i.a), B \(i.b))" + (i.note.map { " - \($0)" } ?? ""))
        }
        lines.append(
            agree
                ? "Result: the two configs agree on keys, algorithms and compatibilityMode."
                : "Result: the configs do NOT agree (see the lines marked different or not-comparable).")
        return lines
    }
}
