import Foundation
import XCTest

@testable import DiagnosticRules

final class EvidenceTextEvidenceTests: XCTestCase {
    func testUTF8WithAndWithoutBOMAndNewlines() {
        XCTAssertEqual(EvidenceText.decode(Data("a\r\nb\rc\n".utf8)), "a\nb\nc\n")
        XCTAssertEqual(EvidenceText.decode(Data([0xEF, 0xBB, 0xBF] + Array("x\r\n".utf8))), "x\n")
    }

    func testUTF16BothEndiansWithBOM() {
        let le: [UInt8] = [0xFF, 0xFE] + Array("Hi\r\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + Array("Hi\r\n".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        XCTAssertEqual(EvidenceText.decode(Data(le)), "Hi\n")
        XCTAssertEqual(EvidenceText.decode(Data(be)), "Hi\n")
    }

    func testUTF16LEWithoutBOMIsRecognised() {
        let le: [UInt8] = Array("REGEDIT4\r\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        XCTAssertEqual(EvidenceText.decode(Data(le)), "REGEDIT4\n")
    }

    func testInvalidBytesBecomeReplacementCharacters() {
        XCTAssertEqual(EvidenceText.decode(Data([0x41, 0xFF, 0x42])), "A\u{FFFD}B")
        // Odd byte count in UTF-16 and a lone surrogate.
        XCTAssertEqual(EvidenceText.decode(Data([0xFF, 0xFE, 0x41, 0x00, 0x42])), "A\u{FFFD}")
        XCTAssertEqual(EvidenceText.decode(Data([0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00])), "\u{FFFD}A")
    }

    func testRegeditFixtureIsUTF16LE() throws {
        let data = try EvidenceFixtures.data("reg-export-machineguid.reg")
        XCTAssertEqual(Array(data.prefix(2)), [0xFF, 0xFE])
        let text = EvidenceText.decode(data)
        XCTAssertTrue(text.hasPrefix("Windows Registry Editor Version 5.00\n"))
        XCTAssertFalse(text.contains("\r"))
    }

    func testExcerptRedactsLongHex() {
        XCTAssertEqual(evidenceExcerpt("key=0123456789ABCDEF0123 ok"), "key=<hex redacted> ok")
        XCTAssertEqual(evidenceExcerpt("abc 12"), "abc 12")
    }
}
