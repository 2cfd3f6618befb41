import ImageReader
import ScanReport
import SpoolscanCore

/// Checks on the build steps recorded in the image history (`created_by`).
final class HistoryChecks {
    private let aptUpdate: RegexMatcher
    private let aptInstall: RegexMatcher
    private let apkUpdate: RegexMatcher
    private let apkAdd: RegexMatcher
    private let upgrade: RegexMatcher
    private let sudo: RegexMatcher
    private let add: RegexMatcher

    init() throws(SpoolscanError) {
        let flags = #"(?:\s+-{1,2}[A-Za-z0-9=_-]+)*"#
        aptUpdate = RegexMatcher(try CompiledRegex(#"\bapt(?:-get)?"# + flags + #"\s+update\b"#))
        aptInstall = RegexMatcher(try CompiledRegex(#"\bapt(?:-get)?"# + flags + #"\s+(?:install|upgrade|dist-upgrade|full-upgrade)\b"#))
        apkUpdate = RegexMatcher(try CompiledRegex(#"\bapk"# + flags + #"\s+update\b"#))
        apkAdd = RegexMatcher(try CompiledRegex(#"\bapk"# + flags + #"\s+(?:add|upgrade)\b"#))
        upgrade = RegexMatcher(try CompiledRegex(#"\b(?:apt(?:-get)?"# + flags + #"\s+(?:upgrade|dist-upgrade|full-upgrade)|apk"# + flags + #"\s+upgrade)\b"#))
        sudo = RegexMatcher(try CompiledRegex(#"(?:^|[\s;&|(`])sudo\s"#))
        add = RegexMatcher(try CompiledRegex(#"(?:^|\s)ADD(?:\s+--[a-z-]+(?:=\S+)?)*\s+(?<source>\S+)"#))
    }

    /// History lines with the shell and `#(nop)` prefixes removed, tagged `history[N]`.
    static func lines(_ image: ReadImage) -> [(tag: String, text: String)] {
        (image.config.history ?? []).enumerated().compactMap { index, entry in
            guard var text = entry.created_by else { return nil }
            for prefix in ["/bin/sh -c ", "|", "#(nop) "] where text.hasPrefix(prefix) {
                text.removeFirst(prefix.count)
                text = text.trimmingLeadingSpaces()
            }
            if let range = text.range(of: "#(nop) ") { text.removeSubrange(text.startIndex..<range.upperBound) }
            return ("history[\(index)]", text)
        }
    }

    func run(_ image: ReadImage) -> [Misconfiguration] {
        var updateAlone: [String] = [], upgrades: [String] = [], sudoLines: [String] = []
        var adds: [String] = [], apkNoCache: [String] = []
        for (tag, text) in Self.lines(image) {
            let evidence = "\(tag): \(text.prefix(200))"
            if (aptUpdate.matches(text) && !aptInstall.matches(text)) || (apkUpdate.matches(text) && !apkAdd.matches(text)) {
                updateAlone.append(evidence)
            }
            if upgrade.matches(text) { upgrades.append(evidence) }
            if sudo.matches(text) { sudoLines.append(evidence) }
            if apkAdd.matches(text) && !text.contains("--no-cache") { apkNoCache.append(evidence) }
            if let source = addSource(text), Self.isRemoteOrArchive(source) { adds.append(evidence) }
        }
        var result: [Misconfiguration] = []
        if !updateAlone.isEmpty { result.append(MisconfigCheck.updateAlone.finding(updateAlone)) }
        if !adds.isEmpty { result.append(MisconfigCheck.addRemote.finding(adds)) }
        if !sudoLines.isEmpty { result.append(MisconfigCheck.sudo.finding(sudoLines)) }
        if !upgrades.isEmpty { result.append(MisconfigCheck.upgrade.finding(upgrades)) }
        if !apkNoCache.isEmpty { result.append(MisconfigCheck.apkCache.finding(apkNoCache)) }
        return result
    }

    private func addSource(_ text: String) -> String? {
        var copy = text
        return copy.withUTF8 { buffer -> String? in
            let raw = UnsafeRawBufferPointer(buffer)
            guard let group = add.regex.groupNumber(named: "source"),
                  let match = add.firstMatch(in: raw, from: 0, group: group), let range = match.group else { return nil }
            return String(decoding: UnsafeRawBufferPointer(rebasing: raw[range]), as: UTF8.self)
        }
    }

    /// A URL or a local tar archive (which ADD unpacks); not the `file:<digest>` of a base layer.
    static func isRemoteOrArchive(_ source: String) -> Bool {
        let lower = source.lowercased()
        if lower.hasPrefix("file:") || lower.hasPrefix("dir:") || lower.hasPrefix("multi:") { return false }
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("git@") { return true }
        return [".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst"].contains { lower.hasSuffix($0) }
    }
}

extension String {
    func trimmingLeadingSpaces() -> String { String(drop { $0 == " " }) }
}
