#!/usr/bin/env bash
# npm run check:docker (CI runs it): builds the real image and runs it, alone and as the
# compose deployment, on a Docker engine of this check's own (scripts/docker/engine.sh).
# Where no engine can be had, it replays the Dockerfile's steps without Docker instead
# (scripts/docker-steps.ts), and says which of the two it ran.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
STAND_INS=$ROOT/deploy/stand-ins
# shellcheck source=docker/engine.sh
. scripts/docker/engine.sh
# shellcheck source=docker/stand-ins.sh
. scripts/docker/stand-ins.sh

replay() {
  echo "docker check: STEP-BY-STEP REPLAY without Docker ($1)"
  exec npx tsx scripts/docker-steps.ts "${@:2}"
}

reason=$(engine_unavailable)
[ -z "$reason" ] || replay "$reason" "$@"
trap stop_engine EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
start_engine || { stop_engine; replay "the engine would not start here" "$@"; }
echo "docker check: REAL IMAGE AND COMPOSE DEPLOYMENT, on an engine of its own ($(docker version -f '{{.Server.Version}}'))"
started=$SECONDS

echo "base images (cache: $CACHE):"
build_base_images

echo "the project's image:"
build_started=$SECONDS
# Host networking for the build only: apt and npm reach their registries; nothing else runs.
build_log=$(mktemp /tmp/storybot-build.XXXXXX.log)
timeout 900 docker build --network host -t storybot . >"$build_log" 2>&1 \
  || { tail -n 40 "$build_log" >&2; echo "docker build failed" >&2; exit 1; }
rm -f "$build_log"
echo "  storybot: built in $((SECONDS - build_started)) s"

# Both parts run even when the first fails, so one run reports every check.
status=0
npx tsx scripts/docker-image-checks.ts || status=1
npx tsx scripts/docker-compose-checks.ts || status=1
echo "docker check: real image and compose deployment, $([ $status -eq 0 ] && echo passed || echo FAILED), in $((SECONDS - started)) s"
exit $status
