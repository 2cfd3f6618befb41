#!/usr/bin/env bash
# Builds the negative corpus for the secret detector from real packages, cached outside git:
#   CORPUS/pypi/     popular PyPI wheels, `pip install --no-deps --target` (one folder, as in an image layer)
#   CORPUS/debian/   Debian packages unpacked with `dpkg-deb -x` (python3 and perl modules, documentation,
#                    node-* packages)
# CORPUS is the first argument, else $SPOOLSCAN_CORPUS, else ~/.cache/spoolscan-corpus/negative.
# Reruns reuse what is there (a `.complete` marker per part); the tests keep their packed image in
# CORPUS/image/ (remove it with the corpus when the package lists change). Exit 0 with the folder printed on the
# last line; exit 3 with a message when PyPI or the Debian archive cannot be reached.
set -euo pipefail
CORPUS=${1:-${SPOOLSCAN_CORPUS:-$HOME/.cache/spoolscan-corpus/negative}}
mkdir -p "$CORPUS"

PYPI_PACKAGES=(boto3 botocore s3transfer Django SQLAlchemy kubernetes twilio slack_sdk cryptography paramiko
  tornado pydantic pydantic_core redis requests urllib3 google-auth PyJWT Flask Werkzeug Jinja2 celery
  pymongo stripe oauthlib requests-oauthlib httpx aiohttp sentry-sdk PyYAML)
DEBIAN_PACKAGES=(python3-requests python3-oauthlib python3-jwt python3-ldap3 python3-openssl python3-keyring
  python3-docker python3-github python3-gitlab
  libwww-perl libnet-ssleay-perl libio-socket-ssl-perl libcrypt-openssl-rsa-perl libauthen-sasl-perl
  libmojolicious-perl libnet-oauth-perl libdbi-perl
  git-doc python-django-doc perl-doc
  node-jose node-passport node-request node-axios node-ws node-express node-https-proxy-agent node-tap)

if [ ! -f "$CORPUS/pypi/.complete" ]; then
  command -v pip >/dev/null || command -v pip3 >/dev/null || { echo "skip: pip is not installed" >&2; exit 3; }
  PIP=$(command -v pip || command -v pip3)
  rm -rf "$CORPUS/pypi.part"
  if ! "$PIP" install -q --disable-pip-version-check --no-deps --no-compile --target "$CORPUS/pypi.part" \
      "${PYPI_PACKAGES[@]}" >"$CORPUS/pip.log" 2>&1; then
    echo "skip: PyPI is not reachable (pip install failed, see $CORPUS/pip.log)" >&2; exit 3
  fi
  rm -rf "$CORPUS/pypi" "$CORPUS/image" && mv "$CORPUS/pypi.part" "$CORPUS/pypi" && touch "$CORPUS/pypi/.complete"
fi

if [ ! -f "$CORPUS/debian/.complete" ]; then
  command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || { echo "skip: apt-get/dpkg-deb are not installed" >&2; exit 3; }
  rm -rf "$CORPUS/debs" "$CORPUS/debian.part"; mkdir -p "$CORPUS/debs" "$CORPUS/debian.part"
  if ! (cd "$CORPUS/debs" && apt-get download "${DEBIAN_PACKAGES[@]}" >"$CORPUS/apt.log" 2>&1); then
    if grep -q "Unable to locate package" "$CORPUS/apt.log"; then
      echo "error: a corpus package is not in the apt lists (run apt-get update; see $CORPUS/apt.log)" >&2; exit 1
    fi
    echo "skip: the Debian archive is not reachable (apt-get download failed, see $CORPUS/apt.log)" >&2; exit 3
  fi
  for deb in "$CORPUS"/debs/*.deb; do dpkg-deb -x "$deb" "$CORPUS/debian.part"; done
  rm -rf "$CORPUS/debian" "$CORPUS/debs" "$CORPUS/image" && mv "$CORPUS/debian.part" "$CORPUS/debian" && touch "$CORPUS/debian/.complete"
fi
echo "$CORPUS"
