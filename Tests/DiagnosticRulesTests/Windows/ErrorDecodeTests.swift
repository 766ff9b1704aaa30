import XCTest

@testable import DiagnosticRules

/// Pins error decoding against the values published in the domain notes §1.
final class ErrorDecodeTests: XCTestCase {
    /// The HRESULT table of domain notes §1.2: name, hex, unsigned, signed, message (nil = unconfirmed).
    static let hresultRows: [(String, String, UInt32, Int32, String?)] = [
        ("NTE_BAD_UID", "0x80090001", 2148073473, -2146893823, "Bad UID."),
        ("NTE_BAD_KEY", "0x80090003", 2148073475, -2146893821, "Bad key."),
        ("NTE_BAD_DATA", "0x80090005", 2148073477, -2146893819, "Bad data."),
        ("NTE_BAD_SIGNATURE", "0x80090006", 2148073478, -2146893818, "Invalid signature."),
        ("NTE_BAD_ALGID", "0x80090008", 2148073480, -2146893816, "Invalid algorithm specified."),
        ("NTE_BAD_FLAGS", "0x80090009", 2148073481, -2146893815, "Invalid flags specified."),
        ("NTE_BAD_KEY_STATE", "0x8009000B", 2148073483, -2146893813, "Key not valid for use in specified state."),
        ("NTE_NO_KEY", "0x8009000D", 2148073485, -2146893811, "Key does not exist."),
        ("NTE_EXISTS", "0x8009000F", 2148073487, -2146893809, "Object already exists."),
        ("NTE_PERM", "0x80090010", 2148073488, -2146893808, "Access denied."),
        ("NTE_NOT_FOUND", "0x80090011", 2148073489, -2146893807, "Object was not found."),
        ("NTE_BAD_KEYSET", "0x80090016", 2148073494, -2146893802, "Keyset does not exist"),
        ("NTE_KEYSET_NOT_DEF", "0x80090019", 2148073497, -2146893799, "The keyset is not defined."),
        ("NTE_KEYSET_ENTRY_BAD", "0x8009001A", 2148073498, -2146893798, "Keyset as registered is invalid."),
        ("NTE_BAD_KEYSET_PARAM", "0x8009001F", 2148073503, -2146893793, "The keyset parameter is invalid."),
        ("NTE_FAIL", "0x80090020", 2148073504, -2146893792, "An internal error occurred."),
        ("E_ACCESSDENIED", "0x80070005", 2147942405, -2147024891, "Access is denied."),
        ("CRYPT_E_NOT_FOUND", "0x80092004", 2148081668, -2146885628, nil),
        ("CRYPT_E_NO_KEY_PROPERTY", "0x8009200B", 2148081675, -2146885621, nil)
    ]

    /// The Win32 table of domain notes §1.2: name, code, HRESULT, unsigned, signed, message, confirmed.
    static let win32Rows: [(String, UInt32, String, UInt32, Int32, String?, Bool)] = [
        (
            "ERROR_FILE_NOT_FOUND", 2, "0x80070002", 2147942402, -2147024894,
            "The system cannot find the file specified.", true
        ),
        ("ERROR_ACCESS_DENIED", 5, "0x80070005", 2147942405, -2147024891, "Access is denied.", true),
        ("ERROR_INVALID_DATA", 13, "0x8007000D", 2147942413, -2147024883, "The data is invalid.", true),
        ("ERROR_SERVICE_SPECIFIC_ERROR", 1066, "0x8007042A", 2147943466, -2147023830, nil, false),
        ("ERROR_LOGON_FAILURE", 1326, "0x8007052E", 2147943726, -2147023570, nil, false),
        (
            "ERROR_LOGON_TYPE_NOT_GRANTED", 1385, "0x80070569", 2147943785, -2147023511,
            "user not granted the requested logon type", false
        )
    ]

    func testIISAdminServiceSpecificError() throws {
        let d = try XCTUnwrap(ErrorDecoder.decode(text: "2148073478"))
        XCTAssertEqual(d.hex, "0x80090006")
        XCTAssertEqual(d.unsigned, 2148073478)
        XCTAssertEqual(d.signed, -2146893818)
        XCTAssertEqual(d.names.first, "NTE_BAD_SIGNATURE")
        XCTAssertEqual(d.message, "Invalid signature.")
        XCTAssertTrue(d.messageConfirmed)
        XCTAssertEqual(d.facility, 9)
        XCTAssertEqual(d.facilityName, "SECURITY/SSPI")
        XCTAssertEqual(d.severity, 1)
        XCTAssertEqual(d.severityName, "failure")
        XCTAssertEqual(d.code, 6)
        XCTAssertFalse(d.interpretedAsWin32)
        XCTAssertNil(d.win32)
    }

    func testEveryHRESULTRowInEveryInputForm() throws {
        for (name, hex, unsigned, signed, message) in Self.hresultRows {
            let forms = [hex, String(hex.dropFirst(2)), String(unsigned), String(signed), hex.lowercased(), name]
            for form in forms {
                let d = try XCTUnwrap(ErrorDecoder.decode(text: form), "\(name) as \(form)")
                XCTAssertEqual(d.hex, hex, form)
                XCTAssertEqual(d.unsigned, unsigned, form)
                XCTAssertEqual(d.signed, signed, form)
                XCTAssertTrue(d.names.contains(name), "\(form): \(d.names)")
                XCTAssertEqual(d.message, message, form)
                XCTAssertEqual(d.messageConfirmed, message != nil, form)
            }
        }
    }

    func testEveryWin32RowAsCodeAndAsHRESULT() throws {
        for (name, code, hex, unsigned, signed, message, confirmed) in Self.win32Rows {
            for form in [String(code), hex, String(unsigned), String(signed), name] {
                let d = try XCTUnwrap(ErrorDecoder.decode(text: form), "\(name) as \(form)")
                XCTAssertEqual(d.hex, hex, form)
                XCTAssertEqual(d.unsigned, unsigned, form)
                XCTAssertEqual(d.signed, signed, form)
                XCTAssertEqual(d.facility, 7, form)
                XCTAssertEqual(d.facilityName, "WIN32", form)
                let w = try XCTUnwrap(d.win32, form)
                XCTAssertEqual(w.code, code, form)
                XCTAssertTrue(w.names.contains(name), "\(form): \(w.names)")
                XCTAssertEqual(w.message, message, form)
                XCTAssertEqual(w.messageConfirmed, confirmed, form)
                XCTAssertEqual(d.messageConfirmed, confirmed, form)
            }
            XCTAssertTrue(ErrorDecoder.decode(text: String(code))!.interpretedAsWin32)
            XCTAssertFalse(ErrorDecoder.decode(text: hex)!.interpretedAsWin32)
        }
    }

    func testWin32FiveIsAccessDeniedInBothForms() throws {
        let d = ErrorDecoder.decode(5)
        XCTAssertEqual(d.hex, "0x80070005")
        XCTAssertEqual(d.names, ["E_ACCESSDENIED"])
        XCTAssertEqual(d.win32?.names.first, "ERROR_ACCESS_DENIED")
        XCTAssertEqual(d.message, "Access is denied.")
        XCTAssertTrue(d.interpretedAsWin32)
    }

    func testBadKeyStateIsNotACryptECode() {
        let d = ErrorDecoder.decode(0x8009_000B)
        XCTAssertEqual(d.names, ["NTE_BAD_KEY_STATE"])
        XCTAssertFalse(d.names.contains("CRYPT_E_NO_KEY_PROPERTY"))
        XCTAssertEqual(ErrorDecoder.decode(0x8009_200B).names, ["CRYPT_E_NO_KEY_PROPERTY"])
    }

    func testUnconfirmedTextsAreFlagged() {
        let notFound = ErrorDecoder.decode(0x8009_2004)
        XCTAssertNil(notFound.message)
        XCTAssertFalse(notFound.messageConfirmed)
        let logonType = ErrorDecoder.decode(1385)
        XCTAssertNotNil(logonType.message)
        XCTAssertFalse(logonType.messageConfirmed)
        XCTAssertTrue(logonType.notes.contains { $0.contains("unconfirmed") })
        XCTAssertFalse(notFound.customerBitConfirmed)
    }

    func testFacilityNamesFromTheNotes() {
        let expected: [Int: String] = [
            0: "NULL", 1: "RPC", 2: "DISPATCH", 3: "STORAGE", 4: "ITF", 7: "WIN32",
            8: "WINDOWS", 9: "SECURITY/SSPI", 10: "CONTROL", 11: "CERT", 12: "INTERNET",
            15: "SETUPAPI", 17: "COMPLUS", 19: "URT", 25: "HTTP"
        ]
        for (facility, name) in expected {
            XCTAssertEqual(WinErrorNames.facilityNames(facility).joined(separator: "/"), name)
        }
    }

    func testHRESULTFromWin32Macro() {
        XCTAssertEqual(ErrorDecoder.hresultFromWin32(5), 0x8007_0005)
        XCTAssertEqual(ErrorDecoder.hresultFromWin32(1385), 0x8007_0569)
        XCTAssertEqual(ErrorDecoder.hresultFromWin32(0), 0)
        XCTAssertEqual(ErrorDecoder.hresultFromWin32(0x8009_0006), 0x8009_0006, "negative values pass through")
    }

    func testFlagBits() {
        let nt = ErrorDecoder.decode(0xD000_0022)
        XCTAssertTrue(nt.ntBit)
        XCTAssertFalse(nt.customerBit)
        XCTAssertEqual(nt.facility, 0x1000)
        let customer = ErrorDecoder.decode(0xA004_0001)
        XCTAssertTrue(customer.customerBit)
        XCTAssertFalse(customer.ntBit)
    }

    func testSmallValueAmbiguityIsNoted() {
        let d = ErrorDecoder.decode(1)
        XCTAssertEqual(d.hex, "0x80070001")
        XCTAssertEqual(d.win32?.names.first, "ERROR_INVALID_FUNCTION")
        XCTAssertTrue(d.notes.contains { $0.contains("S_FALSE") })
    }

    func testNamesAreCaseInsensitiveAndUnknownTextFails() {
        XCTAssertEqual(ErrorDecoder.decode(text: "nte_bad_signature")?.unsigned, 2148073478)
        XCTAssertNil(ErrorDecoder.decode(text: "NOT_A_CODE"))
        XCTAssertNil(ErrorDecoder.decode(text: ""))
    }

    func testCuratedNamesAgreeWithGeneratedTable() {
        for (value, m) in ErrorMessages.hresult {
            XCTAssertTrue(WinErrorNames.hresultNames(value).contains(m.name), m.name)
        }
        for (code, m) in ErrorMessages.win32 {
            XCTAssertTrue(WinErrorNames.win32Names(code).contains(m.name), m.name)
        }
    }

    func testGeneratedTableIsComplete() {
        XCTAssertGreaterThan(WinErrorNames.hresultNameCount + WinErrorNames.win32NameCount, 1000)
        XCTAssertGreaterThan(WinErrorNames.hresultNameCount, 1000)
        XCTAssertGreaterThan(WinErrorNames.win32NameCount, 1000)
        XCTAssertEqual(WinErrorNames.lookup(name: "NTE_BAD_SIGNATURE")?.value, 0x8009_0006)
        XCTAssertEqual(WinErrorNames.lookup(name: "ERROR_SERVICE_SPECIFIC_ERROR")?.value, 1066)
        XCTAssertEqual(WinErrorNames.lookup(name: "ERROR_SERVICE_SPECIFIC_ERROR")?.kind, .win32)
        XCTAssertEqual(WinErrorNames.lookup(name: "WSAEACCES")?.value, 10013)
        XCTAssertEqual(WinErrorNames.lookup(name: "E_NOT_SUFFICIENT_BUFFER")?.value, 0x8007_007A)
        XCTAssertTrue(WinErrorNames.hresultNames(0).contains("S_OK"))
        XCTAssertTrue(WinErrorNames.win32Names(0).contains("ERROR_SUCCESS"))
    }
}
