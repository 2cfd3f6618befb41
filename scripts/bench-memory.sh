#!/usr/bin/env bash
# Peak memory (max resident set) of `spoolscan scan` on an image of 500 MB or more, against syft on the
# same image in the same run when syft is installed (../shared/peers/install.sh).
# Usage: scripts/bench-memory.sh [WORKDIR]   (needs ../shared for the Debian root; builds it with debootstrap)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
WORK=${1:-$ROOT/.build/bench}
SHARED=$ROOT/../shared
[ -d "$SHARED" ] || { echo "skip: ../shared is absent (it holds the Debian image builder)" >&2; exit 0; }
mkdir -p "$WORK"
[ -f "$WORK/debian/debian12-minbase.tar" ] || bash "$SHARED/images/build-debian.sh" "$WORK/debian" >/dev/null
BIG=$WORK/big.tar
if [ ! -f "$BIG" ]; then
  rm -rf "$WORK/data-layer"
  python3 "$ROOT/scripts/bench-data-layer.py" "$WORK/data-layer/opt/data" 40 2000   # 480 MiB of blobs, small text files
  python3 "$SHARED/tools/mkimage.py" --out "$BIG" --tag bench/big:1 "$WORK/debian/rootfs-minbase" "$WORK/data-layer"
fi
BIN=${SPOOLSCAN:-$ROOT/.build/release/spoolscan}
[ -x "$BIN" ] || bash "$ROOT/scripts/build-release" >/dev/null
size_mb=$(( $(stat -c %s "$BIG") / 1048576 ))
# prints "MAX_RSS_KB WALL_SECONDS" for one run of a command
measure() {
  /usr/bin/time -f "%M %e" -o "$WORK/time.out" "$@" >/dev/null 2>"$WORK/stderr.out" || { cat "$WORK/stderr.out" >&2; return 1; }
  cat "$WORK/time.out"
}
echo "image: $BIG ($size_mb MiB)"
read -r ours_kb ours_time < <(measure "$BIN" scan "$BIG" --format json)
echo "spoolscan scan: max RSS $((ours_kb / 1024)) MiB, wall ${ours_time}s"
SYFT=${SYFT:-$HOME/.cache/spoolscan-peers/syft}
if [ -x "$SYFT" ]; then
  read -r syft_kb syft_time < <(measure "$SYFT" -q "docker-archive:$BIG" -o json)
  echo "syft (same image):  max RSS $((syft_kb / 1024)) MiB, wall ${syft_time}s"
  python3 -c "print(f'ratio spoolscan/syft RSS: {$ours_kb/$syft_kb:.2f}')"
fi
[ $((ours_kb / 1024)) -lt 200 ] && echo "target met: under 200 MiB resident" || { echo "target missed: 200 MiB resident"; exit 1; }
