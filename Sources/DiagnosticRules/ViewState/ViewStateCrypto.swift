import Crypto
import Foundation

/// The cryptography of ASP.NET ViewState, as System.Web does it (facts from the reference
/// source: MachineKeySection.cs, ObjectStateFormatter.cs, NetFXCryptoService.cs,
/// SP800_108.cs, Purpose.cs). Both directions exist so that tests can round-trip
/// ViewStates made here as well as check ones ASP.NET made.
enum ViewStateCrypto {
    // MARK: legacy (Framework20SP1 / SP2): MachineKeySection

    /// Size of the MAC appended by `validation` (MD5 16, SHA1 20, HMACSHA256 32, ...).
    static func hashSize(_ validation: String) -> Int? {
        switch validation {
        case "MD5": return 16
        case "SHA1": return 20
        case "HMACSHA256": return 32
        case "HMACSHA384": return 48
        case "HMACSHA512": return 64
        default: return nil
        }
    }

    /// MachineKeySection.HashData. MD5 is not keyed: MD5 over data, then the key copied
    /// over where the modifier would go, then zeros for the modifier's length (the reference
    /// source copies the key at the modifier's offset). The others are HMACs over
    /// data || modifier.
    static func legacyHash(_ validation: String, key: [UInt8], data: ArraySlice<UInt8>, modifier: [UInt8]) -> [UInt8]? {
        switch validation {
        case "MD5":
            var all = [UInt8](data)
            all += key
            all += [UInt8](repeating: 0, count: modifier.count)
            return Array(Insecure.MD5.hash(data: all))
        case "SHA1": return hmac(Insecure.SHA1.self, key: key, data, modifier)
        case "HMACSHA256": return hmac(SHA256.self, key: key, data, modifier)
        case "HMACSHA384": return hmac(SHA384.self, key: key, data, modifier)
        case "HMACSHA512": return hmac(SHA512.self, key: key, data, modifier)
        default: return nil
        }
    }

    static func hmac<H: HashFunction>(_: H.Type, key: [UInt8], _ data: ArraySlice<UInt8>, _ suffix: [UInt8] = [])
        -> [UInt8]
    {
        var mac = HMAC<H>(key: SymmetricKey(data: key))
        mac.update(data: Array(data))
        if !suffix.isEmpty { mac.update(data: suffix) }
        return Array(mac.finalize())
    }

    /// Constant-time comparison (as CryptoUtil.BuffersAreEqual).
    static func equal(_ a: ArraySlice<UInt8>, _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for (x, y) in zip(a, b) { diff |= x ^ y }
        return diff == 0
    }

    /// The page's MAC key modifier (ObjectStateFormatter.GetMacKeyModifier): the
    /// __VIEWSTATEGENERATOR value little-endian, then the ViewStateUserKey as UTF-16LE.
    static func modifier(generator: UInt32, userKey: String?) -> [UInt8] {
        var m: [UInt8] = [
            UInt8(truncatingIfNeeded: generator), UInt8(truncatingIfNeeded: generator >> 8),
            UInt8(truncatingIfNeeded: generator >> 16), UInt8(truncatingIfNeeded: generator >> 24)
        ]
        if let userKey {
            for unit in userKey.utf16 { m += [UInt8(truncatingIfNeeded: unit), UInt8(truncatingIfNeeded: unit >> 8)] }
        }
        return m
    }

    /// Whether the random prefix ("IV") is present: MachineKeySection creates it when the
    /// data is signed (the default; `aspnet:UseLegacyEncryption` turns signing off) or the
    /// mode is later than Framework20SP1.
    static func legacyCreatesIV(signData: Bool, compatibilityMode: String) -> Bool {
        signData || compatibilityMode != "Framework20SP1"
    }

    /// MachineKeySection.EncryptOrDecryptData(true, ...): E(prefix || data || modifier),
    /// then, when signing, the MAC (no modifier) of that ciphertext. The prefix is as long as
    /// the key, not the block (the reference source keeps that for compatibility).
    static func legacyEncrypt(
        _ data: [UInt8], cipher: LegacyBlockCipher, validation: String, validationKey: [UInt8],
        modifier: [UInt8], signData: Bool, createIV: Bool, prefix: [UInt8]
    ) -> [UInt8]? {
        let zeroIV = [UInt8](repeating: 0, count: cipher.blockSize)
        let plain = (createIV ? prefix : []) + data + modifier
        var out = cipher.encrypt(plain, iv: zeroIV)
        if signData {
            guard let mac = legacyHash(validation, key: validationKey, data: out[...], modifier: []) else { return nil }
            out += mac
        }
        return out
    }

    // MARK: Framework45: SP800-108 and NetFXCryptoService

    /// The primary purpose of page ViewState.
    static let viewStatePurpose = "WebForms.HiddenFieldPageStatePersister.ClientState"

    /// The context of SP800-108: each specific purpose as .NET's BinaryWriter writes a
    /// string (7-bit encoded UTF-8 length, then the UTF-8 bytes).
    static func context(_ purposes: [String]) -> [UInt8] {
        var out: [UInt8] = []
        for p in purposes {
            let bytes = Array(p.utf8)
            var n = bytes.count
            while n >= 0x80 {
                out.append(UInt8(n & 0x7F) | 0x80)
                n >>= 7
            }
            out.append(UInt8(n))
            out += bytes
        }
        return out
    }

    /// SP800-108 counter mode with HMAC-SHA512: K(i) = HMAC(key, [i]32 || label || 0x00 ||
    /// context || [L]32), the derived key as long as the master key.
    static func deriveKey(_ key: [UInt8], label: [UInt8], context: [UInt8]) -> [UInt8] {
        let bits = UInt32(key.count * 8)
        func be(_ v: UInt32) -> [UInt8] {
            [
                UInt8(v >> 24), UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 8),
                UInt8(truncatingIfNeeded: v)
            ]
        }
        var out: [UInt8] = []
        var i: UInt32 = 1
        while out.count < key.count {
            let input = be(i) + label + [0] + context + be(bits)
            out += hmac(SHA512.self, key: key, input[...])
            i += 1
        }
        return Array(out.prefix(key.count))
    }

    /// The Framework45 validation algorithm: `SHA1` means HMACSHA1 (MachineKeyCryptoAlgorithmFactory).
    static func fw45Mac(_ validation: String, key: [UInt8], _ data: ArraySlice<UInt8>) -> [UInt8]? {
        switch validation {
        case "SHA1": return hmac(Insecure.SHA1.self, key: key, data)
        case "HMACSHA256": return hmac(SHA256.self, key: key, data)
        case "HMACSHA384": return hmac(SHA384.self, key: key, data)
        case "HMACSHA512": return hmac(SHA512.self, key: key, data)
        default: return nil
        }
    }

    /// NetFXCryptoService.Protect: IV || E(Kenc, IV, data) || MAC(Kval, IV || E(...)).
    static func fw45Protect(
        _ data: [UInt8], cipher: LegacyBlockCipher, validation: String, validationKey: [UInt8], iv: [UInt8]
    ) -> [UInt8]? {
        let body = iv + cipher.encrypt(data, iv: iv)
        guard let mac = fw45Mac(validation, key: validationKey, body[...]) else { return nil }
        return body + mac
    }
}
