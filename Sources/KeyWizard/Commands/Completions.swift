import ArgumentParser
import DiagnosticRules
import Foundation

/// Shell completion candidates that depend on this machine: the playbook ids of the folder
/// the command would use (`--playbooks DIR` on the line, else the usual search order), and
/// session files. The generated bash/zsh/fish scripts call back into `keywizard` for these.
enum Completions {
    static let playbookIds: CompletionKind = .custom { words, _, prefix in
        var explicit: String?
        if let i = words.firstIndex(of: "--playbooks"), i + 1 < words.count { explicit = words[i + 1] }
        guard case .success(let dir) = PlaybookLibrary.locate(explicit: explicit) else { return [] }
        return PlaybookLibrary.load(directory: dir).playbooks.map(\.id).filter { $0.hasPrefix(prefix) }
    }

    /// Session journals are `.jsonl` files.
    static let sessionFiles: CompletionKind = .file(extensions: ["jsonl"])
}
