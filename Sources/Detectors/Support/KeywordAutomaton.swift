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
    /// `transitions[state * classCount + class]`: the next state's row offset (state ×
    /// classCount), bitwise-negated (< 0) when that state ends at least one keyword. States are
    /// numbered breadth-first.
    let transitions: [Int32]
    /// Keywords ending at each state (through failure links too).
    let outputs: [[Int32]]
    /// Keyword lengths in bytes.
    let lengths: [Int]
    /// The longest keyword's length.
    let maxLength: Int

    /// The start state.
    static let start: Int32 = 0

    init(keywords: [String]) {
        let folded = keywords.map { Array($0.lowercased().utf8) }
        lengths = folded.map(\.count)
        maxLength = max(1, lengths.max() ?? 1)
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
        // Renumber states breadth-first so the shallow states that text keeps visiting share
        // a few cache lines, and store row offsets (state × width) so a step needs no multiply.
        let order = [0] + queue
        var rank = [Int](repeating: 0, count: goto.count)
        for (newIndex, state) in order.enumerated() { rank[state] = newIndex }
        var table = [Int32](repeating: 0, count: goto.count * width)
        var renumberedOutputs = [[Int32]](repeating: [], count: goto.count)
        for state in 0..<goto.count {
            let row = rank[state] * width
            renumberedOutputs[rank[state]] = out[state]
            for cls in 0..<width {
                let target = Int(goto[state][cls])
                let offset = Int32(rank[target] * width)
                table[row + cls] = out[target].isEmpty ? offset : ~offset
            }
        }
        outputs = renumberedOutputs
        transitions = table
    }

    /// Runs the automaton over `bytes` from `state`, calling `onHit(keyword, endOffset)` for each
    /// keyword occurrence (`endOffset` is one past its last byte, relative to `bytes`), in order.
    /// Returns the state to continue from with the next chunk.
    ///
    /// A step is one dependent table load, so large inputs run as four interleaved lanes over
    /// four quarters of the input (each lane starts `maxLength` bytes early, from the start
    /// state, which reaches the same state as a continuous run; hits in the overlap are dropped).
    func scan(_ bytes: UnsafeRawBufferPointer, state: Int32, onHit: (Int32, Int) -> Void) -> Int32 {
        let count = bytes.count
        let overlap = maxLength
        guard count >= 4 * (overlap + 4096), let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
            return scanSerial(bytes, state: state, onHit: onHit)
        }
        let quarter = count / 4
        let bounds = [0, quarter, 2 * quarter, 3 * quarter, count]
        var lanes: [[(Int32, Int)]] = [[], [], [], []]
        var rows = [Int(state) * classCount, 0, 0, 0]
        transitions.withUnsafeBufferPointer { table in
            classes.withUnsafeBufferPointer { cls in
                let t = table.baseAddress!, c = cls.baseAddress!
                var p0 = 0, p1 = bounds[1] - overlap, p2 = bounds[2] - overlap, p3 = bounds[3] - overlap
                var r0 = rows[0], r1 = 0, r2 = 0, r3 = 0
                let steps = quarter + overlap
                @inline(__always) func step(_ row: inout Int, _ position: Int, _ lane: Int) {
                    let next = t[row &+ Int(c[Int(base[position])])]
                    if next >= 0 { row = Int(next); return }
                    row = Int(~next)
                    if position >= bounds[lane] && position < bounds[lane + 1] {
                        for keyword in outputs[row / classCount] { lanes[lane].append((keyword, position + 1)) }
                    }
                }
                for _ in 0..<steps {
                    if p0 < bounds[1] { step(&r0, p0, 0) }
                    step(&r1, p1, 1); step(&r2, p2, 2)
                    if p3 < count { step(&r3, p3, 3) }
                    p0 &+= 1; p1 &+= 1; p2 &+= 1; p3 &+= 1
                }
                while p3 < count { step(&r3, p3, 3); p3 += 1 }
                rows = [r0, r1, r2, r3]
            }
        }
        for lane in lanes { for (keyword, end) in lane { onHit(keyword, end) } }
        return Int32(rows[3] / classCount)
    }

    /// One lane over the whole input.
    private func scanSerial(_ bytes: UnsafeRawBufferPointer, state: Int32, onHit: (Int32, Int) -> Void) -> Int32 {
        let width = classCount
        var row = Int(state) * width
        transitions.withUnsafeBufferPointer { table in
            classes.withUnsafeBufferPointer { cls in
                guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
                      let tableBase = table.baseAddress, let clsBase = cls.baseAddress else { return }
                for offset in 0..<bytes.count {
                    let next = tableBase[row &+ Int(clsBase[Int(base[offset])])]
                    if next >= 0 {
                        row = Int(next)
                    } else {
                        row = Int(~next)
                        for keyword in outputs[row / width] { onHit(keyword, offset + 1) }
                    }
                }
            }
        }
        return Int32(row / width)
    }
}
