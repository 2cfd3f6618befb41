#!/usr/bin/env python3
"""Writes a spoolscan report with one image and a synthetic inventory, for scripts/bench-match.sh.

Usage: bench-inventory.py VULNDATA OUT.report.json PYPI_WITH_ADVISORIES GO_WITH_ADVISORIES UNKNOWN
Package names with advisories are read from the feeds' zips, at old versions (1.0.0 / v0.1.0).
"""
import json, sys, zipfile

data, out, n_pypi, n_go, n_unknown = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:6])


def names(zip_name, limit):
    seen = []
    with zipfile.ZipFile(f"{data}/{zip_name}") as z:
        for n in sorted(z.namelist()):
            for a in json.loads(z.read(n)).get("affected", []):
                if a["package"]["name"] not in seen:
                    seen.append(a["package"]["name"])
            if len(seen) >= limit:
                break
    return seen[:limit]


layer = {"index": 0, "diffID": "sha256:" + "0" * 64}


def pkg(name, version, kind):
    return {"name": name, "version": version, "type": kind, "purl": f"pkg:{kind}/{name}@{version}",
            "paths": [], "licenses": [], "layer": layer}


packages = [pkg(n, "1.0.0", "pypi") for n in names("PyPI-all.zip", n_pypi)]
packages += [pkg(n, "v0.1.0", "golang") for n in names("Go-all.zip", n_go)]
packages += [pkg(f"not-a-real-package-{i}", "1.0", "pypi") for i in range(n_unknown)]
image = {"repoTags": ["bench:latest"], "imageID": "sha256:" + "1" * 64, "architecture": "amd64", "layers": [],
         "config": {"envNames": [], "exposedPorts": [], "labels": {}}, "packages": packages,
         "vulnerabilities": [], "secrets": [], "malware": [], "misconfigurations": []}
report = {"schemaVersion": "1.0", "scanner": {"name": "spoolscan", "version": "0.1.0"},
          "createdAt": "2026-01-01T00:00:00Z", "warnings": [],
          "artifact": {"path": "bench.tar", "sha256": "a" * 64, "size": 1, "format": "docker-archive", "images": [image]}}
with open(out, "w") as f:
    json.dump(report, f)
print(f"{out}: {len(packages)} packages")
