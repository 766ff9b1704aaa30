import ArgumentParser
import DiagnosticRules

/// `keywizard container NAME...`: the MachineKeys file of an RSA key container.
struct ContainerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "container",
        abstract: "Show the MachineKeys file name of RSA key containers (iisWasKey, iisConfigurationKey, ...).")

    @Argument(help: "Key container names, e.g. iisWasKey.")
    var names: [String] = []

    @Option(
        name: .customLong("machine-guid"),
        help: "HKLM\\SOFTWARE\\Microsoft\\Cryptography\\MachineGuid, to print the full file name.")
    var machineGuid: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        if let g = machineGuid, GUIDText.normalize(g) == nil {
            throw CommandOutput.fail(
                "container",
                "--machine-guid '\(g)' is not a GUID; copy it from "
                    + "`reg query HKLM\\SOFTWARE\\Microsoft\\Cryptography /v MachineGuid`.")
        }
        if names.isEmpty {
            throw CommandOutput.fail("container", "NAME is missing; give a container name such as iisWasKey.")
        }
        if let empty = names.first(where: { $0.isEmpty }) {
            throw CommandOutput.fail("container", "NAME '\(empty)' is empty; give a container name such as iisWasKey.")
        }
        try CommandOutput.emit(
            names.map { ContainerNameReport.make(name: $0, machineGuid: machineGuid) },
            command: "container", format: format
        ) { $0.textLines() }
    }
}
