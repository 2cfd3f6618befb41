import ImageReader
import ScanReport
import SpoolscanCore

extension PackageCataloguer {
    /// The OS and packages of `image`'s final filesystem: a captured file counts only when the
    /// final view shows the version of its path that its layer wrote. Each package is
    /// attributed to that layer, or, when lower layers wrote earlier versions of the same file
    /// listing the same package (a rewritten dpkg/apk/rpm database), to the lowest of them
    /// (see ``LayerAttribution``). Throws only when the image uses a layer this cataloguer did
    /// not see (it was not attached to the read that produced the image).
    public func catalogue(image: ReadImage) throws(SpoolscanError) -> CatalogueResult {
        for layer in image.layers where !streams.contains(layer.streamID) {
            throw SpoolscanError(.internalError, "layer \(layer.index) (\(layer.streamID)) was not read by the cataloguer")
        }
        var view = FinalView(image: image, captured: captured)
        let os = OSDetector.detect(read: { path in
            if case .raw(let bytes) = view.visibleCapture(resolving: path)?.captured { return bytes }
            return nil
        }, hasDistrolessStatus: image.filesystem.node(at: DpkgCataloguer.statusDirectory)?.entry.kind == .directory)

        var packages: [Package] = []
        var warnings: [String] = []
        // rpm ≥ 4.16 migrates a Berkeley DB to SQLite; a leftover Packages file is stale then.
        let hasSQLiteRPM = captured.keys.contains { RpmCataloguer.sqlitePaths.contains($0.path) && view.visibleLayer(of: $0) != nil }
        for (key, content) in captured {
            guard case .records(let records) = content, let index = view.visibleLayer(of: key) else { continue }
            if hasSQLiteRPM, RpmCataloguer.berkeleyPaths.contains(key.path) { continue }
            let history = view.lowerVersions(of: key.path, below: index)
            for var record in records {
                if record.type == .deb, record.licenses.isEmpty {
                    record.licenses = view.debianLicenses(of: record.name)
                }
                let introduced = LayerAttribution.firstLayer(of: record, finalLayer: index, lowerVersions: history)
                let layer = LayerRef(index: introduced, diffID: image.layers[introduced].diffID)
                packages.append(record.package(path: key.path, layer: layer, os: os))
            }
        }
        for (key, messages) in fileWarnings where view.visibleLayer(of: key) != nil {
            warnings += messages.map { key.path + ": " + $0 }
        }
        warnings += view.resolveWarnings
        packages.sort(by: Self.order)
        warnings.sort()
        return CatalogueResult(os: os, packages: packages, warnings: warnings)
    }

    /// Type, name, version, then first path.
    static func order(_ a: Package, _ b: Package) -> Bool {
        if a.type != b.type { return a.type.rawValue < b.type.rawValue }
        if a.name != b.name { return a.name < b.name }
        if a.version != b.version { return a.version < b.version }
        return (a.paths.first ?? "") < (b.paths.first ?? "")
    }
}

/// Lookups of captured files through one image's final filesystem.
struct FinalView {
    let image: ReadImage
    let captured: [PackageCataloguer.FileKey: PackageCataloguer.Captured]
    private var layerOfStream: [LayerStreamID: Int] = [:]
    private(set) var resolveWarnings: [String] = []

    init(image: ReadImage, captured: [PackageCataloguer.FileKey: PackageCataloguer.Captured]) {
        self.image = image
        self.captured = captured
        for layer in image.layers where layerOfStream[layer.streamID] == nil {
            layerOfStream[layer.streamID] = image.layerIndex(of: layer.streamID)
        }
    }

    /// The image layer index when the final view shows this capture's version of its path.
    func visibleLayer(of key: PackageCataloguer.FileKey) -> Int? {
        guard let index = layerOfStream[key.stream], image.filesystem.isVisible(path: key.path, fromLayer: index),
              image.filesystem.node(at: key.path)?.entry.kind == .regular else { return nil }
        return index
    }

    /// The parsed versions of `path` that layers below `index` wrote, nearest first (a
    /// package database rewritten by each layer that installs something).
    func lowerVersions(of path: String, below index: Int) -> [LayerAttribution.Version] {
        var versions: [LayerAttribution.Version] = []
        for lower in stride(from: index - 1, through: 0, by: -1) {
            let key = PackageCataloguer.FileKey(stream: image.layers[lower].streamID, path: path)
            if case .records(let records) = captured[key] { versions.append(.init(layer: lower, records: records)) }
            else if captured[key] != nil { break }
        }
        return versions
    }

    /// The capture behind `path` after following symlinks in the final view.
    mutating func visibleCapture(resolving path: String) -> (key: PackageCataloguer.FileKey, captured: PackageCataloguer.Captured)? {
        let node: ImageFilesystem.Node?
        do {
            node = try image.filesystem.resolve(path)
        } catch {
            resolveWarnings.append(path + ": " + error.description)
            return nil
        }
        guard let node, node.entry.kind == .regular, node.layerIndex < image.layers.count else { return nil }
        let key = PackageCataloguer.FileKey(stream: image.layers[node.layerIndex].streamID, path: node.entry.path)
        return captured[key].map { (key, $0) }
    }

    /// DEP-5 licences of a Debian package's copyright file, when captured.
    mutating func debianLicenses(of package: String) -> [String] {
        if case .licenses(let licenses) = visibleCapture(resolving: "usr/share/doc/\(package)/copyright")?.captured {
            return licenses
        }
        return []
    }
}
