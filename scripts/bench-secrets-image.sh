#!/usr/bin/env bash
# Secret + malware scanning of a real Debian 12 image that keeps its apt lists (~50 MB of text in
# var/lib/apt/lists) against trivy's secret scan of the same image, in one run.
# Usage: scripts/bench-secrets-image.sh [WORKDIR]   (needs ../shared and trivy from ../shared/peers/install.sh)
set -euo pipefail
source "$(dirname "$0")/bench-common.sh"
IMG=$WORK/debian/debian12-minbase.tar
lists=$(du -sm "$WORK/debian/rootfs-minbase/var/lib/apt/lists" | cut -f1)
echo "image: $IMG ($(( $(stat -c %s "$IMG") / 1048576 )) MiB; apt lists ${lists} MiB)"
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); python3 -c "print(f'{$e-$s:.2f}')"; }
cat_s=$(t cat "$IMG")
ours=$(t "$BIN" scan "$IMG" --format json)
CACHE=$(mktemp -d)  # a fresh cache: trivy otherwise reuses layer results from earlier runs
trivy=$(t "$TRIVY" image --cache-dir "$CACHE" --input "$IMG" --scanners secret --format json --output /dev/null --skip-db-update --offline-scan)
rm -rf "$CACHE"
echo "cat (baseline read):                  ${cat_s} s"
echo "spoolscan scan (all detectors):       ${ours} s"
echo "trivy image --scanners secret:        ${trivy} s"
python3 -c "print(f'trivy / spoolscan: {$trivy/$ours:.1f}x;  spoolscan / cat: {$ours/max($cat_s,0.01):.1f}x')"
