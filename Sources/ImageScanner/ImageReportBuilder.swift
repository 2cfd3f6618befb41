import ImageReader
import ScanReport

/// Turns what the reader found about an image into the report's identity, layer and config
/// sections (contributors then add packages and findings).
enum ImageReportBuilder {
    static func baseReport(for image: ReadImage) -> ImageReport {
        let layers = image.layers.map {
            LayerInfo(index: $0.index, diffID: $0.diffID, digest: $0.digest, size: $0.size,
                      compression: $0.compression.rawValue, createdBy: $0.createdBy)
        }
        var architecture = image.config.architecture ?? "unknown"
        if let variant = image.config.variant, !variant.isEmpty { architecture += "/" + variant }
        return ImageReport(repoTags: image.repoTags, imageID: image.imageID, manifestDigest: image.manifestDigest,
                           os: nil, architecture: architecture, layers: layers, config: configSummary(image.config))
    }

    /// The config fields a reviewer needs. Environment values are dropped (they may hold secrets).
    static func configSummary(_ config: ImageConfig) -> ImageConfigSummary {
        let run = config.config ?? ImageConfig.RunConfig()
        let envNames = (run.Env ?? []).map { entry -> String in
            guard let equals = entry.firstIndex(of: "=") else { return entry }
            return String(entry[..<equals])
        }
        return ImageConfigSummary(
            user: run.User, envNames: envNames, exposedPorts: (run.ExposedPorts ?? [:]).keys.sorted(),
            entrypoint: run.Entrypoint, cmd: run.Cmd, workingDir: run.WorkingDir.flatMap { $0.isEmpty ? nil : $0 },
            healthcheck: run.Healthcheck?.Test, labels: run.Labels ?? [:], created: config.created)
    }
}
