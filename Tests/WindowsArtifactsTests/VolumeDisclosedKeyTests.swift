import DiagnosticRules
import Foundation
import XCTest

@testable import WindowsArtifacts

/// A `<machineKey>` found on a mounted volume is checked against the disclosed-key list like
/// a pasted config: the list travels with `--windows-root` (it used to be dropped there).
final class VolumeDisclosedKeyTests: XCTestCase {
    func testAConfigOnTheVolumeIsCheckedAgainstTheList() throws {
        let root = NSTemporaryDirectory() + "kw-vol-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        let site = root + "/inetpub/wwwroot"
        try FileManager.default.createDirectory(atPath: root + "/Windows/System32", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        // A fresh random-looking key made for this test; the list below is built from it.
        let vk = String((0..<128).map { i in Array("0123456789ABCDEF")[(i * 7 + 3) % 16] })
        try """
        <configuration><system.web><machineKey validationKey="\(vk)" decryptionKey="AutoGenerate" validation="SHA1" /></system.web></configuration>
        """.write(toFile: site + "/web.config", atomically: true, encoding: .utf8)
        let volume = try WindowsVolume(root: root)

        let listed = VolumeEvidence.collect(
            volume: volume, backupHives: [],
            context: EvidenceContext(knownKeyDigests: [KnownKeys.digest(ofKeyText: vk)]))
        let config = try XCTUnwrap(listed.inputs.first { $0.name.hasSuffix("web.config") })
        XCTAssertEqual(config.parsed.field("machinekey_disclosed")?.value, .boolean(true))

        let unlisted = VolumeEvidence.collect(
            volume: volume, backupHives: [],
            context: EvidenceContext(knownKeyDigests: [String(repeating: "a", count: 64)]))
        let other = try XCTUnwrap(unlisted.inputs.first { $0.name.hasSuffix("web.config") })
        XCTAssertEqual(other.parsed.field("machinekey_disclosed")?.value, .boolean(false))
    }
}
