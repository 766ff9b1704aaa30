import Foundation

/// The 4096-byte base block at the start of a registry hive ("regf"), read in Swift before
/// libhivex opens the file, so that the usual bad files get a clear line of their own:
/// not a hive, cut short (a partial copy), or dirty (Windows had not flushed its
/// transaction logs: the hive's two sequence numbers differ and `.LOG1`/`.LOG2` beside it
/// hold changes the file does not have yet).
///
/// Layout (libyal's "Windows NT Registry File (REGF) format"): "regf" at 0, primary and
/// secondary sequence numbers at 4 and 8, last-written FILETIME at 12, major/minor version
/// at 20/24, hive-bins data size at 40, XOR-32 checksum of the first 508 bytes at 508.
public struct HiveHeader: Sendable, Equatable {
    public var primarySequence: UInt32
    public var secondarySequence: UInt32
    public var lastWritten: Int64
    public var majorVersion: UInt32
    public var minorVersion: UInt32
    public var hiveBinsSize: UInt32
    public var checksumMatches: Bool
    public var fileSize: Int

    static let size = 4096

    /// A dirty hive: the last write did not finish (or was never flushed from the logs).
    public var isDirty: Bool { primarySequence != secondarySequence }

    /// Reads and checks the base block of the file at `path`.
    public static func read(path: String) throws -> HiveHeader {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw HiveError(
                path: path,
                message: "cannot open the file (\(String(cString: strerror(errno)))); check the path and permissions")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: size)) ?? Data()
        let end = (try? handle.seekToEnd()) ?? 0
        return try parse([UInt8](head), fileSize: Int(end), path: path)
    }

    /// Checks a base block (`bytes` is the start of the file, `fileSize` its full length).
    public static func parse(_ bytes: [UInt8], fileSize: Int, path: String) throws -> HiveHeader {
        if fileSize == 0 {
            throw HiveError(
                path: path,
                message:
                    "the file is empty (0 bytes); on Windows 10 1803 and later RegBack holds empty placeholders, use another backup"
            )
        }
        guard bytes.count >= 4, bytes[0] == 0x72, bytes[1] == 0x65, bytes[2] == 0x67, bytes[3] == 0x66 else {
            throw HiveError(
                path: path,
                message:
                    "not a registry hive (no 'regf' signature at the start); give a hive file such as SOFTWARE, SYSTEM or NTUSER.DAT, or a 'reg save' copy"
            )
        }
        guard bytes.count >= size else {
            throw HiveError(
                path: path,
                message:
                    "truncated registry hive: \(fileSize) bytes, shorter than its 4096-byte header; copy the whole file again"
            )
        }
        func u32(_ o: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[o + $1]) << (8 * UInt32($1)) } }
        var xor: UInt32 = 0
        for i in stride(from: 0, to: 508, by: 4) { xor ^= u32(i) }
        let header = HiveHeader(
            primarySequence: u32(4), secondarySequence: u32(8),
            lastWritten: Int64(UInt64(u32(12)) | UInt64(u32(16)) << 32),
            majorVersion: u32(20), minorVersion: u32(24), hiveBinsSize: u32(40),
            checksumMatches: xor == u32(508), fileSize: fileSize)
        guard header.majorVersion == 1 else {
            throw HiveError(
                path: path,
                message:
                    "registry hive version \(header.majorVersion).\(header.minorVersion) is not supported (expected 1.x)"
            )
        }
        if Int(header.hiveBinsSize) + size > fileSize {
            throw HiveError(
                path: path,
                message:
                    "truncated registry hive: the header promises \(Int(header.hiveBinsSize) + size) bytes but the file has \(fileSize); copy the whole file again"
            )
        }
        return header
    }

    /// Transaction logs beside the hive (`NAME.LOG`, `.LOG1`, `.LOG2`) that are not empty.
    public static func pendingLogs(besides path: String) -> [String] {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let base = url.lastPathComponent.lowercased()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.filter { name in
            let lower = name.lowercased()
            guard [".log", ".log1", ".log2"].contains(where: { lower == base + $0 }) else { return false }
            let size = (try? FileManager.default.attributesOfItem(atPath: folder + "/" + name)[.size] as? Int) ?? 0
            return size > 0
        }.sorted()
    }
}
