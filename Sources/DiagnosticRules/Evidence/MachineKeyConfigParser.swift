import Foundation

/// Reads `<machineKey>` from a web.config, a machine.config / root web.config, or the element
/// pasted alone (with or without `<httpRuntime>` next to it). The keys decide whether farm
/// nodes can read each other's ViewState and tickets; they are secrets, so only modes,
/// lengths and fingerprints leave the parser.
///
/// Fields:
/// - `machinekey_present` (boolean); `machinekey_encrypted` (boolean true) when the section
///   is protected (`configProtectionProvider` / `<EncryptedData>`), in which case the key
///   fields are absent (unknown).
/// - `validation_key_mode` / `decryption_key_mode` (string): "autogenerate", "explicit", or
///   "default" when the attribute is absent (ASP.NET then uses AutoGenerate,IsolateApps).
/// - `validation_key_isolate_apps`, `validation_key_isolate_by_app_id` and the decryption
///   twins (boolean, effective: true/false for "default" mode).
/// - `validation_key_fingerprint`, `validation_key_length` (string, integer bytes) and the
///   decryption twins: explicit hex keys only.
/// - `validation_key_disclosed`, `decryption_key_disclosed` (boolean): only when
///   `context.knownKeyDigests` is non-empty; true when Microsoft's digest of the key text
///   (SHA-256 of the upper-cased attribute text before any modifier) is in the set (false
///   for AutoGenerate and default keys).
/// - `validation` (string, default HMACSHA256), `decryption` (string, default Auto).
/// - `compatibility_mode` (string, effective), `compatibility_mode_declared` (string, when
///   the attribute is present), `target_framework` (string, from `<httpRuntime>`).
/// - `key_problems` (list of string): invalid lengths, hex and algorithm values in .NET's
///   own wording, and the case-sensitive "AutoGenerate".
/// - `machinekey_count` (integer): how many `<machineKey>` elements (fields describe the first).
/// - `machinekey_disclosed` (boolean): only with a disclosed-key list; true when a key of any
///   `<machineKey>` element (those in `<location>` sections too) is on the list.
///
/// `containsSecrets` is true when a key attribute is not AutoGenerate.
public struct MachineKeyConfigParser: EvidenceParser {
    public init() {}
    public var id: String { "machinekey-config" }
    public var title: String { "web.config / machine.config <machineKey>" }

    public func detect(_ text: String) -> Int {
        if text.contains("<machineKey") { return 90 }
        if text.contains("<system.web>") || text.contains("<httpRuntime") { return 45 }
        if text.contains("<configuration") && !text.contains("<system.applicationHost") { return 35 }
        return 0
    }

    public func parse(_ text: String, context: EvidenceContext) throws -> ParsedEvidence {
        var builder = EvidenceBuilder(parser: id)
        let root = try XMLTree.parse(
            text, parser: id, expected: "well-formed web.config XML or a <machineKey .../> element")
        let keys = root.descendants("machineKey")
        let runtime = root.descendants("httpRuntime").first { $0.attribute("targetFramework") != nil }
        guard
            !keys.isEmpty || runtime != nil || root.descendants("configuration").first != nil
                || root.descendants("system.web").first != nil
        else {
            let line = root.children.first?.line ?? EvidenceLines(text).firstNonBlank?.number ?? 1
            throw builder.error(
                line: line, expected: "a <machineKey .../> element or a <configuration> file",
                found: root.children.first.map { "<\($0.name)>" } ?? "text without XML elements")
        }
        let target = runtime?.attribute("targetFramework")
        if let target, let runtime { builder.add("target_framework", .string(target), line: runtime.line) }
        guard let element = keys.first else {
            let line = runtime?.line ?? root.children.first?.line ?? 1
            builder.add("machinekey_present", .boolean(false), line: line)
            if !context.knownKeyDigests.isEmpty { builder.add("machinekey_disclosed", .boolean(false), line: line) }
            emitDefaults(target: target, line: line, into: &builder)
            return builder.build(summary: "no <machineKey>: AutoGenerate,IsolateApps defaults apply (line \(line))")
        }
        builder.add("machinekey_present", .boolean(true), line: element.line)
        builder.add("machinekey_count", .integer(Int64(keys.count)), line: element.line)
        if !context.knownKeyDigests.isEmpty {
            let lines = MachineKeyAttribute.disclosedLines(keys, digests: context.knownKeyDigests)
            builder.add("machinekey_disclosed", .boolean(!lines.isEmpty), line: lines.first ?? element.line)
            for line in lines where line != element.line {
                builder.note(
                    line,
                    "this <machineKey> uses a publicly disclosed key: generate new keys on the server and investigate it as possibly compromised"
                )
            }
        }
        if keys.count > 1 {
            builder.note(
                keys[1].line, "\(keys.count) <machineKey> elements; fields describe the first (line \(element.line))")
        }
        if element.attribute("configProtectionProvider") != nil || element.child("EncryptedData") != nil {
            builder.add("machinekey_encrypted", .boolean(true), line: element.line)
            builder.note(
                element.line,
                "the <machineKey> section is encrypted; decrypt it on the server (aspnet_regiis -pd) to check the keys")
            return builder.build(summary: "<machineKey> is encrypted (line \(element.line))")
        }
        let declared = element.attribute("compatibilityMode")
        let mode: String
        if let declared {
            mode = declared
            builder.add("compatibility_mode_declared", .string(declared), line: element.line)
            if let target, MachineKeyRules.atLeast45(target), declared != "Framework45" {
                builder.note(
                    element.line,
                    "compatibilityMode=\"\(declared)\" is declared while httpRuntime targetFramework=\"\(target)\"; the declared value is taken as effective (which wins is UNCONFIRMED)"
                )
            }
        } else {
            mode = target.map { MachineKeyRules.atLeast45($0) } ?? false ? "Framework45" : "Framework20SP1"
        }
        builder.add("compatibility_mode", .string(mode), line: element.line)
        var problems: [String] = []
        if !MachineKeyRules.modes.contains(mode) {
            problems.append(
                "compatibilityMode \"\(evidenceExcerpt(mode, limit: 30))\" is not one of Framework20SP1, Framework20SP2, Framework45"
            )
        }
        let validation = element.attribute("validation") ?? "HMACSHA256"
        let decryption = element.attribute("decryption") ?? "Auto"
        builder.add("validation", .string(validation), line: element.line)
        builder.add("decryption", .string(decryption), line: element.line)
        if let p = MachineKeyRules.validationProblem(validation, mode: mode) { problems.append(p) }
        if let p = MachineKeyRules.decryptionProblem(decryption) { problems.append(p) }

        let validationKey = MachineKeyAttribute(element.attribute("validationKey"), which: "validation")
        let decryptionKey = MachineKeyAttribute(element.attribute("decryptionKey"), which: "decryption")
        emit(validationKey, prefix: "validation_key", line: element.line, context: context, into: &builder)
        emit(decryptionKey, prefix: "decryption_key", line: element.line, context: context, into: &builder)
        problems += validationKey.problems + decryptionKey.problems
        if decryptionKey.mode == .explicit, decryptionKey.problems.isEmpty, let bytes = decryptionKey.lengthBytes,
            let p = MachineKeyRules.decryptionLengthProblem(hexLength: bytes * 2, algorithm: decryption)
        {
            problems.append(p)
        }
        if let bytes = validationKey.lengthBytes, bytes > 64 {
            builder.note(
                element.line,
                "validationKey is \(bytes * 2) hex chars, more than the documented 128 (not enforced by ASP.NET)")
        }
        builder.addList("key_problems", problems.map { .string($0) }, line: element.line)
        builder.containsSecrets = validationKey.mode == .explicit || decryptionKey.mode == .explicit
        return builder.build(
            summary: Self.summary(
                validationKey, decryptionKey, mode: mode, problems: problems.count, line: element.line))
    }

    private func emitDefaults(target: String?, line: Int, into builder: inout EvidenceBuilder) {
        let mode = target.map { MachineKeyRules.atLeast45($0) } ?? false ? "Framework45" : "Framework20SP1"
        for prefix in ["validation_key", "decryption_key"] {
            builder.add("\(prefix)_mode", .string("default"), line: line)
            builder.add("\(prefix)_isolate_apps", .boolean(true), line: line)
            builder.add("\(prefix)_isolate_by_app_id", .boolean(false), line: line)
        }
        builder.add("validation", .string("HMACSHA256"), line: line)
        builder.add("decryption", .string("Auto"), line: line)
        builder.add("compatibility_mode", .string(mode), line: line)
        builder.addList("key_problems", [], line: line)
    }

    private func emit(
        _ key: MachineKeyAttribute, prefix: String, line: Int, context: EvidenceContext,
        into builder: inout EvidenceBuilder
    ) {
        builder.add("\(prefix)_mode", .string(key.mode.rawValue), line: line)
        builder.add("\(prefix)_isolate_apps", .boolean(key.isolateApps), line: line)
        builder.add("\(prefix)_isolate_by_app_id", .boolean(key.isolateByAppId), line: line)
        if let fingerprint = key.fingerprint { builder.add("\(prefix)_fingerprint", .string(fingerprint), line: line) }
        if let length = key.lengthBytes { builder.add("\(prefix)_length", .integer(Int64(length)), line: line) }
        guard !context.knownKeyDigests.isEmpty else { return }
        if let digest = key.digest {
            let disclosed = context.knownKeyDigests.contains(digest)
            builder.add("\(prefix)_disclosed", .boolean(disclosed), line: line)
            if disclosed {
                let list = context.knownKeyListVersion.map { " (\($0))" } ?? ""
                builder.note(
                    line,
                    "the \(prefix.replacingOccurrences(of: "_", with: " ")) is in the list of publicly disclosed keys\(list): generate a new key on the server and investigate it as possibly compromised"
                )
            }
        } else if key.mode != .explicit {
            builder.add("\(prefix)_disclosed", .boolean(false), line: line)
        }
    }

    private static func summary(
        _ v: MachineKeyAttribute, _ d: MachineKeyAttribute, mode: String, problems: Int, line: Int
    ) -> String {
        func describe(_ k: MachineKeyAttribute) -> String {
            switch k.mode {
            case .explicit: return k.fingerprint ?? "invalid explicit key"
            case .autogenerate:
                return "AutoGenerate" + (k.isolateApps ? ",IsolateApps" : "")
                    + (k.isolateByAppId ? ",IsolateByAppId" : "")
            case .default: return "default (AutoGenerate,IsolateApps)"
            }
        }
        var text = "<machineKey> validationKey \(describe(v)), decryptionKey \(describe(d)), \(mode) (line \(line))"
        if problems > 0 { text += "; \(problems) problem(s)" }
        return text
    }
}

extension MachineKeyConfigParser {
    public var schema: EvidenceSchema {
        var fields: [EvidenceFieldSpec] = [
            .init("machinekey_present", .boolean, "a <machineKey> element is there"),
            .init("machinekey_encrypted", .boolean, "the section is protected (key fields unknown)"),
            .init("machinekey_count", .integer, "how many <machineKey> elements"),
            .init(
                "machinekey_disclosed", .boolean,
                "only with a disclosed-key list: a key of any <machineKey> (root or <location>) is on it"),
            .init("validation", .string, "validation algorithm (default HMACSHA256)"),
            .init("decryption", .string, "decryption algorithm (default Auto)"),
            .init("compatibility_mode", .string, "effective compatibilityMode"),
            .init("compatibility_mode_declared", .string, "compatibilityMode as written"),
            .init("target_framework", .string, "<httpRuntime targetFramework>"),
            .init("key_problems", .list, "invalid lengths, hex and algorithm values in .NET's wording")
        ]
        for prefix in ["validation_key", "decryption_key"] {
            fields += [
                .init("\(prefix)_mode", .string, "autogenerate, explicit or default"),
                .init("\(prefix)_isolate_apps", .boolean, "IsolateApps in effect"),
                .init("\(prefix)_isolate_by_app_id", .boolean, "IsolateByAppId in effect"),
                .init("\(prefix)_fingerprint", .string, "fingerprint of an explicit key"),
                .init("\(prefix)_length", .integer, "length of an explicit key in bytes"),
                .init("\(prefix)_disclosed", .boolean, "the key is in the list of publicly disclosed keys")
            ]
        }
        return EvidenceSchema(
            fields: fields,
            example: """
                <machineKey validationKey="AutoGenerate,IsolateApps" decryptionKey="AutoGenerate,IsolateApps" validation="HMACSHA256" />
                """)
    }
}
