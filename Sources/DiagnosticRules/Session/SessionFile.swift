import Foundation

/// Reading and whole-file writing of session files (JSON Lines, docs/session-format.md).
/// Loading is forgiving: a journal cut off by `kill -9` or filled with garbage by a bad
/// copy still gives back every valid record, and says which lines were dropped and why.
public enum SessionFile {
    /// Load a session file. Throws only when the file cannot be read, line 1 is not a session
    /// header, or the header names another format version; every other problem drops the
    /// line and is reported in `damage`.
    public static func load(_ url: URL) throws -> LoadedSession {
        // Only a regular file (never a symlink or device) of at most 16 MB is read.
        switch RegularFileReader.read(url.path) {
        case .success(let data): return try parse(data, url: url)
        case .failure(.unreadable):
            throw SessionError.cannotRead(path: PlaybookLibrary.displayPath(url), reason: readReason(url))
        case .failure(let f):
            throw SessionError.cannotRead(path: PlaybookLibrary.displayPath(url), reason: f.description)
        }
    }

    /// The longest record read: answers are short; a multi-megabyte "summary" is hostile and
    /// would only slow every report that lays it out.
    public static let maximumRecordBytes = 1_048_576

    /// Parse the bytes of a session file (see `load`).
    public static func parse(_ data: Data, url: URL) throws -> LoadedSession {
        let path = PlaybookLibrary.displayPath(url)
        let endsWithNewline = data.last.map { $0 == 0x0A } ?? true
        var lines = splitLines(data)
        if endsWithNewline, !lines.isEmpty { lines.removeLast() }
        let decoder = JSONDecoder()

        // Fast path: an undamaged file decodes as one JSON array in one call.
        var wires: [WireRecord?]
        let oversized = Set(lines.indices.filter { lines[$0].count > maximumRecordBytes })
        if !oversized.isEmpty {
            wires = lines.indices.map {
                oversized.contains($0) || isBlank(lines[$0])
                    ? nil : (try? decoder.decode(WireRecord.self, from: Data(lines[$0])))?.scrubbed()
            }
        } else if let all = try? decoder.decode([WireRecord].self, from: joinedArray(lines)),
            all.count == lines.count - lines.filter(isBlank).count
        {
            var it = all.makeIterator()
            wires = lines.map { isBlank($0) ? nil : it.next()?.scrubbed() }
        } else {
            wires = lines.map { isBlank($0) ? nil : (try? decoder.decode(WireRecord.self, from: Data($0)))?.scrubbed() }
        }

        var records: [SessionRecord] = []
        var damage: [DamageNote] = []
        var header: SessionHeader?
        for (i, line) in lines.enumerated() {
            let number = i + 1
            if isBlank(line) { continue }
            let isLastUnterminated = !endsWithNewline && i == lines.count - 1
            guard let wire = wires[i] else {
                let reason =
                    oversized.contains(i)
                    ? "a record longer than \(maximumRecordBytes / 1_048_576) MB (no real answer is that long)"
                    : isLastUnterminated
                        ? "incomplete record: the file ends mid-line (the program was interrupted while writing)"
                        : "not a session record (not valid JSON of a known shape)"
                if header == nil { throw SessionError.notASession(path: path, line: number, reason: reason) }
                damage.append(DamageNote(line: number, reason: reason))
                continue
            }
            switch wire.record() {
            case .failure(let p):
                if header == nil { throw SessionError.notASession(path: path, line: number, reason: p.reason) }
                damage.append(DamageNote(line: number, reason: p.reason))
            case .success(.header(let h)):
                if header != nil {
                    damage.append(
                        DamageNote(line: number, reason: "a second header record (two sessions joined into one file?)"))
                    continue
                }
                guard h.format == SessionFormat.current else {
                    if h.format.hasPrefix(SessionFormat.family) {
                        throw SessionError.unsupportedFormat(path: path, found: h.format)
                    }
                    throw SessionError.notASession(
                        path: path, line: number,
                        reason: "header format '\(SecretScrubber.scrub(String(h.format.prefix(40))))'")
                }
                header = h
                records.append(.header(h))
            case .success(let r):
                if header == nil {
                    throw SessionError.notASession(path: path, line: number, reason: "line 1 must be the header record")
                }
                records.append(r)
            }
        }
        guard let header else { throw SessionError.notASession(path: path, line: 1, reason: "the file is empty") }
        return LoadedSession(
            url: url, header: header, records: records, damage: damage, endsWithNewline: endsWithNewline)
    }

    /// Write a whole session (save / save as / `diagnose --save FILE`): header, symptom, the
    /// answers and the conclusion, atomically (temp file, fsync, rename). Raw text is never
    /// written by this function: answers hold only parsed facts and fingerprints.
    public static func write(
        answers: [Answer], playbook: Playbook, conclusion: Conclusion, hostLabel: String?, to url: URL,
        now: Date = Date()
    ) throws {
        let started = answers.map(\.time).min() ?? now
        var records: [SessionRecord] = [
            .header(
                SessionHeader(playbook: PlaybookIdentity(playbook), started: min(started, now), hostLabel: hostLabel)),
            .symptom(playbook: playbook.id, time: min(started, now))
        ]
        records += answers.map { .answer(RecordedAnswer(answer: $0)) }
        records.append(.conclusion(ConclusionSnapshot(conclusion, time: now)))
        try AtomicFile.write(try SessionJSON.encodeLines(records), to: url)
    }

    /// Write a loaded session to another file (export / save as), atomically. Damaged lines
    /// are not carried over; raw text only if `keepRawText` (it never holds secrets).
    public static func export(_ session: LoadedSession, to url: URL, keepRawText: Bool = true) throws {
        let records = session.records.map { r -> SessionRecord in
            guard !keepRawText, case .answer(var a) = r else { return r }
            a.rawText = nil
            return .answer(a)
        }
        try AtomicFile.write(try SessionJSON.encodeLines(records), to: url)
    }

    /// Make a damaged file whole again so that it can be appended to: first copy it, byte for
    /// byte, to `<name>.damaged-<UTC timestamp>` next to it, then rewrite it with only its
    /// valid records. Returns the backup's URL (nil when there was nothing to repair).
    @discardableResult
    public static func repair(_ session: LoadedSession, now: Date = Date()) throws -> URL? {
        guard session.isDamaged else { return nil }
        let original: Data
        do { original = try Data(contentsOf: session.url) } catch {
            throw SessionError.cannotRead(
                path: PlaybookLibrary.displayPath(session.url), reason: readReason(session.url))
        }
        let backup = backupURL(for: session.url, now: now)
        try AtomicFile.write(original, to: backup)
        try AtomicFile.write(try SessionJSON.encodeLines(session.records), to: session.url)
        return backup
    }

    /// `<name>.damaged-<stamp>`, with `-2`, `-3`... when that exists already.
    static func backupURL(for url: URL, now: Date) -> URL {
        let base = url.path + ".damaged-" + SessionTime.fileStamp(now)
        var candidate = base
        var n = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = "\(base)-\(n)"
            n += 1
        }
        return URL(fileURLWithPath: candidate)
    }

    /// `data.split(separator: 0x0A, omittingEmptySubsequences: false)`, with the newlines
    /// found by `memchr`: the generic `split` steps through `Data` one checked index at a
    /// time, which cost more than decoding the JSON in `replay --all`.
    static func splitLines(_ data: Data) -> [Data.SubSequence] {
        let offsets: [Int] = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, raw.count > 0 else { return [] }
            var found: [Int] = []
            var at = 0
            while at < raw.count, let hit = memchr(base + at, 0x0A, raw.count - at) {
                let offset = base.distance(to: UnsafeRawPointer(hit))
                found.append(offset)
                at = offset + 1
            }
            return found
        }
        var lines: [Data.SubSequence] = []
        lines.reserveCapacity(offsets.count + 1)
        var start = data.startIndex
        for offset in offsets {
            lines.append(data[start..<data.startIndex + offset])
            start = data.startIndex + offset + 1
        }
        lines.append(data[start..<data.endIndex])
        return lines
    }

    private static func isBlank(_ line: Data.SubSequence) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    private static func joinedArray(_ lines: [Data.SubSequence]) -> Data {
        var out = Data([0x5B])
        out.reserveCapacity(lines.reduce(2) { $0 + $1.count + 1 })
        var first = true
        for line in lines where !isBlank(line) {
            if !first { out.append(0x2C) }
            out.append(contentsOf: line)
            first = false
        }
        out.append(0x5D)
        return out
    }

    private static func readReason(_ url: URL) -> String {
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) { return "no such file" }
        if isDir.boolValue { return "it is a folder" }
        return FileManager.default.isReadableFile(atPath: url.path) ? "read failed" : "permission denied"
    }
}
