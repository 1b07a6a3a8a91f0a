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

# STORYBOT_DOCKER_CHECK=replay asks for the replay where an engine could be had.
if [ "${STORYBOT_DOCKER_CHECK:-}" = replay ]; then replay "STORYBOT_DOCKER_CHECK=replay" "$@"; fi
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
# The last run's stages, as build cache: Docker reuses a step only where the step and the
# files it copies are unchanged, so a change anywhere rebuilds from there on. The engine's
# own cache goes with its data root, hence the archive.
PROJECT_CACHE=$CACHE/images/project-build-cache.tar
cache_from=()
if [ -s "$PROJECT_CACHE" ] && docker load -q -i "$PROJECT_CACHE" >/dev/null 2>&1; then
  cache_from=(--cache-from storybot-cache:build --cache-from storybot-cache:final)
fi
build_log=$(mktemp /tmp/storybot-build.XXXXXX.log)
# The build stage first, tagged, so that the whole build finds it and the archive keeps it.
timeout 900 docker build --network host "${cache_from[@]}" --target build -t storybot-cache:build . >"$build_log" 2>&1 \
  && cached=$(grep -c 'Using cache' "$build_log" || true) \
  && timeout 300 docker build --network host "${cache_from[@]}" -t storybot . >"$build_log" 2>&1 \
  || { tail -n 40 "$build_log" >&2; echo "docker build failed" >&2; exit 1; }
echo "  storybot: built in $((SECONDS - build_started)) s (${cached} build-stage steps from the last run's cache)"
docker tag storybot storybot-cache:final
docker save -o "$PROJECT_CACHE.part" storybot-cache:build storybot-cache:final \
  && mv "$PROJECT_CACHE.part" "$PROJECT_CACHE" || echo "  (could not keep the build cache)"
rm -f "$build_log" "$PROJECT_CACHE.part"

# Both parts run even when the first fails, so one run reports every check.
status=0
npx tsx scripts/docker-image-checks.ts || status=1
npx tsx scripts/docker-compose-checks.ts || status=1
echo "docker check: real image and compose deployment, $([ $status -eq 0 ] && echo passed || echo FAILED), in $((SECONDS - started)) s"
exit $status
