/// Everything KeyWizard can say about one 32-bit error value, in every form an operator might
/// meet it (event text shows unsigned decimal, the IIS dialog signed decimal, logs hex), so the
/// same failure is recognised whichever form was pasted.
public struct ErrorDecode: Codable, Sendable, Equatable {
    /// The text that was decoded, when decoding started from text.
    public var input: String?
    /// True when the input was a small number read as a Win32 code and shown in its
    /// HRESULT_FROM_WIN32 form (`5` -> 0x80070005).
    public var interpretedAsWin32: Bool
    /// `0x80090006`: eight upper-case hex digits.
    public var hex: String
    public var unsigned: UInt32
    public var signed: Int32
    /// HRESULT_SEVERITY: bit 31, 1 = failure.
    public var severity: Int
    /// "failure" or "success".
    public var severityName: String
    /// HRESULT_FACILITY: (hr >> 16) & 0x1fff, as winerror.h computes it (includes the NT bit).
    public var facility: Int
    /// FACILITY_* names joined with "/", e.g. "SECURITY/SSPI"; nil when winerror.h has none.
    public var facilityName: String?
    /// HRESULT_CODE: the low 16 bits.
    public var code: Int
    /// Bit 29. The customer-bit reading comes from the MS-ERREF field split, which is
    /// unconfirmed in the domain notes, hence `customerBitConfirmed`.
    public var customerBit: Bool
    public var customerBitConfirmed: Bool
    /// FACILITY_NT_BIT (0x10000000), set by HRESULT_FROM_NT.
    public var ntBit: Bool
    /// Every winerror.h name for this HRESULT value.
    public var names: [String]
    /// Message text; nil when none is known or the known text is unconfirmed.
    public var message: String?
    /// True only when `message` is the published Windows wording.
    public var messageConfirmed: Bool
    /// Where the message comes from (source tag in the domain notes).
    public var messageSource: String?
    /// The Win32 error inside a 0x8007xxxx HRESULT.
    public var win32: Win32Decode?
    /// Caveats worth showing (ambiguous input, unconfirmed facts).
    public var notes: [String]
}

/// The Win32 error code carried by an HRESULT_FROM_WIN32 value.
public struct Win32Decode: Codable, Sendable, Equatable {
    public var code: UInt32
    public var names: [String]
    public var message: String?
    public var messageConfirmed: Bool
    public var messageSource: String?
}
