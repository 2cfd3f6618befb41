import Foundation
import Testing
import SpoolscanCore

@Suite struct ErrorCodeTests {
    @Test func codesAreUniqueAndWellFormed() {
        let codes = ErrorCode.all.map(\.code)
        #expect(Set(codes).count == codes.count)
        for code in codes {
            #expect(code.range(of: #"^(SCAN|HNDL|DB|CONF|INV|DET|POL|RPT)-\d{3}$"#, options: .regularExpression) != nil, "\(code)")
        }
    }

    @Test func timeoutHasTheDocumentedText() {
        #expect(ErrorCode.scanTimeout.description == "HNDL-004: scan time out")
        #expect(ErrorCode.named("SCAN-001") == .notAnImage)
    }

    @Test func sha256OfKnownInput() {
        #expect(SHA256Hasher.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let hasher = SHA256Hasher()
        hasher.update(Array("a".utf8)); hasher.update(Array("bc".utf8))
        #expect(hasher.finalizeHex() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
