import CPCRE2
import SpoolscanCore

/// A PCRE2 pattern compiled once (and JIT-compiled where the CPU allows it).
///
/// PCRE2 documents a compiled pattern, JIT code included, as read-only and shareable between
/// threads; everything a match writes lives in a ``RegexMatcher``. That is why this handle is
/// `@unchecked Sendable` and the matcher is not.
final class CompiledRegex: @unchecked Sendable {
    let code: OpaquePointer
    /// True when JIT compilation succeeded (matches then use `pcre2_jit_match`).
    let jitted: Bool
    let pattern: String

    /// Compiles `pattern` in byte mode (no UTF checks: file bytes need not be valid UTF-8).
    init(_ pattern: String, caseless: Bool = false) throws(SpoolscanError) {
        self.pattern = pattern
        var errorCode: Int32 = 0
        var errorOffset = 0
        let options: UInt32 = caseless ? UInt32(PCRE2_CASELESS) : 0
        let bytes = Array(pattern.utf8)
        let compiled = bytes.withUnsafeBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress, buffer.count, options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else {
            throw SpoolscanError(.rulesInvalid,
                                 "regex error at offset \(errorOffset): \(CompiledRegex.message(errorCode))")
        }
        code = compiled
        jitted = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
    }

    deinit { pcre2_code_free_8(code) }

    /// The number of the named capture group, or nil when the pattern has none by that name.
    func groupNumber(named name: String) -> UInt32? {
        let number = name.withCString { cName in
            cName.withMemoryRebound(to: UInt8.self, capacity: name.utf8.count + 1) {
                pcre2_substring_number_from_name_8(code, $0)
            }
        }
        return number > 0 ? UInt32(number) : nil
    }

    static func message(_ code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = buffer.withUnsafeMutableBufferPointer { pcre2_get_error_message_8(code, $0.baseAddress, 256) }
        return length > 0 ? String(decoding: buffer[0..<Int(length)], as: UTF8.self) : "PCRE2 error \(code)"
    }
}

/// Match state for one ``CompiledRegex``, owned by one scanner on one thread.
final class RegexMatcher {
    let regex: CompiledRegex
    private let data: OpaquePointer

    init(_ regex: CompiledRegex) {
        self.regex = regex
        guard let data = pcre2_match_data_create_from_pattern_8(regex.code, nil) else {
            fatalError("pcre2_match_data_create failed: out of memory")
        }
        self.data = data
    }

    deinit { pcre2_match_data_free_8(data) }

    /// The first match starting at or after `start` in `subject`: the whole match and, when
    /// `group` is given and took part, that group's range. Offsets are relative to `subject`.
    func firstMatch(in subject: UnsafeRawBufferPointer, from start: Int, group: UInt32? = nil)
        -> (whole: Range<Int>, group: Range<Int>?)? {
        guard let base = subject.baseAddress?.assumingMemoryBound(to: UInt8.self), start <= subject.count else {
            return nil
        }
        let result = regex.jitted
            ? pcre2_jit_match_8(regex.code, base, subject.count, start, 0, data, nil)
            : pcre2_match_8(regex.code, base, subject.count, start, 0, data, nil)
        guard result > 0 else { return nil }
        var lower = 0, upper = 0
        spl_pcre2_group(data, 0, &lower, &upper)
        let whole = lower..<upper
        var groupRange: Range<Int>?
        if let group, Int32(group) < result {
            spl_pcre2_group(data, group, &lower, &upper)
            if lower != spl_pcre2_unset() { groupRange = lower..<upper }
        }
        return (whole, groupRange)
    }

    /// True when the pattern matches anywhere in `text`.
    func matches(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { firstMatch(in: UnsafeRawBufferPointer($0), from: 0) != nil }
    }
}
