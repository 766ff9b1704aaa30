import Foundation

/// The JSON shape of one session line. Every record kind is one flat object told apart by
/// `type`, so a line decodes in one pass, and the field names are spelled out here (not
/// left to synthesized enum coding) because they are a documented file format
/// (docs/session-format.md) that must not change when an in-memory type is refactored.
struct WireRecord: Codable {
    var type: String
    // header
    var format: String?
    var tool: String?
    var playbook: String?
    var playbookVersion: String?
    var contentHash: String?
    var started: String?
    var host: String?
    var keepsRawText: Bool?
    // answer / forget
    var step: String?
    var kind: String?
    var value: Value?
    var evidence: ParsedEvidence?
    var source: String?
    var sourceName: String?
    var raw: String?
    // conclusion
    var status: String?
    var diagnoses: [String]?
    var next: String?
    var time: String?

    init(type: String) { self.type = type }

    init(_ record: SessionRecord) {
        switch record {
        case .header(let h):
            self.init(type: "header")
            format = h.format
            tool = h.tool
            setPlaybook(h.playbook)
            started = SessionTime.format(h.started)
            host = h.hostLabel
            keepsRawText = h.keepsRawText ? true : nil
        case .symptom(let id, let t):
            self.init(type: "symptom")
            playbook = id
            time = SessionTime.format(t)
        case .answer(let r):
            self.init(type: "answer")
            step = r.answer.step
            switch r.answer.value {
            case .value(let v):
                kind = "value"
                value = v
            case .evidence(let e):
                kind = "evidence"
                evidence = e
            case .unknown: kind = "unknown"
            }
            switch r.answer.source {
            case .typed: source = "typed"
            case .pasted: source = "pasted"
            case .evidenceFile(let name):
                source = "evidence-file"
                sourceName = name
            case .answersFile(let name):
                source = "answers-file"
                sourceName = name
            }
            raw = r.rawText
            time = SessionTime.format(r.answer.time)
        case .forget(let s, let t):
            self.init(type: "forget")
            step = s
            time = SessionTime.format(t)
        case .conclusion(let c):
            self.init(type: "conclusion")
            status = c.status.rawValue
            diagnoses = c.diagnoses
            next = c.nextStep
            setPlaybook(c.playbook)
            time = SessionTime.format(c.time)
        }
    }

    private mutating func setPlaybook(_ p: PlaybookIdentity) {
        playbook = p.id
        playbookVersion = p.version
        contentHash = p.contentHash
    }

    /// The record, or why this line is not a valid one (for the damage report).
    func record() -> Result<SessionRecord, WireProblem> {
        func need<T>(_ v: T?, _ field: String) throws -> T {
            guard let v else { throw WireProblem("\(type) record without '\(field)'") }
            return v
        }
        func date(_ s: String?, _ field: String) throws -> Date {
            let text = try need(s, field)
            guard let d = SessionTime.parse(text) else {
                throw WireProblem("\(type) record has a bad '\(field)' time '\(text)'")
            }
            return d
        }
        func identity() throws -> PlaybookIdentity {
            PlaybookIdentity(
                id: try need(playbook, "playbook"), version: try need(playbookVersion, "playbookVersion"),
                contentHash: try need(contentHash, "contentHash"))
        }
        do {
            switch type {
            case "header":
                return .success(
                    .header(
                        SessionHeader(
                            format: try need(format, "format"), tool: tool ?? "unknown", playbook: try identity(),
                            started: try date(started, "started"), hostLabel: host, keepsRawText: keepsRawText ?? false)
                    ))
            case "symptom":
                return .success(.symptom(playbook: try need(playbook, "playbook"), time: try date(time, "time")))
            case "answer":
                let v: AnswerValue
                switch try need(kind, "kind") {
                case "value": v = .value(try need(value, "value"))
                case "evidence":
                    // A hand-edited file gets no more through than a paste.
                    v = .evidence(try need(evidence, "evidence").scrubbed())
                case "unknown": v = .unknown
                case let other:
                    throw WireProblem(
                        "answer record has unknown kind '\(SecretScrubber.scrub(String(other.prefix(40))))'")
                }
                let s: AnswerSource
                switch try need(source, "source") {
                case "typed": s = .typed
                case "pasted": s = .pasted
                case "evidence-file": s = .evidenceFile(try need(sourceName, "sourceName"))
                case "answers-file": s = .answersFile(try need(sourceName, "sourceName"))
                case let other:
                    throw WireProblem(
                        "answer record has unknown source '\(SecretScrubber.scrub(String(other.prefix(40))))'")
                }
                let a = Answer(step: try need(step, "step"), value: v, source: s, time: try date(time, "time"))
                return .success(
                    .answer(
                        RecordedAnswer(answer: a, rawText: raw.flatMap { SecretScrubber.containsSecret($0) ? nil : $0 })
                    ))
            case "forget":
                return .success(.forget(step: try need(step, "step"), time: try date(time, "time")))
            case "conclusion":
                guard let st = ConclusionSnapshot.Status(rawValue: try need(status, "status")) else {
                    throw WireProblem("conclusion record has unknown status '\(status ?? "")'")
                }
                return .success(
                    .conclusion(
                        ConclusionSnapshot(
                            status: st, diagnoses: try need(diagnoses, "diagnoses"), nextStep: next,
                            playbook: try identity(), time: try date(time, "time"))))
            default:
                return .failure(WireProblem("unknown record type '\(type)'"))
            }
        } catch let p as WireProblem {
            return .failure(p)
        } catch {
            return .failure(WireProblem("\(error)"))
        }
    }
}

struct WireProblem: Error {
    var reason: String
    /// Reasons quote field values from the file: scrubbed like everything else read from it.
    init(_ reason: String) { self.reason = SecretScrubber.scrub(reason) }
}

extension WireRecord {
    /// Every text field as a hand-edited file could fill it, scrubbed on load (dates are
    /// parsed, and a bad one is quoted only through `WireProblem`). A session file gets no
    /// more key material into a report than a paste does.
    func scrubbed() -> WireRecord {
        var w = self
        func s(_ x: String?) -> String? { x.map(SecretScrubber.scrub) }
        w.format = s(format)
        w.tool = s(tool)
        w.playbook = s(playbook)
        w.playbookVersion = s(playbookVersion)
        // The playbook's SHA-256 is 64 hex digits by definition: exempt in exactly that shape.
        w.contentHash = contentHash.map {
            $0.utf8.count == 64 && $0.allSatisfy(\.isHexDigit) ? $0 : SecretScrubber.scrub($0)
        }
        w.host = s(host)
        w.step = s(step)
        w.kind = s(kind)
        w.source = s(source)
        w.sourceName = s(sourceName)
        w.status = s(status)
        w.next = s(next)
        w.diagnoses = diagnoses?.map(SecretScrubber.scrub)
        w.value = value.map(SecretScrubber.scrub)
        return w
    }
}

/// The one JSON configuration for session lines: compact (one record a line), keys sorted
/// so that the same record is always the same bytes, slashes unescaped for readable paths.
enum SessionJSON {
    static func encodeLine(_ record: SessionRecord) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(WireRecord(record))
        data.append(0x0A)
        return data
    }

    static func encodeLines(_ records: [SessionRecord]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = Data()
        for r in records {
            data.append(try encoder.encode(WireRecord(r)))
            data.append(0x0A)
        }
        return data
    }
}
