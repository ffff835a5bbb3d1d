#!/usr/bin/env bash
# Stand-in images for the catalog's templates, built from Debian 12's packages because no registry is reachable; each
# honours the official image's contract as far as the templates use it (scripts/harness/README.md has the details):
#   mariadb:11 mariadb:latest                   Debian's mariadb-server 10.11 + galera-4 + rsync (SST)
#   wordpress:6 wordpress:latest                Debian's wordpress + apache2 + mod_php + php-mysql, /var/www/html
#   haproxy:2.6 haproxy:3.0-alpine haproxy:latest  Debian's haproxy 2.6, reads /usr/local/etc/haproxy/haproxy.cfg
#   nginx:1.27-alpine nginx:latest              Debian's nginx 1.22, serves /usr/share/nginx/html, reads conf.d
#   redis:7.4-alpine redis:latest               Debian's redis-server 7.0, `redis-server` arguments, /data
#   postgres:16-alpine postgres:latest          Debian's postgresql-15, POSTGRES_*, PGDATA, initdb on first start
#   memcached:1.6-alpine memcached:latest       Debian's memcached 1.6, `memcached` arguments, user memcache
#   eclipse-mosquitto:2.0.18 …:latest           Debian's mosquitto 2.0 + clients, /mosquitto/{config,data,log}
#   registry:2.8.3 registry:2 registry:latest   Debian's docker-registry 2.8, /var/lib/registry, port 5000
#   prom/prometheus:v2.54.1 …:latest            Debian's prometheus 2.42, /bin/prometheus flags, /prometheus
#   adminer:4.8.1 adminer:latest                Debian's adminer 4.8.1 + PHP 8.2 CLI, port 8080
# Dockerfiles and entrypoints live in scripts/harness/images/<name>/.
#
#   bash scripts/harness/catalog-images.sh load <docker-socket> [<docker-cli>]   build if not cached, then load
#   bash scripts/harness/catalog-images.sh build [<docker-socket> [<docker-cli>]] only fill the cache
#   CATALOG_IMAGES="mariadb haproxy" …                                           only some of them
#
# Base: `debootstrap --variant=minbase bookworm` from the machine's own Debian mirror, imported with
# `tar | docker import` (the rootfs tar is cached). Each image is cached as a `docker save` tarball in
# $BERTH_HARNESS_CACHE/catalog-images, named by a digest of its Dockerfile folder, its tags and the base; a cache hit
# is a plain `docker load` (or nothing, when the daemon already holds that digest's image), three at a time. Built
# one at a time: about 8 min for all of them on 2 cores with nothing cached; cached, about 30 s to load them all into
# an empty daemon (see scripts/harness/README.md).
#
# Builds run on CATALOG_BUILD_SOCKET (default: the harness's daemon A from $BERTH_HARNESS_DIR/env when it is up,
# else the target socket): building needs containers that reach the Debian mirror, which daemon A's NAT gives.
set -Eeuo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { die "usage: catalog-images.sh load <docker-socket> [<docker-cli>] | build [<docker-socket> [<docker-cli>]]"; }

[[ $# -ge 1 ]] || usage
CMD=$1
shift
case $CMD in
  load) [[ $# -ge 1 && $# -le 2 ]] || usage ;;
  build) [[ $# -le 2 ]] || usage ;;
  *) usage ;;
esac
TARGET_SOCKET=${1:-}
TARGET_CLI=${2:-$DOCKER}

IMAGES_SRC=$HARNESS_SRC/images
CACHE=$BERTH_HARNESS_CACHE/catalog-images
# name → tags (the first one is the template's)
declare -A TAGS=(
  [mariadb]="mariadb:11 mariadb:latest"
  [wordpress]="wordpress:6 wordpress:latest"
  [haproxy]="haproxy:2.6 haproxy:3.0-alpine haproxy:latest"
  [nginx]="nginx:1.27-alpine nginx:latest"
  [redis]="redis:7.4-alpine redis:latest"
  [postgres]="postgres:16-alpine postgres:latest"
  [memcached]="memcached:1.6-alpine memcached:latest"
  [mosquitto]="eclipse-mosquitto:2.0.18 eclipse-mosquitto:latest"
  [registry]="registry:2.8.3 registry:2 registry:latest"
  [prometheus]="prom/prometheus:v2.54.1 prom/prometheus:latest"
  [adminer]="adminer:4.8.1 adminer:latest"
)
NAMES=(mariadb wordpress haproxy nginx redis postgres memcached mosquitto registry prometheus adminer)
# CATALOG_IMAGES="haproxy mariadb" limits a run to some of them.
if [[ -n ${CATALOG_IMAGES:-} ]]; then
  read -r -a NAMES <<<"$CATALOG_IMAGES"
  for name in "${NAMES[@]}"; do [[ -n ${TAGS[$name]:-} ]] || die "catalog-images.sh: unknown image $name"; done
fi
KEY_LABEL=io.berth.catalog-key
# Bump when the base's recipe below changes.
BASE_RECIPE=bookworm-minbase-v2

# The mirror the machine's own apt uses (deb822 or one-line format), as engine26.sh finds it.
debian_mirror() {
  {
    grep -hsE '^[[:space:]]*URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}'
    grep -hsE '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list |
      awk '{for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; break}}'
  } | grep -E 'debian' | grep -v security | head -n 1 || true
}

MIRROR=$(debian_mirror)
[[ -n $MIRROR ]] || die "catalog-images.sh: no Debian mirror found in /etc/apt/sources.list{,.d}"
MIRROR=${MIRROR%/}
BASE_KEY=$(printf '%s %s\n' "$BASE_RECIPE" "$MIRROR" | sha256sum | cut -c1-16)
BASE_TAR=$CACHE/debian-$BASE_RECIPE-$BASE_KEY.tar
BASE_IMAGE=berth-catalog/debian:$BASE_KEY

# The digest of an image's recipe: every file of its folder (relative name, mode and content), the base, and the
# tags (a saved tarball carries its tags: a new tag needs a new tarball).
image_key() {
  local dir=$IMAGES_SRC/$1
  [[ -f $dir/Dockerfile ]] || die "catalog-images.sh: no $dir/Dockerfile"
  {
    printf 'base %s\n' "$BASE_KEY"
    printf 'tags %s\n' "${TAGS[$1]}"
    (cd "$dir" && find . -type f -printf '%p %m\n' | LC_ALL=C sort)
    (cd "$dir" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
  } | sha256sum | cut -c1-16
}

# The Debian root filesystem, as a tar: debootstrap (about 25 s) once, then cached.
base_tar() {
  [[ -s $BASE_TAR ]] && return 0
  command -v debootstrap >/dev/null || {
    log "catalog-images: installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null
  }
  local root
  root=$(mktemp -d "$CACHE/rootfs.XXXXXX")
  chmod 755 "$root"
  log "catalog-images: debootstrap --variant=minbase bookworm from $MIRROR"
  debootstrap --variant=minbase bookworm "$root" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 || {
    tail -n 20 "$CACHE/debootstrap.log" >&2
    rm -rf "$root"
    die "catalog-images.sh: debootstrap failed (see $CACHE/debootstrap.log)"
  }
  # What Debian's own container images add: no service starts from maintainer scripts, no docs or man pages, no
  # recommends, no apt caches left in layers.
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 755 "$root/usr/sbin/policy-rc.d"
  printf '%s\n' 'path-exclude /usr/share/doc/*' 'path-include /usr/share/doc/*/copyright' \
    'path-exclude /usr/share/man/*' 'path-exclude /usr/share/info/*' 'path-exclude /usr/share/locale/*' \
    'path-include /usr/share/locale/locale.alias' >"$root/etc/dpkg/dpkg.cfg.d/berth-minimal"
  printf '%s\n' 'APT::Install-Recommends "false";' 'APT::Install-Suggests "false";' \
    'Acquire::Languages "none";' >"$root/etc/apt/apt.conf.d/90berth-minimal"
  printf 'deb %s bookworm main\n' "$MIRROR" >"$root/etc/apt/sources.list"
  rm -rf "$root/var/cache/apt/archives"/*.deb "$root/var/cache/apt"/*.bin "$root/var/lib/apt/lists"/* \
    "$root/usr/share/man"/* "$root/usr/share/info"/* "$root/usr/share/locale"/[a-k]* "$root/usr/share/locale"/[m-z]*
  find "$root/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete
  tar -C "$root" --numeric-owner -cf "$BASE_TAR.tmp" .
  mv "$BASE_TAR.tmp" "$BASE_TAR"
  rm -rf "$root"
}

# socket, cli, image → the digest label of that image in that daemon ("" when absent)
key_in() {
  "$2" -H "unix://$1" image inspect -f "{{index .Config.Labels \"$KEY_LABEL\"}}" "$3" 2>/dev/null || true
}

# The image's tarball in the cache, built on the build daemon when missing.
ensure_cached() {
  local name=$1 key tar t tags=() tagargs=()
  key=$(image_key "$name")
  tar=$CACHE/$name-$key.tar
  IMAGE_TAR=$tar
  [[ -s $tar ]] && return 0
  read -r -a tags <<<"${TAGS[$name]}"
  for t in "${tags[@]}"; do tagargs+=(-t "$t"); done
  local t0=$SECONDS
  if [[ $(key_in "$BUILD_SOCKET" "$BUILD_CLI" "$BASE_IMAGE") != "$BASE_KEY" ]]; then
    base_tar
    "$BUILD_CLI" -H "unix://$BUILD_SOCKET" import --change 'CMD ["bash"]' --change "LABEL $KEY_LABEL=$BASE_KEY" \
      "$BASE_TAR" "$BASE_IMAGE" >/dev/null
  fi
  local old
  old=$("$BUILD_CLI" -H "unix://$BUILD_SOCKET" image inspect -f '{{.Id}}' "${tags[0]}" 2>/dev/null || true)
  log "catalog-images: building ${tags[*]} (Dockerfile digest $key)"
  DOCKER_BUILDKIT=0 "$BUILD_CLI" -H "unix://$BUILD_SOCKET" build -q --build-arg "BASE=$BASE_IMAGE" \
    --label "$KEY_LABEL=$key" "${tagargs[@]}" "$IMAGES_SRC/$name" >"$CACHE/build-$name.log" 2>&1 || {
    tail -n 30 "$CACHE/build-$name.log" >&2
    die "catalog-images.sh: docker build of $name failed (see $CACHE/build-$name.log)"
  }
  "$BUILD_CLI" -H "unix://$BUILD_SOCKET" save -o "$tar.tmp" "${tags[@]}"
  # The previous build of these tags is now untagged: remove it (refused, harmlessly, while a container uses it).
  if [[ -n $old && $old != "$("$BUILD_CLI" -H "unix://$BUILD_SOCKET" image inspect -f '{{.Id}}' "${tags[0]}")" ]]; then
    "$BUILD_CLI" -H "unix://$BUILD_SOCKET" rmi "$old" >/dev/null 2>&1 || true
  fi
  mv "$tar.tmp" "$tar"
  # Older digests of this image are dead weight.
  find "$CACHE" -maxdepth 1 -name "$name-*.tar" ! -name "$name-$key.tar" -delete
  log "catalog-images: $name built and saved in $((SECONDS - t0))s ($(du -h "$tar" | cut -f1))"
}

mkdir -p "$CACHE"
# One builder at a time per cache (tests and up.sh may call this concurrently).
exec 9>"$CACHE/.lock"
flock -w 900 9 || die "catalog-images.sh: another build holds $CACHE/.lock for more than 15 minutes"

BUILD_SOCKET=${CATALOG_BUILD_SOCKET:-}
BUILD_CLI=${CATALOG_BUILD_CLI:-$DOCKER}
if [[ -z $BUILD_SOCKET && -f $BERTH_HARNESS_DIR/env ]]; then
  # shellcheck disable=SC1091
  BUILD_SOCKET=$(source "$BERTH_HARNESS_DIR/env" && printf '%s' "${DOCKER_A_SOCKET:-}")
fi
if [[ -z $BUILD_SOCKET ]]; then
  BUILD_SOCKET=$TARGET_SOCKET
  BUILD_CLI=$TARGET_CLI
fi
[[ -S $BUILD_SOCKET ]] || die "catalog-images.sh: no Docker socket to build on (got '${BUILD_SOCKET}'): start the harness or set CATALOG_BUILD_SOCKET"

T0=$SECONDS
TO_LOAD=()
for name in "${NAMES[@]}"; do
  ensure_cached "$name"
  [[ $CMD == load ]] || continue
  read -r -a tags <<<"${TAGS[$name]}"
  key=$(image_key "$name")
  if [[ $(key_in "$TARGET_SOCKET" "$TARGET_CLI" "${tags[0]}") == "$key" ]]; then
    continue
  fi
  TO_LOAD+=("$IMAGE_TAR")
done
# Three loads at a time: a load is mostly unpacking the tarball to disk and hashing it, and side by side they take
# about a quarter less time than one after the other (measured with the eight single-service images: 17 s vs 23 s).
if [[ ${#TO_LOAD[@]} -gt 0 ]]; then
  printf '%s\0' "${TO_LOAD[@]}" | xargs -0 -n 1 -P 3 "$TARGET_CLI" -H "unix://$TARGET_SOCKET" load -q -i >/dev/null ||
    die "catalog-images.sh: docker load into $TARGET_SOCKET failed (see above)"
fi
log "catalog-images: ${CMD} done in $((SECONDS - T0))s (${NAMES[*]})"
