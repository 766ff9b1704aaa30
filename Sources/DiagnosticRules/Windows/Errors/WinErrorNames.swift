/// Symbolic names from winerror.h (see `Generated/WinErrorTable.swift`), looked up by value
/// or by name. HRESULTs and Win32 codes are separate namespaces: 5 is ERROR_ACCESS_DENIED as a
/// Win32 code but means nothing as an HRESULT, so each kind has its own dictionary.
public enum WinErrorNames {
    /// Which namespace a name belongs to.
    public enum Kind: String, Sendable, Codable {
        case hresult, win32
    }

    /// All symbolic names of an HRESULT, in header order (the usual name first).
    public static func hresultNames(_ value: UInt32) -> [String] { table.hresult[value] ?? [] }

    /// All symbolic names of a Win32 error code, in header order.
    public static func win32Names(_ code: UInt32) -> [String] { table.win32[code] ?? [] }

    /// The FACILITY_* names of a facility number, sorted, e.g. ["SECURITY", "SSPI"] for 9.
    public static func facilityNames(_ facility: Int) -> [String] { table.facility[facility] ?? [] }

    /// The kind and value of a symbolic name (case-insensitive), e.g. NTE_BAD_SIGNATURE.
    public static func lookup(name: String) -> (kind: Kind, value: UInt32)? { table.byName[name.uppercased()] }

    /// Number of distinct HRESULT names in the table.
    public static var hresultNameCount: Int { table.hresult.values.reduce(0) { $0 + $1.count } }

    /// Number of distinct Win32 names in the table.
    public static var win32NameCount: Int { table.win32.values.reduce(0) { $0 + $1.count } }

    /// Parsed once, on first use; `static let` initialisation is lazy and thread-safe.
    private static let table = Table(text: winErrorTableText)

    private struct Table: Sendable {
        var hresult: [UInt32: [String]] = [:]
        var win32: [UInt32: [String]] = [:]
        var facility: [Int: [String]] = [:]
        var byName: [String: (kind: Kind, value: UInt32)] = [:]

        init(text: String) {
            for row in text.split(separator: "\n") {
                let fields = row.split(separator: " ")
                guard fields.count == 3, let value = UInt32(fields[1], radix: 16) else { continue }
                let name = String(fields[2])
                switch fields[0] {
                case "F": facility[Int(value), default: []].append(name)
                case "H":
                    hresult[value, default: []].append(name)
                    byName[name] = (.hresult, value)
                case "W":
                    win32[value, default: []].append(name)
                    byName[name] = (.win32, value)
                default: continue
                }
            }
            for key in facility.keys { facility[key]?.sort() }
        }
    }
}
