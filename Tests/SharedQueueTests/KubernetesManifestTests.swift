import Foundation
import Testing

/// `deploy/kubernetes` validated offline against the Kubernetes OpenAPI schemas of the
/// `kubernetes-validate` package (PyPI), plus the deployment's promises
/// (`scripts/validate-kubernetes.py`).
@Suite struct KubernetesManifestTests {
    /// A folder where `kubernetes_validate` is importable, installed with pip on first use; nil
    /// when python3 or PyPI is not reachable.
    static let validatorPath: String? = {
        let target = NSTemporaryDirectory() + "spoolscan-test-kubernetes-validate"
        let marker = target + "/kubernetes_validate/__init__.py"
        if FileManager.default.fileExists(atPath: marker) { return target }
        let log = NSTemporaryDirectory() + "pip-kubernetes-validate-\(getpid()).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        guard let pip = try? DaemonProcess(["/usr/bin/env", "python3", "-m", "pip", "install", "--quiet",
                                            "--disable-pip-version-check", "--target", target, "kubernetes-validate"], log: log)
        else { return nil }
        pip.wait(timeoutSeconds: 300)
        return FileManager.default.fileExists(atPath: marker) ? target : nil
    }()

    @Test(.enabled(if: validatorPath != nil, "python3 with pip could not install kubernetes-validate (PyPI unreachable?)"))
    func manifestsAreValidAndSandboxed() throws {
        let path = try #require(Self.validatorPath)
        let root = QueueHarness.packageRoot
        let log = NSTemporaryDirectory() + "validate-kubernetes-\(getpid()).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let validator = try DaemonProcess(["/usr/bin/env", "python3", "\(root)/scripts/validate-kubernetes.py",
                                           "\(root)/deploy/kubernetes", "1.30.0"],
                                          log: log, environment: ["PYTHONPATH": path])
        let status = validator.wait(timeoutSeconds: 120)
        let output = validator.output
        #expect(status == 0, "\(output)")
        #expect(output.contains("0 failures"))
        // Every manifest was checked against the schemas, not only parsed.
        for kind in ["Deployment/spoolscan-worker", "CronJob/spoolscan-rematch", "PersistentVolumeClaim/spoolscan-data",
                     "Secret/spoolscan-queue"] {
            #expect(output.contains("\(kind) valid for Kubernetes 1.30.0"), "\(kind) not validated")
        }
    }
}
