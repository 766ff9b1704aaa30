import Foundation

/// Makes ViewStates the way ASP.NET does, from a candidate's keys: the other half of the
/// round-trip tests, and what a trainer uses to show a farm's failure. Not used to attack
/// anything: it needs the keys.
enum ViewStateProducer {
    /// Legacy modes: signed (`encrypt` false) or encrypted per the candidate's settings.
    static func legacy(_ payload: [UInt8], candidate c: ViewStateCandidate, page: ViewStatePage, encrypt: Bool)
        -> [UInt8]?
    {
        guard let generator = page.generator else { return nil }
        let modifier = ViewStateCrypto.modifier(generator: generator, userKey: page.viewStateUserKey)
        if !encrypt {
            guard
                let mac = ViewStateCrypto.legacyHash(
                    c.validation, key: c.validationKey, data: payload[...], modifier: modifier)
            else { return nil }
            return payload + mac
        }
        guard let dk = c.decryptionKey, let cipher = LegacyBlockCipher(algorithm: c.decryption, key: dk) else {
            return nil
        }
        let signData = !c.useLegacyEncryption
        let createIV = ViewStateCrypto.legacyCreatesIV(signData: signData, compatibilityMode: c.compatibilityMode)
        return ViewStateCrypto.legacyEncrypt(
            payload, cipher: cipher, validation: c.validation, validationKey: c.validationKey,
            modifier: modifier, signData: signData, createIV: createIV,
            prefix: random(cipher.keySize))
    }

    /// Framework45: NetFXCryptoService.Protect with keys derived for the page.
    static func framework45(_ payload: [UInt8], candidate c: ViewStateCandidate, page: ViewStatePage) -> [UInt8]? {
        guard let purposes = page.purposes, let dk = c.decryptionKey else { return nil }
        let label = Array(ViewStateCrypto.viewStatePurpose.utf8)
        let context = ViewStateCrypto.context(purposes)
        let kenc = ViewStateCrypto.deriveKey(dk, label: label, context: context)
        let kval = ViewStateCrypto.deriveKey(c.validationKey, label: label, context: context)
        guard let cipher = LegacyBlockCipher(algorithm: c.decryption == "Auto" ? "AES" : c.decryption, key: kenc) else {
            return nil
        }
        return ViewStateCrypto.fw45Protect(
            payload, cipher: cipher, validation: c.validation, validationKey: kval, iv: random(cipher.blockSize))
    }

    static func random(_ n: Int) -> [UInt8] {
        var g = SystemRandomNumberGenerator()
        return (0..<n).map { _ in UInt8.random(in: 0...255, using: &g) }
    }
}
