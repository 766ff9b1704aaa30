import CEvtx
import Foundation

/// An `.evtx` file opened with libevtx: the only place that touches the libevtx C API. It
/// owns the `libevtx_file_t` handle (closed and freed in `deinit`) and turns libevtx's `-1`
/// returns and `libevtx_error_t` chains into `EventLogError`, so that every other type works
/// with `EventLogRecord` values.
///
/// Why the signature is checked first: libevtx's own message for a file of another kind is a
/// backtrace of internal function names; an operator needs "this is not an .evtx file".
public final class EventLogFile: EventRecordSource {
    public let path: String
    private var file: UnsafeMutablePointer<libevtx_file_t>?

    public init(path: String) throws {
        self.path = path
        try Self.checkSignature(path: path)
        if let missing = ReaderLibrary.evtx.missing { throw EventLogError(path: path, message: missing) }
        var f: UnsafeMutablePointer<libevtx_file_t>?
        var error: UnsafeMutablePointer<libevtx_error_t>?
        guard libevtx_file_initialize(&f, &error) == 1, let f else {
            throw EventLogError(path: path, message: "libevtx cannot start (\(Self.text(&error)))")
        }
        guard libevtx_file_open(f, path, Int32(LIBEVTX_ACCESS_FLAG_READ.rawValue), &error) == 1 else {
            var ff: UnsafeMutablePointer<libevtx_file_t>? = f
            libevtx_file_free(&ff, nil)
            throw EventLogError(
                path: path,
                message:
                    "not a readable .evtx file (\(Self.text(&error))); copy the whole file again, or export the log with wevtutil epl"
            )
        }
        file = f
    }

    deinit {
        if file != nil {
            libevtx_file_close(file, nil)
            libevtx_file_free(&file, nil)
        }
    }

    /// True when libevtx found damaged chunks (records may be missing).
    public var isCorrupted: Bool { libevtx_file_is_corrupted(file, nil) == 1 }

    public func recordCount() throws -> Int {
        var n: Int32 = 0
        var error: UnsafeMutablePointer<libevtx_error_t>?
        guard libevtx_file_get_number_of_records(file, &n, &error) == 1 else {
            throw EventLogError(path: path, message: "cannot count its records (\(Self.text(&error)))")
        }
        return Int(n)
    }

    /// The record at `index` (0-based, file order), with its substitution strings.
    public func record(at index: Int, stringsWhen wanted: (String?) -> Bool) throws -> EventLogRecord {
        var record: UnsafeMutablePointer<libevtx_record_t>?
        var error: UnsafeMutablePointer<libevtx_error_t>?
        guard libevtx_file_get_record_by_index(file, Int32(index), &record, &error) == 1, record != nil else {
            throw EventLogError(path: path, message: "record \(index + 1) cannot be read (\(Self.text(&error)))")
        }
        defer { libevtx_record_free(&record, nil) }
        var out = EventLogRecord()
        var u64: UInt64 = 0
        var u32: UInt32 = 0
        var u8: UInt8 = 0
        if libevtx_record_get_identifier(record, &u64, nil) == 1 { out.recordNumber = u64 }
        if libevtx_record_get_written_time(record, &u64, nil) == 1 { out.writtenTime = u64 }
        if libevtx_record_get_event_identifier(record, &u32, nil) == 1 { out.eventIdentifier = u32 }
        if libevtx_record_get_event_identifier_qualifiers(record, &u32, nil) == 1 { out.qualifiers = u32 }
        if libevtx_record_get_event_level(record, &u8, nil) == 1 { out.level = u8 }
        out.provider = Self.string { size, buffer, error in
            buffer == nil
                ? libevtx_record_get_utf8_provider_identifier_size(record, size, error)
                : libevtx_record_get_utf8_provider_identifier(record, buffer, size.pointee, error)
        }
        out.sourceName = Self.string { size, buffer, error in
            buffer == nil
                ? libevtx_record_get_utf8_source_name_size(record, size, error)
                : libevtx_record_get_utf8_source_name(record, buffer, size.pointee, error)
        }
        out.computer = Self.string { size, buffer, error in
            buffer == nil
                ? libevtx_record_get_utf8_computer_name_size(record, size, error)
                : libevtx_record_get_utf8_computer_name(record, buffer, size.pointee, error)
        }
        var count: Int32 = 0
        if wanted(out.sourceName), libevtx_record_get_number_of_strings(record, &count, nil) == 1 {
            for i in 0..<max(0, min(count, 256)) {
                let s = Self.string { size, buffer, error in
                    buffer == nil
                        ? libevtx_record_get_utf8_string_size(record, i, size, error)
                        : libevtx_record_get_utf8_string(record, i, buffer, size.pointee, error)
                }
                out.strings.append(s ?? "")
            }
        }
        return out
    }

    /// Calls a libevtx size/value pair: first with a nil buffer for the size, then to fill it.
    private static func string(
        _ call: (
            UnsafeMutablePointer<Int>, UnsafeMutablePointer<UInt8>?,
            UnsafeMutablePointer<UnsafeMutablePointer<libevtx_error_t>?>?
        ) -> Int32
    ) -> String? {
        var size = 0
        var error: UnsafeMutablePointer<libevtx_error_t>?
        guard call(&size, nil, &error) == 1, size > 0, size < 1 << 20 else {
            libevtx_error_free(&error)
            return nil
        }
        var buffer = [UInt8](repeating: 0, count: size)
        let ok = buffer.withUnsafeMutableBufferPointer { call(&size, $0.baseAddress, &error) }
        guard ok == 1 else {
            libevtx_error_free(&error)
            return nil
        }
        if let nul = buffer.firstIndex(of: 0) { buffer.removeSubrange(nul...) }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// libevtx's error text (its first line: the rest is a backtrace), freeing the error.
    private static func text(_ error: inout UnsafeMutablePointer<libevtx_error_t>?) -> String {
        guard error != nil else { return "no reason given" }
        defer { libevtx_error_free(&error) }
        var buffer = [CChar](repeating: 0, count: 1024)
        guard libevtx_error_sprint(error, &buffer, buffer.count) > 0 else { return "no reason given" }
        let all = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return all.split(separator: "\n").last.map(String.init) ?? all
    }

    /// "ElfFile\0" at offset 0, and at least the 4096-byte file header.
    static func checkSignature(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw EventLogError(
                path: path,
                message: "cannot open the file (\(String(cString: strerror(errno)))); check the path and permissions")
        }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 4096)) ?? Data())
        if head.isEmpty { throw EventLogError(path: path, message: "the file is empty (0 bytes); copy the log again") }
        if head.starts(with: Array("LfLe".utf8)) || (head.count >= 8 && Array(head[4..<8]) == Array("LfLe".utf8)) {
            throw EventLogError(
                path: path,
                message:
                    "this is a Windows 2000/2003 .evt log, which this version does not read; export it as text on a Windows machine (wevtutil qe /lf:true) or give the .evtx"
            )
        }
        guard head.starts(with: Array("ElfFile".utf8) + [0]) else {
            throw EventLogError(
                path: path,
                message:
                    "not an .evtx event log (no 'ElfFile' signature); export the log with wevtutil epl System System.evtx"
            )
        }
        guard head.count >= 4096 else {
            throw EventLogError(
                path: path,
                message:
                    "truncated .evtx file: \(head.count) bytes, shorter than its 4096-byte header; copy the whole file again"
            )
        }
    }
}
