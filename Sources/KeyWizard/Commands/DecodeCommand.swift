import ArgumentParser
import DiagnosticRules

/// `keywizard decode CODE...`: names an HRESULT or Win32 code in every form.
struct DecodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode HRESULT / Win32 error codes (2148073478, -2146893818, 0x80090006, 5, NTE_BAD_SIGNATURE).")

    @Argument(
        parsing: .allUnrecognized,
        help: "Error codes: unsigned or signed decimal, hex (0x80090006 or 80090006), or a winerror.h name.")
    var codes: [String] = []

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        // `.allUnrecognized` keeps a `--` as an argument; it only ends the options (so that
        // `decode -- -2146893818` works as in other tools).
        let codes =
            self.codes.firstIndex(of: "--").map { i in
                var c = self.codes
                c.remove(at: i)
                return c
            } ?? self.codes
        if codes.isEmpty {
            throw CommandOutput.fail("decode", "CODE is missing; give at least one code, e.g. 2148073478.")
        }
        var decoded: [ErrorDecode] = []
        for code in codes {
            // A key pasted here by mistake is refused without being echoed.
            if SecretScrubber.containsSecret(code) {
                throw CommandOutput.fail(
                    "decode",
                    "an argument looks like machine-key material, which KeyWizard never echoes or keeps; give an error code such as 0x80090006."
                )
            }
            guard let d = ErrorDecoder.decode(text: code) else {
                throw CommandOutput.fail(
                    "decode",
                    "CODE '\(code)' is not an error code; use decimal (2148073478 or "
                        + "-2146893818), hex (0x80090006) or a winerror.h name.")
            }
            decoded.append(d)
        }
        try CommandOutput.emit(decoded, command: "decode", format: format) { $0.textLines() }
    }
}
