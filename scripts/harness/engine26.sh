#!/usr/bin/env bash
# Fetches the Docker that people run today for daemon C: Engine 26.1 (API 1.45), containerd 1.7, the docker 26 CLI
# and Compose v2 (2.26), from Debian 13 ("trixie"), whose builds need only glibc >= 2.34 and so run on Debian 12.
# apt is pointed at trixie through a private sources list and state directory under the cache (the system's apt
# sources are never changed); the packages are downloaded with `apt-get download` and unpacked with `dpkg -x`.
# runc is left out: trixie's needs glibc 2.38, and bookworm's runc (the system's, 1.1) serves Engine 26 fine.
#
#   bash scripts/harness/engine26.sh        prints the unpacked root (…/usr/sbin/dockerd, …/usr/bin/docker, …)
#
# Cached in $BERTH_HARNESS_CACHE/engine26 (about 90 MB unpacked); a second run only checks it is complete.
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $(id -u) -eq 0 ]] || die "engine26.sh must run as root (apt-get)"
E=$BERTH_HARNESS_CACHE/engine26
ROOT=$E/root
# what daemon C and the compose v2 tests need from the unpacked packages
NEEDED=(usr/sbin/dockerd usr/sbin/docker-proxy usr/bin/containerd usr/bin/containerd-shim-runc-v2 usr/bin/docker
  usr/bin/docker-init usr/libexec/docker/cli-plugins/docker-compose)
PACKAGES=(docker.io docker-cli containerd docker-compose tini)

complete() {
  local f
  for f in "${NEEDED[@]}"; do [[ -x $ROOT/$f ]] || return 1; done
}

if ! complete; then
  mkdir -p "$E/lists/partial" "$E/archives/partial" "$E/debs"
  # The mirror the machine's own apt uses (deb822 or one-line format), asked for the trixie suite instead.
  mirror=$({
    grep -hsE '^[[:space:]]*URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}'
    grep -hsE '^[[:space:]]*deb[[:space:]]' /etc/apt/sources.list /etc/apt/sources.list.d/*.list |
      awk '{for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; break}}'
  } | grep -v security | head -n 1 || true)
  [[ -n $mirror ]] || die "engine26.sh: no Debian mirror found in /etc/apt/sources.list{,.d}"
  printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s trixie main\n' "${mirror%/}" >"$E/sources.list"
  apt_private=(-o "Dir::Etc::sourcelist=$E/sources.list" -o Dir::Etc::sourceparts=- -o "Dir::State::Lists=$E/lists"
    -o "Dir::Cache::archives=$E/archives" -o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root)
  apt-get "${apt_private[@]}" -q update >"$E/apt.log" 2>&1 || {
    tail -n 20 "$E/apt.log" >&2
    die "engine26.sh: apt-get update of the trixie suite failed (see $E/apt.log)"
  }
  rm -f "$E/debs"/*.deb
  (cd "$E/debs" && apt-get "${apt_private[@]}" -q download "${PACKAGES[@]}" >>"$E/apt.log" 2>&1) || {
    tail -n 20 "$E/apt.log" >&2
    die "engine26.sh: apt-get download ${PACKAGES[*]} from trixie failed (see $E/apt.log)"
  }
  rm -rf "$ROOT.tmp"
  mkdir -p "$ROOT.tmp"
  for deb in "$E/debs"/*.deb; do dpkg -x "$deb" "$ROOT.tmp"; done
  rm -f "$ROOT.tmp/usr/sbin/runc" "$ROOT.tmp/usr/bin/runc"
  rm -rf "$ROOT"
  mv "$ROOT.tmp" "$ROOT"
  complete || die "engine26.sh: the unpacked packages lack one of ${NEEDED[*]}"
fi
printf '%s\n' "$ROOT"
