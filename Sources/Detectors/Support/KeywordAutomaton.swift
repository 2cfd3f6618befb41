/// A case-insensitive Aho–Corasick automaton over byte keywords, compiled to a dense DFA on
/// compressed byte classes, so a file is prefiltered in one pass with one table lookup per byte.
///
/// Immutable after construction (hence `Sendable`); the scan state is a plain `Int32` the caller
/// keeps, which lets a keyword that straddles two chunks still be found.
final class KeywordAutomaton: Sendable {
    /// Number of byte classes (class 0 = bytes that occur in no keyword).
    let classCount: Int
    /// Byte → class, with ASCII letters folded.
    let classes: [UInt8]
    /// `transitions[state * classCount + class]`: the next state, bitwise-negated (< 0) when that
    /// state ends at least one keyword.
    let transitions: [Int32]
    /// Keywords ending at each state (through failure links too).
    let outputs: [[Int32]]
    /// Keyword lengths in bytes.
    let lengths: [Int]

    /// The start state.
    static let start: Int32 = 0

    init(keywords: [String]) {
        let folded = keywords.map { Array($0.lowercased().utf8) }
        lengths = folded.map(\.count)
        var classOf = [UInt8](repeating: 0, count: 256)
        var next: UInt8 = 1
        for byte in Set(folded.joined()).sorted() where classOf[Int(byte)] == 0 {
            classOf[Int(byte)] = next
            if byte >= 0x61 && byte <= 0x7a { classOf[Int(byte) - 0x20] = next }
            next += 1
        }
        classes = classOf
        let width = Int(next)
        classCount = width

        // Trie.
        var goto: [[Int32]] = [[Int32](repeating: -1, count: width)]
        var out: [[Int32]] = [[]]
        for (index, word) in folded.enumerated() where !word.isEmpty {
            var state = 0
            for byte in word {
                let cls = Int(classOf[Int(byte)])
                if goto[state][cls] < 0 {
                    goto.append([Int32](repeating: -1, count: width))
                    out.append([])
                    goto[state][cls] = Int32(goto.count - 1)
                }
                state = Int(goto[state][cls])
            }
            out[state].append(Int32(index))
        }

        // Breadth-first failure links, turned into a full DFA.
        var fail = [Int](repeating: 0, count: goto.count)
        var queue: [Int] = []
        for cls in 0..<width {
            if goto[0][cls] < 0 { goto[0][cls] = 0 } else { queue.append(Int(goto[0][cls])) }
        }
        var head = 0
        while head < queue.count {
            let state = queue[head]; head += 1
            out[state].append(contentsOf: out[fail[state]])
            for cls in 0..<width {
                let child = goto[state][cls]
                if child < 0 {
                    goto[state][cls] = goto[fail[state]][cls]
                } else {
                    fail[Int(child)] = Int(goto[fail[state]][cls])
                    queue.append(Int(child))
                }
            }
        }
        outputs = out
        var table = [Int32](repeating: 0, count: goto.count * width)
        for state in 0..<goto.count {
            for cls in 0..<width {
                let target = goto[state][cls]
                table[state * width + cls] = out[Int(target)].isEmpty ? target : ~target
            }
        }
        transitions = table
    }

    /// Runs the automaton over `bytes` from `state`, calling `onHit(keyword, endOffset)` for each
    /// keyword occurrence (`endOffset` is one past its last byte, relative to `bytes`). Returns
    /// the state to continue from with the next chunk.
    @inline(__always)
    func scan(_ bytes: UnsafeRawBufferPointer, state: Int32, onHit: (Int32, Int) -> Void) -> Int32 {
        var current = Int(state)
        let width = classCount
        transitions.withUnsafeBufferPointer { table in
            classes.withUnsafeBufferPointer { cls in
                for offset in 0..<bytes.count {
                    let next = table[current &* width &+ Int(cls[Int(bytes[offset])])]
                    if next >= 0 {
                        current = Int(next)
                    } else {
                        current = Int(~next)
                        for keyword in outputs[current] { onHit(keyword, offset + 1) }
                    }
                }
            }
        }
        return Int32(current)
    }
}
