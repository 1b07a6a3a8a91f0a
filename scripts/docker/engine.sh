# Sourced by check-docker.sh: a Docker engine of this check's own, started when this machine
# can run one, with its data root, exec root, pid file and socket in a temporary folder, and
# removed with everything in it afterwards. An engine already running elsewhere (the system's
# /var/run/docker.sock) is never used, stopped or reconfigured.

ENGINE_DIR=""
ENGINE_PID=""
# Networks the engine hands out come from this private range, so the first one, the compose
# project's, has a gateway known in advance (see docker-compose-checks.ts).
ENGINE_POOL=172.29.0.0/16

# Why no engine can be had here, or nothing when one can.
engine_unavailable() {
  if [ "$(id -u)" -ne 0 ]; then echo "not root, so no engine of its own can be started"; return; fi
  if ! command -v dockerd >/dev/null 2>&1 || ! command -v docker >/dev/null 2>&1; then
    # Debian's engine, as this machine's apt sources give it.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io >/dev/null 2>&1 || true
  fi
  if ! command -v dockerd >/dev/null 2>&1; then echo "dockerd is not installed and apt-get could not install docker.io"; return; fi
  if ! command -v docker-compose >/dev/null 2>&1 && ! docker compose version >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null 2>&1 || true
  fi
  if ! command -v debootstrap >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null 2>&1 || true
  fi
  command -v debootstrap >/dev/null 2>&1 || echo "debootstrap is missing, so no base image can be made"
}

start_engine() {
  ENGINE_DIR=$(mktemp -d /tmp/storybot-engine.XXXXXX)
  mkdir -p "$ENGINE_DIR/data" "$ENGINE_DIR/exec"
  # No iptables rules and no default bridge: nothing on this machine's network changes, and
  # containers reach nothing beyond their own networks (ip forwarding and NAT are left off).
  dockerd --iptables=false --ip-forward=false --ip-masq=false --bridge=none \
    --default-address-pool "base=$ENGINE_POOL,size=24" \
    --data-root "$ENGINE_DIR/data" --exec-root "$ENGINE_DIR/exec" \
    --pidfile "$ENGINE_DIR/dockerd.pid" --host "unix://$ENGINE_DIR/docker.sock" \
    >"$ENGINE_DIR/dockerd.log" 2>&1 &
  ENGINE_PID=$!
  export DOCKER_HOST="unix://$ENGINE_DIR/docker.sock"
  for _ in $(seq 1 60); do
    if docker info >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$ENGINE_PID" 2>/dev/null; then break; fi
    sleep 0.5
  done
  echo "the engine did not start; its log:" >&2
  tail -n 20 "$ENGINE_DIR/dockerd.log" >&2
  return 1
}

# Safe to call more than once, and after a failed start.
stop_engine() {
  [ -n "$ENGINE_DIR" ] || return 0
  if [ -n "$ENGINE_PID" ] && kill -0 "$ENGINE_PID" 2>/dev/null; then
    # Containers first, so that their networks' bridges leave the host with them.
    local ids
    ids=$(docker ps -aq 2>/dev/null || true)
    [ -z "$ids" ] || docker rm -f -v $ids >/dev/null 2>&1 || true
    docker network prune -f >/dev/null 2>&1 || true
    kill "$ENGINE_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$ENGINE_PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$ENGINE_PID" 2>/dev/null || true
    wait "$ENGINE_PID" 2>/dev/null || true
  fi
  # Whatever the engine left mounted under its folders, deepest first.
  # (No such mount is no failure: this runs in an EXIT trap, under set -e.)
  { grep -o " $ENGINE_DIR/[^ ]*" /proc/self/mounts || true; } | sort -r | while read -r mount; do umount -l "$mount" 2>/dev/null || true; done
  rm -rf "$ENGINE_DIR"
  ENGINE_DIR=""
  ENGINE_PID=""
}
