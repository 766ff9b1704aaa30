/// The product's version, printed by `keywizard --version` and in the man page. Raised with
/// every release; the JSON documents carry their own schema versions.
enum KeyWizardVersion {
    static let current = "0.3.0"
}
