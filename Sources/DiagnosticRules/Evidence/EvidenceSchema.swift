import Foundation

/// One field a parser may emit: its name, its type, what it means, so that playbooks can be
/// checked against parsers (`fields: {machine_giud: ...}` is a lint error, not a silent
/// nothing) and `keywizard explain --parsers` can list what each parser gives.
public struct EvidenceFieldSpec: Sendable, Equatable {
    public var name: String
    public var type: FactType
    /// A second type the field takes in rare cases (e.g. a FILETIME kept as text when it is
    /// unreadable). Lint accepts a fact of either type.
    public var alternateType: FactType?
    public var meaning: String

    public init(_ name: String, _ type: FactType, _ meaning: String, or alternateType: FactType? = nil) {
        self.name = name
        self.type = type
        self.meaning = meaning
        self.alternateType = alternateType
    }

    /// True when a value of `type` may be stored from this field (strings into GUID facts are
    /// coerced by `StepInput.coerce`, GUIDs read as strings too).
    public func fits(_ factType: FactType) -> Bool {
        for t in [type] + (alternateType.map { [$0] } ?? []) {
            if t == factType { return true }
            if (t == .guid && factType == .string) || (t == .string && factType == .guid) { return true }
        }
        return false
    }

    /// `windows_hint`: emitted by parsers that see a Windows generation in the evidence.
    public static let windowsHint = EvidenceFieldSpec(
        "windows_hint", .string,
        "Windows generation the evidence shows: \"nt5\" (2000/XP/2003: REG.EXE VERSION 3.0 banner, a "
            + "'Documents and Settings' path, the 2003 Event Viewer copy layout, eventquery.vbs) or \"nt6\" "
            + "(Vista/2008 and later: C:\\ProgramData or C:\\Users paths, the 2008+ Event Viewer layout, "
            + "wevtutil, Get-WinEvent, the 'Invalid Signature' event text). Absent when nothing says.")
}

/// What a parser publishes about its output: every field it may emit, and a short example
/// of the input it reads (tests parse the example and check every emitted field against
/// the list, so the schema cannot drift from the code).
public struct EvidenceSchema: Sendable {
    public var fields: [EvidenceFieldSpec]
    /// A small input in the parser's format, as printed by the real command.
    public var example: String

    public init(fields: [EvidenceFieldSpec], example: String) {
        self.fields = fields
        self.example = example
    }

    public func field(_ name: String) -> EvidenceFieldSpec? { fields.first { $0.name == name } }
}

/// Field lists shared by parsers that read the same kind of thing in different syntax.
enum SharedSchemas {
    /// `RegistryEvidence.emit` and the reg parsers' own fields.
    static let registry: [EvidenceFieldSpec] = [
        .init("registry_key", .string, "the first registry key named (HKEY_LOCAL_MACHINE\\...)"),
        .init("machine_guid", .guid, "MachineGuid, when the value is present"),
        .init("values", .list, "Name=TYPE=data of every non-secret value, in order"),
        .init("autogen_key_present", .boolean, "an AutoGenKey / AutoGenKeyV4 value is there (its data is never kept)"),
        .init("autogen_key_fingerprint", .string, "sha256:xxxxxxxx/NB fingerprint of the first AutoGenKey value"),
        .init("autogen_key_length", .integer, "length of the AutoGenKey data in bytes"),
        .init("autogen_key_names", .list, "names of the AutoGenKey values"),
        .init(
            "autogen_key_creation_time", .integer, "AutoGenKeyCreationTime as a FILETIME (text when unreadable)",
            or: .string),
        .init("autogen_key_format", .integer, "AutoGenKeyFormat"),
        .init("registry_keys", .list, "every key line, in order (several keys, /s output)"),
        .init("registry_value_missing", .boolean, "true: the tool said the key or value does not exist"),
        .init("registry_access_denied", .boolean, "true: the tool said access is denied"),
        EvidenceFieldSpec.windowsHint
    ]

    /// `EventEvidence.emit`: the fields every event parser gives.
    static let event: [EvidenceFieldSpec] = [
        .init("event_id", .integer, "event ID of the event used (see event_choice)"),
        .init("provider", .string, "event source / provider name"),
        .init("time_created", .string, "the event's time, as printed"),
        .init("computer", .string, "computer name in the event"),
        .init(
            "service_name", .string,
            "service the event names; \"IIS Admin Service\" when the event is recognisably for IISADMIN in any language"
        ),
        .init("service_display_name", .string, "the service name exactly as the event prints it (may be localized)"),
        .init("service_key", .string, "service key name (e.g. IISADMIN) from the event's binary data, when present"),
        .init(
            "error_code", .integer,
            "the error as an unsigned 32-bit number (2148073478 for 0x80090006), also from message text such as 'Invalid Signature'"
        ),
        .init("error_text", .string, "the error as the event words it, when no number could be read"),
        .init("event_message", .string, "the event's message text, joined into one line"),
        .init("event_count", .integer, "how many events the paste holds"),
        .init("event_ids", .list, "the event IDs of all events, newest first"),
        .init(
            "event_choice", .string,
            "which event the fields describe and why (\"newest 7024 for IIS Admin Service; 2 older ignored\")"),
        EvidenceFieldSpec.windowsHint
    ]
}
