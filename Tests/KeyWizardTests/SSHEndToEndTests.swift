import Foundation
import XCTest

/// One session through a real OpenSSH server on 127.0.0.1 with ForceCommand, as on a jump
/// host: answer a question, drop the connection, find the answer in the journal.
final class SSHEndToEndTests: XCTestCase {
    func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
        }
        return Int(UInt16(bigEndian: addr.sin_port))
    }

    func testAnswerSurvivesADroppedSSHConnection() throws {
        let tmux = try requireTool("tmux")
        let sshd = try requireTool("sshd")
        let ssh = try requireTool("ssh")
        let keygen = try requireTool("ssh-keygen")
        let kw = TestPaths.binary.path
        guard FileManager.default.isExecutableFile(atPath: kw) else { throw XCTSkip("keywizard binary not built") }

        let dir = NSTemporaryDirectory() + "kw-ssh-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let state = dir + "/state"
        XCTAssertEqual(sh([keygen, "-q", "-t", "ed25519", "-N", "", "-f", dir + "/host_key"]).status, 0)
        XCTAssertEqual(sh([keygen, "-q", "-t", "ed25519", "-N", "", "-f", dir + "/client_key"]).status, 0)
        try FileManager.default.copyItem(atPath: dir + "/client_key.pub", toPath: dir + "/authorized_keys")
        let port = freePort()
        let user =
            ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 }
            ?? String(cString: getpwuid(getuid()).pointee.pw_name)
        let config = """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(dir)/host_key
            PidFile \(dir)/sshd.pid
            AuthorizedKeysFile \(dir)/authorized_keys
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PubkeyAuthentication yes
            StrictModes no
            UsePAM no
            PermitRootLogin yes
            AcceptEnv LANG LC_*
            SetEnv XDG_STATE_HOME=\(state)
            ForceCommand \(kw) run --playbooks \(TestPaths.fixturePlaybooks.path)
            """
        try config.write(toFile: dir + "/sshd_config", atomically: true, encoding: .utf8)
        // sshd insists on its privilege separation directory; create it when we may (root in CI).
        if !FileManager.default.fileExists(atPath: "/run/sshd") && getuid() == 0 {
            try? FileManager.default.createDirectory(
                atPath: "/run/sshd", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        }
        let test = sh([sshd, "-t", "-f", dir + "/sshd_config"])
        guard test.status == 0 else {
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                XCTFail("sshd rejects the test config: \(test.output)")
            }
            throw XCTSkip("sshd cannot run here: \(test.output)")
        }
        let server = Process()
        server.executableURL = URL(fileURLWithPath: sshd)
        server.arguments = ["-D", "-e", "-f", dir + "/sshd_config"]
        server.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        // Wait until it listens.
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline && !FileManager.default.fileExists(atPath: dir + "/sshd.pid") { usleep(50_000) }

        let sshCommand =
            "\(ssh) -tt -i \(dir)/client_key -p \(port) -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o SendEnv=LANG \(user)@127.0.0.1"
        let t = try TmuxSession(tmux: tmux, width: 80, height: 24, command: sshCommand, env: ["LANG": "C.UTF-8"])
        defer { t.kill() }
        t.waitFor("What is the symptom?", timeout: 20)
        t.send("Enter")
        t.waitFor("Paste the newest event 7024")
        t.sendLiteral("?")
        t.send("C-d")
        t.waitFor("Don't know")
        t.send("Enter")
        t.waitFor("What service-specific error")
        t.sendLiteral("0x80090006")
        t.send("Enter")
        t.waitFor("Paste the output of the MachineGuid query")

        // Drop the connection: kill the ssh client.
        guard let pane = t.panePID() else { return XCTFail("no pane") }
        let client = descendant(of: pane, named: "ssh")
        XCTAssertNotNil(client)
        if let c = client { kill(c, SIGKILL) }
        t.waitFor("EXITED")

        // The server side got SIGHUP (or EOF): the journal holds both answers.
        let sessions = state + "/keywizard/sessions"
        var text = ""
        let until = Date().addingTimeInterval(10)
        repeat {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: sessions)) ?? []
            text = files.compactMap { try? String(contentsOfFile: sessions + "/" + $0, encoding: .utf8) }.joined()
            if text.contains("\"step\":\"error_code\"") { break }
            usleep(100_000)
        } while Date() < until
        XCTAssertTrue(text.contains("\"step\":\"event\""), text)
        XCTAssertTrue(text.contains("\"integer\":2148073478"), text)
        // And the server-side keywizard is gone (no process left behind).
        usleep(300_000)
        let left = sh([
            "sh", "-c", "ps -eo args | grep -c '[k]eywizard run --playbooks \(TestPaths.fixturePlaybooks.path)'"
        ]).output
        XCTAssertEqual(
            left.trimmingCharacters(in: .whitespacesAndNewlines), "0", "keywizard still running on the server")
    }
}
