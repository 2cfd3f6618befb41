/// Installed Python distributions: `*.dist-info/METADATA`, `*.egg-info/PKG-INFO`,
/// `*.egg-info` files and zipped-egg folders' `*.egg/EGG-INFO/PKG-INFO` (core metadata: an
/// RFC 822 header block).
public enum PythonCataloguer {
    /// True for a core-metadata file of an installed distribution.
    static func isMetadataPath(_ path: String) -> Bool {
        path.hasSuffix(".dist-info/METADATA") || path.hasSuffix(".egg-info/PKG-INFO") || path.hasSuffix(".egg-info")
            || path.hasSuffix(".egg/EGG-INFO/PKG-INFO")
    }

    /// The distribution described by a core-metadata file, or nil without `Name` and `Version`.
    ///
    /// Licences: `License-Expression` (PEP 639) when present; else the `License` field when it is
    /// a short one-line value (not `UNKNOWN`, not a pasted licence text); else the
    /// `License ::` trove classifiers' last component (`MIT License`).
    public static func parse(_ bytes: [UInt8]) -> PackageRecord? {
        let keep: Set<String> = ["Name", "Version", "License", "License-Expression", "Classifier"]
        guard let header = ControlFields.parse(bytes, keep: keep, firstOnly: true).first,
              let name = header["Name"], let version = header["Version"],
              !name.isEmpty, !version.isEmpty, isPlausible(name), isPlausible(version) else { return nil }
        var licenses: [String] = []
        if let expression = header["License-Expression"], !expression.isEmpty {
            licenses = [expression]
        } else if let license = header["License"], !license.isEmpty, license != "UNKNOWN",
                  !license.contains("\n"), license.count <= 100 {
            licenses = [license]
        } else {
            for classifier in header.all("Classifier") where classifier.hasPrefix("License ::") {
                let last = ControlFields.trim(classifier.split(separator: ":").last ?? "")
                if !last.isEmpty, last != "OSI Approved", !licenses.contains(last) { licenses.append(last) }
            }
        }
        return PackageRecord(name: name, version: version, type: .pypi, licenses: licenses)
    }

    /// Rejects binary garbage and multi-line values.
    private static func isPlausible(_ text: String) -> Bool {
        text.count <= 200 && !text.contains("\n") && !text.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{FFFD}" }
    }
}
