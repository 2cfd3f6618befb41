import Testing
@testable import Detectors

@Suite("Keyword automaton")
struct KeywordAutomatonTests {
    let automaton = KeywordAutomaton(keywords: ["pass", "password", "sk_live_", "ghp_", "q~", "://"])

    func hits(_ text: [UInt8], chunk: Int) -> [String] {
        var found: [String] = []
        var state = KeywordAutomaton.start
        var offset = 0
        while offset < text.count {
            let end = min(offset + chunk, text.count)
            state = text[offset..<end].withUnsafeBytes { bytes in
                automaton.scan(bytes, state: state) { keyword, stop in found.append("\(keyword)@\(offset + stop)") }
            }
            offset = end
        }
        return found
    }

    @Test("case-insensitive, overlapping keywords, across chunks")
    func basics() {
        let text = Array("PassWord x GHP_1 q~ https://a sK_LiVe_".utf8)
        let expected = ["0@4", "1@8", "3@15", "4@19", "5@28", "2@38"]
        #expect(hits(text, chunk: text.count) == expected)
        #expect(hits(text, chunk: 1) == expected)
        #expect(hits(text, chunk: 3) == expected)
    }

    @Test("the four-lane scan of a large input reports exactly what the one-lane scan does")
    func lanesMatchSerial() {
        var text = [UInt8](repeating: UInt8(ascii: "a"), count: 200_000)
        let planted = Array("password".utf8)
        // Around every quarter boundary of the whole input, at every offset.
        for quarter in 1...3 {
            let boundary = text.count / 4 * quarter
            for shift in stride(from: -12, through: 12, by: 3) {
                let at = boundary + shift * 11
                text.replaceSubrange(at..<(at + planted.count), with: planted)
            }
        }
        let serial = hits(text, chunk: 1000)
        #expect(serial.count == 3 * 9 * 2)
        #expect(hits(text, chunk: text.count) == serial)
        #expect(hits(text, chunk: 70_001) == serial)
    }
}
