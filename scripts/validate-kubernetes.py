#!/usr/bin/env python3
"""Validates deploy/kubernetes offline: every resource kustomization.yaml lists against the
Kubernetes OpenAPI schemas shipped by `kubernetes-validate` (strict: unknown fields fail), then
the properties spoolscan's deployment promises (ReadWriteMany spool, memory limit matching
--workers x --memory-limit-mb, the sandbox). Prints one line per check; exit 1 on any failure.

Usage: validate-kubernetes.py DEPLOY_DIR [KUBERNETES_VERSION=1.30.0]
Needs `pip install kubernetes-validate` (the test installs it into a temporary folder)."""
import os
import re
import sys

import kubernetes_validate
import yaml

folder = sys.argv[1]
version = sys.argv[2] if len(sys.argv) > 2 else "1.30.0"
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


kustomization = yaml.safe_load(open(os.path.join(folder, "kustomization.yaml")))
check(kustomization.get("kind") == "Kustomization", "kustomization.yaml is a Kustomization")
documents = {}
for name in kustomization.get("resources", []):
    path = os.path.join(folder, name)
    check(os.path.isfile(path), f"{name} exists")
    for document in yaml.safe_load_all(open(path)):
        try:
            kubernetes_validate.validate(document, version, strict=True)
            check(True, f"{name}: {document['kind']}/{document['metadata']['name']} valid for Kubernetes {version}")
        except kubernetes_validate.utils.ValidationError as error:
            check(False, f"{name}: {error.message} at {list(error.path)}")
        documents[document["kind"]] = documents.get(document["kind"], []) + [document]

pvc = documents["PersistentVolumeClaim"][0]
check("ReadWriteMany" in pvc["spec"]["accessModes"], "the spool volume is ReadWriteMany")
deployment = documents["Deployment"][0]
check(deployment["spec"]["replicas"] >= 2, "the worker Deployment has several replicas")
pods = [deployment["spec"]["template"]["spec"]] + [c["spec"]["jobTemplate"]["spec"]["template"]["spec"] for c in documents["CronJob"]]
for pod in pods:
    context = pod["securityContext"]
    check(context.get("runAsNonRoot") is True and context.get("runAsUser", 0) != 0, "pod runs as non-root")
    check(context.get("seccompProfile", {}).get("type") == "RuntimeDefault", "pod seccomp is RuntimeDefault")
    check(pod.get("automountServiceAccountToken") is False, "pod has no service account token")
    for container in pod["containers"]:
        sandbox = container["securityContext"]
        check(sandbox.get("readOnlyRootFilesystem") is True, f"{container['name']}: read-only root filesystem")
        check(sandbox.get("allowPrivilegeEscalation") is False, f"{container['name']}: no privilege escalation")
        check(sandbox.get("capabilities", {}).get("drop") == ["ALL"], f"{container['name']}: drops ALL capabilities")
        limits, requests = container["resources"]["limits"], container["resources"]["requests"]
        check(all(k in limits for k in ("cpu", "memory")) and all(k in requests for k in ("cpu", "memory")),
              f"{container['name']}: cpu and memory requests and limits")
worker = deployment["spec"]["template"]["spec"]["containers"][0]
args = " ".join(worker["args"])
check(args.startswith("watch") and "--queue" not in args and
      any(e["name"] == "SPOOLSCAN_QUEUE" and "secretKeyRef" in e.get("valueFrom", {}) for e in worker["env"]),
      "the worker runs watch with the queue URL from a Secret (SPOOLSCAN_QUEUE)")
workers = int(re.search(r"--workers=(\d+)", args).group(1))
memory_mb = int(re.search(r"--memory-limit-mb=(\d+)", args).group(1))
limit = worker["resources"]["limits"]["memory"]
check(limit.endswith("Mi") and int(limit[:-2]) >= workers * memory_mb and int(limit[:-2]) <= workers * memory_mb + 512,
      f"memory limit {limit} matches --workers {workers} x --memory-limit-mb {memory_mb} plus the daemon")
check("exec" in worker.get("livenessProbe", {}) and "exec" in worker.get("readinessProbe", {}),
      "liveness and readiness probes run spoolscan status")
check("SPOOLSCAN_QUEUE" in " ".join(worker["livenessProbe"]["exec"]["command"]),
      "liveness ignores the queue (a database outage does not restart workers)")
grace = deployment["spec"]["template"]["spec"]["terminationGracePeriodSeconds"]
check(grace > 30, "termination grace exceeds the daemon's --grace-seconds (30)")
check(any("rematch" in c["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]["args"] for c in documents["CronJob"]),
      "a CronJob runs the nightly rematch")
print(f"{len(failures)} failures")
sys.exit(1 if failures else 0)
