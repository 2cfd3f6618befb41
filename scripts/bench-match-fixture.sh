#!/bin/sh
# Rebuilds Tests/AdvisoriesTests/Fixtures/matching: the feeds and inventory (bench-match-fixture.py)
# and the findings spoolscan itself makes of them (`db import`, then `rematch`), which
# MatchingFixtureTests requires the matcher to reproduce exactly. Run it only when a change to
# matching is meant to change results, and say why in the commit.
# Usage: scripts/bench-match-fixture.sh [path/to/spoolscan]   (default: .build/debug/spoolscan)
set -eu
cd "$(dirname "$0")/.."
BIN=${1:-.build/debug/spoolscan}
DATA=../shared/vulndata
OUT=Tests/AdvisoriesTests/Fixtures/matching
[ -f "$DATA/PyPI-all.zip" ] && [ -f "$DATA/Go-all.zip" ] || { echo "skipping: $DATA not present"; exit 0; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
rm -rf "$OUT"; mkdir -p "$OUT"
python3 scripts/bench-match-fixture.py "$DATA" "$OUT"
"$BIN" db import "$OUT/feeds" --db "$WORK/advisories.db" >/dev/null
mkdir -p "$WORK/spool/done"
cp "$OUT/inventory.report.json" "$WORK/spool/done/fixture.report.json"
"$BIN" rematch --spool "$WORK/spool" --db "$WORK/advisories.db"
python3 - "$WORK/spool/done/fixture.report.json" "$OUT/expected-vulnerabilities.json" <<'PY'
import json, sys
image = json.load(open(sys.argv[1]))["artifact"]["images"][0]
with open(sys.argv[2], "w") as f:
    json.dump({"vulnerabilities": image["vulnerabilities"], "vulnerabilitySummary": image["vulnerabilitySummary"]},
              f, indent=0, sort_keys=True, ensure_ascii=False)
print(f"{sys.argv[2]}: {len(image['vulnerabilities'])} findings")
PY
