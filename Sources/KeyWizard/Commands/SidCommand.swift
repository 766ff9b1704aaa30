import ArgumentParser
import DiagnosticRules

/// `keywizard sid NAME...`: a pool's SID and where its auto-generated keys live.
struct SidCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sid",
        abstract: "Show an application pool's SID and its AutoGenKey registry locations.")

    @Argument(help: "Pool names (DefaultAppPool or IIS APPPOOL\\DefaultAppPool). Not needed for built-in identities.")
    var names: [String] = []

    @Option(
        help:
            "processModel identityType: ApplicationPoolIdentity, LocalSystem, LocalService, NetworkService, SpecificUser, or 0-4."
    )
    var identity: String = "ApplicationPoolIdentity"

    @Option(name: .customLong("user-sid"), help: "The account's SID, for --identity SpecificUser.")
    var userSID: String?

    @Option(help: "ASP.NET version whose AutoGenKey locations to show: 2.0, 4.0 or both.")
    var framework: String = "both"

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        guard let type = PoolIdentity(parsing: identity) else {
            throw CommandOutput.fail(
                "sid",
                "--identity '\(identity)' is unknown; use ApplicationPoolIdentity, "
                    + "LocalSystem, LocalService, NetworkService, SpecificUser or 0-4.")
        }
        let versions: [ASPNETVersion]
        if framework.lowercased() == "both" {
            versions = ASPNETVersion.allCases
        } else if let v = ASPNETVersion(parsing: framework) {
            versions = [v]
        } else {
            throw CommandOutput.fail("sid", "--framework '\(framework)' is unknown; use 2.0, 4.0 or both.")
        }
        let pools: [String?] = names.isEmpty && type != .applicationPoolIdentity ? [nil] : names
        if pools.isEmpty {
            throw CommandOutput.fail("sid", "NAME is missing; give a pool name such as DefaultAppPool.")
        }
        var reports: [PoolSIDReport] = []
        for pool in pools {
            switch PoolSIDReport.make(identity: type, poolName: pool, userSID: userSID, versions: versions) {
            case .success(let report): reports.append(report)
            case .failure(.missingPoolName):
                throw CommandOutput.fail("sid", "NAME is missing; give a pool name such as DefaultAppPool.")
            case .failure(.missingUserSID):
                throw CommandOutput.fail(
                    "sid",
                    "--user-sid is missing; SpecificUser needs the account's SID "
                        + "(run `whoami /user` as that account).")
            case .failure(.invalidUserSID(let s)):
                throw CommandOutput.fail(
                    "sid",
                    "--user-sid '\(s)' is not a SID; expected S-1-5-21-... "
                        + "(digits separated by dashes).")
            }
        }
        try CommandOutput.emit(reports, command: "sid", format: format) { $0.textLines() }
    }
}
