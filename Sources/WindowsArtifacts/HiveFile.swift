import CHivex
import Foundation

/// A registry hive file opened with libhivex: the only place that touches the hivex C API.
/// It owns the `hive_h` handle (closed in `deinit`) and turns hivex's NULL / 0 / -1 returns
/// with `errno` into `HiveError`, so that every other type works with Swift values.
///
/// Why the header is checked before hivex sees the file: hivex reports a file that is not
/// a hive, or one cut short, only as an errno ("Operation not supported"), which tells an
/// operator nothing; `HiveHeader` names the problem and the fix first.
///
/// Opened read-only unless `writable` (the tests use writing to build scenario hives from
/// copies of real ones); a read-only open never changes the file.
public final class HiveFile {
    public let path: String
    public let header: HiveHeader
    private let handle: OpaquePointer

    /// A key in this hive (a hivex node offset; only meaningful with its `HiveFile`).
    public struct Node: Hashable, Sendable {
        fileprivate let offset: Int
    }

    public init(path: String, writable: Bool = false) throws {
        self.path = path
        header = try HiveHeader.read(path: path)
        guard header.checksumMatches else {
            throw HiveError(
                path: path,
                message:
                    "the hive's header checksum does not match, so its header is damaged (libhivex refuses it); copy the file again or use a backup"
            )
        }
        if let missing = ReaderLibrary.hivex.missing { throw HiveError(path: path, message: missing) }
        errno = 0
        guard let h = hivex_open(path, writable ? HIVEX_OPEN_WRITE : 0) else {
            throw HiveError(
                path: path,
                message: "libhivex cannot open it (\(HiveFile.errnoText())); the file is not a readable registry hive")
        }
        handle = h
    }

    deinit { hivex_close(handle) }

    public var root: Node { Node(offset: hivex_root(handle)) }

    /// The key's own name (the root key's name is the hive's internal name).
    public func name(_ node: Node) -> String {
        guard let c = hivex_node_name(handle, node.offset) else { return "" }
        defer { free(c) }
        return String(cString: c)
    }

    /// The key's last-write time as FILETIME ticks, when readable.
    public func timestamp(_ node: Node) -> Int64? {
        let t = hivex_node_timestamp(handle, node.offset)
        return t >= 0 ? t : nil
    }

    /// The direct subkey `name` (hivex compares key names case-insensitively, as Windows does).
    public func child(_ node: Node, named name: String) -> Node? {
        errno = 0
        let n = hivex_node_get_child(handle, node.offset, name)
        return n == 0 ? nil : Node(offset: n)
    }

    /// The key at a backslash-separated path below `node` (default: the root), or nil.
    public func node(at path: String, from start: Node? = nil) -> Node? {
        var node = start ?? root
        for part in path.split(separator: "\\") where !part.isEmpty {
            guard let next = child(node, named: String(part)) else { return nil }
            node = next
        }
        return node
    }

    public func children(_ node: Node) throws -> [Node] {
        errno = 0
        guard let list = hivex_node_children(handle, node.offset) else {
            throw HiveError(path: path, message: "cannot list the subkeys of '\(name(node))' (\(HiveFile.errnoText()))")
        }
        defer { free(list) }
        var out: [Node] = []
        var i = 0
        while list[i] != 0 {
            out.append(Node(offset: list[i]))
            i += 1
        }
        return out
    }

    /// Every value of the key, with its raw data.
    public func values(_ node: Node) throws -> [HiveValue] {
        errno = 0
        guard let list = hivex_node_values(handle, node.offset) else {
            throw HiveError(path: path, message: "cannot list the values of '\(name(node))' (\(HiveFile.errnoText()))")
        }
        defer { free(list) }
        var out: [HiveValue] = []
        var i = 0
        while list[i] != 0 {
            if let v = value(handle: list[i]) { out.append(v) }
            i += 1
        }
        return out
    }

    /// The value `name` of the key (case-insensitive), or nil when absent or unreadable.
    public func value(_ node: Node, named name: String) -> HiveValue? {
        errno = 0
        let v = hivex_node_get_value(handle, node.offset, name)
        return v == 0 ? nil : value(handle: v)
    }

    private func value(handle v: hive_value_h) -> HiveValue? {
        var type = hive_type(rawValue: 0)
        var length = 0
        guard let data = hivex_value_value(handle, v, &type, &length) else { return nil }
        defer { free(data) }
        let bytes = [UInt8](UnsafeRawBufferPointer(start: data, count: length))
        var name = ""
        if let key = hivex_value_key(handle, v) {
            name = String(cString: key)
            free(key)
        }
        return HiveValue(name: name, type: HiveValueType(rawValue: Int(type.rawValue)) ?? .unknown, data: bytes)
    }

    // MARK: Writing (scenario hives built from copies of real ones)

    /// Adds (or returns the existing) subkey `name`.
    public func addChild(_ parent: Node, named name: String) throws -> Node {
        if let existing = child(parent, named: name) { return existing }
        errno = 0
        let n = hivex_node_add_child(handle, parent.offset, name)
        guard n != 0 else { throw HiveError(path: path, message: "cannot add key '\(name)' (\(HiveFile.errnoText()))") }
        return Node(offset: n)
    }

    /// Deletes the key and everything below it.
    public func delete(_ node: Node) throws {
        errno = 0
        guard hivex_node_delete_child(handle, node.offset) == 0 else {
            throw HiveError(path: path, message: "cannot delete key '\(name(node))' (\(HiveFile.errnoText()))")
        }
    }

    /// Sets one value of the key (others are kept).
    public func setValue(_ node: Node, _ value: HiveValue) throws {
        var data = value.data.map { CChar(bitPattern: $0) }
        let status: Int32 = value.name.withCString { key in
            data.withUnsafeMutableBufferPointer { buffer in
                var v = hive_set_value(
                    key: UnsafeMutablePointer(mutating: key),
                    t: hive_type(rawValue: UInt32(value.type.rawValue)),
                    len: buffer.count, value: buffer.baseAddress)
                errno = 0
                return hivex_node_set_value(handle, node.offset, &v, 0)
            }
        }
        guard status == 0 else {
            throw HiveError(path: path, message: "cannot set value '\(value.name)' (\(HiveFile.errnoText()))")
        }
    }

    /// Writes the changed hive to `target` (never over a file opened read-only).
    public func commit(to target: String) throws {
        errno = 0
        guard hivex_commit(handle, target, 0) == 0 else {
            throw HiveError(path: target, message: "cannot write the hive (\(HiveFile.errnoText()))")
        }
    }

    private static func errnoText() -> String {
        let code = errno
        return code == 0 ? "no reason given" : String(cString: strerror(code))
    }
}
