#!/usr/bin/env bash
# Stops everything up.sh started and removes $BERTH_HARNESS_DIR. Works after a partial or failed up.sh, after a
# crash, and when nothing is running (then it is a no-op).
#
# It only signals processes it can prove are the harness's: a pid read from a harness pidfile whose command line
# still names the state dir, that process's descendants, and containerd shims/daemons whose command line names the
# state dir. Other dockerd/sshd/postgres processes on the machine are never touched.
set -uo pipefail # no -e: every cleanup step runs even when an earlier one fails; failures are reported at the end
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $(id -u) -eq 0 ]] || die "down.sh must run as root"
check_state_path
H=$BERTH_HARNESS_DIR
problems=0
T0=$SECONDS

if [[ -d $H && ! -e $H/$MARKER ]] && [[ -n $(ls -A "$H" 2>/dev/null) ]]; then
  die "$H exists but is not a harness state dir (no $MARKER); refusing to touch it"
fi

# Stops the process in pidfile $1 (if it is still ours), and the descendants it had, with TERM then KILL after $2 s.
stop_pidfile() {
  local pidfile=$1 timeout=$2 pid
  [[ -s $pidfile ]] || return 0
  pid=$(head -n 1 "$pidfile")
  owned_pid "$pid" || return 0
  local kids=()
  mapfile -t kids < <(descendants "$pid")
  term_then_kill "$timeout" "$pid"
  # Children that outlived their parent (for example docker-proxy after a KILLed dockerd).
  local alive=() k
  for k in "${kids[@]}"; do pid_alive "$k" && alive+=("$k"); done
  term_then_kill 5 "${alive[@]}"
}

bash "$HARNESS_SRC/registry.sh" stop || problems=1 # the image registries (before the state dir goes)
# The swarm's nodes, namespaces, veths and bridge, in the background beside the rest (it takes a few seconds);
# waited for before the sweep below, which would otherwise see its processes.
bash "$HARNESS_SRC/swarm.sh" down &
swarm_down=$!

# ---- Docker daemons ---------------------------------------------------------------------------------------------
# Both daemons are told to stop first and waited for later (each takes about 3 s to stop its containerd), so
# that their shutdowns overlap with each other and with sshd's and postgres's.
dockerd_pids=()
dockerd_kids=()
for name in a b c; do
  d=$H/$name
  [[ -s $d/dockerd.pid ]] || continue
  pid=$(head -n 1 "$d/dockerd.pid")
  owned_pid "$pid" || continue
  log "stopping dockerd $name"
  # On TERM dockerd stops each running container with its own stop timeout (10 s for a `sleep` that ignores
  # TERM), so a test's leftovers would cost 10 s or more. Everything is thrown away anyway: force-remove the
  # running containers first (leaving a swarm first, or its tasks would be rescheduled).
  dk=(timeout 30 "$DOCKER" -H "unix://$d/docker.sock")
  if [[ $("${dk[@]}" info -f '{{.Swarm.LocalNodeState}}' 2>/dev/null) == active ]]; then
    "${dk[@]}" swarm leave --force >/dev/null 2>&1 || true
  fi
  mapfile -t running < <("${dk[@]}" ps -q 2>/dev/null)
  if [[ ${#running[@]} -gt 0 ]]; then
    "${dk[@]}" rm -f "${running[@]}" >/dev/null 2>&1 || true
  fi
  # Its children (managed containerd, docker-proxy) are remembered in case they outlive a KILLed dockerd.
  mapfile -t -O "${#dockerd_kids[@]}" dockerd_kids < <(descendants "$pid")
  kill -TERM "$pid" 2>/dev/null || true
  dockerd_pids+=("$pid")
done

# ---- sshd -------------------------------------------------------------------------------------------------------
if [[ -s $H/ssh/sshd.pid ]]; then
  log "stopping sshd"
  # Descendants too: the per-connection sshd processes of forwarded sessions still open.
  stop_pidfile "$H/ssh/sshd.pid" 5
fi

# ---- PostgreSQL -------------------------------------------------------------------------------------------------
PGDATA=$H/pg/data
if [[ -s $PGDATA/postmaster.pid ]] && owned_pid "$(head -n 1 "$PGDATA/postmaster.pid")"; then
  log "stopping postgres"
  PG_BIN=$(dirname "$(readlink "/proc/$(head -n 1 "$PGDATA/postmaster.pid")/exe")")
  if ! (cd / && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w -t 20 stop >/dev/null 2>&1); then
    warn "  pg_ctl stop failed; killing the postmaster and its children"
    stop_pidfile "$PGDATA/postmaster.pid" 5
  fi
fi

# ---- Docker daemons, continued ----------------------------------------------------------------------------------
if [[ ${#dockerd_pids[@]} -gt 0 ]]; then
  term_then_kill 30 "${dockerd_pids[@]}"
  alive=()
  for k in "${dockerd_kids[@]}"; do pid_alive "$k" && alive+=("$k"); done
  term_then_kill 5 "${alive[@]}"
fi
for name in a b c; do
  d=$H/$name
  [[ -d $d ]] || continue
  # If dockerd was KILLed or crashed, its managed containerd may still run.
  stop_pidfile "$d/exec/containerd/containerd.pid" 10
  # Containers whose dockerd/containerd died without stopping them: runc still knows them. Delete them by id from
  # this daemon's own runc state dir (dockerd's default runtime root is <exec-root>/runtime-runc/moby).
  runc_root=$d/exec/runtime-runc/moby
  if [[ -d $runc_root ]]; then
    while read -r id; do
      [[ -n $id ]] || continue
      log "  removing leftover container $id"
      runc --root "$runc_root" delete --force "$id" >/dev/null 2>&1 || true
    done < <(runc --root "$runc_root" list -q 2>/dev/null)
  fi
done

wait "$swarm_down" || problems=1

# ---- anything else ---------------------------------------------------------------------------------------------
# containerd shims are detached from containerd on purpose (they outlive it); theirs name the daemon's containerd
# socket under the state dir. Also catches any other harness program whose pidfile was lost. Only known programs
# are considered, so a shell or test whose command line merely mentions the state dir is never signalled.
sweep=()
for p in /proc/[0-9]*; do
  pid=${p#/proc/}
  [[ $pid == "$$" ]] && continue
  exe=$(readlink "$p/exe" 2>/dev/null) || continue
  case $exe in
  /usr/bin/containerd-shim* | /usr/bin/containerd | /usr/sbin/dockerd | /usr/sbin/sshd | /usr/lib/postgresql/*/bin/postgres | /usr/bin/docker-registry | \
    "$BERTH_HARNESS_CACHE"/engine26/root/usr/*)
    owned_pid "$pid" && sweep+=("$pid")
    ;;
  esac
done
if [[ ${#sweep[@]} -gt 0 ]]; then
  log "stopping leftover harness processes: ${sweep[*]}"
  term_then_kill 10 "${sweep[@]}"
fi

# ---- mounts -----------------------------------------------------------------------------------------------------
# dockerd leaves bind mounts of its data root, overlay mounts of container filesystems, network namespace mounts
# (nsfs) and shm mounts behind when it dies. Unmount everything below the state dir, deepest first; -l (lazy)
# because a mount can still be busy for a moment after its processes died.
unmount_all() {
  # /proc/self/mounts escapes space, tab, newline and backslash as octal (\040); printf %b decodes them.
  awk '{print $2}' /proc/self/mounts | while read -r m; do printf '%b\n' "$m"; done |
    awk -v root="$H" 'index($0, root "/") == 1 || $0 == root' |
    awk '{print length($0) "\t" $0}' | sort -rn | cut -f2-
}
for attempt in 1 2 3; do
  mapfile -t mounts < <(unmount_all)
  [[ ${#mounts[@]} -eq 0 ]] && break
  [[ $attempt -eq 1 ]] && log "unmounting ${#mounts[@]} mount(s) under $H"
  for m in "${mounts[@]}"; do umount -l "$m" 2>/dev/null || true; done
done
mapfile -t mounts < <(unmount_all)
if [[ ${#mounts[@]} -gt 0 ]]; then
  warn "still mounted: ${mounts[*]}"
  problems=1
fi

# ---- network ----------------------------------------------------------------------------------------------------
# Daemon A's bridge, and the bridges of user-defined networks of either daemon (dockerd does not delete those when
# it stops): recognised by their addresses in the harness's pools.
mapfile -t bridges < <(
  {
    ip link show "$BRIDGE_A" >/dev/null 2>&1 && printf '%s\n' "$BRIDGE_A"
    ip link show "$BRIDGE_C" >/dev/null 2>&1 && printf '%s\n' "$BRIDGE_C"
    ip -o -4 addr show type bridge 2>/dev/null | RE=$OWNED_NET_RE awk '$4 ~ "^" ENVIRON["RE"] {print $2}'
  } | sort -u
)
for br in "${bridges[@]}"; do
  [[ -n $br ]] || continue
  log "deleting bridge $br"
  ip link del "$br" 2>/dev/null || { warn "  could not delete bridge $br"; problems=1; }
done

# dockerd (daemon A, the only one with iptables) leaves its rules for our bridges, subnets and published ports
# when it stops. Delete exactly the rules naming a harness subnet or bridge; the DOCKER chains themselves stay (a
# system dockerd would recreate them anyway). `iptables -S` prints each rule as the arguments that created it; the
# rules matched here are dockerd's own and carry no quoted comments, so splitting on spaces is exact.
# Interface names as whole words: only the bridges found above (never another daemon's br-*).
ifaces=("$BRIDGE_A")
for br in "${bridges[@]}"; do [[ -n $br ]] && ifaces+=("$br"); done
ifaces_re="[ ]($(IFS='|' && printf '%s' "${ifaces[*]}"))( |\$)"
if command -v iptables >/dev/null; then
  for table in nat filter; do
    mapfile -t rules < <(iptables -t "$table" -S 2>/dev/null | grep -E -- "^-A .*(${OWNED_NET_RE}|${ifaces_re})" || true)
    for rule in "${rules[@]}"; do
      read -r -a args <<<"$rule"
      args[0]=-D
      iptables -t "$table" "${args[@]}" 2>/dev/null || true
    done
  done
fi

# ---- state dir --------------------------------------------------------------------------------------------------
if [[ -d $H ]]; then
  if ((problems)); then
    warn "leaving $H in place because something could not be cleaned up"
  else
    # --one-file-system: should anything still be mounted below, do not descend into it.
    rm -rf --one-file-system -- "$H" || {
      warn "could not remove $H"
      problems=1
    }
  fi
fi

if ((problems)); then
  warn "down.sh finished with problems ($((SECONDS - T0))s)"
  exit 1
fi
log "harness down ($((SECONDS - T0))s)"
