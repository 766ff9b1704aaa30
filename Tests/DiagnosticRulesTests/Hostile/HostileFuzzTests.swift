import Foundation
import XCTest

@testable import DiagnosticRules

/// Issue 15: a seeded fuzz target per parser, for playbooks and for session files, bounded
/// for CI (KEYWIZARD_FUZZ_CASES, default 120 per target; KEYWIZARD_FUZZ_SEED to vary). The
/// seed corpus is the evidence and answers of the shipped example cases (Playbooks/tests).
/// Properties: nothing crashes; no key material planted in the input reaches any output
/// (parsed fields, reports, error messages); no escape sequence reaches a report; every JSON
/// output is valid JSON.
final class HostileFuzzTests: XCTestCase {
    static let cases = Int(ProcessInfo.processInfo.environment["KEYWIZARD_FUZZ_CASES"] ?? "") ?? 120
    static let seed = UInt64(ProcessInfo.processInfo.environment["KEYWIZARD_FUZZ_SEED"] ?? "") ?? 0x15_15_15_15
    static let playbooksDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Playbooks")

    static let hexKey = KeyShapesTests.hex128
    static let b64Key = KeyShapesTests.base64Key
    /// What must never appear in an output (a fragment of each planted secret).
    static let probes = [
        String(hexKey.prefix(24)), String(hexKey.dropFirst(40).prefix(24)), String(b64Key.prefix(20)),
        "124, 26, 158, 42"
    ]
    /// Key material in the shapes evidence shows it, to splice into the corpus.
    static var plants: [String] {
        let h = hexKey
        let bytes = stride(from: 0, to: 128, by: 2).map { i in String(h.dropFirst(i).prefix(2)) }.joined(separator: ",")
        return [
            "<machineKey validationKey=\"\(h)\" decryptionKey=\"\(h.prefix(48))\" />",
            "    AutoGenKeyV4    REG_BINARY    \(h)",
            "\"AutoGenKeyV4\"=hex:\(bytes)", "<Data>\(b64Key)</Data>", "    AutoGenKey    REG_SZ    \(b64Key)",
            "error with key \(h) inside", "AutoGenKeyV4 : {124, 26, 158, 42, 7, 99, 201, 13...}",
            "\(h)_5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4",
            "\u{1B}]52;c;\(b64Key)\u{07}"
        ]
    }

    /// Every evidence file of the example cases, and the test fixtures.
    static func corpus() throws -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for pb in ((try? fm.contentsOfDirectory(atPath: playbooksDir.appendingPathComponent("tests").path)) ?? [])
            .sorted()
        {
            let ev = playbooksDir.appendingPathComponent("tests/\(pb)/evidence")
            for name in ((try? fm.contentsOfDirectory(atPath: ev.path)) ?? []).sorted() {
                if let d = fm.contents(atPath: ev.appendingPathComponent(name).path) {
                    out.append(EvidenceText.decode(d))
                }
            }
        }
        for name in try EvidenceFixtures.allNames() where name != "secrets.txt" {
            out.append(try EvidenceFixtures.text(name))
        }
        return out
    }

    static func mutate(_ text: String, rng: inout SplitMix64) -> String {
        var lines = text.components(separatedBy: "\n")
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let i = Int.random(in: 0...lines.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0, 1: lines.insert(plants.randomElement(using: &rng)!, at: i)
            case 2 where i < lines.count: lines[i] += plants.randomElement(using: &rng)!
            case 3 where i < lines.count: lines.remove(at: i)
            default: lines.insert(EvidenceFuzzTests.tokens.randomElement(using: &rng)!, at: i)
            }
        }
        return lines.joined(separator: "\n")
    }

    func assertClean(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for p in Self.probes where text.contains(p) {
            let at = text.range(of: p)!.lowerBound
            XCTFail(
                "\(what): key material leaked (\(p)): ...\(text[text.index(at, offsetBy: -min(120, text.distance(from: text.startIndex, to: at)))...].prefix(200))",
                file: file, line: line)
        }
    }

    func assertJSON(_ text: String, _ what: String) {
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]), what)
    }

    func testEveryParserNeverLeaksPlantedKeys() throws {
        let corpus = try Self.corpus()
        XCTAssertGreaterThan(corpus.count, 10)
        var rng = SplitMix64(seed: Self.seed)
        for parser in EvidenceRegistry.all {
            for n in 0..<Self.cases {
                let input = Self.mutate(corpus.randomElement(using: &rng)!, rng: &rng)
                let what = "\(parser.id) case \(n)"
                do {
                    let parsed = try parser.parse(input, context: EvidenceContext())
                    let json = String(decoding: try JSONEncoder().encode(parsed), as: UTF8.self)
                    assertJSON(json, what)
                    assertClean(json, what)
                    assertClean(EvidenceReport(file: "x.txt", parsed: parsed).textLines().joined(separator: "\n"), what)
                } catch {
                    assertClean("\(error)", what + " (error)")
                }
            }
        }
    }

    /// Sessions of the example cases, written, then damaged and salted with keys and escapes.
    func testSessionFilesNeverCrashLeakOrEmitEscapes() throws {
        let lib = PlaybookLibrary.load(directory: Self.playbooksDir)
        let runner = CaseRunner(library: lib)
        var seeds: [(Data, Playbook)] = []
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kw-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for pb
            in ((try? FileManager.default.contentsOfDirectory(
                atPath: Self.playbooksDir.appendingPathComponent("tests").path)) ?? []).sorted()
        {
            let folder = Self.playbooksDir.appendingPathComponent("tests/\(pb)")
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter({
                $0.hasSuffix(".yaml")
            }).sorted().prefix(3) {
                guard case .success(let c) = PlaybookCase.load(folder.appendingPathComponent(name)),
                    let conclusion = runner.run(c).conclusion, let p = lib.playbook(c.playbookId)
                else { continue }
                let url = dir.appendingPathComponent("\(pb)-\(name).jsonl")
                try SessionFile.write(
                    answers: Array(conclusion.answers.values), playbook: p, conclusion: conclusion, hostLabel: "WEB01",
                    to: url)
                seeds.append((try Data(contentsOf: url), p))
            }
        }
        XCTAssertGreaterThan(seeds.count, 3)
        var rng = SplitMix64(seed: Self.seed ^ 0x5E55)
        let salts = Self.plants.map {
            $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\u{1B}", with: "\\u001b").replacingOccurrences(of: "\u{07}", with: "\\u0007")
        }
        for n in 0..<Self.cases {
            let (data, playbook) = seeds.randomElement(using: &rng)!
            var text = String(decoding: data, as: UTF8.self)
            // Salt string values: after a `":"` insert key material or an escape sequence.
            for _ in 0..<Int.random(in: 1...5, using: &rng) {
                let marks = text.ranges(of: "\":\"")
                guard let r = marks.randomElement(using: &rng) else { break }
                text.insert(contentsOf: salts.randomElement(using: &rng)! + " \\u001b]2;t\\u0007", at: r.upperBound)
            }
            var lines = text.components(separatedBy: "\n")
            if n % 3 == 0, lines.count > 2 { lines.swapAt(1, Int.random(in: 1..<lines.count, using: &rng)) }
            if n % 4 == 0 {
                lines.insert(
                    String(decoding: (0..<40).map { _ in UInt8.random(in: 0...255, using: &rng) }, as: UTF8.self),
                    at: Int.random(in: 0...lines.count, using: &rng))
            }
            let url = dir.appendingPathComponent("f\(n).jsonl")
            guard let loaded = try? SessionFile.parse(Data(lines.joined(separator: "\n").utf8), url: url) else {
                continue
            }
            let what = "session case \(n)"
            let checklist = Checklist(session: loaded, playbook: playbook, date: Date(timeIntervalSince1970: 0))
            let outputs = [
                ChecklistText.render(checklist), ChecklistMarkdown.render(checklist), ChecklistHTML.render(checklist),
                try ChecklistJSON.render(checklist),
                ReplayReport.text(SessionReplay.replay(loaded, engine: Engine(playbook: playbook))),
                SessionListing.text([SessionSummary(loaded)], directory: dir)
            ]
            assertJSON(outputs[3], what)
            assertJSON(try ReplayReport.json(SessionReplay.replay(loaded, engine: Engine(playbook: playbook))), what)
            for o in outputs {
                assertClean(o, what)
                XCTAssertFalse(
                    o.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(what): escape emitted")
            }
        }
    }

    func testMutatedShippedPlaybooksNeverCrashOrQuoteSecrets() throws {
        let fm = FileManager.default
        let texts = try fm.contentsOfDirectory(atPath: Self.playbooksDir.path).filter { $0.hasSuffix(".yaml") }.sorted()
            .map { try String(contentsOf: Self.playbooksDir.appendingPathComponent($0), encoding: .utf8) }
        XCTAssertFalse(texts.isEmpty)
        var rng = SplitMix64(seed: Self.seed ^ 0x9B)
        for n in 0..<Self.cases {
            var lines = texts.randomElement(using: &rng)!.components(separatedBy: "\n")
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let i = Int.random(in: 0..<lines.count, using: &rng)
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: lines.insert(Self.plants.randomElement(using: &rng)!, at: i)
                case 1: lines[i] = String(lines[i].prefix(Int.random(in: 0...max(0, lines[i].count), using: &rng)))
                case 2: lines.remove(at: i)
                default: lines.swapAt(i, Int.random(in: 0..<lines.count, using: &rng))
                }
            }
            let r = PlaybookLoader.load(text: lines.joined(separator: "\n"), file: "fuzz.yaml")
            for d in r.diagnostics { assertClean(d.description, "playbook case \(n)") }
            if let p = r.playbook {
                for d in PlaybookLinter.lint(p) { assertClean(d.description, "playbook case \(n) lint") }
                XCTAssertNoThrow(try ConclusionReport(Engine(playbook: p).evaluate([])).json())
            }
        }
    }
}
