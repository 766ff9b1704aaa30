import Foundation
import XCTest

@testable import DiagnosticRules

/// SplitMix64: a tiny deterministic generator, so a failing fuzz case reproduces exactly.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Feeds every parser random and mutated inputs: no input may crash a parser, every refusal
/// must be an `EvidenceError` naming a line >= 1, and every field must carry a line >= 1.
final class EvidenceFuzzTests: XCTestCase {
    static let casesPerParser = Int(ProcessInfo.processInfo.environment["KEYWIZARD_FUZZ_CASES"] ?? "") ?? 300

    /// Pieces of the real formats, so that mutations reach deep into each parser.
    static let tokens = [
        "HKEY_LOCAL_MACHINE\\SOFTWARE", "    MachineGuid    REG_SZ    ", "    AutoGenKeyV4    REG_BINARY    ",
        "REG_QWORD    0x",
        "ERROR: ", "[HKEY_USERS\\S-1-5-20]", "\"AutoGenKey\"=hex:", "hex(b):", "dword:", "\\\n", "\"", "=", ",",
        "Windows Registry Editor Version 5.00\n", " Directory of C:\\MachineKeys\n", "    Directory: ", "-a----",
        "<DIR>",
        "05/14/2024  08:02 AM", "6de9cb26d2b98c01ec4e9e8b34824aa2_", "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4",
        "<Event>", "</Event>", "<System>", "<EventID>", "7024", "</EventID>", "<Data Name=\"param2\">", "%%",
        "(0x80090006)",
        "Event[0]:\n", "  Event ID: ", "The ", " service terminated", "The service failed", "service-specific error: ",
        "following error:", "  Description: ", "Id           : ", "Message      : ", "TimeCreated  : ",
        "<applicationPools>", "<add name=\"", "<processModel identityType=\"", "<site name=\"", "<application path=\"",
        "<machineKey validationKey=\"", "AutoGenerate,IsolateApps", "\" />", "<httpRuntime targetFramework=\"4.5\"/>",
        "<!-- ", " -->", "<![CDATA[", "]]>", "&amp;", "&#x0;", "<?xml version=\"1.0\"?>",
        "<!DOCTYPE x [<!ENTITY a \"b\">]>",
        ":(OI)(CI)(F)", " BUILTIN\\Administrators", "Successfully processed 1 files; Failed processing 0 files",
        ": Access is denied.", "! REG.EXE VERSION 3.0\n", "\tMachineGuid\tREG_SZ\t",
        "Error:  The system was unable to find the specified registry key or value",
        "Event Type:\t", "Event Source:\t", "Event ID:\t", "Date:\t\t", "Time:\t\t", "Description:\n", "Data:\n",
        "0000: 49 00 49 00 ",
        "Log Name:      ", "Event Xml:\n", "<Binary>490049005300410044004D0049004E0000000000</Binary>",
        "Protokollname: ", "Nom du journal :",
        "ID de l’événement :", "イベント ID:", "事件 ID:", "事件識別碼:", "上午 ", "\u{00A0}", "\u{202F}", " <REP> ",
        " Verzeichnis von ", " 的目錄",
        "Type:         error\n", "Event:        7024\n", "Date Time:    ", "\"Type\",\"Event\",\"Date Time\"\n",
        "------ ------\n",
        "EventCode=7024\n", "InsertionStrings={\"IIS Admin Service\",\"%%2148073478\"}\n",
        "TimeGenerated=20100514081231.000000-000\n",
        "Data EventCode InsertionStrings SourceName\n", "{73, 0, 73, 0}",
        "Index  Time  EntryType  Source  InstanceID Message\n",
        "InstanceId         : 3221232496\n", "ReplacementStrings : {",
        "PSPath       : Microsoft.PowerShell.Core\\Registry::", "Get-ItemProperty : Cannot find path",
        " Everyone:(special access:)\n", "BUILTIN\\Administrators:F", "(OI)(CI)F", "C:\\Documents and Settings\\",
        "\n", "\r\n", "\r", "\t", " ", "\u{0}", "\u{FFFD}", "\u{FEFF}", "é", "🔑", "\u{301}"
    ]

    func testNoParserCrashesOnRandomOrMutatedInput() throws {
        var fixtures: [String] = []
        for name in try EvidenceFixtures.allNames() where name != "secrets.txt" {
            fixtures.append(try EvidenceFixtures.text(name))
        }
        for path in try EvidenceFormsTests.allPaths() { fixtures.append(try EvidenceFormsTests.text(path)) }
        // KEYWIZARD_FUZZ_SEED / KEYWIZARD_FUZZ_CASES widen a local run; CI uses the defaults.
        let seed = UInt64(ProcessInfo.processInfo.environment["KEYWIZARD_FUZZ_SEED"] ?? "") ?? 0x4B45_5957_495A_4152
        var rng = SplitMix64(seed: seed)
        XCTAssertEqual(Self.keyFragments.count, 15, "the five fixture keys are loaded")
        for parser in EvidenceRegistry.all {
            for index in 0..<Self.casesPerParser {
                let input = Self.input(index: index, fixtures: fixtures, rng: &rng)
                check(parser, input, index: index)
            }
        }
        // Both paths are exercised (a parser that refused everything would pass the checks above).
        XCTAssertEqual(outcomes.parsed + outcomes.refused, Self.casesPerParser * EvidenceRegistry.all.count)
        XCTAssertGreaterThan(outcomes.parsed, Self.casesPerParser / 10, "fuzz inputs that parse")
        XCTAssertGreaterThan(outcomes.refused, Self.casesPerParser, "fuzz inputs that are refused")
    }

    /// Fragments of the fixtures' keys that must never appear in any output: each key's first
    /// 8 bytes as plain hex and as .reg-style bytes, lower case (outputs are compared lower-cased).
    static let keyFragments: [String] = {
        let keys = (try? EvidenceFixtures.secrets()) ?? []
        return keys.flatMap { key -> [String] in
            let hex = String(key.prefix(16)).lowercased()
            let pairs = stride(from: 0, to: 16, by: 2).map { i in String(Array(hex)[i..<i + 2]) }
            return [hex, pairs.joined(separator: ","), pairs.joined(separator: "-")]
        }
    }()

    private var outcomes = (parsed: 0, refused: 0)

    private func assertNoKeyMaterial(_ text: String, _ what: String) {
        let lower = text.lowercased()
        for fragment in Self.keyFragments where lower.contains(fragment) {
            XCTFail("\(what) leaks key material \(fragment.prefix(6))...")
        }
    }

    private func check(_ parser: any EvidenceParser, _ input: String, index: Int) {
        let score = parser.detect(input)
        XCTAssertTrue((0...100).contains(score), "\(parser.id) case \(index): detect score \(score)")
        let digests: Set<String> = index % 2 == 0 ? [] : [String(repeating: "0", count: 64)]
        do {
            let parsed = try parser.parse(input, context: EvidenceContext(knownKeyDigests: digests))
            XCTAssertEqual(parsed.kind, parser.id)
            for field in parsed.fields where field.line < 1 {
                XCTFail("\(parser.id) case \(index): field \(field.name) has line \(field.line)")
            }
            for note in parsed.notes where note.line < 1 {
                XCTFail("\(parser.id) case \(index): note has line \(note.line)")
            }
            // The output is valid JSON, and holds no key material from the fixtures.
            guard let json = try? JSONEncoder().encode(parsed) else {
                return XCTFail("\(parser.id) case \(index): not encodable")
            }
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: json), "\(parser.id) case \(index): invalid JSON")
            assertNoKeyMaterial(
                String(decoding: json, as: UTF8.self) + parsed.summary, "\(parser.id) case \(index) output")
            outcomes.parsed += 1
        } catch let error as EvidenceError {
            XCTAssertGreaterThanOrEqual(error.line, 1, "\(parser.id) case \(index): \(error)")
            XCTAssertEqual(error.parser, parser.id)
            assertNoKeyMaterial("\(error)", "\(parser.id) case \(index) error")
            outcomes.refused += 1
        } catch {
            XCTFail("\(parser.id) case \(index): threw \(type(of: error)), not EvidenceError: \(error)")
        }
    }

    private static func input(index: Int, fixtures: [String], rng: inout SplitMix64) -> String {
        switch index % 5 {
        case 0:
            // Random bytes through the real decoder (BOMs included sometimes).
            var bytes = (0..<Int.random(in: 0...400, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if Bool.random(using: &rng) { bytes = [0xFF, 0xFE] + bytes }
            return EvidenceText.decode(Data(bytes))
        case 1:
            // Random sequences of format tokens.
            return (0..<Int.random(in: 1...60, using: &rng)).map { _ in tokens.randomElement(using: &rng)! }.joined()
        default:
            // A fixture, mutated.
            var scalars = Array(fixtures.randomElement(using: &rng)!.unicodeScalars)
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                mutate(&scalars, rng: &rng)
            }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: scalars)
            return String(text)
        }
    }

    private static func mutate(_ s: inout [Unicode.Scalar], rng: inout SplitMix64) {
        let count = s.count
        switch Int.random(in: 0..<6, using: &rng) {
        case 0 where count > 0: // truncate
            s.removeLast(Int.random(in: 0..<count, using: &rng))
        case 1 where count > 0: // replace a scalar
            s[Int.random(in: 0..<count, using: &rng)] = Unicode.Scalar(UInt8.random(in: 0...127, using: &rng))
        case 2: // insert a token
            let at = Int.random(in: 0...count, using: &rng)
            s.insert(contentsOf: tokens.randomElement(using: &rng)!.unicodeScalars, at: at)
        case 3 where count > 1: // delete a range
            let a = Int.random(in: 0..<count, using: &rng)
            let b = min(count, a + Int.random(in: 1...40, using: &rng))
            s.removeSubrange(a..<b)
        case 4 where count > 1: // duplicate a range
            let a = Int.random(in: 0..<count, using: &rng)
            let b = min(count, a + Int.random(in: 1...200, using: &rng))
            s.insert(contentsOf: s[a..<b], at: Int.random(in: 0...count, using: &rng))
        default: // swap two scalars
            guard count > 1 else { return }
            s.swapAt(Int.random(in: 0..<count, using: &rng), Int.random(in: 0..<count, using: &rng))
        }
    }
}

/// Hostile shapes that random mutation rarely reaches.
final class EvidenceHostileInputTests: XCTestCase {
    func testDeeplyNestedXMLIsRefusedNotACrash() {
        let deep = String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        for parser in [EventXMLParser(), ApplicationHostConfigParser(), MachineKeyConfigParser()]
            as [any EvidenceParser]
        {
            assertEvidenceError(try parser.parse(deep, context: EvidenceContext())) { error in
                XCTAssertTrue(error.found.contains("nested"), error.found)
            }
        }
    }

    func testEntityDeclarationsAreRefused() {
        let bomb =
            "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>\n<machineKey validationKey=\"&lol2;\"/>"
        assertEvidenceError(try MachineKeyConfigParser().parse(bomb, context: EvidenceContext())) {
            XCTAssertEqual($0.line, 2)
        }
    }

    func testLongLinesAndEmptyInput() {
        let long = String(repeating: "A", count: 200_000)
        for parser in EvidenceRegistry.all {
            for input in ["", "\n\n\n", long, "\u{0}\u{0}\u{0}"] {
                do { _ = try parser.parse(input, context: EvidenceContext()) } catch let error as EvidenceError {
                    XCTAssertGreaterThanOrEqual(error.line, 1)
                    XCTAssertLessThan(error.found.count, 100, "\(parser.id) quoted too much")
                } catch { XCTFail("\(parser.id): \(error)") }
            }
        }
    }
}
