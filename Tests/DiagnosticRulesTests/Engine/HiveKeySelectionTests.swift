import XCTest

@testable import DiagnosticRules

/// The mapping of hive AutoGenKey evidence into the aspnet-autogen-keys playbook: a SOFTWARE
/// hive (or a volume's user hives) holds keys of several SIDs and ASP.NET versions, and the
/// steps `machine_hive_query` / `user_hive_query` read, through `select_key`, only the key of
/// the pool's own SID and version. Built here from `ArtifactEvidenceBuilder` as the hive
/// reader builds it, without a hive file (the WindowsArtifacts tests read real hive files).
final class HiveKeySelectionTests: XCTestCase {
    /// ShopPool (ApplicationPoolIdentity) of the playbook's own applicationHost.config.
    static let shopSID = "S-1-5-82-3521694234-755059382-4038971400-676492-3051792751"
    /// DefaultAppPool: another pool's key in the same hive.
    static let otherSID = "S-1-5-82-3006700770-424185619-1745488364-794895919-4004696415"
    static let shopKey = [UInt8](repeating: 0x5A, count: 1024)
    static let otherKey = [UInt8](repeating: 0xC3, count: 1024)
    static let shopTime: UInt64 = 133_500_000_000_000_000
    static let otherTime: UInt64 = 133_700_000_000_000_000

    static func machinePath(_ sid: String, _ version: String = "4.0.30319.0") -> String {
        "HKLM\\SOFTWARE\\Microsoft\\ASP.NET\\\(version)\\AutoGenKeys\\\(sid)"
    }

    /// The values of an AutoGenKeys entry as a hive holds them.
    static func values(key: [UInt8], time: UInt64) -> [ArtifactRegistryValue] {
        [
            ArtifactRegistryValue(
                name: "AutoGenKeyV4", type: "REG_BINARY", display: key.map { String(format: "%02X", $0) }.joined(),
                bytes: key, number: nil),
            ArtifactRegistryValue(
                name: "AutoGenKeyCreationTime", type: "REG_QWORD", display: "0x" + String(time, radix: 16), bytes: nil,
                number: time)
        ]
    }

    /// A SOFTWARE hive's evidence holding the other pool's key first, then (optionally) ShopPool's.
    static func software(withShopKey: Bool) -> ParsedEvidence {
        var keys = [
            ArtifactEvidenceBuilder.key(
                machinePath(otherSID), values: values(key: otherKey, time: otherTime), kind: ArtifactKind.softwareHive
            ).key
        ]
        if withShopKey {
            keys.append(
                ArtifactEvidenceBuilder.key(
                    machinePath(shopSID), values: values(key: shopKey, time: shopTime), kind: ArtifactKind.softwareHive
                ).key)
        }
        var b = ArtifactEvidenceBuilder(kind: ArtifactKind.softwareHive)
        b.markSecrets()
        b.registryKeys = RegistryKeyEvidence(
            keys: keys,
            coverage: [.init(prefix: "HKLM\\SOFTWARE", absent: true, note: "no such key in the SOFTWARE hive")])
        return b.build(summary: "SOFTWARE registry hive")
    }

    /// A volume's user hives joined by ProfileList: NetworkService's profile was read (no
    /// key); ShopPool has no profile, unless `shopProfileUnreadable`.
    static func userHives(shopProfileUnreadable: Bool = false) -> ParsedEvidence {
        var coverage: [RegistryKeyEvidence.Coverage] = [
            .init(prefix: "HKU", absent: true, note: "SOFTWARE: ProfileList has no profile for this SID"),
            .init(
                prefix: "HKU\\S-1-5-20", absent: true, note: "NetworkService\\NTUSER.DAT: no such key in this user hive"
            )
        ]
        if shopProfileUnreadable {
            coverage.append(
                .init(
                    prefix: "HKU\\\(shopSID)", absent: false,
                    note:
                        "ProfileList names C:\\Users\\ShopPool as its profile, but its NTUSER.DAT is not on this volume"
                ))
        }
        var b = ArtifactEvidenceBuilder(kind: ArtifactKind.userHive)
        b.registryKeys = RegistryKeyEvidence(coverage: coverage)
        return b.build(summary: "user hives by ProfileList")
    }

    func playbook() throws -> Playbook {
        try XCTUnwrap(
            PlaybookLibrary.load(directory: ShippedPlaybooksTests.directory).playbook("aspnet-autogen-keys"))
    }

    /// The operator's answers (the playbook's own evidence files for web.config and
    /// applicationHost.config), as `diagnose --answers` gives them.
    func answers(_ p: Playbook, version: String = "4.0.30319.0", pool: String? = "ShopPool") throws -> [Answer] {
        var yaml = """
            windows: "2016"
            trigger: recycle
            site_path: 'D:\\sites\\shop'
            web_config: {evidence: evidence/web-no-machinekey.config}
            shared_apps: no
            aspnet_version: \(version)
            apphost: {evidence: evidence/applicationHost.config}

            """
        if let pool { yaml += "pool_name: \(pool)\n" }
        let built = AnswerBuilder.answers(
            fromText: yaml, file: "answers.yaml",
            baseDirectory: ShippedPlaybooksTests.directory.appendingPathComponent("tests/aspnet-autogen-keys"),
            playbook: p, context: EvidenceContext())
        XCTAssertEqual(built.problems.map(\.description), [])
        return built.answers
    }

    /// The hive files as `diagnose` gives them: each to the step that takes its kind.
    func hiveAnswers(_ p: Playbook, software: ParsedEvidence, users: ParsedEvidence) -> [Answer] {
        let filled = AnswerBuilder.fill(
            playbook: p,
            parsed: [.init(name: "SOFTWARE", parsed: software), .init(name: "user hives", parsed: users)],
            existing: [])
        XCTAssertEqual(filled.unmatched.map(\.description), [])
        XCTAssertEqual(filled.answers.map(\.step), ["machine_hive_query", "user_hive_query"])
        return filled.answers
    }

    func testSoftwareHiveAnswersWithThePoolsOwnKeyNotTheFirstListed() throws {
        let p = try playbook()
        let c = Engine(playbook: p).evaluate(
            try answers(p) + hiveAnswers(p, software: Self.software(withShopKey: true), users: Self.userHives()))
        XCTAssertEqual(c.diagnoses.map(\.diagnosis.id), ["restart-not-the-cause"])
        XCTAssertTrue(c.finished)
        XCTAssertEqual(c.errors, [])
        XCTAssertEqual(c.value("sid"), .string(Self.shopSID))
        XCTAssertEqual(c.value("user_key_missing"), .boolean(true))
        XCTAssertEqual(c.value("user_key_from_file"), .boolean(true))
        XCTAssertEqual(c.value("machine_key_present"), .boolean(true))
        // ShopPool's creation time, not that of the key listed first (DefaultAppPool's).
        XCTAssertEqual(c.value("machine_key_created_ft"), .integer(Int64(Self.shopTime)))
        XCTAssertEqual(c.value("key_created"), .string(FileTime.utcText(Int64(Self.shopTime))!))
        XCTAssertEqual(c.value("key_store"), .string(Self.machinePath(Self.shopSID)))
        XCTAssertFalse(c.relevantSteps.contains("pool_running"), "a hive file has no 'was the hive loaded' doubt")
        XCTAssertEqual(
            c.facts["machine_key_present"]?.origin.description,
            "SOFTWARE, key \(Self.machinePath(Self.shopSID)), value AutoGenKeyV4: the software-hive evidence for step 'machine_hive_query'"
        )
        XCTAssertEqual(
            c.facts["user_key_missing"]?.origin.description,
            "user hives, SOFTWARE: ProfileList has no profile for this SID: the user-hive evidence for step 'user_hive_query'"
        )
        // The explanation's evidence lines cite the key of the pool's SID and the ProfileList.
        let how = Explainer(c).how(diagnosis: "restart-not-the-cause").map(\.text)
        XCTAssertTrue(
            how.contains(
                "machine_key_present = true  [SOFTWARE, key \(Self.machinePath(Self.shopSID)), value AutoGenKeyV4: the software-hive evidence for step 'machine_hive_query']"
            ), how.joined(separator: "\n"))
        XCTAssertTrue(
            how.contains {
                $0.hasPrefix("user_key_missing = true  [user hives, SOFTWARE: ProfileList has no profile for this SID")
            }, how.joined(separator: "\n"))
        // Only fingerprints anywhere in the report.
        let report = try ConclusionReport(c).json()
        XCTAssertFalse(report.contains("5A5A5A5A5A5A5A5A"), "key bytes in the report")
        XCTAssertFalse(report.uppercased().contains("C3C3C3C3C3C3C3C3"), "the other pool's key bytes in the report")
        XCTAssertTrue(
            c.diagnoses[0].summary.contains("under \(Self.machinePath(Self.shopSID))"), c.diagnoses[0].summary)
    }

    func testNoKeyForThePoolsSIDOrVersionIsNoPersistedKey() throws {
        let p = try playbook()
        // The hive holds only another pool's key: ShopPool's own entry does not exist.
        var c = Engine(playbook: p).evaluate(
            try answers(p) + hiveAnswers(p, software: Self.software(withShopKey: false), users: Self.userHives()))
        XCTAssertEqual(c.diagnoses.map(\.diagnosis.id), ["no-persisted-key"])
        XCTAssertEqual(c.value("machine_key_missing"), .boolean(true))
        XCTAssertNil(c.value("machine_key_present"))
        XCTAssertEqual(c.value("key_persisted"), .boolean(false))
        XCTAssertFalse(c.relevantSteps.contains("pool_running"))
        XCTAssertEqual(
            c.facts["machine_key_missing"]?.origin.description,
            "SOFTWARE, no such key in the SOFTWARE hive: the software-hive evidence for step 'machine_hive_query'")
        // A 2.0 pool: ShopPool's 4.0 key is not its key.
        c = Engine(playbook: p).evaluate(
            try answers(p, version: "2.0.50727.0")
                + hiveAnswers(p, software: Self.software(withShopKey: true), users: Self.userHives()))
        XCTAssertEqual(c.diagnoses.map(\.diagnosis.id), ["no-persisted-key"])
        XCTAssertEqual(c.value("machine_key_missing"), .boolean(true))
    }

    /// A profile ProfileList names but whose hive is not there: the hive cannot say, so the
    /// question is asked (and the report says why), never answered "no key".
    func testUnknownProfileLeavesTheQuestionAsked() throws {
        let p = try playbook()
        let c = Engine(playbook: p).evaluate(
            try answers(p)
                + hiveAnswers(
                    p, software: Self.software(withShopKey: true), users: Self.userHives(shopProfileUnreadable: true)))
        XCTAssertEqual(c.diagnoses.map(\.diagnosis.id), [])
        XCTAssertEqual(c.nextStep?.id, "user_hive_query")
        XCTAssertNil(c.answers["user_hive_query"])
        XCTAssertNil(c.value("user_key_missing"))
        XCTAssertNil(c.value("machine_key_present"), "the machine store is asked only after the identity's hive")
        let note = try XCTUnwrap(c.unansweredEvidence["user_hive_query"])
        XCTAssertTrue(note.contains("its NTUSER.DAT is not on this volume"), note)
        let report = ConclusionReport(c)
        XCTAssertEqual(report.status, .incomplete)
        XCTAssertTrue(report.text().contains("step 'user_hive_query' is still asked"), report.text())
    }

    /// Until the pool (so its SID) is known, the hive answers wait: nothing is read from them.
    func testHiveAnswersWaitForTheKeyTheyAreAskedFor() throws {
        let p = try playbook()
        let c = Engine(playbook: p).evaluate(
            try answers(p, pool: nil)
                + hiveAnswers(p, software: Self.software(withShopKey: true), users: Self.userHives()))
        XCTAssertNil(c.value("sid"))
        XCTAssertNil(c.value("machine_key_present"))
        XCTAssertNil(c.value("user_key_missing"))
        XCTAssertEqual(c.unansweredEvidence, [:])
        XCTAssertEqual(c.nextStep?.id, "pool_name")
    }

    func testRegistryKeySelection() {
        let key = RegistryKeyEvidence.Key(path: Self.machinePath(Self.shopSID), fields: [])
        let e = RegistryKeyEvidence(
            keys: [key, .init(path: "HKCU\\Software\\Microsoft\\ASP.NET\\4.0.30319.0", fields: [])],
            coverage: [
                .init(prefix: "HKLM\\SOFTWARE", absent: true, note: "not in SOFTWARE"),
                .init(prefix: "HKLM\\SOFTWARE\\Microsoft\\ASP.NET\\2.0.50727.0", absent: false, note: "2.0 unknown"),
                .init(prefix: "HKCU", absent: true, note: "not in the user hive")
            ])
        // Root spelled long, other case, trailing backslash: the same key.
        XCTAssertEqual(
            e.select("hkey_local_machine\\software\\microsoft\\asp.net\\4.0.30319.0\\autogenkeys\\\(Self.shopSID)\\"),
            .found(key))
        XCTAssertEqual(e.select(Self.machinePath(Self.otherSID)), .absent("not in SOFTWARE"))
        XCTAssertEqual(e.select(Self.machinePath(Self.otherSID, "2.0.50727.0")), .unknown("2.0 unknown"))
        // Prefixes cover whole components only.
        XCTAssertEqual(e.select("HKLM\\SOFTWAREX\\y"), .unknown("the evidence does not cover HKLM\\SOFTWAREX\\y"))
        // A user hive given on its own (HKCU) stands for the identity's HKU\<SID>.
        XCTAssertEqual(
            e.select("HKU\\\(Self.shopSID)\\Software\\Microsoft\\ASP.NET\\4.0.30319.0"),
            .found(e.keys[1]))
        XCTAssertEqual(
            e.select("HKU\\\(Self.shopSID)\\Software\\Microsoft\\ASP.NET\\2.0.50727.0"),
            .absent("not in the user hive"))
        // Pasted reg query output (one key, no key list) is read as it is.
        let pasted = ParsedEvidence(
            kind: "reg-query", summary: "",
            fields: [EvidenceField(name: "registry_value_missing", value: .boolean(true), line: 3)])
        XCTAssertEqual(pasted.selecting(key: "HKLM\\x").evidence, pasted)
    }

    func testLintRequiresSelectKeyForPerKeyHiveFields() {
        func load(_ step: String) -> [String] {
            let yaml = """
                id: t
                title: T
                version: 1.0.0
                symptom: S
                facts:
                  - {id: key_path, type: string, description: k}
                  - {id: count, type: integer, description: n}
                  - {id: present, type: boolean, description: p}
                steps:
                  - id: path
                    prompt: P
                    input: text
                    sets: key_path
                \(step)
                rules:
                  - {id: r, when: present == true, then: {conclude: [d]}}
                diagnoses:
                  - id: d
                    title: D
                    severity: low
                    summary: S
                    remediation:
                      - {text: check, verify: ok, verify_command: ver}
                """
            return PlaybookLoader.load(text: yaml, file: "t.yaml").diagnostics.map(\.description)
        }
        let base = """
              - id: q
                prompt: Q
                input: paste
            """
        var found = load(base + "\n    parser: [reg-query, software-hive]\n    fields: {autogen_key_present: present}")
        XCTAssertTrue(
            found.contains { $0.contains("error") && $0.contains("add 'select_key: <fact>'") },
            found.joined(separator: "\n"))
        found = load(
            base
                + "\n    parser: [reg-query, software-hive]\n    select_key: key_path\n    fields: {autogen_key_present: present}"
        )
        XCTAssertEqual(found, [])
        found = load(
            base + "\n    parser: [reg-query]\n    select_key: key_path\n    fields: {autogen_key_present: present}")
        XCTAssertTrue(
            found.contains { $0.contains("warning") && $0.contains("select_key has no effect") },
            found.joined(separator: "\n"))
        found = load(
            base + "\n    parser: [software-hive]\n    select_key: count\n    fields: {autogen_key_present: present}")
        XCTAssertTrue(found.contains { $0.contains("fact 'count' must be a string") }, found.joined(separator: "\n"))
    }

    /// `keywizard test` gives a case's hive files to the steps through the reader it is
    /// handed; without one, the case fails naming the file instead of ignoring it.
    func testCaseRunnerReadsHiveEvidenceThroughItsReader() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kw-hive-case-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("regf (a hive the stub reader stands for)".utf8).write(to: folder.appendingPathComponent("SOFTWARE"))
        let evidence = ShippedPlaybooksTests.directory.appendingPathComponent("tests/aspnet-autogen-keys/evidence").path
        let url = folder.appendingPathComponent("case.yaml")
        try """
        playbook: aspnet-autogen-keys
        evidence: [SOFTWARE, \(evidence)/web-no-machinekey.config, \(evidence)/applicationHost.config, \(evidence)/reg-user-missing.txt]
        answers: {windows: "2016", site_path: 'D:\\sites\\shop', trigger: recycle, shared_apps: no, aspnet_version: 4.0.30319.0, pool_name: ShopPool, pool_running: yes}
        expect:
          diagnoses: [restart-not-the-cause]
          facts: {machine_key_created_ft: \(Self.shopTime)}
        """.write(to: url, atomically: true, encoding: .utf8)
        guard case .success(let c) = PlaybookCase.load(url) else { return XCTFail("case does not load") }
        XCTAssertEqual(c.artifactEvidence, ["SOFTWARE"])
        let lib = PlaybookLibrary.load(directory: ShippedPlaybooksTests.directory)
        let software = Self.software(withShopKey: true)
        let read = CaseRunner(library: lib, artifactReader: { _ in software }).run(c)
        XCTAssertTrue(read.passed, read.failures.joined(separator: "\n"))
        let unread = CaseRunner(library: lib).run(c)
        XCTAssertTrue(
            unread.failures.contains {
                $0.contains("evidence 'SOFTWARE' is a registry hive or event log; run the case with `keywizard test`")
            },
            unread.failures.joined(separator: "\n"))
    }
}
