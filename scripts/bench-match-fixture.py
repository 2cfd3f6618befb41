#!/usr/bin/env python3
"""Writes the matching fixture that MatchingFixtureTests builds, at test time, from ../shared/vulndata.

Usage: bench-match-fixture.py VULNDATA OUTDIR

OUTDIR/feeds/PyPI.zip, Go.zip   every OSV record (unchanged) naming one of the chosen packages:
                                django and stdlib (many records each), and 40 PyPI and 20 Go
                                names spread evenly over the rest
OUTDIR/feeds/alpine-v3.11.json  Alpine secdb v3.11 main, 20 packages spread evenly
OUTDIR/inventory.report.json    a report whose one Alpine 3.11 image holds each chosen package at
                                the versions its records name (introduced, fixed, last_affected,
                                listed), an old and a far-future version
The test imports the feeds, matches the inventory and compares the findings with a recorded digest;
only that digest is kept in the repository.
"""
import json, os, sys, zipfile

data, out = sys.argv[1], sys.argv[2]
os.makedirs(f"{out}/feeds", exist_ok=True)


def records(zip_name):
    by_name = {}
    with zipfile.ZipFile(f"{data}/{zip_name}") as z:
        for n in sorted(z.namelist()):
            raw = z.read(n)
            record = json.loads(raw)
            for a in record.get("affected", []):
                by_name.setdefault(a["package"]["name"], {})[n] = (raw, record)
    return by_name


def choose(by_name, top, spread, extra=()):
    names = sorted(by_name, key=lambda k: (-len(by_name[k]), k))
    chosen = names[:top] + [n for n in extra if n in by_name]
    rest = [n for n in sorted(names[top:]) if n not in chosen]
    step = max(1, len(rest) // spread)
    chosen += rest[::step][:spread]
    return chosen


def versions(name, recs, old, future, prefix):
    seen = []
    for _, (_, record) in sorted(recs.items()):
        for a in record.get("affected", []):
            if a["package"]["name"] != name:
                continue
            for r in a.get("ranges", []):
                if r.get("type") == "GIT":
                    continue
                for e in r.get("events", []):
                    for k in ("introduced", "fixed", "last_affected"):
                        if k in e and e[k] != "0" and e[k] not in seen:
                            seen.append(e[k])
            for v in a.get("versions", [])[:2]:
                if v not in seen:
                    seen.append(v)
    return [old, future] + [prefix + v for v in seen[:3]]


layer = {"index": 0, "diffID": "sha256:" + "0" * 64}


def pkg(name, version, kind):
    return {"name": name, "version": version, "type": kind, "purl": f"pkg:{kind}/{name}@{version}",
            "paths": [], "licenses": [], "layer": layer}


packages = []
for zip_name, kind, top, spread, old, future in (("PyPI-all.zip", "pypi", 0, 40, "1.0.0", "99.0.0"),
                                                  ("Go-all.zip", "golang", 0, 20, "v0.1.0", "v99.0.0")):
    by_name = records(zip_name)
    chosen = choose(by_name, top, spread, extra=("stdlib",) if kind == "golang" else ("django",))
    files = {}
    for name in chosen:
        files.update({n: raw for n, (raw, _) in by_name[name].items()})
        if kind == "golang":
            prefix = "go" if name == "stdlib" else "v"
            vs = versions(name, by_name[name], prefix + "1.0.0" if name == "stdlib" else old,
                          prefix + "99.0.0" if name == "stdlib" else future, prefix)
        else:
            vs = versions(name, by_name[name], old, future, "")
        packages += [pkg(name, v, kind) for v in vs]
    with zipfile.ZipFile(f"{out}/feeds/{zip_name.replace('-all', '')}", "w", zipfile.ZIP_DEFLATED) as z:
        for n in sorted(files):
            z.writestr(n, files[n])

secdb = json.load(open(f"{data}/alpine-secdb/v3.11/main.json"))
apks = sorted(secdb["packages"], key=lambda p: p["pkg"]["name"])
apks = apks[::max(1, len(apks) // 20)][:20]
secdb["packages"] = apks
with open(f"{out}/feeds/alpine-v3.11.json", "w") as f:
    json.dump(secdb, f, indent=1, sort_keys=True)
for p in apks:
    fixes = sorted(p["pkg"]["secfixes"])
    for v in ["0.1-r0", "999.0-r0"] + fixes[:4]:
        packages.append(pkg(p["pkg"]["name"], v, "apk"))

image = {"repoTags": ["fixture:latest"], "imageID": "sha256:" + "1" * 64, "architecture": "amd64", "layers": [],
         "os": {"family": "alpine", "version": "3.11.5", "name": "Alpine Linux v3.11"},
         "config": {"envNames": [], "exposedPorts": [], "labels": {}}, "packages": packages,
         "vulnerabilities": [], "secrets": [], "malware": [], "misconfigurations": []}
report = {"schemaVersion": "1.0", "scanner": {"name": "spoolscan", "version": "0.1.0"},
          "createdAt": "2026-01-01T00:00:00Z", "warnings": [],
          "artifact": {"path": "fixture.tar", "sha256": "a" * 64, "size": 1, "format": "docker-archive",
                       "images": [image]}}
with open(f"{out}/inventory.report.json", "w") as f:
    json.dump(report, f, indent=1)
print(f"{out}: {len(packages)} packages")
