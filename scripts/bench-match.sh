#!/bin/sh
# Measures advisory import and matching with the CLI against the shared feeds.
#   1. `spoolscan db import PyPI-all.zip Go-all.zip` into a fresh database (wall-clock time);
#   2. `spoolscan rematch` on a spool holding one report with 1,000 packages (500 PyPI names and
#      300 Go modules that have advisories, at old versions, plus 200 unknown names); the command
#      prints the time spent matching, excluding JSON decoding and writing.
# Usage: scripts/bench-match.sh [path/to/spoolscan]   (default: .build/release/spoolscan)
set -eu
cd "$(dirname "$0")/.."
BIN=${1:-.build/release/spoolscan}
DATA=../shared/vulndata
[ -f "$DATA/PyPI-all.zip" ] && [ -f "$DATA/Go-all.zip" ] || { echo "skipping: $DATA not present"; exit 0; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "== import PyPI-all.zip + Go-all.zip"
start=$(date +%s.%N)
"$BIN" db import "$DATA/PyPI-all.zip" "$DATA/Go-all.zip" --db "$WORK/advisories.db"
end=$(date +%s.%N)
echo "wall clock: $(echo "$end - $start" | bc) s"

mkdir -p "$WORK/spool/done"
python3 - "$DATA" "$WORK/spool/done/bench.report.json" <<'PY'
import json, sys, zipfile
data, out = sys.argv[1], sys.argv[2]
def names(zip_name, limit):
    seen = []
    with zipfile.ZipFile(f"{data}/{zip_name}") as z:
        for n in sorted(z.namelist()):
            for a in json.loads(z.read(n)).get("affected", []):
                name = a["package"]["name"]
                if name not in seen:
                    seen.append(name)
            if len(seen) >= limit:
                return seen[:limit]
    return seen
layer = {"index": 0, "diffID": "sha256:" + "0" * 64}
def pkg(name, version, kind):
    return {"name": name, "version": version, "type": kind, "purl": f"pkg:{kind}/{name}@{version}",
            "paths": [], "licenses": [], "layer": layer}
packages = [pkg(n, "1.0.0", "pypi") for n in names("PyPI-all.zip", 500)]
packages += [pkg(n, "v0.1.0", "golang") for n in names("Go-all.zip", 300)]
packages += [pkg(f"not-a-real-package-{i}", "1.0", "pypi") for i in range(200)]
image = {"repoTags": ["bench:latest"], "imageID": "sha256:" + "1" * 64, "architecture": "amd64", "layers": [],
         "config": {"envNames": [], "exposedPorts": [], "labels": {}}, "packages": packages,
         "vulnerabilities": [], "secrets": [], "malware": [], "misconfigurations": []}
report = {"schemaVersion": "1.0", "scanner": {"name": "spoolscan", "version": "0.1.0"},
          "createdAt": "2026-01-01T00:00:00Z", "warnings": [],
          "artifact": {"path": "bench.tar", "sha256": "a" * 64, "size": 1, "format": "docker-archive", "images": [image]}}
json.dump(report, open(out, "w"))
print(f"report with {len(packages)} packages")
PY

echo "== rematch (1,000 packages), three runs"
for run in 1 2 3; do
  "$BIN" rematch --spool "$WORK/spool" --db "$WORK/advisories.db"
done
python3 -c "
import json; r = json.load(open('$WORK/spool/done/bench.report.json'))
print('findings:', len(r['artifact']['images'][0]['vulnerabilities']))"
