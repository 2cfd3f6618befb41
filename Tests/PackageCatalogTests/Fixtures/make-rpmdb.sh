#!/bin/sh
# Builds rpmdb.sqlite: a real rpm database (rpm 4.18, sqlite backend) holding two tiny
# packages built here with rpmbuild. The page size is shrunk to keep the fixture small; the
# database stays in WAL mode as rpm leaves it.
set -eu
out="$(cd "$(dirname "$0")" && pwd)/rpmdb.sqlite"
top="$(mktemp -d)"
trap 'rm -rf "$top"' EXIT
mkdir -p "$top/SPECS"
cat > "$top/SPECS/hello.spec" <<'SPEC'
Name: spoolscan-fixture-hello
Version: 1.2.3
Release: 4.fc40
Epoch: 2
Summary: Tiny test package
License: MIT AND (Apache-2.0 OR BSD-3-Clause)
BuildArch: noarch
%description
A tiny package for tests.
%install
mkdir -p %{buildroot}/usr/share/hello
echo hi > %{buildroot}/usr/share/hello/hello.txt
%files
/usr/share/hello/hello.txt
SPEC
cat > "$top/SPECS/lib.spec" <<'SPEC'
Name: spoolscan-fixture-lib
Version: 0.9
Release: 1
Summary: Second tiny test package
License: GPL-2.0-or-later
%description
Second.
%install
mkdir -p %{buildroot}/usr/share/lib2
echo x > %{buildroot}/usr/share/lib2/x.txt
%files
/usr/share/lib2/x.txt
SPEC
rpmbuild --quiet --define "_topdir $top" -bb "$top/SPECS/hello.spec"
rpmbuild --quiet --define "_topdir $top" --target x86_64 -bb "$top/SPECS/lib.spec"
rpm --initdb --dbpath "$top/db" --define '_db_backend sqlite'
rpm -i --nodeps --justdb --ignorearch --dbpath "$top/db" --define '_db_backend sqlite' \
    "$top"/RPMS/noarch/*.rpm "$top"/RPMS/x86_64/*.rpm 2>/dev/null
sqlite3 "$top/db/rpmdb.sqlite" 'PRAGMA journal_mode=DELETE; PRAGMA page_size=512; VACUUM; PRAGMA journal_mode=WAL;' >/dev/null
cp "$top/db/rpmdb.sqlite" "$out"
rpm -qa --dbpath "$top/db" --define '_db_backend sqlite' --qf '%{NAME} %{EPOCH} %{VERSION}-%{RELEASE} %{ARCH}\n'
