#!/bin/sh
# Builds composer-installed-v2.json: the vendor/composer/installed.json that Composer itself
# writes, for a project requiring two local path packages (no network, no Packagist).
set -eu
out="$(cd "$(dirname "$0")" && pwd)/composer-installed-v2.json"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/pkgs/log" "$work/pkgs/http" "$work/app"
cat > "$work/pkgs/log/composer.json" <<'JSON'
{"name": "acme/log", "version": "3.0.2", "license": "MIT", "type": "library"}
JSON
cat > "$work/pkgs/http/composer.json" <<'JSON'
{"name": "acme/http-client", "version": "v2.1.0", "license": ["Apache-2.0", "MIT"], "type": "library",
 "require": {"acme/log": "^3.0"}}
JSON
cat > "$work/app/composer.json" <<JSON
{"name": "acme/app", "repositories": [{"packagist.org": false},
  {"type": "path", "url": "$work/pkgs/*", "options": {"symlink": false}}],
 "require": {"acme/http-client": "^2.1"}}
JSON
cd "$work/app"
COMPOSER_HOME="$work/home" composer install --no-interaction --quiet --no-plugins --no-scripts
# Drop the machine-specific install paths and dist urls so the fixture is stable.
python3 - "$work/app/vendor/composer/installed.json" "$out" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
for package in data["packages"]:
    package.pop("dist", None)
    package["install-path"] = "../" + package["name"]
json.dump(data, open(sys.argv[2], "w"), indent=4)
PY
composer --version 2>/dev/null | head -1
