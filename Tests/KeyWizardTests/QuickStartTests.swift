import ArgumentParser
import XCTest

@testable import KeyWizard

/// `QuickStart` reads the wizard's common starts without ArgumentParser. It must never read
/// an argument list differently from ArgumentParser: whatever it accepts, ArgumentParser
/// reads as `run` with the same options; whatever else there is, it leaves to ArgumentParser.
final class QuickStartTests: XCTestCase {
    /// ArgumentParser's reading of the arguments, when they make a `run`.
    private func parsed(_ arguments: [String]) -> WizardLaunch? {
        guard let command = try? KeyWizardCommand.parseAsRoot(arguments) else { return nil }
        return (command as? RunCommand)?.launch
    }

    private func assertSameReading(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) {
        guard let quick = QuickStart.launch(arguments) else { return }
        XCTAssertEqual(quick, parsed(arguments), "\(arguments)", file: file, line: line)
    }

    /// The starts operators type, and the one the start-up benchmark times, take the quick
    /// path and mean what ArgumentParser says they mean.
    func testCommonStartsAreReadQuicklyAndAlike() {
        let starts: [([String], WizardLaunch)] = [
            ([], WizardLaunch()),
            (["run"], WizardLaunch()),
            (
                ["run", "--playbooks", "/opt/kw/Playbooks"],
                WizardLaunch(folder: PlaybookFolder(explicit: "/opt/kw/Playbooks"))
            ),
            (["--playbooks=Playbooks"], WizardLaunch(folder: PlaybookFolder(explicit: "Playbooks"))),
            (["--no-color"], WizardLaunch(noColor: true)),
            (["run", "--plain", "--host", "WEB01"], WizardLaunch(plain: true, host: "WEB01")),
            (
                ["run", "--playbook", "iis-admin-service", "--session", "s.jsonl", "--crlf", "--keep-evidence-text"],
                WizardLaunch(
                    playbook: "iis-admin-service", session: "s.jsonl", keepEvidenceText: true, crlf: true)
            ),
            (["--host=WEB 02", "--session=C:\\kw\\s.jsonl"], WizardLaunch(session: "C:\\kw\\s.jsonl", host: "WEB 02"))
        ]
        for (arguments, expected) in starts {
            XCTAssertEqual(QuickStart.launch(arguments), expected, "\(arguments)")
            XCTAssertEqual(parsed(arguments), expected, "ArgumentParser reads \(arguments) otherwise")
        }
    }

    /// What the quick path leaves to ArgumentParser: help, the end of options, a value that
    /// looks like an option or is empty, a repeated option, a flag given a value, another
    /// command, a positional word, a short option, an unknown option.
    func testAnythingElseIsLeftToArgumentParser() {
        let others: [[String]] = [
            ["--help"], ["-h"], ["run", "--help"], ["help"], ["run", "--"], ["--"],
            ["--host", "-x"], ["--host"], ["--host="], ["--host", ""], ["--playbooks", "--plain"],
            ["--host", "a", "--host", "b"], ["--plain", "--plain"], ["--plain=yes"],
            ["lint"], ["run", "run"], ["run", "extra"], ["-p"], ["--frobnicate"], ["--no-colour"],
            ["--generate-completion-script", "bash"], ["--no-color", "run"], ["--version"]
        ]
        for arguments in others {
            XCTAssertNil(QuickStart.launch(arguments), "\(arguments)")
        }
    }

    /// Seeded random argument lists over run's options, values and look-alikes: every list
    /// the quick path accepts is one ArgumentParser reads to the same launch.
    func testRandomArgumentListsReadAlikeWhenAccepted() {
        let words = [
            "run", "--plain", "--no-color", "--crlf", "--keep-evidence-text", "--playbook", "--session", "--host",
            "--playbooks", "--playbooks=P", "--host=", "--host=a=b", "--plain=", "WEB01", "a b", "-x", "--", "-h",
            "help", "lint", "é", "", "-", "--no-color=1", "---host", "--Host", "iis-admin-service", "C:\\x y\\s.jsonl"
        ]
        var generator = CommandLineFuzzTests.Rng(state: 0x5EED_0013)
        var accepted = 0
        for _ in 0..<4000 {
            let count = Int(generator.next() % 7)
            let arguments = (0..<count).map { _ in words[Int(generator.next() % UInt64(words.count))] }
            if QuickStart.launch(arguments) != nil { accepted += 1 }
            assertSameReading(arguments)
        }
        // The comparison means something only if many lists took the quick path.
        XCTAssertGreaterThan(accepted, 200)
    }
}
