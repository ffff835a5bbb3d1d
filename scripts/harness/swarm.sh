#!/usr/bin/env bash
# A three-node Docker Swarm for the Swarm tests (issue #14): three dockerd, each in its own network namespace with
# its own address on a bridge of the harness, one manager and two workers.
#
#   swarm.sh up     start the nodes (tearing down a previous swarm first), form the swarm, load the test image,
#                   add the SWARM_* keys to env and env.json (up.sh runs it after the other daemons)
#   swarm.sh down   leave the swarm, stop the nodes, delete namespaces, veths, bridge and iptables rules, drop the
#                   SWARM_* keys (down.sh runs it beside its other steps); idempotent, also after a crash or
#                   when nothing is up
#   swarm.sh stop-node N   stop node N's dockerd (1..3; TERM, its containers with it), leaving its namespace and address:
#                   the swarm sees the node go down, as when a machine's Docker stops (the failover tests)
#   swarm.sh start-node N  start node N's dockerd again as up does, and wait until the manager lists it Ready
#
# Layout (the names and ranges are the harness's by convention, like berth-a0/berth-c0):
#   bridge berth-sw0 10.236.0.1/24 in the host namespace; node N (1..3) = network namespace berth-swN, veth
#   berth-swN on the bridge <-> eth0 10.236.0.1N/24 inside; hostname swarm-nodeN (own UTS namespace);
#   state in $BERTH_HARNESS_DIR/swarm/nodeN (data root, exec root with the managed containerd, pidfile, socket);
#   overlay networks from 10.237.0.0/16 (swarm init --default-addr-pool). The sockets are plain files, so the host
#   reaches each daemon; the host reaches each node's address through the bridge (host-mode published ports).
#
# Engine: 26.1 from engine26.sh's cache (the same packages as daemon C) by default: the Swarm Berth's users run
# today (API 1.45, the 26 CLI's view of services and stacks). BERTH_HARNESS_SWARM_ENGINE=20 runs the system's 20.10 instead.
# The kernel here has no IPVS: the ingress routing mesh and VIP endpoints cannot work (see README.md, "Swarm").
set -Eeuo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $(id -u) -eq 0 ]] || die "swarm.sh must run as root (network namespaces, bridges, dockerd)"
check_state_path
H=$BERTH_HARNESS_DIR
SW=$H/swarm
SW_BRIDGE=berth-sw0
SW_PREFIX=10.236.0
SW_RANGE=$SW_PREFIX.0/24
SW_POOL=10.237.0.0/16
NODES=(1 2 3)
KEYS_RE='^(export )?SWARM_[A-Z0-9_]+='
# Short: a graceful or crashed node is reported down after about 3 heartbeats (6 s instead of 15 s), which the
# "stop a worker's dockerd" tests wait for.
HEARTBEAT=2s
# Unix socket paths are limited to 107 bytes; the longest a node makes is its managed containerd's ttrpc socket.
LONGEST_SOCKET=$SW/node1/exec/containerd/containerd.sock.ttrpc

ns_of() { printf 'berth-sw%s' "$1"; }
addr_of() { printf '%s.1%s' "$SW_PREFIX" "$1"; }

# Rewrites env and env.json without the SWARM_* keys, then adds the given KEY=VALUE pairs (none: only removes).
# Each file is replaced atomically; the other keys are kept as they are (same as registry.sh).
write_env() {
  [[ -f $H/env && -f $H/env.json ]] || return 0
  { grep -Ev "$KEYS_RE" "$H/env" || true; for kv in "$@"; do printf 'export %s=%q\n' "${kv%%=*}" "${kv#*=}"; done; } >"$H/env.swarm.tmp"
  python3 -c '
import json, sys
path = sys.argv[1]
env = {k: v for k, v in json.load(open(path)).items() if not k.startswith("SWARM_")}
env.update(kv.split("=", 1) for kv in sys.argv[2:])
print(json.dumps(env, indent=2))
' "$H/env.json" "$@" >"$H/env.json.swarm.tmp"
  mv "$H/env.json.swarm.tmp" "$H/env.json"
  mv "$H/env.swarm.tmp" "$H/env"
}

# TERM then KILL every process still in the node's network namespace (dockerd, containerd, shims, docker-proxy):
# everything in it was started by this script, whatever became of the pidfiles.
kill_netns_pids() {
  local ns=$1 pids=()
  ns_exists "$ns" || return 0
  mapfile -t pids < <(ip netns pids "$ns" 2>/dev/null)
  term_then_kill 10 "${pids[@]}"
}

veth_gone() { ! ip link show "$1" >/dev/null 2>&1; }
ns_exists() { ip netns list 2>/dev/null | awk '{print $1}' | grep -qx -- "$1"; }

# Containers whose dockerd died without stopping them: their processes live in their own namespaces, not in the
# node's, so runc (this node's own state dir) deletes them before their shims go; then whatever is left in the node's
# network namespace (containerd, shims, docker-proxy).
delete_leftovers() {
  local d=$SW/node$1 id
  if [[ -d $d/exec/runtime-runc/moby ]]; then
    while read -r id; do
      [[ -n $id ]] && runc --root "$d/exec/runtime-runc/moby" delete --force "$id" >/dev/null 2>&1
    done < <(runc --root "$d/exec/runtime-runc/moby" list -q 2>/dev/null)
  fi
  kill_netns_pids "$(ns_of "$1")"
}

down() {
  set +e
  trap - ERR
  local n d pid dk pids=() problems=0
  # Force-remove the containers first: `swarm leave` and dockerd's shutdown would otherwise wait each task's stop
  # timeout (10 s for a busybox httpd, which ignores TERM as pid 1). Then leave the swarm. All nodes in parallel.
  for n in 3 2 1; do
    d=$SW/node$n
    [[ -s $d/dockerd.pid ]] || continue
    pid=$(head -n 1 "$d/dockerd.pid")
    owned_pid "$pid" || continue
    pids+=("$pid")
    (
      dk=(timeout 20 "${SWARM_CLI:-$DOCKER}" -H "unix://$d/docker.sock")
      mapfile -t running < <("${dk[@]}" ps -aq 2>/dev/null)
      [[ ${#running[@]} -eq 0 ]] || "${dk[@]}" rm -f "${running[@]}" >/dev/null 2>&1
      if [[ $("${dk[@]}" info -f '{{.Swarm.LocalNodeState}}' 2>/dev/null) != inactive ]]; then
        "${dk[@]}" swarm leave --force >/dev/null 2>&1
      fi
    ) &
  done
  wait
  [[ ${#pids[@]} -eq 0 ]] || log "stopping swarm nodes (dockerd ${pids[*]})"
  term_then_kill 30 "${pids[@]}"
  for n in "${NODES[@]}"; do
    delete_leftovers "$n"
  done
  # Anything of ours whose namespace is already gone (a crashed run): known programs naming the swarm state dir.
  local sweep=() p exe
  for p in /proc/[0-9]*; do
    pid=${p#/proc/}
    exe=$(readlink "$p/exe" 2>/dev/null) || continue
    case $exe in
    /usr/bin/containerd* | /usr/sbin/dockerd | /usr/bin/docker-proxy | /usr/sbin/docker-proxy | "$BERTH_HARNESS_CACHE"/engine26/root/usr/*)
      [[ $(tr '\0' ' ' <"$p/cmdline" 2>/dev/null) == *"$SW/"* ]] && sweep+=("$pid")
      ;;
    esac
  done
  [[ ${#sweep[@]} -eq 0 ]] || log "stopping leftover swarm processes: ${sweep[*]}"
  term_then_kill 10 "${sweep[@]}"

  for n in "${NODES[@]}"; do
    # Deleting the namespace deletes its eth0 and so the veth pair.
    if ns_exists "$(ns_of "$n")"; then ip netns del "$(ns_of "$n")" || problems=1; fi
  done
  # The kernel dismantles a deleted namespace asynchronously: give the veths a moment to go with it, then delete
  # what is left (a pair whose other end never reached a namespace).
  for n in "${NODES[@]}"; do
    wait_for 5 "" veth_gone "$(ns_of "$n")" || ip link del "$(ns_of "$n")" 2>/dev/null || veth_gone "$(ns_of "$n")" || problems=1
  done
  if ip link show "$SW_BRIDGE" >/dev/null 2>&1; then ip link del "$SW_BRIDGE" || problems=1; fi
  local flag
  for flag in -s -d; do
    while iptables -C FORWARD "$flag" "$SW_RANGE" -j ACCEPT 2>/dev/null; do iptables -D FORWARD "$flag" "$SW_RANGE" -j ACCEPT; done
  done
  # The nodes' mounts (overlay, netns, shm) were made in the private mount namespaces `ip netns exec` gives each
  # dockerd, and went with their processes; any left on the host below $SW would stop rm here (--one-file-system).
  if [[ -d $SW ]]; then rm -rf --one-file-system -- "$SW" || problems=1; fi
  write_env
  if ((problems)); then
    warn "swarm.sh down finished with problems"
    return 1
  fi
  log "swarm down"
}

# The failing step's message and its log tail; the rest stays up for inspection (swarm.sh down cleans up).
fail() {
  trap - ERR
  warn "FAILED: swarm: $1"
  if [[ -n ${2:-} && -f $2 ]]; then
    warn "---- last lines of $2 ----"
    grep -v "module=grpc" "$2" | tail -n 30 >&2 || true
    warn "----"
  fi
  warn "the swarm is partially up; run scripts/harness/swarm.sh down to clean up"
  exit 1
}

start_node() {
  local n=$1 d=$SW/node$1 ns addr
  ns=$(ns_of "$n")
  addr=$(addr_of "$n")
  mkdir -p "$d"
  ip netns add "$ns" || fail "creating network namespace $ns (BERTH_HARNESS_SWARM=0 skips the swarm on machines without them)"
  ip link add "$ns" type veth peer name eth0 netns "$ns"
  ip link set "$ns" master "$SW_BRIDGE" up
  ip -n "$ns" addr add "$addr/24" dev eth0
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 up
  # No default route on purpose: nothing outside is reachable anyway, and a pull fails at once instead of timing out.
  if [[ $ENGINE == 20 ]]; then
    # 20.10 would otherwise read /etc/docker/key.json and all nodes would report the same daemon ID.
    python3 -c 'import json, sys; print(json.dumps({"deprecated-key-path": sys.argv[1]}))' "$d/key.json" >"$d/daemon.json"
  else
    printf '{}\n' >"$d/daemon.json"
  fi
  launch_dockerd "$n"
}

# Starts node N's dockerd in its namespace (made by start_node): also how start-node brings a stopped node back.
launch_dockerd() {
  local n=$1 d=$SW/node$1 ns
  ns=$(ns_of "$n")
  # unshare --uts: a hostname per node (Swarm lists nodes by it). `ip netns exec` gives dockerd the node's network
  # namespace, a /sys of that namespace and a private mount namespace (its container mounts stay out of the host's);
  # `swarm.sh _exec` then sets the hostname, mounts the cgroups again (see node_exec) and execs dockerd, so the pid
  # of the background job is dockerd's. iptables on: each namespace has its own tables, so host-mode ports and
  # docker_gwbridge NAT work inside without touching the host's rules.
  PATH=$DAEMON_PATH setsid unshare --uts -- ip netns exec "$ns" bash "$HARNESS_SRC/swarm.sh" _exec "swarm-node$n" \
    "$DAEMON_BIN" \
    --config-file "$d/daemon.json" \
    --data-root "$d/data" \
    --exec-root "$d/exec" \
    --pidfile "$d/dockerd.pid" \
    --host "unix://$d/docker.sock" \
    ${BERTH_HARNESS_STORAGE_DRIVER:+--storage-driver "$BERTH_HARNESS_STORAGE_DRIVER"} \
    </dev/null >"$d/dockerd.log" 2>&1 &
  NODE_PIDS[n]=$!
}

nodes_ready() {
  local out
  out=$("${DM[@]}" node ls --format '{{.Status}} {{.Availability}}' 2>/dev/null) || return 1
  [[ $(grep -c '^Ready Active$' <<<"$out") -eq ${#NODES[@]} ]]
}

# The dockerd, PATH and CLI of Engine $ENGINE (26 or 20).
engine_bins() {
  case $ENGINE in
  26)
    local e26
    e26=$(bash "$HARNESS_SRC/engine26.sh") || fail "fetching Engine 26 (engine26.sh)"
    DAEMON_BIN=$e26/usr/sbin/dockerd
    DAEMON_PATH=$e26/usr/bin:$e26/usr/sbin:$PATH
    SWARM_CLI=$e26/usr/bin/docker
    ;;
  20)
    DAEMON_BIN=$DOCKERD
    DAEMON_PATH=$PATH
    SWARM_CLI=$DOCKER
    ;;
  *) die "BERTH_HARNESS_SWARM_ENGINE must be 26 (default) or 20 (got: $ENGINE)" ;;
  esac
}

up() {
  local T0=$SECONDS n d
  [[ -f $H/env && -f $H/env.json ]] || die "no harness at $H (env, env.json): run scripts/harness/up.sh first"
  # shellcheck disable=SC1091
  source "$H/env"
  ((${#LONGEST_SOCKET} <= 107)) || die "BERTH_HARNESS_DIR is too long for the swarm nodes' unix socket paths (max $((107 - ${#LONGEST_SOCKET} + ${#H})) chars): $H; or skip the swarm with BERTH_HARNESS_SWARM=0"
  command -v unshare >/dev/null && ip netns list >/dev/null 2>&1 ||
    die "swarm.sh needs ip netns (iproute2) and unshare (util-linux): run scripts/harness/install.sh, or skip the swarm with BERTH_HARNESS_SWARM=0"
  if [[ -e $SW ]] || ip link show "$SW_BRIDGE" >/dev/null 2>&1 || ns_exists "$(ns_of 1)"; then
    log "previous swarm found, running swarm.sh down first"
    down || die "could not tear down the previous swarm"
    set -e
  fi
  trap 'fail "line $LINENO"' ERR

  ENGINE=${BERTH_HARNESS_SWARM_ENGINE:-26}
  engine_bins

  mkdir -p "$SW"
  ip link add "$SW_BRIDGE" type bridge || fail "creating bridge $SW_BRIDGE"
  ip addr add "$SW_PREFIX.1/24" dev "$SW_BRIDGE"
  ip link set "$SW_BRIDGE" up
  # Bridged packets pass the host's FORWARD chain (br_netfilter is on, and daemon A's dockerd set its policy to
  # DROP): let the nodes talk to each other (raft, gossip, vxlan) and to the host.
  iptables -I FORWARD -s "$SW_RANGE" -j ACCEPT
  iptables -I FORWARD -d "$SW_RANGE" -j ACCEPT

  local t=$SECONDS
  NODE_PIDS=()
  for n in "${NODES[@]}"; do start_node "$n"; done
  for n in "${NODES[@]}"; do
    d=$SW/node$n
    wait_for 60 "${NODE_PIDS[n]}" curl -sf --unix-socket "$d/docker.sock" http://docker/_ping ||
      fail "dockerd of node $n did not answer /_ping on $d/docker.sock" "$d/dockerd.log"
  done
  log "$(printf '%-10s %s (%ss)' swarm-dockerd "3 dockerd in namespaces berth-sw1..3 on $SW_BRIDGE $SW_PREFIX.1/24" $((SECONDS - t)))"

  # The test image, exactly as daemon A has it (same image ID on every node; nothing can be pulled).
  t=$SECONDS
  "$DOCKER" -H "unix://$DOCKER_A_SOCKET" save -o "$SW/test-image.tar" "$TEST_IMAGE" ||
    fail "saving $TEST_IMAGE from daemon A ($DOCKER_A_SOCKET)"
  for n in "${NODES[@]}"; do
    "$SWARM_CLI" -H "unix://$SW/node$n/docker.sock" load -q -i "$SW/test-image.tar" >/dev/null &
    NODE_PIDS[n]=$!
  done
  for n in "${NODES[@]}"; do wait "${NODE_PIDS[n]}" || fail "loading $TEST_IMAGE into node $n" "$SW/node$n/dockerd.log"; done
  rm -f "$SW/test-image.tar"

  DM=("$SWARM_CLI" -H "unix://$SW/node1/docker.sock")
  local manager
  manager=$(addr_of 1)
  "${DM[@]}" swarm init --advertise-addr "$manager" --listen-addr "$manager:2377" \
    --default-addr-pool "$SW_POOL" --default-addr-pool-mask-length 24 --dispatcher-heartbeat "$HEARTBEAT" \
    >"$SW/init.log" 2>&1 || fail "swarm init on node 1" "$SW/init.log"
  local token
  token=$("${DM[@]}" swarm join-token -q worker)
  for n in "${NODES[@]:1}"; do
    "$SWARM_CLI" -H "unix://$SW/node$n/docker.sock" swarm join --token "$token" \
      --advertise-addr "$(addr_of "$n")" --listen-addr "$(addr_of "$n"):2377" "$manager:2377" \
      >>"$SW/init.log" 2>&1 || fail "node $n joining the swarm at $manager:2377" "$SW/init.log"
  done
  wait_for 60 "" nodes_ready || fail "3 nodes Ready/Active in docker node ls" "$SW/node1/dockerd.log"
  local version
  version=$("${DM[@]}" version -f '{{.Server.Version}}')
  log "$(printf '%-10s %s (%ss)' swarm "manager $manager, workers $(addr_of 2) $(addr_of 3), Engine $version, $TEST_IMAGE loaded" $((SECONDS - t)))"

  write_env \
    SWARM_MANAGER_SOCKET="$SW/node1/docker.sock" \
    SWARM_WORKER1_SOCKET="$SW/node2/docker.sock" \
    SWARM_WORKER2_SOCKET="$SW/node3/docker.sock" \
    SWARM_NODE_ADDRS="$(addr_of 1),$(addr_of 2),$(addr_of 3)" \
    SWARM_CLI="$SWARM_CLI" \
    SWARM_ENGINE_VERSION="$version"
  log "swarm up in $((SECONDS - T0))s"
}

# Runs inside a node's namespaces (see start_node): hostname $1, then exec the rest. `ip netns exec` remounted /sys
# for the node's network namespace, which detached the cgroup hierarchies mounted below it; dockerd needs them
# ("Devices cgroup isn't mounted"), so they are mounted again as the host has them (read from pid 1's mount table;
# mounting a v1 hierarchy again with the same controllers attaches the same hierarchy).
node_exec() {
  local hostname=$1 src dst type opts rest
  shift
  printf '%s' "$hostname" >/proc/sys/kernel/hostname
  if ! mountpoint -q /sys/fs/cgroup; then
    while read -r src dst type opts rest; do
      case $type in
      tmpfs) [[ $dst == /sys/fs/cgroup ]] && mount -t tmpfs -o "$opts" "$src" "$dst" ;;
      cgroup | cgroup2) [[ $dst == /sys/fs/cgroup* ]] && mkdir -p "$dst" && mount -t "$type" -o "$opts" "$src" "$dst" ;;
      esac
    done </proc/1/mounts
  fi
  exec "$@"
}

node_arg() {
  [[ ${1:-} =~ ^[1-3]$ ]] || die "usage: swarm.sh stop-node N | start-node N, with N 1..3 (node 1 is the manager)"
  [[ -f $H/env ]] || die "no harness at $H: run scripts/harness/up.sh first"
  [[ -d $SW/node$1 ]] && ns_exists "$(ns_of "$1")" || die "no swarm node $1 at $SW/node$1: run scripts/harness/swarm.sh up first"
  # shellcheck disable=SC1091
  source "$H/env"
}

# Stops node N's dockerd as a machine's Docker stopping would: TERM (dockerd stops its containers and containerd),
# KILL after 30 s, then anything left in the node's namespace. The namespace, veth and address stay for start-node.
stop_node() {
  local n=$1 d=$SW/node$1 pid
  if [[ -s $d/dockerd.pid ]]; then
    pid=$(head -n 1 "$d/dockerd.pid")
    if owned_pid "$pid"; then term_then_kill 30 "$pid"; fi
  fi
  delete_leftovers "$n"
  rm -f "$d/dockerd.pid"
  log "swarm node $n stopped"
}

node_ready() {
  [[ $("${DM[@]}" node ls --format '{{.Hostname}} {{.Status}}' 2>/dev/null | grep -c "^swarm-node$1 Ready$") -eq 1 ]]
}

# Starts node N's dockerd again with the Engine the swarm runs (SWARM_ENGINE_VERSION), and waits for the manager to
# list it Ready: it rejoins by itself with the state in its data root.
start_node_again() {
  local n=$1 d=$SW/node$1 pid
  trap 'fail "line $LINENO"' ERR
  ENGINE=26
  [[ ${SWARM_ENGINE_VERSION:-} == 20.* ]] && ENGINE=20
  engine_bins
  pid=$(head -n 1 "$d/dockerd.pid" 2>/dev/null || true)
  if [[ -n $pid ]] && owned_pid "$pid"; then
    log "swarm node $n: dockerd already running ($pid)"
  else
    NODE_PIDS=()
    launch_dockerd "$n"
    wait_for 60 "${NODE_PIDS[n]}" curl -sf --unix-socket "$d/docker.sock" http://docker/_ping ||
      fail "dockerd of node $n did not answer /_ping on $d/docker.sock" "$d/dockerd.log"
  fi
  DM=("$SWARM_CLI" -H "unix://$SW/node1/docker.sock")
  wait_for 60 "" node_ready "$n" || fail "node $n Ready in docker node ls" "$d/dockerd.log"
  log "swarm node $n started and Ready"
}

case ${1:-} in
up) up ;;
_exec)
  shift
  node_exec "$@"
  ;;
down)
  # The CLI matching the nodes' Engine, when the env still names it (an older CLI still leaves a newer swarm).
  if [[ -f $H/env ]]; then SWARM_CLI=$(grep -E '^export SWARM_CLI=' "$H/env" | sed 's/^export SWARM_CLI=//' || true); fi
  down
  ;;
stop-node)
  node_arg "${2:-}"
  stop_node "$2"
  ;;
start-node)
  node_arg "${2:-}"
  start_node_again "$2"
  ;;
*) die "usage: swarm.sh up|down|stop-node N|start-node N" ;;
esac
