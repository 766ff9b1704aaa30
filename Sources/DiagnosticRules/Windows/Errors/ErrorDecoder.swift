import Foundation

/// Turns an error value into an `ErrorDecode` using the winerror.h rules quoted in the domain
/// notes (§1.1): severity bit 31, facility (hr >> 16) & 0x1fff, code hr & 0xFFFF, and
/// HRESULT_FROM_WIN32 for Win32 codes.
public enum ErrorDecoder {
    /// Decodes `value`. Values up to 0xFFFF are read as Win32 error codes (what events and
    /// `net helpmsg` show) and decoded in their HRESULT_FROM_WIN32 form; a note says so, and
    /// names the raw HRESULT meaning when there is one (1 is also S_FALSE).
    public static func decode(_ value: UInt32) -> ErrorDecode {
        decode(value, input: nil)
    }

    /// Decodes a pasted number (see `ErrorCodeText.parse`) or a winerror.h name such as
    /// `NTE_BAD_SIGNATURE` or `ERROR_ACCESS_DENIED`. Nil when `text` is neither.
    public static func decode(text: String) -> ErrorDecode? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let value = ErrorCodeText.parse(trimmed) { return decode(value, input: trimmed) }
        guard let (kind, value) = WinErrorNames.lookup(name: trimmed) else {
            // Message text ("Invalid Signature"), as events on 2012 R2 and later print it.
            return ErrorNotation.message(trimmed).map { decode($0, input: trimmed) }
        }
        switch kind {
        case .win32: return decode(value, input: trimmed)
        case .hresult: return decodeHRESULT(value, input: trimmed, fromWin32: false, notes: [])
        }
    }

    /// winerror.h: x itself if x <= 0 (as a signed long), else (x & 0xFFFF) | (7 << 16) | 0x80000000.
    public static func hresultFromWin32(_ code: UInt32) -> UInt32 {
        Int32(bitPattern: code) <= 0 ? code : (code & 0xFFFF) | (7 << 16) | 0x8000_0000
    }

    private static func decode(_ value: UInt32, input: String?) -> ErrorDecode {
        guard value <= 0xFFFF else { return decodeHRESULT(value, input: input, fromWin32: false, notes: []) }
        let hr = hresultFromWin32(value)
        var notes = ["Read \(value) as a Win32 error code; HRESULT_FROM_WIN32 gives \(hexText(hr))."]
        let raw = WinErrorNames.hresultNames(value)
        if value != 0, !raw.isEmpty {
            notes.append("As a raw HRESULT, \(hexText(value)) is \(raw.joined(separator: ", ")).")
        }
        return decodeHRESULT(hr, input: input, fromWin32: true, notes: notes)
    }

    private static func decodeHRESULT(_ hr: UInt32, input: String?, fromWin32: Bool, notes: [String]) -> ErrorDecode {
        var notes = notes
        let facility = Int((hr >> 16) & 0x1fff)
        let ntBit = hr & 0x1000_0000 != 0
        let customerBit = hr & 0x2000_0000 != 0
        if ntBit { notes.append("FACILITY_NT_BIT is set: an NTSTATUS wrapped by HRESULT_FROM_NT.") }
        if customerBit { notes.append("Bit 29 is set; reading it as the customer bit is unconfirmed.") }

        var win32: Win32Decode?
        if hr >> 16 == 0x8007 || (fromWin32 && hr == 0) {
            let code = hr & 0xFFFF
            let curated = ErrorMessages.win32[code]
            win32 = Win32Decode(
                code: code, names: WinErrorNames.win32Names(code), message: curated?.text,
                messageConfirmed: curated?.confirmed ?? false, messageSource: curated?.source)
        }
        let curated = ErrorMessages.hresult[hr]
        var message = curated?.text
        var confirmed = curated?.confirmed ?? false
        var source = curated?.source
        if curated == nil, let w = win32, w.message != nil {
            message = w.message
            confirmed = w.messageConfirmed
            source = "Win32 \(w.code): " + (w.messageSource ?? "")
        }
        if message != nil, !confirmed { notes.append("The message text is unconfirmed (source: \(source ?? "none")).") }
        if curated != nil || win32.flatMap({ ErrorMessages.win32[$0.code] }) != nil, message == nil {
            notes.append("No confirmed message text is known for this code.")
        }

        let facilityNames = WinErrorNames.facilityNames(facility)
        return ErrorDecode(
            input: input, interpretedAsWin32: fromWin32, hex: hexText(hr),
            unsigned: hr, signed: Int32(bitPattern: hr),
            severity: Int(hr >> 31), severityName: hr >> 31 == 1 ? "failure" : "success",
            facility: facility, facilityName: facilityNames.isEmpty ? nil : facilityNames.joined(separator: "/"),
            code: Int(hr & 0xFFFF), customerBit: customerBit, customerBitConfirmed: false, ntBit: ntBit,
            names: WinErrorNames.hresultNames(hr), message: message, messageConfirmed: confirmed,
            messageSource: source, win32: win32, notes: notes)
    }

    /// `0x80090006`: the form winerror.h and event text use.
    public static func hexText(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
