/// The playbook a report is about, as every report document names it (`id`, `version`,
/// `title`).
public struct ReportPlaybook: Codable, Equatable, Sendable {
    public var id: String
    public var version: String
    public var title: String

    public init(_ p: Playbook) {
        id = p.id
        version = p.version
        title = p.title
    }
}
