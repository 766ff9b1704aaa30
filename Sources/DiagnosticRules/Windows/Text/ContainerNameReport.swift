/// What `keywizard container` shows for one container name: the MachineKeys file prefix (and
/// full file name when the MachineGuid is known) plus what the catalog knows about it.
public struct ContainerNameReport: Codable, Sendable, Equatable {
    public var name: String
    public var hashPrefix: String
    /// False when the name has characters outside Windows-1252, so the prefix is a best guess.
    public var ansiExact: Bool
    /// `<hash>_<guid>` when a MachineGuid was given and the hash is exact.
    public var fileName: String?
    public var known: KnownKeyContainer?

    /// `machineGuid` must already be valid (or nil); an invalid one just leaves `fileName` nil.
    public static func make(name: String, machineGuid: String?) -> ContainerNameReport {
        let prefix = KeyContainerName.hashPrefix(name)
        let exact = KeyContainerName.isANSIRepresentable(name)
        let file = machineGuid.flatMap { KeyContainerName.fileName(container: name, machineGuid: $0) }
        return ContainerNameReport(
            name: name, hashPrefix: prefix, ansiExact: exact, fileName: file,
            known: KeyContainerCatalog.container(hash: prefix))
    }

    public func textLines(width: Int = 80) -> [String] {
        var lines = TextWrap.field("Container", name, width: width)
        lines += TextWrap.field(
            "File hash", hashPrefix + (ansiExact ? "" : " (approximate: name is not Windows-1252)"), width: width)
        if let fileName { lines += TextWrap.field("File name", fileName, width: width) }
        lines += KnownKeyContainer.textLines(known, width: width)
        return lines
    }
}

extension KnownKeyContainer {
    /// Owner, breakage and confirmation lines for a catalog entry, or a line saying it is not
    /// in the catalog.
    static func textLines(_ entry: KnownKeyContainer?, width: Int) -> [String] {
        guard let entry else { return TextWrap.field("Known", "no: not in KeyWizard's catalog", width: width) }
        var lines = TextWrap.field("Owner", entry.owner, width: width)
        lines += TextWrap.field("Breaks", entry.breaksWithout, width: width)
        lines += TextWrap.field(
            "Confirmed", entry.confirmed ? "yes (\(entry.source))" : "no (unconfirmed; \(entry.source))", width: width)
        return lines
    }
}
