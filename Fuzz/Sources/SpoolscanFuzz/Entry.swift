#if canImport(Glibc)
import Glibc
#endif
import Foundation

// libFuzzer supplies `main` (the module is built with `-parse-as-library`) and calls the two
// hooks below. Besides choosing the target from `SPOOLSCAN_FUZZ_TARGET`, the start-up hook
// serves two commands of `scripts/fuzz`: `SPOOLSCAN_FUZZ_LIST=1` prints the targets, and
// `SPOOLSCAN_FUZZ_SEEDS=DIR` writes the chosen target's seeds into DIR; both then exit.

/// The target chosen for this process, set once before any input runs.
nonisolated(unsafe) private var selected: FuzzTarget?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<CInt>,
                             _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    if getenv("SPOOLSCAN_FUZZ_LIST") != nil {
        for target in FuzzTargets.all { print("\(target.name)\t\(target.maxLength)\t\(target.summary)") }
        exit(0)
    }
    guard let name = getenv("SPOOLSCAN_FUZZ_TARGET").map({ String(cString: $0) }), let target = FuzzTargets.named(name) else {
        FileHandle.standardError.write(Data("set SPOOLSCAN_FUZZ_TARGET to one of: \(FuzzTargets.all.map(\.name).joined(separator: " "))\n".utf8))
        exit(2)
    }
    if let folder = getenv("SPOOLSCAN_FUZZ_SEEDS").map({ String(cString: $0) }) {
        exit(SeedWriter.write(target, into: folder) ? 0 : 1)
    }
    selected = target
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let target = selected else { return 0 }
    target.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links every executable with `main` aliased to `<module>_main` (so tests can
/// link executables), and `-parse-as-library` emits none: this is that entry point, and it
/// starts libFuzzer's driver with the two hooks above.
@_cdecl("SpoolscanFuzz_main")
public func spoolscanFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    _ = fuzzerInitialize(&count, &arguments)
    return LLVMFuzzerRunDriver(&count, &arguments) { fuzzerTestOneInput($0, $1) }
}
