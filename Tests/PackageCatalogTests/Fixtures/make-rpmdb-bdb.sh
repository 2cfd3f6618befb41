#!/bin/sh
# Builds rpmdb-bdb-4096.Packages and rpmdb-bdb-512.Packages: Berkeley DB hash databases in
# the layout of rpm's `Packages` file (RHEL/CentOS ≤ 8, Amazon Linux 2): key = header
# instance number (uint32, host order), data = rpm header blob. The headers are those of
# rpmdb.sqlite (made by make-rpmdb.sh). db5.3_load writes the files; rpm's own read-only
# BDB backend then lists them, which checks the layout. With 512-byte pages every header
# goes to overflow pages; with 4096-byte pages they sit on the hash pages.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for size in 4096 512; do
    python3 - "$here/rpmdb.sqlite" "$size" > "$work/dump.txt" <<'PY'
import sqlite3, struct, sys
print("VERSION=3\nformat=bytevalue\ntype=hash\ndb_pagesize=%s\nHEADER=END" % sys.argv[2])
db = sqlite3.connect(sys.argv[1])
for hnum, blob in db.execute("SELECT hnum, blob FROM Packages ORDER BY hnum"):
    print(" " + struct.pack("<I", hnum).hex())
    print(" " + bytes(blob).hex())
print("DATA=END")
PY
    rm -rf "$work/db" && mkdir "$work/db"
    db5.3_load -f "$work/dump.txt" "$work/db/Packages"
    rpm -qa --dbpath "$work/db" --define '_db_backend bdb_ro' --qf "$size: %{NAME} %{EPOCH} %{VERSION}-%{RELEASE} %{ARCH}\n" 2>/dev/null
    cp "$work/db/Packages" "$here/rpmdb-bdb-$size.Packages"
done
