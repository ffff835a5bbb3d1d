#!/usr/bin/env bash
# Two private image registries for the pull and registry-credential tests: Debian's docker-registry (distribution
# 2.8) on loopback, one open and one behind basic auth (htpasswd, bcrypt). Loopback registries need no TLS, and
# dockerd treats 127.0.0.0/8 as an insecure registry by default, so daemon A pushes to and pulls from them as is.
#
#   registry.sh start   start both (stopping a previous pair first), push the images, add the env keys
#   registry.sh stop    stop both and remove the env keys (down.sh calls it; the state dir goes with down.sh)
#
# up.sh runs `start` after writing the env file; it can also be run on its own against a harness that is up.
# Pushed into both registries (paths as in <registry>/<path>):
#   berth-test/busybox:latest   the test image
#   berth-test/layers:latest    the test image plus three layers of random bytes (2, 3 and 1 MiB), so a pull
#                               into daemon A really downloads layers and reports per-layer progress; the local
#                               copy is removed after the push for the same reason
# Env keys added to env and env.json: REGISTRY_OPEN, REGISTRY_AUTH (127.0.0.1:PORT), REGISTRY_USER,
# REGISTRY_PASSWORD, REGISTRY_IMAGE (berth-test/layers:latest).
set -Eeuo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $(id -u) -eq 0 ]] || die "registry.sh must run as root (it drives the harness's dockerd)"
check_state_path
H=$BERTH_HARNESS_DIR
R=$H/registry
REGISTRY_BIN=${REGISTRY_BIN:-/usr/bin/docker-registry}
LAYERED=berth-test/layers:latest
KEYS_RE='^(export )?REGISTRY_(OPEN|AUTH|USER|PASSWORD|IMAGE)='

# Rewrites env and env.json without the REGISTRY_* keys, then adds the given KEY=VALUE pairs (none: only removes).
# Each file is replaced atomically, so a reader never sees half of it.
write_env() {
  [[ -f $H/env && -f $H/env.json ]] || return 0
  { grep -Ev "$KEYS_RE" "$H/env" || true; for kv in "$@"; do printf 'export %s=%q\n' "${kv%%=*}" "${kv#*=}"; done; } >"$H/env.tmp"
  python3 -c '
import json, sys
path = sys.argv[1]
env = {k: v for k, v in json.load(open(path)).items() if not k.startswith("REGISTRY_")}
env.update(kv.split("=", 1) for kv in sys.argv[2:])
print(json.dumps(env, indent=2))
' "$H/env.json" "$@" >"$H/env.json.tmp"
  mv "$H/env.json.tmp" "$H/env.json"
  mv "$H/env.tmp" "$H/env"
}

stop() {
  local name pid
  for name in open auth; do
    [[ -s $R/$name/registry.pid ]] || continue
    pid=$(head -n 1 "$R/$name/registry.pid")
    # Only a process whose command line names the state dir (its config file) is ours.
    if owned_pid "$pid"; then
      log "stopping registry $name"
      term_then_kill 10 "$pid"
    fi
    rm -f "$R/$name/registry.pid"
  done
  write_env
}

# name, port, then the extra lines of the config's top level (the auth section)
start_registry() {
  local name=$1 port=$2 d=$R/$1 pid
  shift 2
  mkdir -p "$d/data"
  {
    cat <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $d/data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
EOF
    printf '%s\n' "$@"
  } >"$d/config.yml"
  # setsid: like the daemons, it must not die with the caller's process group.
  setsid "$REGISTRY_BIN" serve "$d/config.yml" </dev/null >"$d/registry.log" 2>&1 &
  pid=$!
  printf '%s\n' "$pid" >"$d/registry.pid"
  if ! wait_for 20 "$pid" curl -s -o /dev/null "http://127.0.0.1:$port/v2/"; then
    tail -n 20 "$d/registry.log" >&2 || true
    die "registry $name did not answer on 127.0.0.1:$port"
  fi
}

start() {
  [[ -f $H/env ]] || die "no harness at $H: run scripts/harness/up.sh first"
  # shellcheck disable=SC1091
  source "$H/env"
  stop
  mkdir -p "$R"
  local user=berth password open_port auth_port
  password=$(openssl rand -hex 12)
  open_port=$(free_port)
  start_registry open "$open_port"
  auth_port=$(free_port)
  # bcrypt: the only hash distribution's htpasswd backend accepts. -i reads the password from stdin (not argv).
  htpasswd -Bin "$user" <<<"$password" >"$R/htpasswd" 2>/dev/null
  start_registry auth "$auth_port" "auth:" "  htpasswd:" "    realm: berth-harness" "    path: $R/htpasswd"
  local open=127.0.0.1:$open_port auth=127.0.0.1:$auth_port
  # A client config of our own, so `docker login` never writes into root's ~/.docker.
  local dk=(env "DOCKER_CONFIG=$R/docker-config" "$DOCKER" -H "unix://$DOCKER_A_SOCKET")
  "${dk[@]}" login -u "$user" --password-stdin "$auth" <<<"$password" >"$R/login.log" 2>&1 || die "docker login to $auth: $(cat "$R/login.log")"

  # The layered image: legacy builder (no BuildKit in 20.10 by default), FROM the local test image, nothing pulled.
  local ctx=$R/build
  mkdir -p "$ctx"
  cat >"$ctx/Dockerfile" <<EOF
FROM $TEST_IMAGE
RUN dd if=/dev/urandom of=/layer-1 bs=1024 count=2048 2>/dev/null
RUN dd if=/dev/urandom of=/layer-2 bs=1024 count=3072 2>/dev/null
RUN dd if=/dev/urandom of=/layer-3 bs=1024 count=1024 2>/dev/null
EOF
  local tmp=berth-harness/layers:build-$$
  DOCKER_BUILDKIT=0 "${dk[@]}" build -q --no-cache -t "$tmp" "$ctx" >"$R/build.log" 2>&1 || {
    tail -n 20 "$R/build.log" >&2
    die "building the layered test image on daemon A"
  }
  local reg ref pushed=()
  for reg in "$open" "$auth"; do
    "${dk[@]}" tag "$TEST_IMAGE" "$reg/$TEST_IMAGE"
    "${dk[@]}" tag "$tmp" "$reg/$LAYERED"
    pushed+=("$reg/$TEST_IMAGE" "$reg/$LAYERED")
  done
  for ref in "${pushed[@]}"; do
    "${dk[@]}" push "$ref" >>"$R/push.log" 2>&1 || {
      tail -n 20 "$R/push.log" >&2
      die "pushing $ref"
    }
  done
  # Untag everything pushed (the test image itself stays under its own name); the layered image goes entirely.
  "${dk[@]}" rmi "${pushed[@]}" "$tmp" >/dev/null
  "${dk[@]}" logout "$auth" >/dev/null 2>&1 || true

  write_env REGISTRY_OPEN="$open" REGISTRY_AUTH="$auth" REGISTRY_USER="$user" REGISTRY_PASSWORD="$password" \
    REGISTRY_IMAGE="$LAYERED"
  log "$(printf '%-10s %s' registries "open $open, basic auth $auth (user $user); $TEST_IMAGE and $LAYERED pushed")"
}

case ${1:-} in
start) start ;;
stop) stop ;;
*) die "usage: registry.sh start|stop" ;;
esac
