#!/usr/bin/env bash
# Secret findings of spoolscan and trivy on the two secret corpora, in one run:
#   negative: real PyPI wheels and Debian packages (scripts/secret-corpus.sh), where nothing is a
#             credential of anyone's: every finding is noise unless it is a real key shipped in a package
#   recall:   fake credentials of real formats planted where people leave them (scripts/secret-recall-corpus.py)
# Prints findings per tool (by confidence for spoolscan), recall per tool, and scan times.
# Usage: scripts/compare-trivy-secret-corpora.sh [WORKDIR]   (trivy from ../shared/peers/install.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd); WORK=${1:-$ROOT/.build/secret-corpora}; SHARED=$ROOT/../shared
TRIVY=${TRIVY:-$HOME/.cache/spoolscan-peers/trivy}
[ -x "$TRIVY" ] || { echo "trivy not found at $TRIVY: run ../shared/peers/install.sh" >&2; exit 3; }
[ -f "$SHARED/tools/mkimage.py" ] || { echo "skip: ../shared/tools/mkimage.py is absent" >&2; exit 0; }
BIN=${SPOOLSCAN:-$ROOT/.build/release/spoolscan}
[ -x "$BIN" ] || bash "$ROOT/scripts/build-release" >/dev/null
CORPUS=$(scripts/secret-corpus.sh | tail -1)
rm -rf "$WORK"; mkdir -p "$WORK/negative/usr/local/lib/python3.11"
cp -al "$CORPUS/pypi" "$WORK/negative/usr/local/lib/python3.11/site-packages"
cp -al "$CORPUS/debian/." "$WORK/negative/"
find "$WORK/negative" -name .complete -delete
python3 scripts/secret-recall-corpus.py "$WORK/recall" >/dev/null
python3 "$SHARED/tools/mkimage.py" --out "$WORK/negative.tar" --tag corpus/negative:1 "$WORK/negative"
python3 "$SHARED/tools/mkimage.py" --out "$WORK/recall.tar" --tag corpus/recall:1 "$WORK/recall/rootfs"

t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); python3 -c "print(f'{$e-$s:.2f}')"; }
for corpus in negative recall; do
  img=$WORK/$corpus.tar
  files=$(find "$WORK/$corpus" -type f | wc -l); mib=$(( $(stat -c %s "$img") / 1048576 ))
  ours=$(t "$BIN" scan "$img" --scanners secrets --format json --output "$WORK/$corpus.spoolscan.json")
  CACHE=$(mktemp -d)
  theirs=$(t "$TRIVY" image --cache-dir "$CACHE" --input "$img" --scanners secret --format json \
             --output "$WORK/$corpus.trivy.json" --skip-db-update --offline-scan)
  rm -rf "$CACHE"
  echo "== $corpus corpus: $files files, $mib MiB image"
  python3 - "$WORK" "$corpus" "$ours" "$theirs" <<'PY'
import collections, json, sys
work, corpus, ours_s, theirs_s = sys.argv[1:]
ours = [s for i in json.load(open(f"{work}/{corpus}.spoolscan.json"))["artifact"]["images"] for s in i["secrets"]]
trivy = [(r["Target"].lstrip("/"), s["StartLine"], s["RuleID"])
         for r in json.load(open(f"{work}/{corpus}.trivy.json")).get("Results") or [] for s in r.get("Secrets") or []]
if corpus == "negative":
    by = collections.Counter(s.get("confidence", "none") for s in ours)
    print(f"spoolscan: {len(ours)} findings (confidence high {by['high']}, medium {by['medium']}, low {by['low']}) in {ours_s} s")
    for s in ours:
        print(f"   {s.get('confidence', '-'):6} {s['severity']:8} {s['ruleID']:24} {s['path']}:{s['line']} {s.get('reason', '')}")
    print(f"trivy:     {len(trivy)} findings in {theirs_s} s")
    for path, line, rule in trivy:
        print(f"   {rule:24} {path}:{line}")
else:
    expected = json.load(open(f"{work}/recall/expected.json"))
    ours_at = {(s["path"], s["line"]) for s in ours}
    trivy_at = {(p, l) for p, l, _ in trivy}
    ours_found = [e for e in expected if (e["path"], e["line"]) in ours_at]
    trivy_found = [e for e in expected if (e["path"], e["line"]) in trivy_at]
    print(f"spoolscan: {len(ours_found)} of {len(expected)} planted credentials found in {ours_s} s")
    print(f"trivy:     {len(trivy_found)} of {len(expected)} planted credentials found in {theirs_s} s")
    for e in expected:
        a = "yes" if e in ours_found else "NO "
        b = "yes" if e in trivy_found else "no "
        print(f"   spoolscan {a} trivy {b} {e['kind']} ({e['path']}:{e['line']})")
    missed_by_us = [e["kind"] for e in trivy_found if e not in ours_found]
    print("found by trivy, missed by spoolscan:", missed_by_us or "none")
PY
done
