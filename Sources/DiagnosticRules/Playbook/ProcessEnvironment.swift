import Foundation

/// The process environment as a dictionary, read from the C library's `environ`.
///
/// Why not `ProcessInfo.processInfo.environment`: Foundation builds that dictionary anew on
/// every call, at about 0.8 million instructions here, and the start-up path (locating the
/// playbooks, the session folder, the terminal checks) needs it several times before the
/// first screen. Same contents: where a name appears twice, the first one counts, as for
/// `getenv`.
public enum ProcessEnvironment {
    public static func current() -> [String: String] {
        // NULL after clearenv(); the optional type makes that explicit.
        let table: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = environ
        guard let table else { return [:] }
        var count = 0
        while table[count] != nil { count += 1 }
        var variables = [String: String](minimumCapacity: count)
        for index in 0..<count {
            guard let entry = table[index], let equals = strchr(entry, Int32(UInt8(ascii: "="))), equals != entry
            else { continue }
            let name = entry.withMemoryRebound(to: UInt8.self, capacity: equals - entry) {
                String(decoding: UnsafeBufferPointer(start: $0, count: equals - entry), as: UTF8.self)
            }
            if variables[name] == nil { variables[name] = String(cString: equals + 1) }
        }
        return variables
    }
}
