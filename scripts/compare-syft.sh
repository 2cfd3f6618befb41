#!/usr/bin/env bash
# Compares spoolscan's OS package inventory (deb/apk/rpm names and versions) with syft's on the same image.
# Usage: scripts/compare-syft.sh IMAGE [docker-archive|oci-archive]
# Needs syft: ../shared/peers/install.sh puts it in ~/.cache/spoolscan-peers (or set SYFT=path).
set -euo pipefail
IMAGE=${1:?usage: compare-syft.sh IMAGE [docker-archive|oci-archive]}
KIND=${2:-docker-archive}
cd "$(dirname "$0")/.."
SYFT=${SYFT:-$HOME/.cache/spoolscan-peers/syft}
[ -x "$SYFT" ] || { echo "syft not found at $SYFT: run ../shared/peers/install.sh" >&2; exit 3; }
BIN=${SPOOLSCAN:-.build/release/spoolscan}
[ -x "$BIN" ] || BIN=.build/debug/spoolscan
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
SCAN_INPUT="$IMAGE"
case "$IMAGE" in *.gz) gzip -dc "$IMAGE" > "$TMP/image.tar"; SCAN_INPUT="$TMP/image.tar";; esac
"$SYFT" -q "$KIND:$SCAN_INPUT" -o json > "$TMP/syft.json"
"$BIN" scan "$IMAGE" --format json > "$TMP/spoolscan.json"
python3 - "$TMP/syft.json" "$TMP/spoolscan.json" <<'PY'
import json, sys
syft = json.load(open(sys.argv[1])); ours = json.load(open(sys.argv[2]))
kinds = {"deb", "apk", "rpm"}
a = {(p["type"], p["name"], p["version"]) for p in syft["artifacts"] if p["type"] in kinds}
b = {(p["type"], p["name"], p["version"]) for img in ours["artifact"]["images"] for p in img["packages"] if p["type"] in kinds}
print(f"syft: {len(a)} OS packages; spoolscan: {len(b)}; identical (type, name, version): {len(a & b)}")
for label, diff in (("only syft", sorted(a - b)), ("only spoolscan", sorted(b - a))):
    for t in diff: print(f"  {label}: {t[0]} {t[1]} {t[2]}")
sys.exit(0 if a == b else 1)
PY
