import Foundation

/// The image config JSON an ``ImageBuilder`` writes.
enum ImageConfigJSON {
    static func encode(_ config: ImageBuilder.Config, layers: [ImageBuilder.Layer], diffIDs: [String]) throws -> [UInt8] {
        var run: [String: Any] = ["Env": config.env]
        if let user = config.user { run["User"] = user }
        if !config.exposedPorts.isEmpty {
            run["ExposedPorts"] = Dictionary(uniqueKeysWithValues: config.exposedPorts.map { ($0, [String: Any]()) })
        }
        if let healthcheck = config.healthcheck { run["Healthcheck"] = ["Test": healthcheck] }
        if let cmd = config.cmd { run["Cmd"] = cmd }
        if let entrypoint = config.entrypoint { run["Entrypoint"] = entrypoint }
        if let workingDir = config.workingDir { run["WorkingDir"] = workingDir }
        if !config.labels.isEmpty { run["Labels"] = config.labels }

        let history: [[String: Any]] = (config.history ?? layers.enumerated().map { index, layer in
            ImageBuilder.HistoryEntry(createdBy: layer.createdBy ?? "layer \(index)")
        }).map { entry in
            var item: [String: Any] = ["created": "2024-01-01T00:00:00Z", "created_by": entry.createdBy]
            if entry.emptyLayer { item["empty_layer"] = true }
            return item
        }
        let document: [String: Any] = [
            "architecture": config.architecture, "os": config.os, "created": "2024-01-01T00:00:00Z",
            "config": run, "rootfs": ["type": "layers", "diff_ids": diffIDs], "history": history,
        ]
        return try ArtifactLayout.json(document)
    }
}
