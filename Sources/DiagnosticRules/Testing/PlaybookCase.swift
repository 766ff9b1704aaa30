import Foundation
import Yams

/// An example case shipped next to the playbooks (`Playbooks/tests/<playbook>/<case>.yaml`):
/// answers and evidence in, diagnoses expected and diagnoses that must NOT be concluded out.
/// Cases are data, like `opa test` inputs, and `keywizard test` runs them.
public struct PlaybookCase {
    public var name: String
    public var file: String
    public var playbookId: String
    public var description: String
    public var answersNode: Node?
    public var evidence: [String]
    /// A known-keys list (relative to the case file) loaded into the evidence context for
    /// this case, so that disclosed-key diagnoses can be exercised.
    public var knownKeys: String?
    public var expectDiagnoses: [String]
    public var expectAbsent: [String]
    public var expectFacts: [(fact: String, value: String, line: Int)]
    public var expectComplete: Bool?
    public var expectNextStep: String?
    public var expectErrors: Bool
    public var baseDirectory: URL

    static let keys = ["description", "playbook", "answers", "evidence", "known_keys", "expect"]
    static let expectKeys = ["diagnoses", "absent", "facts", "complete", "next_step", "engine_errors"]

    /// Load a case; the playbook id defaults to the folder name.
    public static func load(_ url: URL) -> Swift.Result<PlaybookCase, PlaybookLoadError> {
        let file = PlaybookLibrary.displayPath(url)
        var r = YAMLReader(file: file)
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            return .failure(
                PlaybookLoadError([
                    PlaybookDiagnostic(
                        .error, SourceLocation(file: file, line: 1, column: 1),
                        "cannot read the case file as UTF-8 text")
                ]))
        }
        guard let root = r.compose(text), let m = r.mapping(root, "a test case", allowed: keys, required: ["expect"])
        else {
            return .failure(PlaybookLoadError(r.diagnostics))
        }
        let expect = r.mapping(m["expect"], "expect", allowed: expectKeys) ?? [:]
        var facts: [(String, String, Int)] = []
        if case .mapping(let fm)? = expect["facts"] {
            for (k, v) in fm {
                if let key = k.string, let value = v.string { facts.append((key, value, k.mark?.line ?? 1)) }
            }
        }
        let c = PlaybookCase(
            name: url.deletingPathExtension().lastPathComponent, file: file,
            playbookId: r.string(m["playbook"], "playbook") ?? url.deletingLastPathComponent().lastPathComponent,
            description: r.string(m["description"], "description") ?? "",
            answersNode: m["answers"], evidence: r.strings(m["evidence"], "evidence"),
            knownKeys: r.string(m["known_keys"], "known_keys"),
            expectDiagnoses: r.strings(expect["diagnoses"], "diagnoses"),
            expectAbsent: r.strings(expect["absent"], "absent"),
            expectFacts: facts, expectComplete: r.bool(expect["complete"], "complete"),
            expectNextStep: r.string(expect["next_step"], "next_step"),
            expectErrors: r.bool(expect["engine_errors"], "engine_errors") ?? false,
            baseDirectory: url.deletingLastPathComponent())
        if r.diagnostics.contains(where: { $0.severity == .error }) {
            return .failure(PlaybookLoadError(r.diagnostics))
        }
        return .success(c)
    }

    /// The case's evidence files that are registry hives or event logs (read by the readers of
    /// the WindowsArtifacts target, which a `CaseRunner` gets as its `artifactReader`).
    public var artifactEvidence: [String] {
        evidence.filter { path in
            let url = URL(fileURLWithPath: path, relativeTo: baseDirectory)
            guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
            defer { try? handle.close() }
            return ArtifactKind.isArtifactFile(head: [UInt8]((try? handle.read(upToCount: 8)) ?? Data()))
        }
    }

    /// Every case file under `Playbooks/tests/` (one folder per playbook).
    public static func caseFiles(in testsDirectory: URL) -> [URL] {
        guard let e = FileManager.default.enumerator(at: testsDirectory, includingPropertiesForKeys: nil) else {
            return []
        }
        return e.compactMap { $0 as? URL }
            .filter { ($0.pathExtension == "yaml" || $0.pathExtension == "yml") && !$0.path.contains("/evidence/") }
            .sorted { $0.path < $1.path }
    }
}
