import Detectors
import Foundation
import ImageReader

// Secret and malware scan throughput on one large text file, against `cat FILE > /dev/null`
// in the same run. Usage: DetectorBench [FILE] (default: a 50 MB corpus built from this
// machine's dpkg status, apt lists and /usr/share text).

let arguments = CommandLine.arguments.dropFirst()
let path = arguments.first ?? Corpus.build(megabytes: 50)
guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let size = (attributes[.size] as? NSNumber)?.intValue, size > 0 else {
    print("cannot read \(path)")
    exit(1)
}
let megabytes = Double(size) / 1_000_000
print("file: \(path) (\(String(format: "%.1f", megabytes)) MB)")

func best(of runs: Int, _ body: () -> Void) -> Double {
    var fastest = Double.infinity
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return fastest
}

let catSeconds = best(of: 5) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "cat \"$0\" > /dev/null", path]
    try? process.run()
    process.waitUntilExit()
}
print(String(format: "%-22@ %8.3f s %9.1f MB/s  ratio 1.00", "cat > /dev/null" as NSString, catSeconds, megabytes / catSeconds))

let configurations: [(String, DetectorOptions)] = [
    ("secrets", DetectorOptions(secrets: true, malware: false, misconfigurations: false)),
    ("malware (YARA)", DetectorOptions(secrets: false, malware: true, misconfigurations: false,
                                       maxMalwareFileBytes: Int.max)),
    ("secrets + malware", DetectorOptions(secrets: true, malware: true, misconfigurations: false,
                                          maxMalwareFileBytes: Int.max)),
]
for (name, options) in configurations {
    var findings = 0
    let seconds = best(of: 5) {
        guard let suite = try? DetectorSuite(options: options) else { fatalError("detector rules failed to load") }
        findings = FileStreamer.scan(path: path, size: size, suite: suite)
    }
    print(String(format: "%-22@ %8.3f s %9.1f MB/s  ratio %.2f  (%d findings)", name as NSString, seconds,
                 megabytes / seconds, seconds / catSeconds, findings))
}
