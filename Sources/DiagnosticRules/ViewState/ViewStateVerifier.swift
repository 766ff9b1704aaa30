import Foundation

/// Which candidate's keys produced a ViewState, or why none did: the forensic question of a
/// web farm's "Validation of viewstate MAC failed".
public enum ViewStateVerifier {
    public enum Outcome: String, Codable, Sendable {
        case valid
        case macMismatch = "mac-mismatch"
        case cannotDecrypt = "cannot-decrypt"
        case pageMismatch = "page-mismatch"
        case notChecked = "not-checked"
    }

    public struct CandidateResult: Codable, Sendable, Equatable {
        public var file: String
        public var outcome: Outcome
        /// For `valid`: "legacy signed (SHA1)", "legacy encrypted (3DES, SHA1)", "Framework45 (AES, HMACSHA512)".
        public var mode: String?
        public var reason: String
        public var validationKeyFingerprint: String
        public var decryptionKeyFingerprint: String?
    }

    public struct Verdict: Codable, Sendable, Equatable {
        public var results: [CandidateResult]
        /// The ViewState is a complete unsigned state (no MAC appended): EnableViewStateMac is off.
        public var macDisabled: Bool
        public var bytes: Int
        public var validFile: String? { results.first { $0.outcome == .valid }?.file }
    }

    /// Base64 as in a page or an event 1316 text (whitespace and URL-encoding dropped).
    public static func decode(_ text: String) -> [UInt8]? {
        var t = text.filter { !$0.isWhitespace }
        t = t.replacingOccurrences(of: "%2B", with: "+").replacingOccurrences(of: "%2F", with: "/")
            .replacingOccurrences(of: "%3D", with: "=")
        while t.count % 4 != 0 { t += "=" }
        guard !t.isEmpty, let data = Data(base64Encoded: t) else { return nil }
        return [UInt8](data)
    }

    public static func verify(_ viewState: [UInt8], page: ViewStatePage, candidates: [ViewStateCandidate]) -> Verdict {
        var results: [CandidateResult] = []
        for c in candidates {
            var r = check(viewState, page: page, candidate: c)
            r.validationKeyFingerprint = c.validationFingerprint
            r.decryptionKeyFingerprint = c.decryptionFingerprint
            results.append(r)
        }
        var macDisabled = false
        if !results.contains(where: { $0.outcome == .valid }), let n = ObjectStateScanner.serializedLength(viewState),
            n == viewState.count
        {
            macDisabled = true
        }
        return Verdict(results: results, macDisabled: macDisabled, bytes: viewState.count)
    }

    static func check(_ vs: [UInt8], page: ViewStatePage, candidate c: ViewStateCandidate) -> CandidateResult {
        func result(_ o: Outcome, _ mode: String?, _ reason: String) -> CandidateResult {
            CandidateResult(
                file: c.label, outcome: o, mode: mode, reason: reason, validationKeyFingerprint: "",
                decryptionKeyFingerprint: nil)
        }
        if c.compatibilityMode == "Framework45" {
            guard let purposes = page.purposes else {
                return result(.notChecked, nil, "Framework45 derives its keys from the page: give --url")
            }
            return framework45(vs, purposes: purposes, candidate: c, result: result)
        }
        guard let generator = page.generator else {
            return result(
                .notChecked, nil,
                "legacy mode mixes __VIEWSTATEGENERATOR into the MAC: give --generator (the page's hidden field)")
        }
        guard let size = ViewStateCrypto.hashSize(c.validation) else {
            return result(
                .notChecked, nil,
                "validation=\"\(c.validation)\" is not checked here (MD5, SHA1, HMACSHA256/384/512 are)")
        }
        let modifier = ViewStateCrypto.modifier(generator: generator, userKey: page.viewStateUserKey)
        // Signed, not encrypted: data || MAC(data || modifier).
        if vs.count > size,
            let mac = ViewStateCrypto.legacyHash(
                c.validation, key: c.validationKey, data: vs.dropLast(size), modifier: modifier),
            ViewStateCrypto.equal(vs.suffix(size), mac)
        {
            return result(
                .valid, "legacy signed (\(c.validation))",
                c.validation == "MD5"
                    ? "the MAC matches with this validationKey (an MD5 MAC does not include the generator)"
                    : "the MAC matches with this validationKey and the page's generator")
        }
        let signData = !c.useLegacyEncryption
        var outerMacMatched = false
        if let dk = c.decryptionKey, let cipher = LegacyBlockCipher(algorithm: c.decryption, key: dk) {
            var body = vs[...]
            if signData {
                if vs.count > size,
                    let mac = ViewStateCrypto.legacyHash(
                        c.validation, key: c.validationKey, data: vs.dropLast(size), modifier: []),
                    ViewStateCrypto.equal(vs.suffix(size), mac)
                {
                    outerMacMatched = true
                    body = vs.dropLast(size)
                } else {
                    body = []
                }
            }
            if !body.isEmpty {
                let createIV = ViewStateCrypto.legacyCreatesIV(
                    signData: signData, compatibilityMode: c.compatibilityMode)
                let algorithm = c.decryption == "Auto" ? (dk.count == 8 ? "DES" : "AES") : c.decryption
                // As in Framework45, valid padding alone is not proof (a wrong key yields it about
                // once in 256 tries, and was then reported as another page's state): after the
                // random prefix comes the ObjectStateFormatter stream, 0xFF 0x01, then the modifier.
                let prefix = createIV ? cipher.keySize : 0
                guard let plain = cipher.decrypt(Array(body), iv: [UInt8](repeating: 0, count: cipher.blockSize)),
                    plain.count >= prefix + 2 + modifier.count, plain[prefix...].starts(with: [0xFF, 0x01])
                else {
                    return result(
                        .cannotDecrypt, nil,
                        signData
                            ? "the MAC matches this validationKey, but the decryptionKey does not decrypt it (\(algorithm)): the decryption keys differ"
                            : "the decryptionKey does not decrypt it (\(algorithm), unsigned legacy encryption)")
                }
                guard ViewStateCrypto.equal(plain.suffix(modifier.count), modifier) else {
                    return result(
                        .pageMismatch, nil,
                        "decrypted with this key, but the generator or ViewStateUserKey inside differs: another page or user"
                    )
                }
                return result(
                    .valid, "legacy encrypted (\(algorithm), \(c.validation)\(signData ? "" : ", unsigned"))",
                    signData
                        ? "the MAC matches and the data decrypts with these keys"
                        : "the data decrypts and the page modifier matches")
            }
        }
        if outerMacMatched {
            return result(.cannotDecrypt, nil, "the MAC matches, but no decryptionKey could decrypt it")
        }
        return result(
            .macMismatch, nil,
            "the MAC does not match: this validationKey (or algorithm \(c.validation), or the generator) did not sign it"
        )
    }

    private static func framework45(
        _ vs: [UInt8], purposes: [String], candidate c: ViewStateCandidate,
        result: (Outcome, String?, String) -> CandidateResult
    ) -> CandidateResult {
        guard let size = ViewStateCrypto.fw45Mac(c.validation, key: [0], [])?.count else {
            return result(.notChecked, nil, "validation=\"\(c.validation)\" is not allowed in Framework45")
        }
        let label = Array(ViewStateCrypto.viewStatePurpose.utf8)
        let context = ViewStateCrypto.context(purposes)
        let kval = ViewStateCrypto.deriveKey(c.validationKey, label: label, context: context)
        guard vs.count > size + 16, let mac = ViewStateCrypto.fw45Mac(c.validation, key: kval, vs.dropLast(size)),
            ViewStateCrypto.equal(vs.suffix(size), mac)
        else {
            return result(
                .macMismatch, nil,
                "the MAC does not match: this validationKey (or \(c.validation), or the page \(purposes.prefix(2).joined(separator: ", "))) did not sign it"
            )
        }
        let algorithm = c.decryption == "Auto" ? "AES" : c.decryption
        guard let dk = c.decryptionKey else {
            return result(
                .cannotDecrypt, nil, "the MAC matches, but the config has no explicit decryptionKey to decrypt it")
        }
        let kenc = ViewStateCrypto.deriveKey(dk, label: label, context: context)
        guard let cipher = LegacyBlockCipher(algorithm: algorithm, key: kenc) else {
            return result(
                .cannotDecrypt, nil, "the MAC matches, but a \(dk.count)-byte key cannot be used with \(algorithm)")
        }
        let body = Array(vs.dropLast(size))
        // Valid padding alone is not proof: a wrong key yields valid padding about once in 256
        // tries. What ASP.NET encrypted is an ObjectStateFormatter stream, which starts 0xFF 0x01.
        guard
            let plain = cipher.decrypt(
                Array(body.dropFirst(cipher.blockSize)), iv: Array(body.prefix(cipher.blockSize))),
            plain.starts(with: [0xFF, 0x01])
        else {
            return result(
                .cannotDecrypt, nil,
                "the MAC matches this validationKey, but the decryptionKey does not decrypt it: the decryption keys differ"
            )
        }
        return result(
            .valid, "Framework45 (\(algorithm), \(c.validation))",
            "the MAC matches and the data decrypts with keys derived for \(purposes.prefix(2).joined(separator: ", "))")
    }
}
