import DiagnosticRules
import Foundation

/// Lists a MachineKeys folder on a mounted volume the way `dir /a` prints it on the server
/// (date, time, size, name under a " Directory of ..." header) and reads that listing with
/// the same `machinekeys-listing` parser a pasted listing goes through, so that key file
/// names give the same facts either way. The listing itself is kept for the report.
public enum MachineKeysFolderReader {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var size: Int
        public var modified: Date
    }

    public static func entries(in folder: String) throws -> [Entry] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw HiveError(
                path: folder,
                message:
                    "cannot list the MachineKeys folder (\((error as NSError).localizedDescription)); run as root or check the mount"
            )
        }
        return names.sorted().compactMap { name in
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: folder + "/" + name),
                attributes[.type] as? FileAttributeType == .typeRegular
            else { return nil }
            return Entry(
                name: name, size: (attributes[.size] as? Int) ?? 0,
                modified: (attributes[.modificationDate] as? Date) ?? Date(timeIntervalSince1970: 0))
        }
    }

    /// `05/14/2024  08:02 AM             2,482 c23..._5c1f...` rows under a `dir` header.
    public static func listing(windowsPath: String, entries: [Entry]) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "MM/dd/yyyy  hh:mm a"
        let sizes = NumberFormatter()
        sizes.numberStyle = .decimal
        sizes.locale = Locale(identifier: "en_US")
        var lines = [" Directory of \(windowsPath)", ""]
        for e in entries {
            let size = sizes.string(from: NSNumber(value: e.size)) ?? String(e.size)
            lines.append(
                formatter.string(from: e.modified) + String(repeating: " ", count: max(1, 18 - size.count)) + size + " "
                    + e.name)
        }
        lines.append("               \(entries.count) File(s)")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The listing's evidence, each field citing the folder (times are UTC).
    public static func read(folder: String, windowsPath: String) throws -> (parsed: ParsedEvidence, listing: String) {
        let text = listing(windowsPath: windowsPath, entries: try entries(in: folder))
        var parsed: ParsedEvidence
        do { parsed = try MachineKeysListingParser().parse(text, context: EvidenceContext()) } catch {
            throw HiveError(path: folder, message: "the MachineKeys folder has no key files (\(error))")
        }
        parsed.fields = parsed.fields.map {
            EvidenceField(name: $0.name, value: $0.value, line: 0, place: "listing of \(windowsPath)")
        }
        parsed.notes = parsed.notes.map { EvidenceNote(line: 0, message: $0.message) }
        return (parsed, text)
    }
}
