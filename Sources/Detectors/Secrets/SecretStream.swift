/// A secret found in one byte stream, already redacted.
struct RawSecretHit: Hashable, Sendable {
    var rule: Int
    var line: Int
    var redacted: String
}

/// A rule and a position (byte offset or line) for de-duplication.
private struct MatchKey: Hashable {
    var rule: Int
    var offset: Int
}

/// Scans one file's bytes for secrets as they stream in: the keyword automaton runs once over
/// every byte; a rule's regex runs only on the window around one of its keyword hits (the hit's
/// line, or 16 KiB for multi-line rules). A bounded carry-over keeps hits that straddle chunks.
final class SecretStream {
    /// Bytes kept before a hit, and the longest single-line window on either side of it.
    static let lineSpan = 2048
    /// Bytes after a hit that a multi-line rule may see.
    static let multilineSpan = 16384
    /// Bytes inspected for a NUL to decide that a file is binary.
    static let binaryProbe = 8192

    private let ruleSet: SecretRuleSet
    private let matchers: [RegexMatcher]
    private var buffer: [UInt8] = []
    private var base = 0
    private var state = KeywordAutomaton.start
    private var pending: [(rule: Int, start: Int)] = []
    private var lastWindowEnd: [Int]
    private var lastMatchEnd: [Int]
    private var seenMatches = Set<MatchKey>()
    private var countedTo = 0
    private var countedLines = 0
    private var probed = false
    /// True once the stream was recognised as binary (and dropped).
    private(set) var isBinary = false
    /// Redacted hits, deduplicated by rule and line.
    private(set) var hits: [RawSecretHit] = []
    private var hitSet = Set<MatchKey>()

    init(ruleSet: SecretRuleSet, matchers: [RegexMatcher], checkBinary: Bool = true) {
        self.ruleSet = ruleSet
        self.matchers = matchers
        lastWindowEnd = Array(repeating: -1, count: ruleSet.rules.count)
        lastMatchEnd = Array(repeating: -1, count: ruleSet.rules.count)
        probed = !checkBinary
    }

    /// Feeds the next chunk. Returns false once the stream is known to be binary.
    func feed(_ chunk: UnsafeRawBufferPointer) -> Bool {
        if isBinary { return false }
        let scanFrom = base + buffer.count
        buffer.append(contentsOf: chunk)
        if !probed {
            guard buffer.count >= Self.binaryProbe else { return true }
            if probeBinary() { return false }
            scan(from: base)
        } else {
            scan(from: scanFrom)
        }
        drain(final: false)
        trim()
        return true
    }

    /// The stream ended: resolves every pending hit.
    func finish() {
        if isBinary { return }
        if !probed {
            if probeBinary() { return }
            scan(from: base)
        }
        drain(final: true)
        buffer = []
        dropShadowedFallbacks()
    }

    /// A `generic-*` hit on a line where a specific rule matched says nothing new: drop it.
    private func dropShadowedFallbacks() {
        let specificLines = Set(hits.filter { !ruleSet.isFallback[$0.rule] }.map(\.line))
        guard !specificLines.isEmpty else { return }
        hits.removeAll { ruleSet.isFallback[$0.rule] && specificLines.contains($0.line) }
    }

    private func probeBinary() -> Bool {
        probed = true
        let limit = min(buffer.count, Self.binaryProbe)
        if buffer[0..<limit].contains(0) {
            isBinary = true
            buffer = []
            return true
        }
        return false
    }

    private func scan(from absolute: Int) {
        let automaton = ruleSet.automaton
        let keywordRules = ruleSet.keywordRules
        let offset = absolute - base
        state = buffer.withUnsafeBytes { all in
            let fresh = UnsafeRawBufferPointer(rebasing: all[offset...])
            return automaton.scan(fresh, state: state) { keyword, end in
                let start = absolute + end - automaton.lengths[Int(keyword)]
                for rule in keywordRules[Int(keyword)] { pending.append((Int(rule), start)) }
            }
        }
    }

    private func drain(final: Bool) {
        guard !pending.isEmpty else { return }
        var index = 0
        let end = base + buffer.count
        while index < pending.count {
            let (rule, start) = pending[index]
            let multiline = ruleSet.rules[rule].multiline
            if multiline ? start < lastMatchEnd[rule] : start < lastWindowEnd[rule] {
                index += 1
                continue
            }
            guard let window = window(at: start, multiline: multiline, end: end, final: final) else { break }
            run(rule: rule, window: window)
            lastWindowEnd[rule] = window.upperBound
            index += 1
        }
        pending.removeFirst(index)
    }

    /// The absolute byte range the rule's regex sees for a hit at `start`, or nil when more
    /// bytes are needed to know where it ends.
    private func window(at start: Int, multiline: Bool, end: Int, final: Bool) -> Range<Int>? {
        let lower = max(base, start - Self.lineSpan)
        var lineStart = start
        while lineStart > lower && buffer[lineStart - 1 - base] != 0x0a { lineStart -= 1 }
        if multiline {
            let upper = start + Self.multilineSpan
            guard upper <= end || final else { return nil }
            return lineStart..<min(upper, end)
        }
        let cap = min(start + Self.lineSpan, end)
        var lineEnd = start
        while lineEnd < cap && buffer[lineEnd - base] != 0x0a { lineEnd += 1 }
        if lineEnd == end && !final && end < start + Self.lineSpan { return nil }
        return lineStart..<lineEnd
    }

    private func run(rule: Int, window: Range<Int>) {
        let matcher = matchers[rule]
        let spec = ruleSet.rules[rule]
        let group = ruleSet.secretGroups[rule]
        buffer.withUnsafeBytes { all in
            let subject = UnsafeRawBufferPointer(rebasing: all[(window.lowerBound - base)..<(window.upperBound - base)])
            var from = 0
            while from <= subject.count, let match = matcher.firstMatch(in: subject, from: from, group: group) {
                from = match.whole.isEmpty ? match.whole.upperBound + 1 : match.whole.upperBound
                let absoluteStart = window.lowerBound + match.whole.lowerBound
                lastMatchEnd[rule] = max(lastMatchEnd[rule], window.lowerBound + match.whole.upperBound)
                guard seenMatches.insert(MatchKey(rule: rule, offset: absoluteStart)).inserted else { continue }
                let valueBytes = UnsafeRawBufferPointer(rebasing: subject[match.group ?? match.whole])
                if let minimum = spec.minEntropy, SecretValueFilter.entropy(valueBytes) < minimum { continue }
                let value = String(decoding: valueBytes, as: UTF8.self)
                if spec.rejectPlaceholders && SecretValueFilter.isPlaceholder(value) { continue }
                if !spec.multiline && DocumentedExamples.isExample(value) { continue }
                if !SecretFormatCheck.passes(ruleID: spec.id, value: Array(valueBytes)) { continue }
                if ruleSet.isFallback[rule] && !SecretValueFilter.isGenericValue(value, ruleID: spec.id,
                                                                                line: subject[..<match.whole.lowerBound]) { continue }
                let hit = RawSecretHit(rule: rule, line: line(at: absoluteStart), redacted: SecretValueFilter.redact(value))
                if hitSet.insert(MatchKey(rule: rule, offset: hit.line)).inserted { hits.append(hit) }
            }
        }
    }

    /// 1-based line number of the byte at `absolute` (which must still be buffered).
    private func line(at absolute: Int) -> Int {
        if absolute >= countedTo {
            countedLines += newlines(countedTo..<absolute)
            countedTo = absolute
            return countedLines + 1
        }
        return countedLines - newlines(absolute..<countedTo) + 1
    }

    private func newlines(_ range: Range<Int>) -> Int {
        guard !range.isEmpty else { return 0 }
        return buffer.withUnsafeBytes { all in
            NewlineCounter.count(UnsafeRawBufferPointer(rebasing: all[(range.lowerBound - base)..<(range.upperBound - base)]))
        }
    }

    /// Drops bytes no pending or future hit can need, counting their newlines first.
    private func trim() {
        let end = base + buffer.count
        var keep = end - Self.lineSpan
        if let first = pending.first { keep = min(keep, first.start - Self.lineSpan) }
        guard keep - base >= 64 * 1024 else { return }
        if countedTo < keep {
            countedLines += newlines(countedTo..<keep)
            countedTo = keep
        }
        buffer.removeFirst(keep - base)
        base = keep
    }
}
