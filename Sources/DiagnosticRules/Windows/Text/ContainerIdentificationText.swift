extension ContainerIdentification {
    /// Text for `keywizard identify`: which container a file is and whether its GUID suffix
    /// belongs to this machine.
    public func textLines(width: Int = 80) -> [String] {
        var lines = TextWrap.field("File", fileName, width: width)
        lines += TextWrap.field("Hash", hash, width: width)
        let name = container.map { $0.name ?? "(unknown name)" } ?? "(not in catalog)"
        lines += TextWrap.field("Container", name, width: width)
        if container != nil { lines += KnownKeyContainer.textLines(container, width: width) }
        let guidText: String
        switch (machineGuid, guidMatches) {
        case (nil, _): guidText = "(no GUID suffix given)"
        case (let g?, true?): guidText = "\(g): matches this machine's MachineGuid"
        case (let g?, false?):
            guidText =
                "\(g): differs from the MachineGuid given; the file comes from "
                + "another machine or an earlier MachineGuid and is not picked up until copied to the current GUID"
        case (let g?, nil): guidText = "\(g) (pass --machine-guid to compare with this machine)"
        }
        lines += TextWrap.field("GUID", guidText, width: width)
        return lines
    }
}
