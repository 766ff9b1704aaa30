import DiagnosticRules
import Foundation

/// The disclosed-key list every command that reads configs checks against: `--known-keys
/// FILE` when given, else the default (`KnownKeysSource.locateDefault`: the imported copy or
/// Microsoft's list shipped with the playbooks). The returned line says which list version
/// was checked, so that "not disclosed" always names what it was checked against.
enum KnownKeysLoading {
    struct Loaded {
        var context: EvidenceContext
        /// "disclosed-key list: PATH (3713 rows, ..., dated 2026-11, file sha256:...)" or
        /// the reason no list was checked.
        var line: String
        var source: KnownKeysSource?
    }

    static func load(explicit: String?, playbooks: String?) throws -> Loaded {
        let url: URL
        if let explicit, !explicit.isEmpty {
            url = URL(fileURLWithPath: explicit)
        } else if let found = KnownKeysSource.locateDefault(playbooks: playbooks) {
            url = found
        } else {
            return Loaded(
                context: EvidenceContext(),
                line:
                    "disclosed-key list: none found, keys were NOT checked; pass --known-keys FILE or reinstall the known-keys folder",
                source: nil)
        }
        let source: KnownKeysSource
        do { source = try KnownKeysSource.load(url) } catch let e as KnownKeysSource.LoadFailure {
            throw Failure(e.description)
        }
        let context = EvidenceContext(knownKeyDigests: source.list.digests, knownKeyListVersion: source.version)
        return Loaded(
            context: context, line: "disclosed-key list: \(PlaybookLibrary.displayPath(url)) (\(source.version))",
            source: source)
    }
}

/// The default disclosed-key list, read the first time a chosen playbook needs it rather than
/// before the wizard's menu is drawn; read once per run.
final class KnownKeysOnDemand {
    private let playbooks: String?
    private var loaded: EvidenceContext?

    init(playbooks: String?) { self.playbooks = playbooks }

    func context() throws -> EvidenceContext {
        if let loaded { return loaded }
        let context = try KnownKeysLoading.load(explicit: nil, playbooks: playbooks).context
        loaded = context
        return context
    }
}
