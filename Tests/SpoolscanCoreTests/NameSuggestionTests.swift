import Testing
import SpoolscanCore

@Suite struct NameSuggestionTests {
    static let commands = ["scan", "watch", "sweep", "status", "db", "rematch"]

    @Test func typosFindTheCommand() {
        #expect(NameSuggestion.closest(to: "scna", among: Self.commands) == "scan")      // swapped letters
        #expect(NameSuggestion.closest(to: "wacth", among: Self.commands) == "watch")
        #expect(NameSuggestion.closest(to: "sweeep", among: Self.commands) == "sweep")   // one extra
        #expect(NameSuggestion.closest(to: "Status", among: Self.commands) == "status")  // case
        #expect(NameSuggestion.closest(to: "remat", among: Self.commands) == "rematch")  // a prefix
        #expect(NameSuggestion.closest(to: "updaet", among: ["import", "update", "info"]) == "update")
    }

    @Test func farWordsGetNoSuggestion() {
        #expect(NameSuggestion.closest(to: "frobnicate", among: Self.commands) == nil)
        #expect(NameSuggestion.closest(to: "x", among: Self.commands) == nil)
        #expect(NameSuggestion.closest(to: "", among: Self.commands) == nil)
        #expect(NameSuggestion.closest(to: "ab", among: ["db"]) == nil)  // half the word changed
    }

    @Test func editDistance() {
        #expect(NameSuggestion.editDistance("kitten", "sitting") == 3)
        #expect(NameSuggestion.editDistance("ab", "ba") == 1)
        #expect(NameSuggestion.editDistance("", "abc") == 3)
        #expect(NameSuggestion.editDistance("same", "same") == 0)
    }
}
