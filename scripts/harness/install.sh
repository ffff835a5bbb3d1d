#!/usr/bin/env bash
# Installs, with Debian's apt, the real programs the test harness runs: Docker Engine, a static busybox for the
# test image, Chromium (and its headless shell) for Playwright, PostgreSQL, an OpenSSH server, and the small tools up.sh/check.sh use.
#
# Idempotent and cheap when everything is present: it asks dpkg about each package first and only then runs
# `apt-get update` (once) and `apt-get install` for the missing ones, so CI can call it on every run.
#
# It does not enable or start Debian's docker service: the harness starts private daemons (see up.sh) and must
# not depend on, or collide with, a system one.
set -euo pipefail

# Packages, and why each is here:
#   docker.io       dockerd 20.10 + /usr/bin/docker (the CLI the harness uses; /usr/local/bin/docker may be another one)
#   containerd runc dockerd's runtime (dependencies of docker.io; listed so a missing one is reinstalled)
#   iptables        dockerd programs NAT/isolation rules for daemon A's bridge
#   busybox-static  /bin/busybox, statically linked: the whole root filesystem of the test image
#   chromium        the browser Playwright drives (never `npx playwright install`: downloads fail here)
#   chromium-headless-shell  the same Chromium without the browser's own UI, which tests and benches run headless
#                   (e2e/chromium.ts says why)
#   postgresql      initdb/pg_ctl/postgres for a private cluster, and psql
#   openssh-server  sshd for the SSH transport; openssh-client for ssh-keygen and the smoke test
#   openssl         the CA and certificates of the TLS daemon
#   iproute2        `ip` (bridges; the swarm's network namespaces and veths: `ip netns`), `ss`
#   procps          `ps` (finding the harness's own child processes on the way down)
#   curl            talking to the Engine API over unix sockets and TLS in checks
#   python3         free-port discovery and writing env.json
#   util-linux      runuser, findmnt, unshare, mountpoint (essential on Debian, listed for clarity)
#   docker-compose  compose 1.29, the real client the stacks tests prove interoperability with
#   docker-registry the distribution registry 2.8: two private registries on loopback (registry.sh)
#   apache2-utils   htpasswd, for the bcrypt line of the basic-auth registry
#   git             Berth clones catalog sources with it; the catalog sources suite serves repositories with `git daemon`
PACKAGES=(
  docker.io containerd runc iptables
  busybox-static
  chromium chromium-headless-shell
  postgresql
  openssh-server openssh-client
  openssl iproute2 procps curl python3 util-linux
  docker-registry apache2-utils
  git
  docker-compose
)

if [[ $(id -u) -ne 0 ]]; then
  echo "install.sh: must run as root (apt-get, and later dockerd)" >&2
  exit 1
fi

# A package counts as present only when dpkg says "install ok installed" (a removed-but-configured package does not).
missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  if [[ $status != "install ok installed" ]]; then
    missing+=("$pkg")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install.sh: all harness packages present"
  exit 0
fi

echo "install.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# policy-rc.d exit code 101 tells invoke-rc.d not to start services during installation: we never want Debian's
# dockerd/postgresql/ssh services for the harness (they would hold docker0, port 5432 and port 22). It is removed
# again afterwards, and only if we created it.
created_policy=0
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  created_policy=1
fi
cleanup() {
  if [[ $created_policy -eq 1 ]]; then rm -f /usr/sbin/policy-rc.d; fi
}
trap cleanup EXIT

apt-get update
# Recommends stay on: that is how these packages were proven on these machines (see GUIDE.md, "Real parts"),
# and chromium needs its recommended fonts to render text.
apt-get install -y "${missing[@]}"
echo "install.sh: done"
