import Foundation

/// A registry value type, numbered as in winnt.h (REG_NONE 0 ... REG_QWORD 11).
public enum HiveValueType: Int, Sendable {
    case none = 0, string = 1, expandString = 2, binary = 3, dword = 4, dwordBigEndian = 5, link = 6
    case multiString = 7, resourceList = 8, fullResourceDescriptor = 9, resourceRequirementsList = 10
    case qword = 11
    case unknown = -1

    /// The name `reg query` prints.
    public var regName: String {
        switch self {
        case .none: return "REG_NONE"
        case .string: return "REG_SZ"
        case .expandString: return "REG_EXPAND_SZ"
        case .binary: return "REG_BINARY"
        case .dword: return "REG_DWORD"
        case .dwordBigEndian: return "REG_DWORD_BIG_ENDIAN"
        case .link: return "REG_LINK"
        case .multiString: return "REG_MULTI_SZ"
        case .resourceList: return "REG_RESOURCE_LIST"
        case .fullResourceDescriptor: return "REG_FULL_RESOURCE_DESCRIPTOR"
        case .resourceRequirementsList: return "REG_RESOURCE_REQUIREMENTS_LIST"
        case .qword: return "REG_QWORD"
        case .unknown: return "REG_NONE"
        }
    }
}

/// One value read from a hive: its name, type and raw data. Decoding is here, in Swift,
/// so that it is tested without libhivex.
public struct HiveValue: Sendable, Equatable {
    public var name: String
    public var type: HiveValueType
    public var data: [UInt8]

    public init(name: String, type: HiveValueType, data: [UInt8]) {
        self.name = name
        self.type = type
        self.data = data
    }

    /// A REG_SZ value from a Swift string (UTF-16LE with the terminating NUL, as Windows stores it).
    public static func string(_ name: String, _ text: String) -> HiveValue {
        var bytes: [UInt8] = []
        for unit in text.utf16 + [0] {
            bytes.append(UInt8(unit & 0xFF))
            bytes.append(UInt8(unit >> 8))
        }
        return HiveValue(name: name, type: .string, data: bytes)
    }

    public static func dword(_ name: String, _ number: UInt32) -> HiveValue {
        HiveValue(name: name, type: .dword, data: (0..<4).map { UInt8(truncatingIfNeeded: number >> (8 * $0)) })
    }

    public static func qword(_ name: String, _ number: UInt64) -> HiveValue {
        HiveValue(name: name, type: .qword, data: (0..<8).map { UInt8(truncatingIfNeeded: number >> (8 * $0)) })
    }

    /// REG_SZ / REG_EXPAND_SZ / REG_LINK text: UTF-16LE up to the first NUL.
    public var text: String? {
        guard type == .string || type == .expandString || type == .link else { return nil }
        return Self.utf16(data).first
    }

    /// REG_MULTI_SZ strings.
    public var strings: [String]? {
        guard type == .multiString else { return nil }
        return Self.utf16(data).filter { !$0.isEmpty }
    }

    /// DWORD / QWORD (and short little-endian binary) data as a number.
    public var number: UInt64? {
        switch type {
        case .dword, .qword, .binary:
            guard !data.isEmpty, data.count <= 8 else { return nil }
            if type == .dword && data.count != 4 { return nil }
            if type == .qword && data.count != 8 { return nil }
            var n: UInt64 = 0
            for (i, b) in data.enumerated() { n |= UInt64(b) << (8 * UInt64(i)) }
            return n
        case .dwordBigEndian:
            guard data.count == 4 else { return nil }
            return data.reduce(0) { $0 << 8 | UInt64($1) }
        default:
            return nil
        }
    }

    /// The data as `reg query` prints it: text, `0x...` numbers, upper-case hex for binary.
    public var display: String {
        if let text { return text }
        if let strings { return strings.joined(separator: "\\0") }
        if type == .dword || type == .qword || type == .dwordBigEndian, let number {
            return "0x" + String(number, radix: 16)
        }
        return data.map { String(format: "%02X", $0) }.joined()
    }

    /// UTF-16LE strings separated by NULs (an odd trailing byte is ignored).
    static func utf16(_ bytes: [UInt8]) -> [String] {
        var units: [UInt16] = []
        var i = 0
        while i + 1 < bytes.count {
            units.append(UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8)
            i += 2
        }
        return units.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF16.self) }
    }
}
