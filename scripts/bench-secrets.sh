#!/bin/sh
# Secret and malware scan throughput against `cat FILE > /dev/null`, in one run.
# Usage: scripts/bench-secrets.sh [FILE]   (default: a 50 MB corpus from this machine's text files)
set -eu
cd "$(dirname "$0")/../Benchmarks"
swift build -c release --product DetectorBench >/dev/null
exec .build/release/DetectorBench "$@"
