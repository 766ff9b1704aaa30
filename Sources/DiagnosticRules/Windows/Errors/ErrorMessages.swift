/// Message texts for the codes in the domain notes (/work/shared/domain/machine-keys.md §1.2),
/// hand-written because winerror.h carries no text and Wine's texts are not Windows wording.
/// Only these codes get a message; a text nobody confirmed is flagged, never passed off as
/// the Windows wording.
public struct CuratedMessage: Sendable, Equatable {
    /// The winerror.h name the notes give for this code; tests cross-check it with the table.
    public var name: String
    /// The message, exactly as the source prints it; nil when the text is unconfirmed.
    public var text: String?
    /// True when `text` is the published Windows wording.
    public var confirmed: Bool
    /// Where the text comes from (source tag in the domain notes).
    public var source: String
}

public enum ErrorMessages {
    /// Messages by HRESULT value.
    public static let hresult: [UInt32: CuratedMessage] = {
        func nte(_ name: String, _ text: String) -> CuratedMessage {
            CuratedMessage(name: name, text: text, confirmed: true, source: "MS-NTE")
        }
        return [
            0x8009_0001: nte("NTE_BAD_UID", "Bad UID."),
            0x8009_0003: nte("NTE_BAD_KEY", "Bad key."),
            0x8009_0005: nte("NTE_BAD_DATA", "Bad data."),
            0x8009_0006: nte("NTE_BAD_SIGNATURE", "Invalid signature."),
            0x8009_0008: nte("NTE_BAD_ALGID", "Invalid algorithm specified."),
            0x8009_0009: nte("NTE_BAD_FLAGS", "Invalid flags specified."),
            0x8009_000B: nte("NTE_BAD_KEY_STATE", "Key not valid for use in specified state."),
            0x8009_000D: nte("NTE_NO_KEY", "Key does not exist."),
            0x8009_000F: nte("NTE_EXISTS", "Object already exists."),
            0x8009_0010: nte("NTE_PERM", "Access denied."),
            0x8009_0011: nte("NTE_NOT_FOUND", "Object was not found."),
            0x8009_0016: nte("NTE_BAD_KEYSET", "Keyset does not exist"),
            0x8009_0019: nte("NTE_KEYSET_NOT_DEF", "The keyset is not defined."),
            0x8009_001A: nte("NTE_KEYSET_ENTRY_BAD", "Keyset as registered is invalid."),
            0x8009_001F: nte("NTE_BAD_KEYSET_PARAM", "The keyset parameter is invalid."),
            0x8009_0020: nte("NTE_FAIL", "An internal error occurred."),
            0x8007_0005: CuratedMessage(
                name: "E_ACCESSDENIED", text: "Access is denied.", confirmed: true,
                source: "MS-Err0-499 (Win32 5)"),
            0x8009_2004: CuratedMessage(name: "CRYPT_E_NOT_FOUND", text: nil, confirmed: false, source: "none"),
            0x8009_200B: CuratedMessage(name: "CRYPT_E_NO_KEY_PROPERTY", text: nil, confirmed: false, source: "none")
        ]
    }()

    /// Messages by Win32 error code.
    public static let win32: [UInt32: CuratedMessage] = [
        2: CuratedMessage(
            name: "ERROR_FILE_NOT_FOUND", text: "The system cannot find the file specified.",
            confirmed: true, source: "MS-Err0-499"),
        5: CuratedMessage(
            name: "ERROR_ACCESS_DENIED", text: "Access is denied.", confirmed: true, source: "MS-Err0-499"),
        13: CuratedMessage(
            name: "ERROR_INVALID_DATA", text: "The data is invalid.", confirmed: true, source: "MS-Err0-499"),
        1066: CuratedMessage(name: "ERROR_SERVICE_SPECIFIC_ERROR", text: nil, confirmed: false, source: "none"),
        1326: CuratedMessage(name: "ERROR_LOGON_FAILURE", text: nil, confirmed: false, source: "none"),
        // A blog's paraphrase, not the FormatMessage text: shown, but flagged unconfirmed.
        1385: CuratedMessage(
            name: "ERROR_LOGON_TYPE_NOT_GRANTED", text: "user not granted the requested logon type",
            confirmed: false, source: "blog quote")
    ]
}
