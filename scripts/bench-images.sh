#!/usr/bin/env bash
# Builds the two benchmark images of `scripts/bench` (cached: a rerun only checks they exist).
#   CACHE/bench-a.tar  Debian 12: minbase layer (as ../shared/images/build-debian.sh builds it),
#                      a tools layer (python3, perl, gcc, git, openssh-server installed by debootstrap,
#                      stored as the difference from minbase, with whiteouts), an app layer A
#                      (a Python web app with old pinned packages from PyPI)
#   CACHE/bench-b.tar  the same two base layers (identical bytes, so identical diffIDs) and app layer B
# Usage: scripts/bench-images.sh [CACHE]   (default ~/.cache/spoolscan-bench; needs ../shared, root, network)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd); SHARED=$ROOT/../shared
CACHE=${1:-$HOME/.cache/spoolscan-bench}
[ -d "$SHARED" ] || { echo "skip: ../shared is absent (it holds the Debian image builder)" >&2; exit 3; }
mkdir -p "$CACHE"; cd "$CACHE"
[ -f bench-a.tar ] && [ -f bench-b.tar ] && exit 0

[ -f debian/debian12-minbase.tar ] || bash "$SHARED/images/build-debian.sh" "$CACHE/debian" >/dev/null
MIRROR=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$MIRROR" ] || MIRROR=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list 2>/dev/null)
if [ ! -f rootfs-tools/.complete ]; then
  rm -rf rootfs-tools
  echo "debootstrap: minbase + python3 perl gcc git openssh-server (a few minutes)" >&2
  debootstrap --variant=minbase --include=python3,perl,gcc,git,openssh-server bookworm rootfs-tools "$MIRROR" >/dev/null
  touch rootfs-tools/.complete
fi

# The tools layer: what rootfs-tools adds to or changes in rootfs-minbase, and whiteouts for what it lacks.
if [ ! -f layer-tools.complete ]; then
  rm -rf layer-tools
  python3 - debian/rootfs-minbase rootfs-tools layer-tools <<'PY'
import filecmp, os, shutil, stat, sys
base, full, out = sys.argv[1:]
os.makedirs(out)
def same(a, b):
    sa, sb = os.lstat(a), os.lstat(b)
    if stat.S_IFMT(sa.st_mode) != stat.S_IFMT(sb.st_mode) or sa.st_mode != sb.st_mode:
        return False
    if stat.S_ISLNK(sa.st_mode):
        return os.readlink(a) == os.readlink(b)
    if stat.S_ISREG(sa.st_mode):
        return sa.st_size == sb.st_size and filecmp.cmp(a, b, shallow=False)
    return True
def parent(rel):
    d = os.path.dirname(rel)
    if d and not os.path.isdir(os.path.join(out, d)):
        os.makedirs(os.path.join(out, d))
        shutil.copystat(os.path.join(full, d), os.path.join(out, d), follow_symlinks=False)
for root, dirs, files in os.walk(full):
    rel_root = os.path.relpath(root, full)
    for name in dirs + files:
        rel = os.path.normpath(os.path.join(rel_root, name))
        if rel == ".complete":
            continue
        src, old = os.path.join(full, rel), os.path.join(base, rel)
        if os.path.lexists(old) and same(src, old):
            continue
        mode = os.lstat(src).st_mode
        parent(rel)
        dst = os.path.join(out, rel)
        if stat.S_ISLNK(mode):
            os.symlink(os.readlink(src), dst)
        elif stat.S_ISDIR(mode):
            os.makedirs(dst, exist_ok=True); shutil.copystat(src, dst, follow_symlinks=False)
        elif stat.S_ISREG(mode):
            shutil.copy2(src, dst, follow_symlinks=False)
    dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(root, d))]
for root, dirs, files in os.walk(base):
    rel_root = os.path.relpath(root, base)
    for name in list(dirs) + files:
        rel = os.path.normpath(os.path.join(rel_root, name))
        if not os.path.lexists(os.path.join(full, rel)):
            parent(rel)
            open(os.path.join(out, os.path.dirname(rel), ".wh." + name), "w").close()
            if name in dirs:
                dirs.remove(name)
PY
  touch layer-tools.complete
fi

# App layers: a Python app each, with old releases of real PyPI packages (wheels only, no build).
app() {  # DIR PACKAGE...
  local dir=$1; shift
  [ -f "$dir.complete" ] && return
  rm -rf "$dir"; mkdir -p "$dir/srv/app"
  if ! python3 -m pip install -q --root-user-action=ignore --no-deps --only-binary=:all: --python-version 3.11 --implementation py \
         --target "$dir/usr/local/lib/python3.11/dist-packages" "$@" >&2; then
    echo "PyPI not reachable: app layer $dir holds the app's own files only" >&2
  fi
  printf 'from flask import Flask\napp = Flask(__name__)\n\n@app.route("/")\ndef index():\n    return "ok"\n' > "$dir/srv/app/main.py"
  printf '%s\n' "$@" > "$dir/srv/app/requirements.txt"
  touch "$dir.complete"
}
app layer-app-a flask==0.12.2 jinja2==2.10 werkzeug==0.14.1 requests==2.19.1 urllib3==1.23 idna==2.7 \
    chardet==3.0.4 certifi==2018.4.16 itsdangerous==1.1.0
app layer-app-b django==2.2 sqlparse==0.3.0 pytz==2019.1 gunicorn==19.9.0 paramiko==2.4.1 jinja2==2.10.1 \
    urllib3==1.24.1 pyjwt==1.7.1

MKIMAGE="$SHARED/tools/mkimage.py"
python3 "$MKIMAGE" --out bench-a.tar.tmp --tag bench/a:1 debian/rootfs-minbase layer-tools layer-app-a >/dev/null
python3 "$MKIMAGE" --out bench-b.tar.tmp --tag bench/b:1 debian/rootfs-minbase layer-tools layer-app-b >/dev/null
mv bench-a.tar.tmp bench-a.tar; mv bench-b.tar.tmp bench-b.tar
ls -la "$CACHE"/bench-*.tar >&2
