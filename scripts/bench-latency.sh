#!/bin/bash
# Drop-to-claim latency of the spool daemon with an idle pool.
#
# Starts `spoolscan watch` on a temporary spool with a fake scanner, drops N artifacts one at a
# time (write to tmp/, rename into pending/, wait until it is finished) and prints the median and
# p95 of: drop -> claim (the daemon's "claimed" log line, ms resolution) and drop -> scanner start
# (the fake scanner's own timestamp: includes the claim, fsyncs, posix_spawn, prlimit and bash).
#
# Usage: scripts/bench-latency.sh [N=50]   (BIN=path/to/spoolscan to override; build first)
set -euo pipefail
N="${1:-50}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${BIN:-$ROOT/.build/debug/spoolscan}"
[ -x "$BIN" ] || { echo "missing $BIN: run swift build first" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'kill "$DAEMON" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/spool/pending" "$WORK/spool/tmp"
cat > "$WORK/fake.sh" <<'FAKE'
#!/bin/bash
echo "$(basename "$1") $(date +%s%N)" >> "$3"
printf '{"schemaVersion":"1.0","scanner":{"name":"fake","version":"0"},"createdAt":"2026-01-01T00:00:00Z","artifact":{"path":"%s","sha256":"0","size":0,"format":"docker-archive","images":[]},"warnings":[]}\n' "$1" > "$2"
FAKE
chmod +x "$WORK/fake.sh"
"$BIN" watch --spool "$WORK/spool" --workers 2 --log-format json \
    --scanner-command "$WORK/fake.sh {artifact} {output} $WORK/starts.log" 2> "$WORK/daemon.log" &
DAEMON=$!
for _ in $(seq 100); do [ -f "$WORK/spool/.state/slots.json" ] && break; sleep 0.05; done

python3 - "$WORK" "$N" <<'PY'
import json, os, statistics, sys, time
work, n = sys.argv[1], int(sys.argv[2])
spool = f"{work}/spool"
drops = {}
for i in range(n):
    name = f"bench-{i:03d}.tar"
    with open(f"{spool}/tmp/{name}", "w") as f:
        f.write("x" * 1024)
    drops[name] = time.time_ns()
    os.rename(f"{spool}/tmp/{name}", f"{spool}/pending/{name}")
    deadline = time.time() + 10
    while not os.path.exists(f"{spool}/done/{name}.report.json"):
        if time.time() > deadline:
            sys.exit(f"{name} not finished after 10 s")
        time.sleep(0.005)
    time.sleep(0.05)  # let the pool go idle again
starts = {}
for line in open(f"{work}/starts.log"):
    name, ns = line.split()
    starts.setdefault(name, int(ns))
claims = {}
for line in open(f"{work}/daemon.log"):
    entry = json.loads(line)
    if entry.get("msg") == "claimed":
        ts = entry["ts"]  # 2026-11-27T00:12:03.456Z
        from datetime import datetime, timezone
        t = datetime.strptime(ts, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
        claims[entry["job"]] = int(t.timestamp() * 1000)
def report(label, values):
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    print(f"{label}: median {statistics.median(values):.1f} ms, p95 {p95:.1f} ms, max {values[-1]:.1f} ms (n={len(values)})")
report("drop -> claim        ", [claims[k] - drops[k] / 1e6 for k in drops])
report("drop -> scanner start", [(starts[k] - drops[k]) / 1e6 for k in drops])
PY
