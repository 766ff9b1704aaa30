import Foundation

/// Reads `%windir%\System32\inetsrv\config\applicationHost.config`: which identity each
/// application pool runs as (the identity owns the AutoGenKey hive and must be able to read
/// the iisWasKey / iisConfigurationKey containers), which pool each application uses, and
/// which protected-configuration providers (and so which RSA key containers) secure it.
///
/// Fields:
/// - `app_pools` (list of string): pool names in order.
/// - `pool_identities` (list of string): `pool=IdentityType`, with `applicationPoolDefaults`
///   applied and ApplicationPoolIdentity when neither says.
/// - `pool_users` (list of string): `pool=DOMAIN\user` for SpecificUser pools.
/// - `pool_load_user_profile` (list of string): `pool=true|false` (schema default false).
/// - `applications` (list of string): `site/vpath=pool` (the application's pool, else the
///   site's `applicationDefaults`, else the server's `sites/applicationDefaults`; empty when
///   none says).
/// - `encrypted_passwords` (boolean): any `[enc:...:enc]` attribute value in the file.
/// - `plaintext_password_pools` (list of string): pools whose password is not encrypted
///   (names only; the password is never emitted).
/// - `config_providers` (list of string): `name=keyContainerName` of every
///   `configProtectedData` provider that names a key container.
/// - `sites` (list of string): site names.
/// - `machinekey_count` (integer, when any): `<machineKey>` elements anywhere (`<location>` sections
///   included); `machinekey_disclosed` (boolean, only with a disclosed-key list): a key of one
///   of them is on the list.
public struct ApplicationHostConfigParser: EvidenceParser {
    public init() {}
    public var id: String { "applicationhost-config" }
    public var title: String { "IIS applicationHost.config" }

    public func detect(_ text: String) -> Int {
        if text.contains("<system.applicationHost") { return 95 }
        if text.contains("<applicationPools") { return 80 }
        if text.contains("<sites") && text.contains("<site ") { return 50 }
        return 0
    }

    public func parse(_ text: String, context: EvidenceContext) throws -> ParsedEvidence {
        var builder = EvidenceBuilder(parser: id)
        let root = try XMLTree.parse(text, parser: id, expected: "well-formed applicationHost.config XML")
        let pools = root.descendants("applicationPools").first
        let sitesNode = root.descendants("sites").first
        guard pools != nil || sitesNode != nil else {
            let line = root.children.first?.line ?? 1
            throw builder.error(
                line: line, expected: "<applicationPools> or <sites> (applicationHost.config)",
                found: root.children.first.map { "<\($0.name)>" } ?? "")
        }
        if let pools { emitPools(pools, into: &builder) }
        if let sitesNode { emitSites(sitesNode, into: &builder) }
        emitSecrets(root, into: &builder)
        emitMachineKeys(root, context: context, into: &builder)
        let poolCount = builder.build(summary: "").field("app_pools")?.value.listValue?.count ?? 0
        let appCount = builder.build(summary: "").field("applications")?.value.listValue?.count ?? 0
        var summary = "\(poolCount) application pool(s), \(appCount) application(s)"
        if let p = pools { summary += " (pools at line \(p.line))" }
        return builder.build(summary: summary)
    }

    private func emitMachineKeys(_ root: XMLNode, context: EvidenceContext, into builder: inout EvidenceBuilder) {
        let keys = root.descendants("machineKey")
        let line = keys.first?.line ?? root.children.first?.line ?? 1
        if !keys.isEmpty { builder.add("machinekey_count", .integer(Int64(keys.count)), line: line) }
        if keys.contains(where: {
            ($0.attribute("validationKey") ?? "AutoGenerate").hasPrefix("AutoGenerate") == false
                || ($0.attribute("decryptionKey") ?? "AutoGenerate").hasPrefix("AutoGenerate") == false
        }) {
            builder.containsSecrets = true
        }
        guard !context.knownKeyDigests.isEmpty else { return }
        let lines = MachineKeyAttribute.disclosedLines(keys, digests: context.knownKeyDigests)
        builder.add("machinekey_disclosed", .boolean(!lines.isEmpty), line: lines.first ?? line)
        for l in lines {
            builder.note(
                l,
                "this <machineKey> uses a publicly disclosed key: generate new keys on the server and investigate it as possibly compromised"
            )
        }
    }

    private func emitPools(_ pools: XMLNode, into builder: inout EvidenceBuilder) {
        let defaults = pools.child("applicationPoolDefaults")?.child("processModel")
        var names: [Value] = []
        var identities: [Value] = []
        var users: [Value] = []
        var profiles: [Value] = []
        var plaintext: [Value] = []
        for add in pools.children("add") {
            guard let name = add.attribute("name"), !name.isEmpty else {
                builder.note(add.line, "application pool without a name, skipped")
                continue
            }
            names.append(.string(name))
            let model = add.child("processModel")
            let identity =
                model?.attribute("identityType") ?? defaults?.attribute("identityType") ?? "ApplicationPoolIdentity"
            identities.append(.string("\(name)=\(identity)"))
            if identity.caseInsensitiveCompare("SpecificUser") == .orderedSame {
                if let user = model?.attribute("userName") ?? defaults?.attribute("userName"), !user.isEmpty {
                    users.append(.string("\(name)=\(user)"))
                } else {
                    builder.note(model?.line ?? add.line, "pool \(name) is SpecificUser but names no userName")
                }
                if let password = model?.attribute("password") ?? defaults?.attribute("password"), !password.isEmpty,
                    !Self.isEncrypted(password)
                {
                    plaintext.append(.string(name))
                    builder.containsSecrets = true
                }
            }
            let load = model?.attribute("loadUserProfile") ?? defaults?.attribute("loadUserProfile") ?? "false"
            profiles.append(.string("\(name)=\(load.lowercased() == "true" ? "true" : "false")"))
        }
        builder.addList("app_pools", names, line: pools.line)
        builder.addList("pool_identities", identities, line: pools.line)
        builder.addList("pool_users", users, line: pools.line)
        builder.addList("pool_load_user_profile", profiles, line: pools.line)
        if !plaintext.isEmpty { builder.addList("plaintext_password_pools", plaintext, line: pools.line) }
    }

    private func emitSites(_ sites: XMLNode, into builder: inout EvidenceBuilder) {
        let serverDefault = sites.child("applicationDefaults")?.attribute("applicationPool")
        var siteNames: [Value] = []
        var applications: [Value] = []
        for site in sites.children("site") {
            let siteName = site.attribute("name") ?? "(unnamed site)"
            siteNames.append(.string(siteName))
            let siteDefault = site.child("applicationDefaults")?.attribute("applicationPool")
            for app in site.children("application") {
                let path = app.attribute("path") ?? "/"
                let pool = app.attribute("applicationPool") ?? siteDefault ?? serverDefault
                if pool == nil {
                    builder.note(
                        app.line,
                        "application \(siteName)\(path) names no applicationPool and no applicationDefaults apply")
                }
                applications.append(.string("\(siteName)\(path.hasPrefix("/") ? "" : "/")\(path)=\(pool ?? "")"))
            }
        }
        builder.addList("sites", siteNames, line: sites.line)
        builder.addList("applications", applications, line: sites.line)
    }

    private func emitSecrets(_ root: XMLNode, into builder: inout EvidenceBuilder) {
        var encryptedLine: Int?
        for node in root.allDescendants() where node.attributes.values.contains(where: Self.isEncrypted) {
            encryptedLine = node.line
            break
        }
        builder.add("encrypted_passwords", .boolean(encryptedLine != nil), line: encryptedLine ?? 1)
        var providers: [Value] = []
        var firstLine: Int?
        for protected in root.descendants("configProtectedData") {
            for add in protected.child("providers")?.children("add") ?? [] {
                guard let name = add.attribute("name"), let container = add.attribute("keyContainerName") else {
                    continue
                }
                providers.append(.string("\(name)=\(container)"))
                if firstLine == nil { firstLine = add.line }
            }
        }
        builder.addList("config_providers", providers, line: firstLine ?? 1)
    }

    static func isEncrypted(_ value: String) -> Bool {
        value.hasPrefix("[enc:") && value.hasSuffix(":enc]")
    }
}

extension ApplicationHostConfigParser {
    public var schema: EvidenceSchema {
        EvidenceSchema(
            fields: [
                .init("app_pools", .list, "pool names in order"),
                .init("pool_identities", .list, "pool=IdentityType"),
                .init("pool_users", .list, "pool=DOMAIN\\user for SpecificUser pools"),
                .init("pool_load_user_profile", .list, "pool=true|false"),
                .init("applications", .list, "site/vpath=pool"),
                .init("encrypted_passwords", .boolean, "any [enc:...:enc] attribute value"),
                .init("plaintext_password_pools", .list, "pools whose password is not encrypted (names only)"),
                .init("config_providers", .list, "name=keyContainerName of configProtectedData providers"),
                .init("sites", .list, "site names"),
                .init(
                    "machinekey_disclosed", .boolean,
                    "only with a disclosed-key list: a key of a <machineKey> (in any <location>) is on it")
            ],
            example: """
                <configuration><system.applicationHost><applicationPools>
                <add name="DefaultAppPool" /></applicationPools>
                <sites><site name="Default Web Site" id="1"><application path="/" applicationPool="DefaultAppPool" /></site></sites>
                </system.applicationHost></configuration>
                """)
    }
}
