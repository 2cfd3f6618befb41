#!/bin/sh
# Secret and malware scan throughput against `cat FILE > /dev/null`, in one run.
# Usage: scripts/bench-secrets.sh [FILE]   (default: a 50 MB corpus from this machine's text files)
set -eu
cd "$(dirname "$0")/../Benchmarks"
log=$(mktemp)
swift build -c release --product DetectorBench >"$log" 2>&1 || { cat "$log"; exit 1; }
rm -f "$log"
exec .build/release/DetectorBench "$@"
