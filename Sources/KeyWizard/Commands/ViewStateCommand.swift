import ArgumentParser
import DiagnosticRules
import Foundation

/// `keywizard viewstate`: which node's keys produced a ViewState.
struct ViewStateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "viewstate",
        abstract: "ViewState forensics: which candidate's <machineKey> produced a ViewState.",
        subcommands: [ViewStateVerifyCommand.self])
}

/// `keywizard viewstate verify --viewstate FILE (--generator HEX | --url URL) CONFIG...`.
/// Keys come only from the config files, never from the command line (ps, shell history).
struct ViewStateVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Say which candidate's keys validate a ViewState, or why none does.",
        discussion: """
            --viewstate FILE holds the __VIEWSTATE value (base64; from the page, a request log, or \
            the ViewState line of an event 1316 text). Legacy modes (Framework20SP1/SP2) need the \
            page's __VIEWSTATEGENERATOR (--generator); Framework45 needs the page URL (--url). Each \
            CONFIG is a web.config or machine.config holding one candidate's <machineKey>.

            Exit status: 0 when a candidate validates, 3 when none does, 1 on bad input.
            """)

    @Option(help: "File holding the ViewState (base64), or an event 1316 text.") var viewstate: String
    @Option(help: "__VIEWSTATEGENERATOR of the page (hex, e.g. EDD8C9AE); legacy modes.") var generator: String?
    @Option(help: "URL or path of the page (e.g. https://shop/cart.aspx); Framework45.") var url: String?
    @Option(help: "File holding the page's ViewStateUserKey (often the session ID or user name).") var userKeyFile:
        String?
    @Option(help: "Output format: text or json.") var format: OutputFormat = .text
    @Argument(help: "Config files, one candidate each.") var configs: [String] = []

    func run() throws {
        var status: Int32 = 0
        try guarded {
            guard !configs.isEmpty else {
                throw Failure(
                    "give at least one CONFIG (a web.config or machine.config with the candidate's <machineKey>)")
            }
            let vsText = EvidenceText.decode(try DiagnoseCommand.read(viewstate, what: "ViewState file"))
            let eventPath = ViewStateEventParser.path(in: vsText)
            guard generator != nil || url != nil || eventPath != nil else {
                throw Failure(
                    "give --generator HEX (the page's __VIEWSTATEGENERATOR, legacy modes) or --url URL (Framework45)")
            }
            var page = ViewStatePage()
            if let generator {
                guard let g = ViewStatePage.generator(fromHex: generator) else {
                    throw Failure(
                        "--generator \(generator): expected 1 to 8 hex digits, as in the page's __VIEWSTATEGENERATOR field"
                    )
                }
                page.generator = g
            }
            if let url {
                guard let p = ViewStatePage.path(fromURL: url) else {
                    throw Failure("--url \(url): expected an http(s) URL or a path such as /shop/cart.aspx")
                }
                page.path = p
            } else if let eventPath {
                page.path = eventPath
            }
            if let userKeyFile {
                let text = EvidenceText.decode(try DiagnoseCommand.read(userKeyFile, what: "ViewStateUserKey file"))
                page.viewStateUserKey = text.trimmingCharacters(in: .newlines)
            }
            let extracted = ViewStateEventParser.viewState(in: vsText) ?? vsText
            guard let bytes = ViewStateVerifier.decode(extracted) else {
                throw Failure(
                    "\(viewstate): not a base64 ViewState; save only the __VIEWSTATE value (or the event 1316 text)")
            }
            var candidates: [ViewStateCandidate] = []
            for path in configs {
                let text = EvidenceText.decode(try DiagnoseCommand.read(path, what: "config file"))
                do { candidates.append(try ViewStateCandidate.fromConfig(text, label: path)) } catch let e
                    as ViewStateCandidate.ReadError
                {
                    throw Failure(e.message)
                }
            }
            let verdict = ViewStateVerifier.verify(bytes, page: page, candidates: candidates)
            switch format {
            case .json: print(try ViewStateReport.json(verdict))
            case .text: print(ViewStateReport.text(verdict).joined(separator: "\n"))
            }
            if verdict.validFile == nil { status = 3 }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
