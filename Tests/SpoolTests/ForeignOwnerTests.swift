import Foundation
import TestSupport
import Testing

/// A producer's file owned by another user and not writable by the daemon: with the kernel's
/// `fs.protected_hardlinks` the daemon may not hard-link it into `done/`. It must still finish
/// once, with its report, instead of going round the queue without end.
@Suite(.serialized) struct ForeignOwnerTests {
    static let canSwitchUser = geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

    @Test(.enabled(if: canSwitchUser, "needs root and setpriv to run the daemon as another user"))
    func anotherUsersReadOnlyFileFinishesOnce() async throws {
        let harness = try SpoolHarness()
        for folder in ["", "/pending", "/tmp"] { chmod(harness.spool + folder, 0o777) }
        chmod(harness.root, 0o777); chmod(harness.logs, 0o777); chmod("\(harness.logs)/locks", 0o777)
        try harness.drop("image.tar", "tar bytes")
        let artifact = "\(harness.spool)/pending/image.tar"
        chown(artifact, 64002, 64002)
        chmod(artifact, 0o644)

        let sweep = try CommandRunner.run("/usr/bin/timeout", ["60", "/usr/bin/setpriv", "--reuid=64001", "--regid=64001",
                                                               "--clear-groups", SpoolHarness.binary, "sweep", "--spool", harness.spool]
                                                              + harness.scannerFlag, errors: .discard)

        #expect(sweep.status == 0, "sweep ended with \(sweep.status) (124: it never finished)")
        #expect(FileManager.default.fileExists(atPath: "\(harness.spool)/done/image.tar"))
        #expect(FileManager.default.fileExists(atPath: "\(harness.spool)/done/image.tar.report.json"))
        #expect(harness.lines("scans.log").count == 1)
        #expect(!FileManager.default.fileExists(atPath: artifact))
    }
}
