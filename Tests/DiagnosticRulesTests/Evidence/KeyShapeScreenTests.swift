import Foundation
import XCTest

@testable import DiagnosticRules

/// `KeyShapeScreen` lets text skip the scrubber's regex passes only when no pattern could
/// match it. These tests hold it to the patterns themselves: on every text generated here
/// (key material in each form, near-misses on each threshold, and random mixtures of the
/// characters the patterns care about) the screened `scrub` and `containsSecret` give exactly
/// what the unscreened ones give, and a text the screen clears matches no pattern at all.
final class KeyShapeScreenTests: XCTestCase {
    /// The screened and unscreened scrubber agree on `text`, and if the screen clears it, no
    /// pattern matches it (a base64 run only counts when `isBase64Key` would keep it).
    func assertScreenSound(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(
            SecretScrubber.scrub(text), SecretScrubber.scrubByPatterns(text),
            "scrub differs on: \(text.debugDescription)", file: file, line: line)
        XCTAssertEqual(
            SecretScrubber.containsSecret(text), SecretScrubber.containsSecretByPatterns(text),
            "containsSecret differs on: \(text.debugDescription)", file: file, line: line)
        guard !KeyShapeScreen.screen(text).mayHoldKey else { return }
        let range = NSRange(text.startIndex..., in: text)
        for (name, regex) in SecretScrubber.patterns {
            let hits = regex.matches(in: text, range: range).filter { m in
                name != "base64Run" || Range(m.range, in: text).map { SecretScrubber.isBase64Key(text[$0]) } == true
            }
            XCTAssertTrue(
                hits.isEmpty, "the screen cleared \(text.debugDescription), which \(name) matches", file: file,
                line: line)
        }
    }

    /// Key material must reach the patterns: the screen lets it through and it is hidden.
    func assertKeyCaught(_ secret: String, in text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(
            KeyShapeScreen.screen(text).mayHoldKey, "screened out: \(text.debugDescription)", file: file, line: line)
        XCTAssertFalse(
            SecretScrubber.scrub(text).contains(secret), "leaked from: \(text.debugDescription)", file: file, line: line
        )
        XCTAssertTrue(
            SecretScrubber.containsSecret(text), "not detected: \(text.debugDescription)", file: file, line: line)
        assertScreenSound(text, file: file, line: line)
    }

    func testEveryKnownFormStillReachesThePatterns() {
        for (text, secret) in KeyShapesTests.forms { assertKeyCaught(secret, in: text) }
        let key = "BC7A1C0EFB2D4E6F8091A2B3C4D5E6F708192A3B4C5D6E7F"
        for text in [
            "key \(key) end", "1F-35-E5-A1-22-33-44-55-66", "hex:6a,1f,2b,c5,d6,e7,f8,09,1a",
            "<machineKey validationKey=\"\(key),IsolateApps\" />",
            "<machineKey decryptionKey=\"not-hex but secret\" />",
            "\"AutoGenKeyV4\"=hex:6a,1f,2b,\\\n  c5,d6,e7,f8,09,1a,2b,3c,4d,5e"
        ] {
            XCTAssertTrue(KeyShapeScreen.screen(text).mayHoldKey, text)
            assertScreenSound(text)
        }
    }

    func testGeneratedKeyMaterialInEveryFormIsCaught() {
        var rng = SplitMix64(seed: 13)
        // The last context ends a sentence: a decimal list just before its `.` was once missed
        // (the look-ahead that keeps `8.5` and `10.0.17763` out also refused a plain `.`).
        let contexts: [(String) -> String] = [
            { $0 }, { "key material: \($0) end" }, { "\"v\":\"\($0)\"" }, { "line\n\t\($0)\nend" }, { "(\($0))" },
            { "The key is \($0)." }
        ]
        for round in 0..<200 {
            let bytes = (0..<Int.random(in: 8...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let hexBytes = bytes.map { String(format: round % 2 == 0 ? "%02X" : "%02x", $0) }
            let hex = hexBytes.joined()
            let groupSize = round % 3 == 0 ? 8 : 4
            let groups = stride(from: 0, to: hex.count - groupSize + 1, by: groupSize).map {
                String(hex.dropFirst($0).prefix(groupSize))
            }
            let groupSeparator = [" ", "-", ":", "."][round % 4]
            let byteSeparator = [",", "-", ":", " ", ", ", ",\\\n  "][round % 6]
            let decimal = bytes.map(String.init).joined(separator: ", ")
            let base64 = Data(bytes.count >= 16 ? bytes : bytes + bytes).base64EncodedString()
            let shapes: [(text: String, secret: String)] = [
                (hex, String(hex.prefix(16))),
                (groups.joined(separator: groupSeparator), groups.prefix(4).joined(separator: groupSeparator)),
                (hexBytes.joined(separator: byteSeparator), hexBytes.prefix(8).joined(separator: byteSeparator)),
                ("hex:" + hexBytes.joined(separator: ","), hexBytes.prefix(4).joined(separator: ",")),
                ("{" + decimal + "}", bytes.prefix(4).map(String.init).joined(separator: ", ")),
                (decimal, bytes.prefix(8).map(String.init).joined(separator: ", ")),
                ("AutoGenKeyV4    REG_BINARY    " + hex, hex)
            ]
            for (shape, secret) in shapes {
                for context in contexts { assertKeyCaught(secret, in: context(shape)) }
            }
            // No context holds a digit: every number of a decimal list must be gone, including
            // any that another pattern's match inside the list (two-digit "hex" bytes) cut off.
            for shape in ["{" + decimal + "}", decimal] {
                for context in contexts {
                    let scrubbed = SecretScrubber.scrub(context(shape))
                    XCTAssertFalse(scrubbed.contains(where: \.isNumber), "a byte left in: \(scrubbed.debugDescription)")
                }
            }
            // Base64 counts as a key only when it mixes cases and digits or symbols as random
            // bytes do; either way the screen must agree with the patterns.
            for context in contexts { assertScreenSound(context(base64)) }
            if SecretScrubber.isBase64Key(Substring(base64)) { assertKeyCaught(String(base64.prefix(20)), in: base64) }
        }
    }

    func testNearMissesOnEveryThresholdAgreeWithThePatterns() {
        let h = "0123456789abcdefABCDEF0123456789abcdef0123"
        var texts: [String] = []
        for n in 12...40 {
            texts += [
                String(h.prefix(n)), "x" + String(h.prefix(n)) + "_5c1f7a2e-0d4b", String(h.prefix(n)) + "_5c1f7a2e-"
            ]
        }
        for size in [2, 3, 4, 5, 7, 8, 9] {
            for count in 1...9 {
                let groups = (0..<count).map { String(h.dropFirst($0 * 3).prefix(size)) }
                for sep in [" ", "-", ":", ".", ",", ", ", ",\\ ", "--", "_", ";", ": "] {
                    let joined = groups.joined(separator: sep)
                    texts += [joined, "-" + joined, joined + "-", "g" + joined + "g", "{" + joined + "}"]
                }
            }
        }
        for count in 1...10 {
            for width in 1...4 {
                let numbers = (0..<count).map { i in
                    String((0..<width).map { d in Character(String((i * 3 + d + 1) % 10)) })
                }
                for sep in [",", ", ", " ,", " , ", " ", ",,", ", x "] {
                    let list = numbers.joined(separator: sep)
                    texts += [list, "{" + list + "}", "{ " + list + "...}", "1." + list, list + ".5", ",\(list)"]
                }
            }
        }
        for n in 18...26 {
            texts += [
                String(repeating: "a", count: n), String(repeating: "aB", count: n / 2),
                String(repeating: "a1", count: n / 2) + "=",
                "Ab/" + String(repeating: "c", count: n - 3), String(repeating: "Ab9+", count: n / 4) + "=="
            ]
        }
        for word in [
            "validationKey", "decryptionKey", "machineKey", "AutoGenKey", "AutoGenKeyV4", "MachineKeys", "machinekeyx",
            "key", "KEY",
            "hex:", "HEX(3):", "hex", "hexa:", "ex:", "VALIDATIONKEY"
        ] {
            for tail in ["", "=\"secret\"", " = 'x'", "    REG_BINARY    0A1B", "\">abc<", ":", "s", "_1", "1f,2b"] {
                texts.append(word + tail)
            }
        }
        for text in texts { assertScreenSound(text) }
    }

    func testRandomMixturesAgreeWithThePatterns() {
        var rng = SplitMix64(seed: 2024)
        let tokens = [
            "0", "1", "7", "9", "a", "F", "c", "E", "g", "Z", "q", "K", " ", "  ", "-", ":", ".", ",", ", ", ",\\\n ",
            "\t", "\n", "\r",
            "_", "{", "}", "=", "==", "\"", "'", ">", "<", "+", "/", "...", "\u{1B}", "\u{7F}",
            "key", "Key", "validation", "decryption", "machine", "AutoGen", "validationKey", "machineKey",
            "MachineKeys",
            "AutoGenKeyV4", "hex", "hex:", "hex(2):", "REG_BINARY", "REG_SZ", "=\"", "\">"
        ]
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...14, using: &rng) {
                switch Int.random(in: 0..<10, using: &rng) {
                case 0:
                    text += String(
                        (0..<Int.random(in: 1...20, using: &rng)).map { _ in
                            "0123456789abcdefABCDEF".randomElement(using: &rng)!
                        })
                case 1:
                    text += String(
                        (0..<Int.random(in: 1...4, using: &rng)).map { _ in "0123456789".randomElement(using: &rng)! })
                case 2:
                    text += String(
                        (0..<Int.random(in: 18...26, using: &rng)).map { _ in
                            "ABCabcxyzXYZ0189+/".randomElement(using: &rng)!
                        })
                default: text += tokens.randomElement(using: &rng)!
                }
            }
            assertScreenSound(text)
        }
    }

    /// A byte list that ends a sentence is hidden whole: with 8 numbers it used to stay entirely,
    /// with more its last number stayed (the match stopped before it).
    func testDecimalListEndingASentenceIsHiddenWhole() {
        for count in [8, 9, 16, 32, 64] {
            // Three digits each, so that no other pattern (two-digit "hex" bytes) takes a part.
            let list = (0..<count).map { String(100 + ($0 * 97 + 12) % 156) }.joined(separator: ", ")
            for (end, rest) in [(".", ""), (".", " Then"), (".", "\nnext"), ("...", ""), (". ", "")] {
                let text = "Key bytes: " + list + end + rest
                XCTAssertEqual(SecretScrubber.scrub(text), "Key bytes: <key redacted>" + end + rest, text)
                XCTAssertTrue(SecretScrubber.containsSecret(text), text)
                assertScreenSound(text)
            }
            let compact = (0..<count).map { String(100 + ($0 * 31 + 7) % 156) }.joined(separator: ",")
            XCTAssertEqual(SecretScrubber.scrub("bytes " + compact + "."), "bytes <key redacted>.")
            // Any widths, as PowerShell prints a byte[]: not one number may stay.
            let mixed = (0..<count).map { String(($0 * 97 + 3) % 256) }.joined(separator: ", ")
            let scrubbed = SecretScrubber.scrub("Key bytes: " + mixed + ".")
            XCTAssertFalse(scrubbed.contains(where: \.isNumber), scrubbed)
            XCTAssertTrue(scrubbed.hasSuffix("."), scrubbed)
        }
    }

    /// A list glued to the full stop before it is hidden from its first number (the look-behind
    /// used to refuse any `.`, so the first number stayed in plain sight).
    func testDecimalListAfterAFullStopIsHiddenWhole() {
        for count in [8, 9, 16, 32] {
            let list = (0..<count).map { String(($0 * 97 + 12) % 256) }.joined(separator: ", ")
            for before in ["bytes.", "Key:", "(", "\n", "end. "] {
                let text = before + list
                XCTAssertEqual(SecretScrubber.scrub(text), before + "<key redacted>", text)
                assertScreenSound(text)
            }
        }
        // Not inside a number: a number after a digit and `.` (a version's last part) is not
        // taken as a list's start; the list after it still is.
        let list = (0..<9).map { String(100 + $0) }.joined(separator: ", ")
        XCTAssertEqual(SecretScrubber.scrub("Build 10.0." + list), "Build 10.0.100, <key redacted>")
    }

    /// Numbers that are not byte lists stay, sentence end or not: versions, addresses,
    /// decimals, and lists shorter than 8.
    func testNumbersThatAreNotByteListsStay() {
        for text in [
            "Windows Server 2019 is 10.0.17763.", "Build 10.0.17763.1879.", "Framework 4.0.30319.",
            "Client IP: 10.0.0.7.", "Hosts 10.0.0.7, 10.0.0.8, 10.0.0.9, 10.0.0.10, 10.0.0.11, 10.0.0.12, 10.0.0.13.",
            "Versions 4.0, 4.5, 4.6, 4.7, 4.8, 3.5, 2.0, 1.1.", "Ratios 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5.",
            "Steps 1, 2, 3, 4, 5, 6, 7.", "Steps 1, 2, 3, 4, 5, 6, 7, 8.5.", "Steps 1, 2, 3, 4, 5, 6, 7, 10.0.17763.",
            "Ports 80, 443, 8080, 8443."
        ] {
            XCTAssertEqual(SecretScrubber.scrub(text), text)
            XCTAssertFalse(SecretScrubber.containsSecret(text), text)
            assertScreenSound(text)
        }
    }

    /// The screen must actually clear ordinary text, or the regex passes run on everything.
    func testOrdinaryTextIsCleared() {
        for text in [
            "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4",
            "6de9cb26d2b98c01ec4e9e8b34824aa2_5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4",
            "C:\\ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys", "2024-05-14T08:12:31.123",
            "05/14/2024  08:02 AM  2,401",
            "The IIS Admin Service service terminated with service-specific error 2147943726 (0x8007052E).",
            "S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415", "iis-admin-machineguid",
            "event-7024-logon-failure.txt"
        ] {
            XCTAssertFalse(KeyShapeScreen.screen(text).mayHoldKey, text)
            assertScreenSound(text)
        }
        XCTAssertTrue(KeyShapeScreen.screen("WEB01\u{1B}[2J").hasControls)
        XCTAssertEqual(SecretScrubber.scrub("WEB01\u{1B}[2J\tok\n"), "WEB01?[2J\tok\n")
    }

    /// Under `(?i)` ICU matches the Kelvin sign as a `k` and `\d` matches any decimal digit:
    /// anything outside ASCII goes through every pattern.
    func testNonASCIITextAlwaysReachesThePatterns() {
        for text in [
            "validation\u{212A}ey=\"secret\"", "\u{0661}\u{0662}, \u{0663}, \u{0664}, \u{0665}, 6, 7, 8, 9",
            "caf\u{E9}", "a\u{9B}31m"
        ] {
            XCTAssertTrue(KeyShapeScreen.screen(text).mayHoldKey, text)
            assertScreenSound(text)
        }
    }
}
