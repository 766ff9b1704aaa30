import Crypto
import Foundation
import _CryptoExtras

/// The symmetric algorithms of `<machineKey decryption="...">` in CBC mode with PKCS#7
/// padding, as .NET's DESCryptoServiceProvider, TripleDESCryptoServiceProvider and
/// AesCryptoServiceProvider use them for ViewState.
enum LegacyBlockCipher {
    case des(DESCipher)
    /// The three keys and the key size in bytes (16 or 24).
    case tripleDES(DESCipher, DESCipher, DESCipher, Int)
    case aes(SymmetricKey)

    /// `algorithm` is "DES", "3DES", "AES" or "Auto" (DES for an 8-byte key, else AES, as
    /// MachineKeySection does). DES takes the first 8 bytes of a longer key (as ASP.NET
    /// does); 3DES needs 16 or 24 bytes, AES 16, 24 or 32. Nil when the key cannot be used.
    init?(algorithm: String, key: [UInt8]) {
        switch algorithm {
        case "DES":
            guard key.count >= 8 else { return nil }
            self = .des(DESCipher(key: Array(key.prefix(8))))
        case "3DES":
            guard key.count == 24 || key.count == 16 else { return nil }
            let k3 = key.count == 24 ? Array(key[16..<24]) : Array(key[0..<8])
            self = .tripleDES(
                DESCipher(key: Array(key[0..<8])), DESCipher(key: Array(key[8..<16])), DESCipher(key: k3), key.count)
        case "AES":
            guard [16, 24, 32].contains(key.count) else { return nil }
            self = .aes(SymmetricKey(data: key))
        case "Auto":
            self.init(algorithm: key.count == 8 ? "DES" : "AES", key: key)
        default:
            return nil
        }
    }

    var blockSize: Int {
        if case .aes = self { return 16 }
        return 8
    }

    /// Key size in bytes: MachineKeySection's legacy "IV" (random prefix) length.
    var keySize: Int {
        switch self {
        case .des: return 8
        case .tripleDES(_, _, _, let size): return size
        case .aes(let k): return k.bitCount / 8
        }
    }

    /// CBC decryption and PKCS#7 removal; nil when the length or the padding is wrong (the
    /// usual sign of a wrong key).
    func decrypt(_ data: [UInt8], iv: [UInt8]) -> [UInt8]? {
        guard !data.isEmpty, data.count % blockSize == 0, iv.count == blockSize else { return nil }
        let plain: [UInt8]
        switch self {
        case .aes(let key):
            guard let ivValue = try? AES._CBC.IV(ivBytes: iv),
                let out = try? AES._CBC.decrypt(data, using: key, iv: ivValue, noPadding: true)
            else { return nil }
            plain = Array(out)
        default:
            plain = desCBC(data, iv: iv, decrypt: true)
        }
        guard let n = plain.last.map(Int.init), n >= 1, n <= blockSize,
            plain.suffix(n).allSatisfy({ Int($0) == n })
        else { return nil }
        return Array(plain.dropLast(n))
    }

    /// PKCS#7 padding and CBC encryption (for producing test ViewStates).
    func encrypt(_ data: [UInt8], iv: [UInt8]) -> [UInt8] {
        let n = blockSize - data.count % blockSize
        let padded = data + [UInt8](repeating: UInt8(n), count: n)
        switch self {
        case .aes(let key):
            // Both only fail on an IV of the wrong length, which blockSize rules out.
            let ivValue = try! AES._CBC.IV(ivBytes: iv)
            return Array(try! AES._CBC.encrypt(padded, using: key, iv: ivValue, noPadding: true))
        default:
            return desCBC(padded, iv: iv, decrypt: false)
        }
    }

    private func desCBC(_ data: [UInt8], iv: [UInt8], decrypt: Bool) -> [UInt8] {
        func word(_ b: ArraySlice<UInt8>) -> UInt64 { b.reduce(0) { ($0 << 8) | UInt64($1) } }
        func bytes(_ w: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: w >> UInt64(56 - 8 * $0)) } }
        var chain = word(iv[...])
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        var i = 0
        while i < data.count {
            let block = word(data[i..<(i + 8)])
            if decrypt {
                out += bytes(blockDecrypt(block) ^ chain)
                chain = block
            } else {
                chain = blockEncrypt(block ^ chain)
                out += bytes(chain)
            }
            i += 8
        }
        return out
    }

    private func blockEncrypt(_ b: UInt64) -> UInt64 {
        switch self {
        case .des(let k): return k.encryptBlock(b)
        case .tripleDES(let k1, let k2, let k3, _): return k3.encryptBlock(k2.decryptBlock(k1.encryptBlock(b)))
        case .aes: return b
        }
    }

    private func blockDecrypt(_ b: UInt64) -> UInt64 {
        switch self {
        case .des(let k): return k.decryptBlock(b)
        case .tripleDES(let k1, let k2, let k3, _): return k1.decryptBlock(k2.encryptBlock(k3.decryptBlock(b)))
        case .aes: return b
        }
    }
}
