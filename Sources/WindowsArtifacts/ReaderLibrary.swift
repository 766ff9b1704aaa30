import CArtifactLibraries

/// The C library that reads one kind of file, loaded when the first such file is read (see
/// Sources/CArtifactLibraries). Asked before any call into it, so that a jump host without the
/// library gets one line naming the Debian package instead of an empty or garbled result.
enum ReaderLibrary: Int32 {
    case hivex = 0, evtx = 1, evt = 2

    var package: String {
        switch self {
        case .hivex: return "libhivex0"
        case .evtx: return "libevtx1"
        case .evt: return "libevt1"
        }
    }

    /// nil when the library is loaded; else what to tell the operator.
    var missing: String? {
        guard artifact_library_available(rawValue) == 0 else { return nil }
        let soname = String(cString: artifact_library_soname(rawValue))
        return
            "\(soname) is not installed, and keywizard needs it to read this file; install it (apt-get install \(package)) or read the evidence on the server with the commands the playbooks show"
    }
}
