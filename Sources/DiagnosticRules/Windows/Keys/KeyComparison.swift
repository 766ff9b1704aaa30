/// How two machine keys relate. Legacy-mode IsolateApps overwrites bytes 0-3 of a key with a
/// hash of the app path and IsolateByAppId bytes 4-7 with a hash of the app ID (domain notes
/// §4.2), so two keys that differ only there share one base key and differ by isolation
/// modifier, not by configuration; any other difference means the base keys differ.
public enum KeyClassification: String, Codable, Sendable, CaseIterable {
    case identical
    case isolateApps = "isolate-apps"
    case isolateByAppId = "isolate-by-app-id"
    case differentBaseKey = "different-base-key"
    case incomparable
    /// Fewer than `KeyComparison.minimumBytes` bytes overlap: no verdict.
    case tooShort = "too-short"
    /// A side is all zero or of very low entropy: not a real key (see `notAKeyA/B`).
    case notAKey = "not-a-key"

    /// One sentence for an operator.
    public var explanation: String {
        switch self {
        case .identical:
            return "The compared bytes are identical, so both sides use the same key."
        case .isolateApps:
            return "Only bytes 0-3 differ, the bytes IsolateApps derives from the app path, so the base key "
                + "matches and the apps are isolated from each other by path."
        case .isolateByAppId:
            return "Only bytes 4-7 differ, the bytes IsolateByAppId derives from the app ID, so the base key "
                + "matches and the apps are isolated from each other by app ID."
        case .differentBaseKey:
            return "Bytes beyond the isolation bytes differ, so the two sides use different base keys."
        case .incomparable:
            return "The keys could not be compared: one is not hex or they share no bytes."
        case .tooShort:
            return
                "Too few bytes overlap to say anything: give at least \(KeyComparison.minimumBytes) bytes of each key."
        case .notAKey:
            return "At least one value is not a real key, so no verdict is given."
        }
    }
}

/// The outcome of comparing two keys. Holds no more than the first 4 bytes of either key,
/// because the result may be printed, logged or saved.
public struct KeyComparisonResult: Codable, Sendable, Equatable {
    public var classification: KeyClassification
    public var explanation: String
    /// Up to the first 4 bytes of each key as lower-case hex; nil when that key is not hex.
    public var firstBytesA: String?
    public var firstBytesB: String?
    /// Length of each key in bytes (0 when not hex).
    public var lengthA: Int
    public var lengthB: Int
    /// Bytes compared: the overlap of the two keys from byte 0.
    public var comparedBytes: Int
    /// 0-based positions within the overlap where the keys differ.
    public var differingPositions: [Int]
    /// False when the overlap is 8 bytes or fewer, so no base-key byte was compared and an
    /// isolate-* classification is not evidence that the base keys match.
    public var baseKeyCompared: Bool
    /// The fewest overlapping bytes that get a verdict.
    public var minimumBytes: Int = KeyComparison.minimumBytes
    /// Why A (or B) is not a real key ("all zero bytes", ...); nil when it looks like one.
    public var notAKeyA: String?
    public var notAKeyB: String?
}

public enum KeyComparison {
    /// Below this many overlapping bytes there is no verdict: 4 bytes match by chance too
    /// often, and bytes 0-7 are exactly the ones IsolateApps/IsolateByAppId replace.
    public static let minimumBytes = 8

    /// Why `bytes` cannot be a real machine key, or nil. All zero is what
    /// `DecryptionKeyInternal` reads back once ASP.NET's `DestroyKeys()` has cleared the
    /// array (a trap for operators who read keys by reflection); a short repeated pattern or
    /// a handful of distinct bytes is a placeholder, not a generated key.
    public static func notAKeyReason(_ bytes: [UInt8]) -> String? {
        guard !bytes.isEmpty else { return nil }
        if bytes.allSatisfy({ $0 == 0 }) {
            return
                "all \(bytes.count) bytes are zero (what ASP.NET's DestroyKeys() leaves; read the key from the config instead)"
        }
        if bytes.count >= 8 {
            for period in 1...4 where bytes.indices.allSatisfy({ bytes[$0] == bytes[$0 % period] }) {
                return "a \(period)-byte pattern repeated: a placeholder, not a generated key"
            }
            if Set(bytes).count < 4 {
                return "only \(Set(bytes).count) distinct byte values: too low entropy for a generated key"
            }
        }
        return nil
    }

    /// Compares two hex keys or key prefixes (dashes, spaces, colons and `0x` ignored) over
    /// their overlapping bytes. When bytes in both 0-3 and 4-7 differ and nothing else, the
    /// result is `isolate-apps` (both modifiers at work) and the explanation says so.
    public static func classify(_ a: String, _ b: String) -> KeyComparisonResult {
        let x = KeyFingerprint.bytes(fromHex: a)
        let y = KeyFingerprint.bytes(fromHex: b)
        let overlap = min(x?.count ?? 0, y?.count ?? 0)
        var diffs: [Int] = []
        if let x, let y { diffs = (0..<overlap).filter { x[$0] != y[$0] } }

        let classification: KeyClassification
        var explanation: String
        let notA = x.flatMap(notAKeyReason)
        let notB = y.flatMap(notAKeyReason)
        if overlap > 0, notA != nil || notB != nil {
            classification = .notAKey
        } else if overlap > 0, overlap < minimumBytes {
            classification = .tooShort
        } else if overlap == 0 {
            classification = .incomparable
        } else if diffs.isEmpty {
            classification = .identical
        } else if diffs.allSatisfy({ $0 < 4 }) {
            classification = .isolateApps
        } else if diffs.allSatisfy({ (4..<8).contains($0) }) {
            classification = .isolateByAppId
        } else if diffs.allSatisfy({ $0 < 8 }) {
            classification = .isolateApps
        } else {
            classification = .differentBaseKey
        }
        explanation = classification.explanation
        if let notA { explanation += " A: \(notA)." }
        if let notB { explanation += " B: \(notB)." }
        if overlap > 0 { explanation += " Compared \(overlap) bytes." }
        if classification == .isolateApps, diffs.contains(where: { $0 >= 4 }) {
            explanation =
                "Bytes 0-3 and 4-7 differ and nothing else, consistent with IsolateApps plus "
                + "IsolateByAppId over one base key."
        }
        if overlap > 0, overlap <= 8, !diffs.isEmpty {
            explanation += " Only \(overlap) bytes overlap, so the base key itself was not compared."
        }
        if overlap > 0, (x?.count ?? 0) != (y?.count ?? 0) {
            explanation += " The keys have different lengths (\(x?.count ?? 0) and \(y?.count ?? 0) bytes)."
        }
        return KeyComparisonResult(
            classification: classification, explanation: explanation,
            firstBytesA: x.map(firstBytes), firstBytesB: y.map(firstBytes),
            lengthA: x?.count ?? 0, lengthB: y?.count ?? 0, comparedBytes: overlap,
            differingPositions: diffs, baseKeyCompared: overlap > 8, notAKeyA: notA, notAKeyB: notB)
    }

    private static func firstBytes(_ bytes: [UInt8]) -> String {
        bytes.prefix(4).map { b in
            let h = String(b, radix: 16)
            return h.count == 1 ? "0" + h : h
        }.joined()
    }
}
