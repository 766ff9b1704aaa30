import XCTest

@testable import DiagnosticRules

final class ConclusionReportTests: XCTestCase {
    var library: PlaybookLibrary { PlaybookLibrary.load(directory: ShippedPlaybooksTests.directory) }
    var evidenceRoot: URL { ShippedPlaybooksTests.directory.appendingPathComponent("tests") }

    /// Evidence files of a playbook's cases, auto-filled as `keywizard diagnose` does.
    func conclude(
        _ playbookId: String, evidence: [String], answers: [String: String] = [:],
        context: EvidenceContext = EvidenceContext()
    ) throws -> Conclusion {
        let p = try XCTUnwrap(library.playbook(playbookId))
        let inputs = try evidence.map { name -> AnswerBuilder.EvidenceInput in
            let url = evidenceRoot.appendingPathComponent(playbookId).appendingPathComponent("evidence")
                .appendingPathComponent(name)
            return .init(name: name, text: EvidenceText.decode(try Data(contentsOf: url)))
        }
        var given: [Answer] = []
        for (step, text) in answers {
            let s = try XCTUnwrap(p.step(step))
            guard case .success(let v) = StepInput.interpret(text, for: s, in: p, context: context, source: .typed)
            else {
                XCTFail("bad answer \(step)")
                continue
            }
            given.append(Answer(step: step, value: v))
        }
        let filled = AnswerBuilder.fill(playbook: p, evidence: inputs, existing: given, context: context)
        XCTAssertEqual(filled.unmatched.map(\.description), [])
        return Engine(playbook: p).evaluate(given + filled.answers)
    }

    func diagnosed() throws -> ConclusionReport {
        ConclusionReport(
            try conclude(
                "iis-admin-machineguid", evidence: ["event-7024.txt", "machineguid.txt", "machinekeys-old-guid.txt"],
                answers: ["guid_history": "clone"]))
    }

    func testJSONHasTheDocumentedShape() throws {
        let report = try diagnosed()
        XCTAssertEqual(report.status, .diagnosed)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try report.json().utf8)) as? [String: Any])
        XCTAssertEqual(
            Set(object.keys),
            ["format", "playbook", "status", "windows", "diagnoses", "missing", "facts", "why_not", "errors", "notes"])
        XCTAssertTrue(
            (object["windows"] as? String)?.contains("inferred from") ?? false,
            "the ProgramData listing shows the generation")
        XCTAssertEqual(object["format"] as? String, "keywizard-diagnosis/1")
        XCTAssertEqual(object["status"] as? String, "diagnosed")
        let playbook = try XCTUnwrap(object["playbook"] as? [String: Any])
        XCTAssertEqual(playbook["id"] as? String, "iis-admin-machineguid")
        XCTAssertNotNil(playbook["version"] as? String)
        let diagnosis = try XCTUnwrap((object["diagnoses"] as? [[String: Any]])?.first)
        for key in ["id", "title", "severity", "confidence", "summary", "rule", "remediation", "explanation"] {
            XCTAssertNotNil(diagnosis[key], "diagnosis.\(key)")
        }
        XCTAssertEqual(diagnosis["id"] as? String, "machineguid-changed")
        let remediation = try XCTUnwrap(diagnosis["remediation"] as? [[String: Any]])
        XCTAssertTrue(
            (remediation[1]["command"] as? String)?.contains("0b8e2f4c-7a1d-4e55-8c3b-9f6a2d1e7c40") ?? false,
            "placeholders filled")
        XCTAssertNotNil(remediation.last?["verify_command"])
        let fact = try XCTUnwrap(
            (object["facts"] as? [[String: Any]])?.first { $0["name"] as? String == "machine_guid" })
        XCTAssertEqual(fact["value"] as? String, "5c1f7a2e-0d4b-4f3a-9e61-2b7c8d90a1f4")
        XCTAssertTrue((fact["source"] as? String)?.contains("machineguid.txt") ?? false)
        let whyNot = try XCTUnwrap(object["why_not"] as? [[String: Any]])
        XCTAssertTrue(whyNot.contains { $0["diagnosis"] as? String == "key-files-missing" })
    }

    func testIncompleteReportListsMissingStepsWithTheirCommands() throws {
        let report = ConclusionReport(try conclude("iis-admin-machineguid", evidence: ["event-7024.txt"]))
        XCTAssertEqual(report.status, .incomplete)
        let first = try XCTUnwrap(report.document.missing.first)
        XCTAssertEqual(first.step, "windows", "the Windows release is asked first")
        XCTAssertEqual(first.command, "ver")
        let guid = try XCTUnwrap(report.document.missing.first { $0.step == "machine_guid_reg" })
        XCTAssertEqual(guid.command, #"reg query HKLM\SOFTWARE\Microsoft\Cryptography /v MachineGuid"#)
        XCTAssertTrue(report.text().contains("run: reg query HKLM"))
    }

    func testMissingStepCommandsHaveComputedPlaceholders() throws {
        let c = try conclude(
            "aspnet-autogen-keys", evidence: ["web-no-machinekey.config", "applicationHost.config"],
            answers: [
                "windows": "2016", "site_path": #"D:\sites\shop"#, "trigger": "recycle", "shared_apps": "no",
                "aspnet_version": "4.0.30319.0", "pool_name": "DefaultAppPool"
            ])
        let report = ConclusionReport(c)
        XCTAssertEqual(report.status, .incomplete)
        XCTAssertEqual(
            report.document.missing.first?.command,
            #"reg query "HKU\S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415\Software\Microsoft\ASP.NET\4.0.30319.0""#
        )
    }

    func testTextWrapsAt80Columns() throws {
        for report in [
            try diagnosed(), ConclusionReport(try conclude("iis-admin-machineguid", evidence: ["event-7024.txt"]))
        ] {
            let text = report.text(width: 80)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                XCTAssertLessThanOrEqual(line.count, 80, "too long: \(line)")
            }
            XCTAssertTrue(text.contains("What to do:") || text.contains("still needed"))
        }
        let narrow = try diagnosed().text(width: 50)
        XCTAssertTrue(narrow.split(separator: "\n").allSatisfy { $0.count <= 50 })
    }

    func testMarkdownHasHeadingsAndCodeBlocks() throws {
        let md = try diagnosed().markdown()
        XCTAssertTrue(md.hasPrefix("# KeyWizard diagnosis: "))
        XCTAssertTrue(md.contains("\n## MachineGuid changed after the IIS key containers were created\n"))
        XCTAssertTrue(md.contains("\n### How this was concluded\n"))
        XCTAssertTrue(md.contains("\n### What to do\n"))
        XCTAssertTrue(md.contains("\n## Facts\n\n| fact | value | source |"))
        XCTAssertTrue(md.contains("\n## Why not the other diagnoses\n"))
        XCTAssertTrue(md.contains("```\n   iisreset\n"), "commands in code blocks")
        XCTAssertTrue(md.contains(#"\<hash\>"#), "angle brackets in prose are escaped")
    }

    func testNotCoveredWhenEveryStepIsAnsweredWithoutDiagnosis() throws {
        let c = try conclude(
            "aspnet-autogen-keys",
            evidence: ["web-no-machinekey.config", "applicationHost.config", "reg-default-autogen.txt"],
            answers: [
                "windows": "2016", "site_path": #"D:\sites\shop"#, "trigger": "deploy", "shared_apps": "no",
                "aspnet_version": "4.0.30319.0", "pool_name": "DefaultAppPool"
            ])
        let report = ConclusionReport(c)
        XCTAssertEqual(report.status, .notCovered)
        XCTAssertTrue(report.text().contains("Not covered by this playbook"))
    }

    // MARK: known keys

    /// A fresh key, its SHA-256 written to a temporary known-keys list: the webfarm playbook
    /// concludes the disclosed-key incident, and does not when the list lacks the digest.
    func testDisclosedKeyFromAGeneratedKnownKeysList() throws {
        let key = (0..<64).map { _ in String(format: "%02X", UInt8.random(in: 0...255)) }.joined()
        let digest = KnownKeys.digest(ofKeyText: key) // Microsoft's convention: the key text upper-cased
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kw-known-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let listed = dir.appendingPathComponent("known.txt")
        try "# test list\n\(digest)\n".write(to: listed, atomically: true, encoding: .utf8)
        let other = dir.appendingPathComponent("other.txt")
        try "\(String(repeating: "ab", count: 32))\n".write(to: other, atomically: true, encoding: .utf8)

        let config = """
            <configuration><system.web><machineKey validationKey="\(key)" decryptionKey="\(String(repeating: "CAFEBABE", count: 8))" validation="HMACSHA256" decryption="AES" /></system.web></configuration>
            """
        let p = try XCTUnwrap(library.playbook("webfarm-viewstate-mac"))
        func run(_ list: URL) throws -> Conclusion {
            let context = EvidenceContext(
                knownKeyDigests: try KnownKeys.load(text: String(contentsOf: list, encoding: .utf8)))
            let inputs: [AnswerBuilder.EvidenceInput] = [
                .init(name: "a.config", text: config), .init(name: "b.config", text: config)
            ]
            var answers = [
                Answer(step: "error_seen", value: .value(.string("viewstate_mac"))),
                Answer(step: "affinity", value: .value(.boolean(false))),
                Answer(step: "third_node", value: .value(.boolean(false)))
            ]
            answers += AnswerBuilder.fill(playbook: p, evidence: inputs, existing: answers, context: context).answers
            return Engine(playbook: p).evaluate(answers)
        }
        let hit = try run(listed)
        XCTAssertEqual(hit.diagnoses.map(\.diagnosis.id), ["disclosed-key"])
        let report = try ConclusionReport(hit).json()
        XCTAssertFalse(report.contains(key), "the key itself never reaches the report")
        XCTAssertFalse(report.lowercased().contains(digest), "nor its full digest")

        let miss = try run(other)
        XCTAssertFalse(miss.diagnoses.contains { $0.diagnosis.id == "disclosed-key" })
        XCTAssertEqual(miss.value("node_a_vk_disclosed"), .boolean(false))
        XCTAssertEqual(miss.diagnoses.map(\.diagnosis.id), ["farm-keys-consistent"])
    }
}

final class ChoosePlaybookTests: XCTestCase {
    func testTwoWebConfigsPointToTheFarmPlaybook() throws {
        let lib = PlaybookLibrary.load(directory: ShippedPlaybooksTests.directory)
        let dir = ShippedPlaybooksTests.directory.appendingPathComponent("tests/webfarm-viewstate-mac/evidence")
        let inputs = try ["node-a.config", "node-b-same.config"].map {
            AnswerBuilder.EvidenceInput(
                name: $0, text: EvidenceText.decode(try Data(contentsOf: dir.appendingPathComponent($0))))
        }
        XCTAssertEqual(
            AnswerBuilder.choosePlaybook(lib.playbooks, evidence: inputs, context: EvidenceContext())?.id,
            "webfarm-viewstate-mac")
        let event = ShippedPlaybooksTests.directory.appendingPathComponent(
            "tests/iis-admin-machineguid/evidence/event-7024.xml")
        let one = [AnswerBuilder.EvidenceInput(name: "e", text: EvidenceText.decode(try Data(contentsOf: event)))]
        XCTAssertEqual(
            AnswerBuilder.choosePlaybook(lib.playbooks, evidence: one, context: EvidenceContext())?.id,
            "iis-admin-machineguid")
    }
}
