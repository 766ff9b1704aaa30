import ArgumentParser
import DiagnosticRules

/// `keywizard identify FILE_NAME...`: which container a MachineKeys file is, and whether it
/// belongs to this machine.
struct IdentifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identify",
        abstract: "Identify MachineKeys files (<hash>_<MachineGuid>) and check their GUID.")

    @Argument(help: "File names or paths from ...\\Crypto\\RSA\\MachineKeys, or bare 32-digit hashes.")
    var fileNames: [String] = []

    @Option(name: .customLong("machine-guid"), help: "This machine's MachineGuid, to check each file's suffix.")
    var machineGuid: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        if let g = machineGuid, GUIDText.normalize(g) == nil {
            if SecretScrubber.containsSecret(g) {
                throw CommandOutput.fail(
                    "identify",
                    "--machine-guid looks like machine-key material, which KeyWizard never echoes; give the MachineGuid."
                )
            }
            throw CommandOutput.fail(
                "identify",
                "--machine-guid '\(g)' is not a GUID; copy it from "
                    + "`reg query HKLM\\SOFTWARE\\Microsoft\\Cryptography /v MachineGuid`.")
        }
        if fileNames.isEmpty {
            throw CommandOutput.fail("identify", "FILE_NAME is missing; give a file name from the MachineKeys folder.")
        }
        var results: [ContainerIdentification] = []
        for name in fileNames {
            // A key (or a key glued to a GUID) is refused without being echoed: only a 32-hex
            // container hash before `_GUID` is a file name.
            if SecretScrubber.containsSecret(name) {
                throw CommandOutput.fail(
                    "identify",
                    "an argument looks like machine-key material, which KeyWizard never echoes or keeps; "
                        + "a MachineKeys file name is 32 hex digits, '_' and a GUID.")
            }
            guard let r = KeyContainerFile.identify(fileName: name, machineGuid: machineGuid) else {
                throw CommandOutput.fail(
                    "identify",
                    "FILE_NAME '\(name)' is not a MachineKeys file name; expected "
                        + "32 hex digits, '_' and a GUID.")
            }
            results.append(r)
        }
        try CommandOutput.emit(results, command: "identify", format: format) { $0.textLines() }
    }
}
