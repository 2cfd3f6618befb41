#!/usr/bin/env bash
# Plants credentials, EICAR and a setuid binary in a layer on top of a real Debian 12 root, deletes one
# planted file in a later layer, and compares spoolscan's findings with trivy's secret scan of the same image.
# Also times both on the image (the Debian root keeps its ~50 MB apt lists). All planted values are generated
# here, at random; none is real. Usage: scripts/compare-trivy-secrets.sh [WORKDIR]
set -euo pipefail
source "$(dirname "$0")/bench-common.sh"
P=$WORK/planted; rm -rf "$P"; mkdir -p "$P/l1/app" "$P/l1/root" "$P/l1/usr/local/bin" "$P/l2/app"
python3 - "$P/l1" <<'PY'
import json, os, random, string, subprocess, sys, zlib
d = sys.argv[1]; r = random.SystemRandom()
def rnd(chars, n): return "".join(r.choice(chars) for _ in range(n))
def b62(n, w): return "".join(reversed([(string.digits + string.ascii_uppercase + string.ascii_lowercase)[n // 62**i % 62] for i in range(w)]))
def ghp(): body = rnd(string.ascii_letters + string.digits, 30); return "ghp_" + body + b62(zlib.crc32(body.encode()), 6)  # GitHub's CRC32 format
up, al = string.ascii_uppercase + string.digits, string.ascii_letters + string.digits
key = subprocess.run(["openssl", "genrsa", "2048"], capture_output=True, text=True, check=True).stdout
open(f"{d}/app/.env", "w").write(f"AWS_ACCESS_KEY_ID=AKIA{rnd(string.ascii_uppercase + "234567", 16)}\nAWS_SECRET_ACCESS_KEY={rnd(al + '/+', 40)}\n")
open(f"{d}/root/.git-credentials", "w").write(f"https://builder:{ghp()}@github.com\n")
open(f"{d}/app/server.key", "w").write(key)
open(f"{d}/app/notify.py", "w").write(f"import requests\nSLACK_TOKEN = \"xoxb-{rnd(string.digits, 12)}-{rnd(string.digits, 13)}-{rnd(al, 24)}\"\n")
sa = {"type": "service_account", "project_id": "demo-project", "private_key_id": rnd("0123456789abcdef", 40),
      "private_key": key.replace("RSA PRIVATE KEY", "PRIVATE KEY"), "client_email": "ci@demo-project.iam.gserviceaccount.com",
      "client_id": rnd(string.digits, 21), "token_uri": "https://oauth2.googleapis.com/token"}
open(f"{d}/app/service-account.json", "w").write(json.dumps(sa, indent=2))
open(f"{d}/app/eicar.com", "w").write("X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*")
PY
cp /bin/true "$P/l1/usr/local/bin/helper"; chmod 4755 "$P/l1/usr/local/bin/helper"
touch "$P/l2/app/.wh.service-account.json"
IMG=$WORK/planted.tar
python3 "$SHARED/tools/mkimage.py" --out "$IMG" --tag planted:1 "$WORK/debian/rootfs-minbase" "$P/l1" "$P/l2"
echo "image: $IMG ($(( $(stat -c %s "$IMG") / 1048576 )) MiB, 3 layers)"
t0=$(date +%s.%N); "$BIN" scan "$IMG" --format json > "$WORK/ours.json"; t1=$(date +%s.%N)
CACHE=$(mktemp -d)  # a fresh cache: trivy otherwise reuses layer results from earlier runs
"$TRIVY" image --cache-dir "$CACHE" --input "$IMG" --scanners secret --format json --output "$WORK/trivy.json" --quiet --skip-db-update --offline-scan 2>/dev/null || true
rm -rf "$CACHE"
t2=$(date +%s.%N)
python3 - "$WORK/ours.json" "$WORK/trivy.json" "$t0" "$t1" "$t2" "$P/l1" <<'PY'
import json, os, sys
ours = json.load(open(sys.argv[1]))["artifact"]["images"][0]
trivy = json.load(open(sys.argv[2])); t0, t1, t2 = map(float, sys.argv[3:6]); planted_dir = sys.argv[6]
print(f"time: spoolscan {t1 - t0:.2f} s (full scan: packages, secrets, malware, misconfig); trivy --scanners secret {t2 - t1:.2f} s; ratio {(t2 - t1) / (t1 - t0):.1f}x")
ours_paths = {(s["path"], s["layer"]["index"] if s.get("layer") else None, s["deletedInLaterLayer"]) for s in ours["secrets"]}
print("spoolscan secrets:"); [print(f"  {s['ruleID']:32} {s['path']}:{s['line']} layer {s['layer']['index'] if s.get('layer') else 'config'}{' (deleted later)' if s['deletedInLaterLayer'] else ''} {s['match']}") for s in ours["secrets"]]
print("spoolscan malware:", [(m["rule"], m["path"], m["layer"]["index"]) for m in ours["malware"]])
print("spoolscan setuid check:", [m["evidence"] for m in ours["misconfigurations"] if "setuid" in m["title"].lower() or m["id"] == "CIS-DI-0008"])
tr = [(r["Target"].lstrip("/"), s["RuleID"], s["StartLine"]) for r in trivy.get("Results") or [] for s in r.get("Secrets") or []]
print("trivy secrets:"); [print(f"  {rule:32} {path}:{line}") for path, rule, line in tr]
planted = ["app/.env", "root/.git-credentials", "app/server.key", "app/notify.py", "app/service-account.json"]
missing = [p for p in planted if not any(s["path"] == p for s in ours["secrets"])]
trivy_missed_by_us = sorted({p for p, _, _ in tr if not any(s["path"] == p for s in ours["secrets"])})
stock = sorted({s["path"] for s in ours["secrets"] if s["path"] not in planted and not s["path"].startswith("config:")})
print("planted items missed by spoolscan:", missing or "none")
print("files trivy flags that spoolscan does not:", trivy_missed_by_us or "none")
print("secret findings on stock Debian files:", stock or "none")
ok = not missing and not trivy_missed_by_us and not stock and any(m["path"] == "app/eicar.com" for m in ours["malware"])
# nothing planted may appear in full in the report
text = open(sys.argv[1]).read()
for name in ["app/.env", "root/.git-credentials", "app/notify.py"]:
    for line in open(os.path.join(planted_dir, name)):
        value = line.strip().split("=", 1)[-1].split("@")[0].split(":")[-1].strip('"')
        if len(value) > 12 and value in text: print("FULL SECRET IN REPORT:", name); ok = False
sys.exit(0 if ok else 1)
PY
