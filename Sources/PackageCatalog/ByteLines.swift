/// Splits a byte buffer into lines without copying: `\n` ends a line, a `\r` before it is
/// dropped, and a last line without `\n` still counts.
enum ByteLines {
    /// Calls `body(start, end)` for each line (`bytes[start..<end]`, terminator excluded) until
    /// `body` returns false.
    static func forEach(_ bytes: [UInt8], _ body: (_ start: Int, _ end: Int) -> Bool) {
        var index = 0
        let count = bytes.count
        while index < count {
            var end = index
            while end < count && bytes[end] != 0x0A { end += 1 }
            var lineEnd = end
            if lineEnd > index && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            guard body(index, lineEnd) else { return }
            index = end + 1
        }
    }
}
