#!/bin/sh
# Measures advisory import and matching with the CLI against the shared feeds.
#   1. `spoolscan db import PyPI-all.zip Go-all.zip` into a fresh database (wall-clock time);
#   2. `spoolscan rematch` on two spools, each holding one report with 1,000 packages:
#      worst case: 500 PyPI names and 300 Go modules that all have advisories, at old versions
#      (most of their advisories match), plus 200 unknown names;
#      typical: 60 PyPI and 40 Go packages with advisories, 900 names without any.
#      rematch prints the time spent matching, excluding JSON decoding and writing.
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

mkdir -p "$WORK/worst/done" "$WORK/typical/done"
python3 scripts/bench-inventory.py "$DATA" "$WORK/worst/done/bench.report.json" 500 300 200
python3 scripts/bench-inventory.py "$DATA" "$WORK/typical/done/bench.report.json" 60 40 900
for kind in worst typical; do
  echo "== rematch, $kind (three runs)"
  for run in 1 2 3; do
    "$BIN" rematch --spool "$WORK/$kind" --db "$WORK/advisories.db"
  done
  # The digest of the findings (canonical JSON) shows whether a change to matching changed its results.
  python3 -c "import json, hashlib; v = json.load(open('$WORK/$kind/done/bench.report.json'))['artifact']['images'][0]['vulnerabilities']; print('findings:', len(v), 'sha256:', hashlib.sha256(json.dumps(v, sort_keys=True).encode()).hexdigest())"
done
