import Testing
@testable import Advisories

@Suite("Ecosystem strings")
struct EcosystemTests {
    @Test func osvEcosystemStrings() {
        #expect(Ecosystem.parseOSV("Debian:12")! == (.debian, "12"))
        #expect(Ecosystem.parseOSV("Alpine:v3.20")! == (.alpine, "3.20"))
        #expect(Ecosystem.parseOSV("Ubuntu:22.04:LTS")! == (.ubuntu, "22.04"))
        #expect(Ecosystem.parseOSV("Ubuntu:Pro:18.04:LTS")! == (.ubuntu, "18.04"))
        #expect(Ecosystem.parseOSV("Red Hat:enterprise_linux:9::appstream")! == (.redHat, "9"))
        #expect(Ecosystem.parseOSV("Rocky Linux:9")! == (.rocky, "9"))
        #expect(Ecosystem.parseOSV("AlmaLinux:8")! == (.almaLinux, "8"))
        #expect(Ecosystem.parseOSV("crates.io")! == (.cratesIO, ""))
        #expect(Ecosystem.parseOSV("Hackage") == nil)
    }

    @Test func imageOSToRelease() {
        #expect(Ecosystem.forOS(family: "alpine", version: "3.7.3")! == (.alpine, "3.7"))
        #expect(Ecosystem.forOS(family: "debian", version: "12.7")! == (.debian, "12"))
        #expect(Ecosystem.forOS(family: "rocky", version: "9.4")! == (.rocky, "9"))
        #expect(Ecosystem.forOS(family: "plan9", version: "4") == nil)
    }
}
