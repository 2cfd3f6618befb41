# Sourced by the benchmark scripts that compare with trivy on a real Debian 12 image.
# Sets ROOT, WORK (first argument or .build/bench), SHARED, TRIVY, BIN and builds what is missing:
# the release binary and the Debian 12 minbase image (WORK/debian, via ../shared's debootstrap script).
# With TRIVY_OPTIONAL=1 a missing trivy leaves TRIVY empty (with a message) instead of stopping.
cd "$(dirname "$0")/.."
ROOT=$(pwd); WORK=${1:-$ROOT/.build/bench}; SHARED=$ROOT/../shared
[ -d "$SHARED" ] || { echo "skip: ../shared is absent (it holds the Debian image builder)" >&2; exit 0; }
TRIVY=${TRIVY:-$HOME/.cache/spoolscan-peers/trivy}
if [ ! -x "$TRIVY" ]; then
  [ "${TRIVY_OPTIONAL:-0}" = 1 ] || { echo "trivy not found at $TRIVY: run ../shared/peers/install.sh" >&2; exit 3; }
  echo "skipping trivy: not found at $TRIVY (../shared/peers/install.sh installs it)" >&2; TRIVY=
fi
BIN=${SPOOLSCAN:-$ROOT/.build/release/spoolscan}
[ -x "$BIN" ] || bash "$ROOT/scripts/build-release" >/dev/null
mkdir -p "$WORK"
[ -f "$WORK/debian/debian12-minbase.tar" ] || bash "$SHARED/images/build-debian.sh" "$WORK/debian" >/dev/null
