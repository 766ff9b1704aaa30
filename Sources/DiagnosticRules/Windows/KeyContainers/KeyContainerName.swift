import Crypto
import Foundation

/// Maps an RSA key container name to its file in `...\Crypto\RSA\MachineKeys`, so KeyWizard can
/// tell an operator which file is `iisWasKey` in a directory listing of opaque hashes.
/// Algorithm (computed; reproduces every published prefix in the domain notes §3.2): lower-case
/// the name, append NUL, MD5 the ANSI bytes, print the digest as four little-endian UInt32s
/// with %08x, then `_` and the MachineGuid. CNG keys hash the Unicode name instead and are
/// not covered here.
public enum KeyContainerName {
    /// The 32-hex-digit file-name prefix of `containerName`. Characters outside Windows-1252
    /// are hashed as `?` (see `ANSICodePage.windows1252Lossy`); check `isANSIRepresentable`
    /// first when that matters.
    public static func hashPrefix(_ containerName: String) -> String {
        let bytes = ANSICodePage.windows1252Lossy(containerName.lowercased()) + [0]
        let digest = Array(Insecure.MD5.hash(data: bytes))
        return (0..<4).map { i -> String in
            let word = (0..<4).reduce(UInt32(0)) { $0 | UInt32(digest[i * 4 + $1]) << (8 * UInt32($1)) }
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 8 - hex.count) + hex
        }.joined()
    }

    /// True when every character of the lower-cased name has a Windows-1252 byte, i.e. when
    /// `hashPrefix` is exact (on hosts whose ANSI code page is 1252).
    public static func isANSIRepresentable(_ containerName: String) -> Bool {
        ANSICodePage.windows1252(containerName.lowercased()) != nil
    }

    /// `<hash>_<machineguid>`; nil when `machineGuid` is not a GUID or the name is not
    /// representable in Windows-1252.
    public static func fileName(container: String, machineGuid: String) -> String? {
        guard isANSIRepresentable(container), let guid = GUIDText.normalize(machineGuid) else { return nil }
        return hashPrefix(container) + "_" + guid
    }
}
