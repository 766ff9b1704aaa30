import DiagnosticRules
import Foundation

/// The user hives of a volume, matched to their accounts through the SOFTWARE hive's
/// ProfileList, as one piece of `user-hive` evidence whose keys are named `HKU\<SID>\...`.
///
/// Why one piece: the playbook asks for the pool identity's own store, and which SID that
/// is becomes known only during evaluation (`select_key: user_key`). A volume holds a hive
/// per profile; given one by one, "the first user hive" would answer for whichever account
/// it belongs to. Joined, the step reads the hive of the SID it asks for, knows that an
/// account without a profile has no hive of its own (so no key in it), and knows nothing
/// about a profile whose hive is not on the volume (the step is then still asked).
enum ProfileHives {
    struct Result {
        var evidence: ParsedEvidence
        /// One line per profile, for the volume's inventory.
        var inventory: [String]
    }

    /// The name the joined evidence is cited by.
    static let name = "user hives by ProfileList"

    /// `profiles`: ProfileList's `SID=ProfileImagePath` entries, from the SOFTWARE hive at
    /// `softwareHive`.
    static func collect(volume: WindowsVolume, profiles: [(sid: String, path: String)], softwareHive: String)
        -> Result
    {
        var keys = RegistryKeyEvidence(coverage: [
            .init(
                prefix: "HKU", absent: true,
                note:
                    "\(softwareHive): \(HiveEvidenceReader.profileListKey) has no profile for this SID, so the account has no user hive of its own on this volume"
            )
        ])
        var inventory: [String] = []
        var secrets = false
        var read = 0
        for profile in profiles {
            let root = "HKU\\\(profile.sid)"
            guard let folder = volume.resolve(windowsPath: profile.path),
                let hive = WindowsVolume.entry(in: folder, named: "NTUSER.DAT").map({ folder + "/" + $0 }),
                WindowsVolume.isFile(hive)
            else {
                let why =
                    "ProfileList names \(profile.path) as the profile of \(profile.sid), but its NTUSER.DAT is not on this volume"
                keys.coverage.append(.init(prefix: root, absent: false, note: why))
                inventory.append("\(profile.sid): \(profile.path): NTUSER.DAT not found")
                continue
            }
            do {
                let file = try HiveFile(path: hive)
                let store = try HiveEvidenceReader.userStoreKeys(
                    file, root: root, file: "\(hive) (profile of \(profile.sid) in ProfileList)")
                keys.keys += store.keys.keys
                keys.coverage += store.keys.coverage
                secrets = secrets || store.containsSecrets
                read += 1
                let found = store.keys.keys.map { "\($0.path.split(separator: "\\").last ?? ""): \($0.summary)" }
                inventory.append(
                    "\(profile.sid): \(hive): "
                        + (found.isEmpty ? "no ASP.NET AutoGenKey" : found.joined(separator: "; ")))
            } catch {
                keys.coverage.append(
                    .init(
                        prefix: root, absent: false, note: "the user hive of \(profile.sid) could not be read: \(error)"
                    ))
                inventory.append("\(profile.sid): not read: \(error)")
            }
        }
        if secrets {
            // The domain notes: the identity's hive holds the key only while its profile is loaded.
            inventory.append(
                "a key in a profile's hive file counts as the identity's stored key, as a live reg query's would; ASP.NET reads it only while that profile is loaded, and whether a pool with loadUserProfile=false has it loaded is UNCONFIRMED"
            )
        }
        var b = ArtifactEvidenceBuilder(kind: ArtifactKind.userHive)
        b.addList(
            "profiles", profiles.map { .string("\($0.sid)=\($0.path)") },
            place: "\(softwareHive): key \(HiveEvidenceReader.profileListKey)")
        if secrets { b.markSecrets() }
        b.registryKeys = keys
        let evidence = b.build(
            summary:
                "user hives of \(read) of \(profiles.count) profiles in ProfileList, by account (AutoGenKeys as fingerprints only)"
        )
        return Result(evidence: evidence, inventory: inventory)
    }
}
