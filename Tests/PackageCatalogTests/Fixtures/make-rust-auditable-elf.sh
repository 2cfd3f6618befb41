#!/bin/sh
# Builds rust-auditable.elf: a real ELF executable (a copy of /bin/true) carrying a
# cargo-auditable `.dep-v0` section (zlib-compressed dependency JSON), added the way
# cargo-auditable's documentation shows for C toolchains, with objcopy.
set -eu
out="$(cd "$(dirname "$0")" && pwd)/rust-auditable.elf"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$work/dep-v0" <<'PY'
import json, sys, zlib
packages = [
    {"name": "adler", "version": "1.0.2", "source": "crates.io"},
    {"name": "serde", "version": "1.0.188", "source": "crates.io"},
    {"name": "cc", "version": "1.0.83", "source": "crates.io", "kind": "build"},
    {"name": "auditable-demo", "version": "0.1.0", "source": "local", "dependencies": [0, 1, 2], "root": True},
]
open(sys.argv[1], "wb").write(zlib.compress(json.dumps({"packages": packages}).encode()))
PY
objcopy --add-section .dep-v0="$work/dep-v0" --set-section-flags .dep-v0=noload,readonly /bin/true "$out"
readelf -S "$out" | grep -A1 dep-v0
