import CEvt
import Foundation

/// A Windows 2000/XP/2003 `.evt` file opened with libevt: the only place that touches the
/// libevt C API. Like `EventLogFile` it owns its handle and turns libevt's `-1` returns into
/// `EventLogError`; its records come out as the same `EventLogRecord` values.
///
/// Why the event identifier is split: an `.evt` record stores the whole 32-bit message id
/// (7024 of the Service Control Manager is 0xC0001B70); the event ID people and the
/// playbooks use is its low 16 bits, the high 16 bits are the qualifiers.
public final class LegacyEventLogFile: EventRecordSource {
    public let path: String
    private var file: UnsafeMutablePointer<libevt_file_t>?

    public init(path: String) throws {
        self.path = path
        if let missing = ReaderLibrary.evt.missing { throw EventLogError(path: path, message: missing) }
        var f: UnsafeMutablePointer<libevt_file_t>?
        var error: UnsafeMutablePointer<libevt_error_t>?
        guard libevt_file_initialize(&f, &error) == 1, let f else {
            throw EventLogError(path: path, message: "libevt cannot start (\(Self.text(&error)))")
        }
        guard libevt_file_open(f, path, Int32(LIBEVT_ACCESS_FLAG_READ.rawValue), &error) == 1 else {
            var ff: UnsafeMutablePointer<libevt_file_t>? = f
            libevt_file_free(&ff, nil)
            throw EventLogError(
                path: path, message: "not a readable .evt file (\(Self.text(&error))); copy the whole file again")
        }
        file = f
    }

    deinit {
        if file != nil {
            libevt_file_close(file, nil)
            libevt_file_free(&file, nil)
        }
    }

    public var isCorrupted: Bool { libevt_file_is_corrupted(file, nil) == 1 }

    public func recordCount() throws -> Int {
        var n: Int32 = 0
        var error: UnsafeMutablePointer<libevt_error_t>?
        guard libevt_file_get_number_of_records(file, &n, &error) == 1 else {
            throw EventLogError(path: path, message: "cannot count its records (\(Self.text(&error)))")
        }
        return Int(n)
    }

    public func record(at index: Int, stringsWhen wanted: (String?) -> Bool) throws -> EventLogRecord {
        var record: UnsafeMutablePointer<libevt_record_t>?
        var error: UnsafeMutablePointer<libevt_error_t>?
        guard libevt_file_get_record_by_index(file, Int32(index), &record, &error) == 1, record != nil else {
            throw EventLogError(path: path, message: "record \(index + 1) cannot be read (\(Self.text(&error)))")
        }
        defer { libevt_record_free(&record, nil) }
        var out = EventLogRecord()
        var u32: UInt32 = 0
        var u16: UInt16 = 0
        if libevt_record_get_identifier(record, &u32, nil) == 1 { out.recordNumber = UInt64(u32) }
        if libevt_record_get_written_time(record, &u32, nil) == 1, u32 > 0 {
            out.writtenTime = UInt64(u32) * 10_000_000 + 116_444_736_000_000_000
        }
        if libevt_record_get_event_identifier(record, &u32, nil) == 1 {
            out.eventIdentifier = u32 & 0xFFFF
            out.qualifiers = u32 >> 16
        }
        // EVENTLOG_ERROR_TYPE 1, WARNING 2, INFORMATION 4 -> evtx levels 2, 3, 4.
        if libevt_record_get_event_type(record, &u16, nil) == 1 {
            out.level = u16 == 1 ? 2 : u16 == 2 ? 3 : 4
        }
        out.sourceName = Self.string { size, buffer, error in
            buffer == nil
                ? libevt_record_get_utf8_source_name_size(record, size, error)
                : libevt_record_get_utf8_source_name(record, buffer, size.pointee, error)
        }
        out.computer = Self.string { size, buffer, error in
            buffer == nil
                ? libevt_record_get_utf8_computer_name_size(record, size, error)
                : libevt_record_get_utf8_computer_name(record, buffer, size.pointee, error)
        }
        var count: Int32 = 0
        if wanted(out.sourceName), libevt_record_get_number_of_strings(record, &count, nil) == 1 {
            for i in 0..<max(0, min(count, 256)) {
                let s = Self.string { size, buffer, error in
                    buffer == nil
                        ? libevt_record_get_utf8_string_size(record, i, size, error)
                        : libevt_record_get_utf8_string(record, i, buffer, size.pointee, error)
                }
                out.strings.append(s ?? "")
            }
        }
        return out
    }

    private static func string(
        _ call: (
            UnsafeMutablePointer<Int>, UnsafeMutablePointer<UInt8>?,
            UnsafeMutablePointer<UnsafeMutablePointer<libevt_error_t>?>?
        ) -> Int32
    ) -> String? {
        var size = 0
        var error: UnsafeMutablePointer<libevt_error_t>?
        guard call(&size, nil, &error) == 1, size > 0, size < 1 << 20 else {
            libevt_error_free(&error)
            return nil
        }
        var buffer = [UInt8](repeating: 0, count: size)
        let ok = buffer.withUnsafeMutableBufferPointer { call(&size, $0.baseAddress, &error) }
        guard ok == 1 else {
            libevt_error_free(&error)
            return nil
        }
        if let nul = buffer.firstIndex(of: 0) { buffer.removeSubrange(nul...) }
        return String(decoding: buffer, as: UTF8.self)
    }

    private static func text(_ error: inout UnsafeMutablePointer<libevt_error_t>?) -> String {
        guard error != nil else { return "no reason given" }
        defer { libevt_error_free(&error) }
        var buffer = [CChar](repeating: 0, count: 1024)
        guard libevt_error_sprint(error, &buffer, buffer.count) > 0 else { return "no reason given" }
        let all = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return all.split(separator: "\n").last.map(String.init) ?? all
    }
}
