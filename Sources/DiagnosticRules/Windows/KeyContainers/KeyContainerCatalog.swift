/// The RSA key containers that matter when IIS or ASP.NET cannot decrypt its secrets (domain
/// notes §3.2), with what stops working without each, so a listing of MachineKeys can be read
/// as "this file is IIS's, and it is missing".
public struct KnownKeyContainer: Codable, Sendable, Equatable {
    /// The container name; nil when only the file hash is known.
    public var name: String?
    /// The 32-hex-digit file-name prefix.
    public var hashPrefix: String
    /// Who creates and uses the container.
    public var owner: String
    /// What fails when the file is missing, corrupt or from another machine.
    public var breaksWithout: String
    /// True when sources confirm both the name and its owner; false marks a hypothesis.
    public var confirmed: Bool
    /// True when the prefix itself is published; false when only computed from the name.
    public var hashPublished: Bool
    /// Source tags in the domain notes.
    public var source: String
}

public enum KeyContainerCatalog {
    /// All known containers. Hashes of named entries are computed by `KeyContainerName`; tests
    /// pin them against the published prefixes.
    public static let all: [KnownKeyContainer] = [
        named(
            "iisConfigurationKey",
            owner: "IIS 7+ AesProvider: encrypts secrets in applicationHost.config (system.webServer)",
            breaks: "IIS cannot decrypt protected attributes: \"Failed to decrypt attribute\" or Bad Data "
                + "(0x80090005) after copying config between servers without the key.",
            confirmed: true, published: true, source: "asprangers; webtopics"),
        named(
            "iisWasKey",
            owner: "IISWASOnlyRsaProvider / IISWASOnlyAesProvider: application-pool passwords",
            breaks: "WAS cannot decrypt pool passwords: SpecificUser pools fail to start (\"Failed to decrypt "
                + "attribute 'password'\", HTTP 500.19) and setting a pool identity fails with Bad Data 0x80090005.",
            confirmed: true, published: true, source: "asprangers; olivier-richard; jeffmurr"),
        named(
            "NetFrameworkConfigurationKey",
            owner: ".NET RsaProtectedConfigurationProvider default container (aspnet_regiis -pe)",
            breaks: "web.config sections encrypted with `aspnet_regiis -pe` cannot be decrypted.",
            confirmed: true, published: true, source: "domain notes §3.2"),
        named(
            "Microsoft Internet Information Server",
            owner: "IIS 6 metabase key (the \"c23\" file) used by IISADMIN",
            breaks: "IIS Admin Service stops: event 7024, service-specific error 2148073478 (0x80090006, "
                + "Invalid Signature); a corrupt file also gives \"Key not valid for use in specified state.\"",
            confirmed: true, published: false, source: "vivekkum; TC-2019; drware"),
        named(
            "MS IIS DCOM Server",
            owner: "written by inetinfo.exe (IIS 6 compatibility); its computed prefix starts 7a4, the file "
                + "vivekkum saw left under an old MachineGuid",
            breaks: "IIS 6 management broke when this file stayed under the old MachineGuid.",
            confirmed: true, published: false, source: "vivekkum (name computed)"),
        named(
            "MS IIS DCOM Client",
            owner: "unconfirmed (name computed only)",
            breaks: "unknown", confirmed: false, published: false, source: "computed"),
        named(
            "TSSecKeySet1",
            owner: "Terminal Services (owner unconfirmed)",
            breaks: "unknown; not an IIS key", confirmed: false, published: true, source: "domain notes §3.2"),
        KnownKeyContainer(
            name: nil, hashPrefix: "bedbf0b4da5f8061b6444baedf4c00b1",
            owner: "unknown: no candidate name matched this published prefix",
            breaksWithout: "unknown", confirmed: false, hashPublished: true, source: "domain notes §3.2")
    ]

    /// The entry whose file prefix is `hash` (any case).
    public static func container(hash: String) -> KnownKeyContainer? {
        let h = hash.lowercased()
        return all.first { $0.hashPrefix == h }
    }

    /// The entry named `name`, compared case-insensitively as Windows does.
    public static func container(named name: String) -> KnownKeyContainer? {
        let n = name.lowercased()
        return all.first { $0.name?.lowercased() == n }
    }

    private static func named(
        _ name: String, owner: String, breaks: String, confirmed: Bool, published: Bool,
        source: String
    ) -> KnownKeyContainer {
        KnownKeyContainer(
            name: name, hashPrefix: KeyContainerName.hashPrefix(name), owner: owner,
            breaksWithout: breaks, confirmed: confirmed, hashPublished: published, source: source)
    }
}
