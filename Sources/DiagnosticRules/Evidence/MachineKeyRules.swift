import Foundation

/// How ASP.NET reads one `validationKey` / `decryptionKey` attribute, reduced to what a
/// diagnosis needs and never keeping the key itself: the mode, the modifiers, a fingerprint,
/// the byte length and the full SHA-256 (in memory only, to compare with disclosed keys).
struct MachineKeyAttribute {
    enum Mode: String { case autogenerate, explicit, `default` }

    var mode: Mode
    var isolateApps: Bool
    var isolateByAppId: Bool
    var fingerprint: String?
    var lengthBytes: Int?
    /// Microsoft's digest of the key text (`KnownKeys.digest(ofKeyText:)`), explicit keys only.
    var digest: String?
    /// Problems in the exact wording .NET uses where the notes give it.
    var problems: [String] = []

    /// `which` is "validation" or "decryption". Text such as `AutoGenerate,IsolateApps` or a
    /// hex key with optional `,IsolateApps` / `,IsolateByAppId`.
    init(_ raw: String?, which: String) {
        guard let raw else {
            self.init(mode: .default, isolateApps: true, isolateByAppId: false)
            return
        }
        let parts = raw.split(separator: ",", omittingEmptySubsequences: false).map { String($0.trimmed()) }
        let key = parts.first ?? ""
        var apps = false
        var appId = false
        var problems: [String] = []
        for modifier in parts.dropFirst() {
            switch modifier {
            case "IsolateApps": apps = true
            case "IsolateByAppId": appId = true
            default:
                // A key written as comma-separated bytes would put one byte in each message:
                // modifiers made of hex digits are not quoted.
                let shown =
                    !modifier.isEmpty && modifier.allSatisfy({ $0.isHexDigit || $0 == "-" || $0 == " " })
                    ? "(hex, not shown)" : "'\(evidenceExcerpt(modifier, limit: 30))'"
                problems.append(
                    "\(which)Key has an unknown modifier \(shown); only IsolateApps and IsolateByAppId are allowed")
            }
        }
        if key == "AutoGenerate" {
            self.init(mode: .autogenerate, isolateApps: apps, isolateByAppId: appId, problems: problems)
            return
        }
        if key.caseInsensitiveCompare("AutoGenerate") == .orderedSame {
            problems.append(
                "\(which)Key says '\(key)', but \"AutoGenerate\" is case-sensitive: ASP.NET reads it as a hex key and rejects it"
            )
        }
        self.init(mode: .explicit, isolateApps: apps, isolateByAppId: appId, problems: problems)
        if !key.isEmpty { digest = KnownKeys.digest(ofKeyText: key) }
        let isHex = !key.isEmpty && key.allSatisfy { $0.isASCII && $0.isHexDigit }
        if isHex && key.count % 2 == 0, let bytes = KeyFingerprint.bytes(fromHex: key) {
            fingerprint = KeyFingerprint(keyBytes: bytes).description
            lengthBytes = bytes.count
        }
        if which == "validation" {
            if key.count < 40 {
                self.problems.append(
                    "Machine validation key is invalid. It is '\(key.count)' chars long. It should be either \"AutoGenerate\" or between 40 and 128 Hex chars long, and may be followed by \",IsolateApps\"."
                )
            } else if !isHex || key.count % 2 == 1 {
                self.problems.append("Validation key specified has invalid hex characters.")
            }
        } else if !isHex || key.count % 2 == 1 {
            self.problems.append("Decryption key specified has invalid hex characters.")
        }
    }

    private init(mode: Mode, isolateApps: Bool, isolateByAppId: Bool, problems: [String] = []) {
        self.mode = mode
        self.isolateApps = isolateApps
        self.isolateByAppId = isolateByAppId
        self.problems = problems
    }
}

extension MachineKeyAttribute {
    /// The lines of the `<machineKey>` elements (any depth, `<location>` sections included)
    /// whose validationKey or decryptionKey is in `digests`.
    static func disclosedLines(_ elements: [XMLNode], digests: Set<String>) -> [Int] {
        elements.filter { mk in
            ["validationKey", "decryptionKey"].contains { name in
                MachineKeyAttribute(mk.attribute(name), which: name == "validationKey" ? "validation" : "decryption")
                    .digest.map { digests.contains($0) } ?? false
            }
        }.map(\.line)
    }
}

/// The algorithm and length rules of `<machineKey>`, from System.Web's own messages.
enum MachineKeyRules {
    static let validationAlgorithms: Set<String> = [
        "SHA1", "MD5", "3DES", "AES", "HMACSHA256", "HMACSHA384", "HMACSHA512"
    ]
    static let decryptionAlgorithms: Set<String> = ["Auto", "DES", "3DES", "AES"]
    static let modes: Set<String> = ["Framework20SP1", "Framework20SP2", "Framework45"]
    /// Framework45 (and MachineKey.Protect) accept only keyed hashes.
    static let framework45Validation: Set<String> = ["SHA1", "HMACSHA256", "HMACSHA384", "HMACSHA512"]

    static func validationProblem(_ alg: String, mode: String) -> String? {
        if alg.hasPrefix("alg:") { return nil }
        guard validationAlgorithms.contains(alg) else {
            return
                "The validation must be one of these values: SHA1, HMACSHA256, HMACSHA384, HMACSHA512, MD5, 3DES, AES, or alg:[HashAlgorithm]."
        }
        if mode == "Framework45" && !framework45Validation.contains(alg) {
            return
                "validation=\"\(alg)\" is not allowed in Framework45 mode, which accepts only SHA1, HMACSHA256, HMACSHA384, HMACSHA512 or alg:[KeyedHashAlgorithm]"
        }
        return nil
    }

    static func decryptionProblem(_ alg: String) -> String? {
        if alg.hasPrefix("alg:") || decryptionAlgorithms.contains(alg) { return nil }
        return "The decryption must be one of these values: Auto, DES, 3DES, AES or alg:[SymmetricAlgorithm]."
    }

    /// Decryption key length (hex characters) against the algorithm: DES 16, 3DES 48, AES
    /// 32/48/64. The AES lengths follow from AES key sizes; that ASP.NET enforces them as a
    /// configuration rule is UNCONFIRMED, and the message says so.
    static func decryptionLengthProblem(hexLength: Int, algorithm: String) -> String? {
        switch algorithm {
        case "DES":
            return hexLength == 16 ? nil : "decryptionKey is \(hexLength) hex chars; DES needs 16"
        case "3DES":
            return hexLength == 48 ? nil : "decryptionKey is \(hexLength) hex chars; 3DES needs 48"
        case "AES":
            return [32, 48, 64].contains(hexLength)
                ? nil
                : "decryptionKey is \(hexLength) hex chars; AES keys are 32, 48 or 64 hex chars (AES key sizes; UNCONFIRMED as an ASP.NET config rule)"
        case "Auto":
            return [16, 32, 48, 64].contains(hexLength)
                ? nil
                : "decryptionKey is \(hexLength) hex chars; expected 16 (DES) or 48 (3DES/AES), or 32/64 for AES (UNCONFIRMED as an ASP.NET config rule)"
        default:
            return nil
        }
    }

    /// "4.5", "4.7.2", "4.8" -> true when at least 4.5.
    static func atLeast45(_ version: String) -> Bool {
        let parts = version.trimmed().split(separator: ".").map { Int($0) }
        guard let major = parts.first ?? nil else { return false }
        if major != 4 { return major > 4 }
        guard parts.count > 1, let minor = parts[1] else { return false }
        return minor >= 5
    }
}
