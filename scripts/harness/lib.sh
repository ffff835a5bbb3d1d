# shellcheck shell=bash disable=SC2034 # the variables here are used by the scripts that source this file
# Shared by up.sh, down.sh and check.sh (sourced, never run): where things live, and small helpers.
# Everything the harness creates lives under $BERTH_HARNESS_DIR, so that down.sh can find and remove all of it
# and never touch anything else on the machine.

HARNESS_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$HARNESS_SRC/../.." && pwd)

BERTH_HARNESS_DIR=${BERTH_HARNESS_DIR:-$REPO_ROOT/.harness}
BERTH_HARNESS_CACHE=${BERTH_HARNESS_CACHE:-${HOME:-/root}/.cache/berth-harness}
# A relative path would change meaning with the working directory; resolve it once (the dir need not exist yet).
BERTH_HARNESS_DIR=$(realpath -m -- "$BERTH_HARNESS_DIR")
BERTH_HARNESS_CACHE=$(realpath -m -- "$BERTH_HARNESS_CACHE")
export BERTH_HARNESS_DIR BERTH_HARNESS_CACHE

# Debian's client (docker.io, API 1.41) by absolute path: /usr/local/bin/docker may be a newer client that
# refuses to talk to a 20.10 daemon or behaves differently.
DOCKER=${DOCKER:-/usr/bin/docker}
DOCKERD=${DOCKERD:-/usr/sbin/dockerd}
TEST_IMAGE=berth-test/busybox:latest

# Networking of the two daemons. They must not share docker0 (each daemon believes it owns its bridge), and their
# address pools must not overlap (user-defined networks of both daemons live in the same host network namespace).
# The names and ranges below are the harness's by convention: down.sh removes bridges carrying these addresses.
BRIDGE_A=berth-a0
BRIDGE_A_ADDR=10.231.0.1/24
POOL_A=10.232.0.0/16
POOL_B=10.233.0.0/16
# Daemon C (Engine 26): its own default bridge without iptables, and its own pool.
BRIDGE_C=berth-c0
BRIDGE_C_ADDR=10.234.0.1/24
POOL_C=10.235.0.0/16
# both of daemon C's ranges, for its forwarding rules
C_RANGE=10.234.0.0/15
# What down.sh matches in `ip addr` and iptables rules to find the harness's leftovers.
OWNED_NET_RE='10\.23[1-5]\.'

# The marker file proves a directory is a harness state dir before down.sh deletes it (a mistyped
# BERTH_HARNESS_DIR=/ must never be rm -rf'ed).
MARKER=.berth-harness-state

log() { printf '%s\n' "$*"; }
warn() { printf '%s\n' "$*" >&2; }
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# Paths are written into sshd_config and postgresql.conf; refusing odd characters up front means no quoting
# rules of those formats can be broken by the path.
check_state_path() {
  if [[ ! $BERTH_HARNESS_DIR =~ ^/[A-Za-z0-9._/+-]+$ ]]; then
    die "BERTH_HARNESS_DIR must be an absolute path of letters, digits and ._/+- (got: $BERTH_HARNESS_DIR)"
  fi
  if [[ $BERTH_HARNESS_DIR == / || $BERTH_HARNESS_DIR == "$REPO_ROOT" ]]; then
    die "BERTH_HARNESS_DIR must be a dedicated directory (got: $BERTH_HARNESS_DIR)"
  fi
}

# True when process $1 is alive and its command line mentions the state dir: the check that a pid read from a
# pidfile still is the process the harness started (pids get reused), before any signal is sent.
owned_pid() {
  local pid=$1 cmdline
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/cmdline ]] || return 1
  cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *"$BERTH_HARNESS_DIR/"* ]]
}

pid_alive() { [[ $1 =~ ^[0-9]+$ ]] && kill -0 "$1" 2>/dev/null; }

# All descendants of a pid (children, grandchildren, ...), from one `ps` snapshot.
descendants() {
  ps -e -o pid= -o ppid= | awk -v root="$1" '
    { parent[$1] = $2; pids[NR] = $1 }
    END {
      for (i = 1; i <= NR; i++) {
        p = pids[i]; q = parent[p]; n = 0
        while (q != "" && q != 0 && n < 64) { if (q == root) { print p; break } q = parent[q]; n++ }
      }
    }'
}

# Sends TERM to the given pids, waits up to $1 seconds for all to exit, then KILLs the rest.
term_then_kill() {
  local timeout=$1 pid left deadline
  shift
  [[ $# -gt 0 ]] || return 0
  kill -TERM "$@" 2>/dev/null || true
  deadline=$((SECONDS + timeout))
  while :; do
    left=()
    for pid in "$@"; do pid_alive "$pid" && left+=("$pid"); done
    [[ ${#left[@]} -eq 0 ]] && return 0
    ((SECONDS >= deadline)) && break
    sleep 0.2
  done
  warn "  still running after ${timeout}s, sending KILL: ${left[*]}"
  kill -KILL "${left[@]}" 2>/dev/null || true
  sleep 0.2
}

# A TCP port that nothing listens on right now (the kernel picks it). There is a small window before our server
# binds it; acceptable for a test harness.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits up to $1 seconds for a command to succeed; fails early if pid $2 (when given, non-empty) died.
wait_for() {
  local timeout=$1 pid=$2 deadline
  shift 2
  deadline=$((SECONDS + timeout))
  until "$@" >/dev/null 2>&1; do
    if [[ -n $pid ]] && ! pid_alive "$pid"; then return 1; fi
    ((SECONDS >= deadline)) && return 1
    sleep 0.2
  done
}

tcp_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
