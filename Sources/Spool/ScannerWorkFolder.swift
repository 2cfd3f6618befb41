import Foundation
import SpoolscanCore

/// The work folder of one scan attempt, and the path its scanner is given. Both the single-host
/// attempt (``ScanAttempt``) and the shared-queue one prepare it the same way.
enum ScannerWorkFolder {
    /// Empties and makes `work`, and returns the path the scanner reads for `in-progress/NAME`.
    /// A name that is not UTF-8 cannot pass through a scanner's command line intact (argument
    /// parsers decode argv as UTF-8): such a scanner reads a hard link `work/artifact` instead,
    /// which ``release(_:work:)`` removes when the scan ends.
    static func prepare(_ work: String, layout: SpoolLayout, name: String) throws(SpoolscanError) -> String {
        FileOps.removeTree(work)
        try FileOps.makeDirectory(work)
        let artifact = "\(layout.inProgress)/\(name)"
        guard !SpoolName.isUTF8(name) else { return artifact }
        guard try FileOps.link(artifact, "\(work)/artifact") else {
            throw SystemCallError("link", "\(work)/artifact", EEXIST).spoolscanError
        }
        return "\(work)/artifact"
    }

    /// Removes the link ``prepare(_:layout:name:)`` made, if it made one.
    static func release(_ artifact: String, work: String) {
        if artifact.hasPrefix(work) { FileOps.remove(artifact) }
    }
}
