import XCTest

@testable import DiagnosticRules

/// Commands by Windows release: the table form in the loader, the lint rules that keep every
/// command runnable on the operator's Windows, and the 2003 / 2019 forms of the blog's case.
final class WindowsVersionTests: XCTestCase {
    static let minimal = """
        id: t
        title: T
        version: 1.0.0
        windows: ["2003", "2016"]
        symptom: s
        facts:
          - {id: windows, type: string}
          - {id: x, type: boolean}
        steps:
          - id: windows
            prompt: Which Windows?
            input: choice
            sets: windows
            choices:
              - {value: 2003-x86, label: "2003"}
              - {value: "2016", label: "2016"}
          - id: x
            prompt: X?
            command: STEPCMD
            input: yesno
            sets: x
        rules:
          - {id: r, when: x == true, then: {conclude: [d]}}
        diagnoses:
          - id: d
            title: D
            severity: low
            summary: S
            remediation:
              - text: REMEDIATION
                command: REMCMD
                verify: ok
                verify_command: ver
        """

    func load(command: String = "ver", remediation: String = "ver", text: String = "Do it") -> PlaybookLoader.Result {
        let yaml = Self.minimal.replacingOccurrences(of: "STEPCMD", with: command)
            .replacingOccurrences(of: "REMCMD", with: remediation).replacingOccurrences(of: "REMEDIATION", with: text)
        return PlaybookLoader.load(text: yaml, file: "t.yaml")
    }

    func testTableCommandResolvesByReleaseThenFamilyThenAll() throws {
        let r = load(
            command: "\n      nt5: dir /a \"%ALLUSERSPROFILE%\\Application Data\"\n      2016: dir /a \"%ProgramData%\""
        )
        let p = try XCTUnwrap(r.playbook, r.diagnostics.description)
        let c = try XCTUnwrap(p.step("x")?.commands)
        XCTAssertEqual(c.text(for: WindowsTarget(answer: "2003-x64")), "dir /a \"%ALLUSERSPROFILE%\\Application Data\"")
        XCTAssertEqual(c.text(for: WindowsTarget(answer: "2016")), "dir /a \"%ProgramData%\"")
        XCTAssertNil(c.text(for: nil), "a command that depends on the release is never guessed")
        XCTAssertEqual(c.variants[0].location, SourceLocation(file: "t.yaml", line: 20, column: 12))
        XCTAssertEqual(PlaybookLinter.lint(p).filter { $0.severity == .error }.map(\.description), [])
    }

    func testUnknownTableKeyIsAnErrorAtItsPlace() {
        let r = load(command: "\n      nt7: ver\n      nt5: ver")
        XCTAssertNil(r.playbook)
        XCTAssertEqual(
            r.errors.first?.description,
            "t.yaml:20:7: error: unknown Windows key 'nt7' in command; use all, nt5, nt6 or a release (2000, 2003, 2008, 2008r2, 2012, 2016) (did you mean 'nt5'?)"
        )
    }

    func testLintRejectsAStepWithoutACommandForASupportedRelease() throws {
        let p = try XCTUnwrap(load(command: "\n      nt6: wevtutil qe System /c:1 /f:text").playbook)
        let messages = PlaybookLinter.lint(p).map(\.description)
        XCTAssertTrue(
            messages.contains(
                "t.yaml:20:12: error: step 'x' command has no command for Windows 2003, which the playbook supports (it has: nt6); add a '2003:' or 'nt5:' entry"
            ), messages.description)
    }

    func testLintRejectsAPlaceholderThatCmdReadsAsARedirection() throws {
        let p = try XCTUnwrap(load(command: "type D:\\sites\\<app>\\web.config").playbook)
        XCTAssertTrue(
            PlaybookLinter.lint(p).map(\.description).contains(
                "t.yaml:19:28: error: step 'x' command: '<app>' is a placeholder cmd would read as a redirection; ask for the value in an earlier step and use {fact}"
            ))
    }

    func testLintRejectsUnquotedPathsThatCanHoldSpaces() throws {
        let p = try XCTUnwrap(load(command: "dir /a %ALLUSERSPROFILE%\\Microsoft\\Crypto\\RSA\\MachineKeys").playbook)
        XCTAssertTrue(
            PlaybookLinter.lint(p).contains {
                $0.location == SourceLocation(file: "t.yaml", line: 19, column: 21)
                    && $0.message.contains("not in double quotes")
            })
        let quoted = try XCTUnwrap(
            load(command: "dir /a \"%ALLUSERSPROFILE%\\Application Data\\Microsoft\\Crypto\\RSA\\MachineKeys\"")
                .playbook)
        XCTAssertFalse(PlaybookLinter.lint(quoted).contains { $0.message.contains("double quotes") })
    }

    func testLintRejectsADestructiveStepWithoutABackupBeforeIt() throws {
        let p = try XCTUnwrap(
            load(remediation: "move \"%ProgramData%\\Microsoft\\Crypto\\RSA\\MachineKeys\\f\" C:\\keywizard-backup\\")
                .playbook)
        XCTAssertTrue(
            PlaybookLinter.lint(p).contains { $0.message.contains("before any backup step") },
            "the backup folder as a move target is no backup")
        let reinstall = try XCTUnwrap(load(text: "Re-install the IIS 6 Management Compatibility role service").playbook)
        XCTAssertTrue(PlaybookLinter.lint(reinstall).contains { $0.message.contains("before any backup step") })
        let mkdirOnly = try XCTUnwrap(
            load(remediation: "mkdir C:\\keywizard-backup 2>nul & reg delete HKLM\\SOFTWARE\\X /f").playbook)
        XCTAssertTrue(
            PlaybookLinter.lint(mkdirOnly).contains { $0.message.contains("before any backup step") },
            "making the backup folder is no backup")
        let exported = try XCTUnwrap(
            load(
                remediation:
                    "mkdir C:\\keywizard-backup 2>nul & reg export HKLM\\SOFTWARE\\X C:\\keywizard-backup\\x.reg & reg delete HKLM\\SOFTWARE\\X /f"
            ).playbook)
        XCTAssertFalse(PlaybookLinter.lint(exported).contains { $0.message.contains("before any backup step") })
        XCTAssertNil(
            CommandLinter.destructive(#"cacls "C:\Documents and Settings\All Users" > C:\keywizard-backup\acl.txt"#),
            "reading an ACL changes nothing")
        XCTAssertNotNil(CommandLinter.destructive(#"cacls "C:\x" /e /g SYSTEM:F"#))
    }

    /// Every diagnosis of every shipped playbook, on every release it supports: nothing is
    /// moved, deleted, re-keyed or re-installed before a backup step.
    func testEveryShippedDiagnosisBacksUpBeforeItDestroys() {
        let lib = PlaybookLibrary.load(directory: ShippedPlaybooksTests.directory)
        XCTAssertEqual(lib.playbooks.count, ShippedPlaybooksTests.expectedIds.count)
        var destructive = 0
        for p in lib.playbooks {
            XCTAssertFalse(p.windows.isEmpty, "\(p.id) says which Windows releases it supports")
            XCTAssertEqual(CommandLinter.backupOrder(p).map(\.description), [], p.id)
            for d in p.diagnoses {
                for r in d.remediation {
                    for v in r.commands?.variants ?? [] where CommandLinter.destructive(v.text) != nil {
                        destructive += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(destructive, 10, "the check sees the shipped move / reg add / -pz steps")
    }

    func testPlaceholderThatMayBeUnknownIsCaught() throws {
        let p = try XCTUnwrap(load(text: "Restore {windows}").playbook)
        XCTAssertTrue(PlaybookLinter.lint(p).contains { $0.message.contains("'{windows}' may still be unknown") })
        let fine = try XCTUnwrap(load(text: "Restore {windows|the release}").playbook)
        XCTAssertFalse(PlaybookLinter.lint(fine).contains { $0.message.contains("may still be unknown") })
    }

    func testWindowsTargetFromAnswersAndHints() {
        XCTAssertEqual(WindowsTarget(answer: "2003-x86")?.bits, 32)
        XCTAssertEqual(WindowsTarget(answer: "2003-x64")?.release, .w2003)
        XCTAssertEqual(WindowsTarget(answer: "2008r2")?.bits, 64)
        XCTAssertEqual(WindowsTarget(answer: "2016")?.family, .nt6)
        XCTAssertNil(WindowsTarget(answer: "2003-arm"))
        XCTAssertEqual(
            WindowsHint.fromText(
                #"C:\Documents and Settings\All Users\Application Data\Microsoft\Crypto\RSA\MachineKeys"#), .nt5)
        XCTAssertEqual(WindowsHint.fromText("Microsoft Windows [Version 5.2.3790]"), .nt5)
        XCTAssertEqual(WindowsHint.fromText("OS Version:                6.1.7601 Service Pack 1 Build 7601"), .nt6)
        XCTAssertEqual(WindowsHint.fromText(#"C:\ProgramData\Microsoft\Crypto\RSA\MachineKeys"#), .nt6)
        XCTAssertEqual(WindowsHint.fromText("\r\n! REG.EXE VERSION 3.0\r\n"), .nt5)
        XCTAssertNil(WindowsHint.fromText("D:\\sites\\shop"))
    }

    /// The key file suffix copies the registry text as written; names match without regard
    /// to case but never without braces.
    func testMachineGuidSuffixesKeepBraces() {
        XCTAssertEqual(
            MachineGuidSuffix.suffix("{0B8E2F4C-7A1D-4E55-8C3B-9F6A2D1E7C40}"), "{0b8e2f4c-7a1d-4e55-8c3b-9f6a2d1e7c40}"
        )
        XCTAssertEqual(
            MachineGuidSuffix.suffix("73635458-2F6B-4A2E-9D1C-5E8A7B3C2D10"), "73635458-2f6b-4a2e-9d1c-5e8a7b3c2d10")
        XCTAssertNil(MachineGuidSuffix.suffix("not-a-guid"))
        let files = [
            "c2319c42033a5ca7f44e731bfd3fa2b5_0b8e2f4c-7a1d-4e55-8c3b-9f6a2d1e7c40",
            "C2319C42033A5CA7F44E731BFD3FA2B5_{0B8E2F4C-7A1D-4E55-8C3B-9F6A2D1E7C40}",
            "7a436fe806e483969f48a894af2fe9a1_0b8e2f4c-7a1d-4e55-8c3b-9f6a2d1e7c40"
        ]
        XCTAssertEqual(
            MachineGuidSuffix.suffixes(
                files, hash: KeyContainerName.hashPrefix("Microsoft Internet Information Server")),
            ["0b8e2f4c-7a1d-4e55-8c3b-9f6a2d1e7c40", "{0b8e2f4c-7a1d-4e55-8c3b-9f6a2d1e7c40}"])
    }

    // MARK: the blog's incident on 2003 and on 2019

    func conclusion(case name: String, playbook: String = "iis-admin-machineguid") throws -> Conclusion {
        let lib = PlaybookLibrary.load(directory: ShippedPlaybooksTests.directory)
        let url = ShippedPlaybooksTests.directory.appendingPathComponent("tests/\(playbook)/\(name).yaml")
        guard case .success(let c) = PlaybookCase.load(url) else { throw XCTSkip("case \(name) did not load") }
        return try XCTUnwrap(CaseRunner(library: lib).run(c).conclusion)
    }

    /// Everything the operator is shown to run: remediation, verify commands and every
    /// question's command, as each front end presents them.
    func shownCommands(_ c: Conclusion) -> [String] {
        let remediation = c.diagnoses.flatMap { $0.diagnosis.remediation.map(c.present) }.flatMap {
            [$0.command, $0.verifyCommand].compactMap { $0 }
        }
        // The questions the operator saw (answered) or sees next; a finished interview asks nothing more.
        let asked = c.playbook.steps.filter { c.answers[$0.id] != nil || (!c.finished && c.nextStep?.id == $0.id) }
        let questions = asked.compactMap { c.present($0).command }
        return remediation + questions
    }

    static let absentOn2003 = [
        "wevtutil", "robocopy", "icacls ", "appcmd", "/reg:64", "%ProgramData%", "ProgramData", "IIS APPPOOL",
        "Cryptography.reg /y"
    ]

    func testBracedGuidOn2003ShowsOnly2003CommandsQuotedWith2003Paths() throws {
        let c = try conclusion(case: "2003-braced-guid-is-a-change")
        XCTAssertEqual(c.diagnoses.map(\.diagnosis.id), ["machineguid-changed"])
        XCTAssertFalse(
            c.diagnoses.contains { $0.diagnosis.id == "key-file-corrupt" },
            "a braced MachineGuid is a GUID change, never key corruption")
        XCTAssertEqual(c.windows?.release, .w2003)
        let commands = shownCommands(c)
        XCTAssertFalse(commands.isEmpty)
        for cmd in commands {
            for bad in Self.absentOn2003 { XCTAssertFalse(cmd.contains(bad), "2003 command contains \(bad): \(cmd)") }
        }
        XCTAssertTrue(
            commands.contains {
                $0.contains(
                    #"xcopy "C:\Documents and Settings\All Users\Application Data\Microsoft\Crypto\RSA\MachineKeys" C:\keywizard-backup\MachineKeys\"#
                )
            })
        XCTAssertTrue(
            commands.contains(
                #"reg add HKLM\SOFTWARE\Microsoft\Cryptography /v MachineGuid /t REG_SZ /d 0b8e2f4c-7a1d-4e55-8c3b-9f6a2d1e7c40 /f"#
            ))
        XCTAssertTrue(commands.contains { $0.hasPrefix("cscript //nologo %windir%\\system32\\eventquery.vbs") })
        let checklist = ChecklistText.render(Checklist(conclusion: c, context: ChecklistGoldenTests.context))
        XCTAssertTrue(checklist.contains("Windows Server 2003 / 2003 R2 (IIS 6), 32-bit"))
        XCTAssertFalse(
            checklist.contains("robocopy") || checklist.contains("wevtutil"),
            "(the symptom paragraph may name 2008's role service; no command does)")
        let report = ConclusionReport(c).text(width: 200)
        XCTAssertFalse(report.contains("robocopy") || report.contains("wevtutil"))
        XCTAssertFalse(report.contains(": unknown}"), "no raw unknown value reaches the operator")
    }

    func testSameIncidentOn2019ShowsThe2008PlusForms() throws {
        let c = try conclusion(case: "guid-changed-after-clone")
        XCTAssertEqual(c.windows?.family, .nt6)
        let commands = shownCommands(c)
        XCTAssertTrue(
            commands.contains {
                $0.contains(
                    #"robocopy "C:\ProgramData\Microsoft\Crypto\RSA\MachineKeys" C:\keywizard-backup\MachineKeys /COPYALL /B"#
                )
            }, commands.description)
        XCTAssertTrue(
            commands.contains {
                $0.contains(
                    "reg export HKLM\\SOFTWARE\\Microsoft\\Cryptography C:\\keywizard-backup\\Cryptography.reg /y")
            })
        XCTAssertTrue(commands.contains { $0.hasPrefix("wevtutil qe System") })
        XCTAssertFalse(
            commands.contains {
                $0.contains("eventquery.vbs") || $0.contains("xcopy") || $0.contains("Documents and Settings")
            })
    }

    func testInferredVersionIsShownWithItsEvidence() throws {
        let c = try conclusion(case: "2003-no-event-listing-and-guid-only")
        let w = try XCTUnwrap(c.windows)
        XCTAssertEqual(w.release, .w2003)
        XCTAssertTrue(w.description.contains("Documents and Settings"), w.description)
        XCTAssertTrue(w.description.contains("Answer the Windows version question to correct this"))
        XCTAssertEqual(c.nextStep?.id, "windows", "the operator is asked, and can correct the inferred version")
    }

    func testDomainAccountPoolIsGrantedUnderItsOwnName() throws {
        let c = try conclusion(case: "specific-user-machine-store", playbook: "aspnet-autogen-keys")
        XCTAssertEqual(c.value("pool_account")?.stringValue, #"CONTOSO\svc-shop"#)
    }

    func testDomainAccountOn2003GetsTheGrantUnderItsOwnNameFromTheRightFramework() throws {
        let c = try conclusion(case: "2003-domain-account-no-persisted-key", playbook: "aspnet-autogen-keys")
        let commands = shownCommands(c)
        XCTAssertTrue(
            commands.contains(
                #""%windir%\Microsoft.NET\Framework\v2.0.50727\aspnet_regiis.exe" -ga "CONTOSO\svc-intranet""#),
            commands.description)
        XCTAssertTrue(
            commands.contains("cscript //nologo %windir%\\system32\\iisback.vbs /backup /b keywizard-before-autogen"))
        for cmd in commands {
            for bad in Self.absentOn2003 { XCTAssertFalse(cmd.contains(bad), "2003 command contains \(bad): \(cmd)") }
        }
        let summary = try XCTUnwrap(c.diagnoses.first?.summary)
        XCTAssertFalse(summary.contains(": unknown}"), summary)
    }

    /// Diagnoses that exist on one generation only: ASP.NET 4.5 modes (no .NET 4.5 on
    /// Server 2003), the Windows 2000 and IIS 6 scope notes, and IIS 7+ shared configuration.
    static let oneGeneration: Set<String> = [
        "iis-admin-machineguid/windows-2000-not-covered",
        "iis-shared-config-keys/not-iis7"
    ]

    /// Every diagnosis of a playbook that supports both generations has a case on Server 2003
    /// and one on 2008 or later.
    func testEveryDiagnosisHasCasesOnBothGenerations() throws {
        let lib = PlaybookLibrary.load(directory: ShippedPlaybooksTests.directory)
        let runner = CaseRunner(library: lib)
        var seen: [String: Set<WindowsFamily>] = [:]
        for url in PlaybookCase.caseFiles(in: ShippedPlaybooksTests.directory.appendingPathComponent("tests")) {
            // Cases with hive files need readers this target lacks (ShippedHiveCasesTests).
            guard case .success(let c) = PlaybookCase.load(url), c.artifactEvidence.isEmpty,
                let conclusion = runner.run(c).conclusion, let family = conclusion.windows?.family
            else { continue }
            for d in conclusion.diagnoses { seen["\(c.playbookId)/\(d.diagnosis.id)", default: []].insert(family) }
        }
        for p in lib.playbooks {
            let families = Set(p.windows.map(\.family))
            for d in p.diagnoses {
                let key = "\(p.id)/\(d.id)"
                let need = Self.oneGeneration.contains(key) ? Set<WindowsFamily>() : families
                XCTAssertTrue(
                    need.isSubset(of: seen[key] ?? []),
                    "\(key): cases on \(seen[key].map { $0.map(\.rawValue).sorted() } ?? []), need \(need.map(\.rawValue).sorted())"
                )
            }
        }
    }

    func testTheWindowsQuestionReadsVerAndSysteminfo() throws {
        let lib = PlaybookLibrary.load(directory: ShippedPlaybooksTests.directory)
        let p = try XCTUnwrap(lib.playbook("iis-admin-machineguid"))
        let step = try XCTUnwrap(p.step("windows"))
        func answer(_ text: String) -> String? {
            if case .success(.value(let v)) = StepInput.interpret(
                text, for: step, in: p, context: EvidenceContext(), source: .typed)
            {
                return v.stringValue
            }
            return nil
        }
        XCTAssertEqual(answer("Microsoft Windows [Version 10.0.17763.1]"), "2016")
        XCTAssertEqual(answer("Microsoft Windows [Version 6.1.7601]"), "2008r2")
        XCTAssertEqual(
            answer(
                "OS Version:                5.2.3790 Service Pack 2 Build 3790\nSystem Type:               X86-based PC"
            ), "2003-x86")
        XCTAssertEqual(answer("3"), "2003-x64")
        guard
            case .failure(let e) = StepInput.interpret(
                "Microsoft Windows [Version 5.2.3790]", for: step, in: p, context: EvidenceContext(), source: .typed)
        else {
            return XCTFail("ver alone cannot tell 2003's bitness")
        }
        XCTAssertTrue(e.message.contains("choose its 32-bit or 64-bit entry"), e.message)
    }

    /// Every shipped case: on NT 5 no command names a tool or path of 2008 and later, on NT 6
    /// none names the 2003 ones; every command shown is whole (no `{fact: unknown}`, no `<...>`).
    func testEveryCaseShowsOnlyItsGenerationsCommands() throws {
        let lib = PlaybookLibrary.load(directory: ShippedPlaybooksTests.directory)
        let runner = CaseRunner(library: lib)
        var checked: [WindowsFamily: Int] = [:]
        for url in PlaybookCase.caseFiles(in: ShippedPlaybooksTests.directory.appendingPathComponent("tests")) {
            // Cases with hive files need readers this target lacks (ShippedHiveCasesTests).
            guard case .success(let c) = PlaybookCase.load(url), c.artifactEvidence.isEmpty,
                let conclusion = runner.run(c).conclusion, let family = conclusion.windows?.family
            else { continue }
            let bad =
                family == .nt5
                ? Self.absentOn2003
                : [
                    "eventquery.vbs", "xcopy", "iisback.vbs", "adsutil.vbs", "iisapp.vbs", "Documents and Settings",
                    "cacls "
                ]
            for cmd in shownCommands(conclusion) {
                for b in bad {
                    XCTAssertFalse(
                        cmd.contains(b) && !(b == "cacls " && cmd.contains("icacls ")),
                        "\(c.playbookId)/\(c.name) (\(family)): \(cmd)")
                }
                XCTAssertFalse(cmd.contains(": unknown}"), "\(c.name): \(cmd)")
                XCTAssertNil(
                    cmd.range(of: "<[A-Za-z][A-Za-z0-9 _.-]*>", options: .regularExpression), "\(c.name): \(cmd)")
            }
            checked[family, default: 0] += 1
        }
        XCTAssertGreaterThan(checked[.nt5] ?? 0, 20)
        XCTAssertGreaterThan(checked[.nt6] ?? 0, 30)
    }
}
