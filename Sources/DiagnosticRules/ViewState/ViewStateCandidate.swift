import Foundation

/// One candidate's keys for checking a ViewState, read from a web.config or machine.config.
/// The key bytes stay in memory; only the fingerprints are ever shown.
public struct ViewStateCandidate: Sendable {
    /// Where the keys came from (a file path), shown in results.
    public var label: String
    public var validation: String
    public var decryption: String
    public var compatibilityMode: String
    /// `<appSettings><add key="aspnet:UseLegacyEncryption" value="true"/>`: legacy
    /// encryption without the MAC over the ciphertext.
    public var useLegacyEncryption: Bool
    public var validationFingerprint: String
    public var decryptionFingerprint: String?
    var validationKey: [UInt8]
    var decryptionKey: [UInt8]?

    public struct ReadError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Test and programmatic use: keys as hex.
    public init(
        label: String, validationKeyHex: String, decryptionKeyHex: String?, validation: String,
        decryption: String = "Auto", compatibilityMode: String = "Framework20SP1", useLegacyEncryption: Bool = false
    ) throws {
        guard let v = KeyFingerprint.bytes(fromHex: validationKeyHex) else {
            throw ReadError(message: "\(label): validationKey is not hex")
        }
        let d = try decryptionKeyHex.map { hex -> [UInt8] in
            guard let d = KeyFingerprint.bytes(fromHex: hex) else {
                throw ReadError(message: "\(label): decryptionKey is not hex")
            }
            return d
        }
        self.label = label
        self.validation = validation
        self.decryption = decryption
        self.compatibilityMode = compatibilityMode
        self.useLegacyEncryption = useLegacyEncryption
        self.validationKey = v
        self.decryptionKey = d
        validationFingerprint = KeyFingerprint(keyBytes: v).description
        decryptionFingerprint = d.map { KeyFingerprint(keyBytes: $0).description }
    }

    /// Reads the first `<machineKey>` of a config. Fails, naming the file and line, when
    /// there is none, when it is encrypted, AutoGenerate (the key is not in the file) or
    /// IsolateApps/IsolateByAppId (the effective key depends on the app, which is not
    /// derived here), or when a key is not hex.
    public static func fromConfig(_ text: String, label: String) throws -> ViewStateCandidate {
        let root: XMLNode
        do {
            root = try XMLTree.parse(
                text, parser: "machinekey-config", expected: "a web.config or machine.config")
        } catch {
            throw ReadError(message: "\(label): \(error)")
        }
        guard let mk = root.descendants("machineKey").first else {
            throw ReadError(
                message: "\(label): no <machineKey> element; give the config that holds the candidate's keys")
        }
        let at = "\(label):\(mk.line)"
        if mk.attribute("configProtectionProvider") != nil || mk.child("EncryptedData") != nil {
            throw ReadError(
                message: "\(at): <machineKey> is encrypted; decrypt a copy (aspnet_regiis -pdf) and give that")
        }
        let compat: String
        if let declared = mk.attribute("compatibilityMode") {
            compat = declared
        } else {
            let target = root.descendants("httpRuntime").compactMap { $0.attribute("targetFramework") }.first
            compat = target.map { MachineKeyRules.atLeast45($0) } ?? false ? "Framework45" : "Framework20SP1"
        }
        func key(_ name: String, required: Bool) throws -> String? {
            guard let raw = mk.attribute(name) else {
                if required {
                    throw ReadError(
                        message: "\(at): \(name) is missing (AutoGenerate by default); the key is not in the file")
                }
                return nil
            }
            let parts = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let value = parts.first ?? ""
            if value == "AutoGenerate" {
                if required {
                    throw ReadError(
                        message: "\(at): \(name) is AutoGenerate; the key is kept by Windows, not in the file")
                }
                return nil
            }
            if parts.count > 1, compat != "Framework45" {
                throw ReadError(
                    message:
                        "\(at): \(name) has \(parts.dropFirst().joined(separator: ",")); the effective key depends on the application and is not derived here"
                )
            }
            guard KeyFingerprint.bytes(fromHex: value) != nil else {
                throw ReadError(message: "\(at): \(name) is not hex (an even number of hex digits)")
            }
            return value
        }
        let v = try key("validationKey", required: true)!
        let d = try key("decryptionKey", required: false)
        let legacy = root.descendants("add").contains {
            $0.attribute("key")?.caseInsensitiveCompare("aspnet:UseLegacyEncryption") == .orderedSame
                && $0.attribute("value")?.lowercased() == "true"
        }
        return try ViewStateCandidate(
            label: label, validationKeyHex: v, decryptionKeyHex: d,
            validation: mk.attribute("validation") ?? "HMACSHA256",
            decryption: mk.attribute("decryption") ?? "Auto",
            compatibilityMode: compat, useLegacyEncryption: legacy)
    }
}
