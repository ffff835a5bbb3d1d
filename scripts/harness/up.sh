#!/usr/bin/env bash
# Starts the real parts Berth's integration and end-to-end tests talk to, all private to $BERTH_HARNESS_DIR
# (default: <repo>/.harness) and all on loopback:
#   - Docker daemon A: unix socket only, its own bridge (berth-a0) with NAT, user-defined networks work
#   - Docker daemon B: unix socket + TCP on 127.0.0.1 with mutual TLS, no default bridge and no iptables
#   - the test image berth-test/busybox:latest in both daemons (nothing can be pulled here)
#   - the catalog's stand-in images (mariadb, wordpress, haproxy, nginx, redis, postgres, …) in daemon A (catalog-images.sh)
#   - a private PostgreSQL cluster with database/user/password berth
#   - a private sshd that lets root forward unix sockets (the SSH transport to a remote Docker socket)
#   - a three-node swarm, each dockerd in its own network namespace (swarm.sh; BERTH_HARNESS_SWARM=0 skips it)
# and writes $BERTH_HARNESS_DIR/env (shell) and env.json (the same keys, for Node tests).
#
# A previous run's leftovers are torn down first (down.sh). On failure the component's log tail is printed, the
# rest is left running for inspection, and down.sh cleans up. Must run as root (dockerd, bridges, iptables).
set -Eeuo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $(id -u) -eq 0 ]] || die "up.sh must run as root (dockerd, network bridges, runuser postgres)"
check_state_path
# Unix socket paths are limited to 107 bytes; the longest the harness makes is
# <dir>/a/exec/containerd/containerd.sock.ttrpc (dockerd's managed containerd), 40 bytes more than the dir (swarm.sh asks for 57 at most: its nodes' paths are longer).
((${#BERTH_HARNESS_DIR} <= 67)) || die "BERTH_HARNESS_DIR is too long for unix socket paths (max 67 chars): $BERTH_HARNESS_DIR"

T0=$SECONDS
# Cheap no-op when everything is installed; on a fresh machine it installs the packages.
bash "$HARNESS_SRC/install.sh" >/dev/null

if [[ -e $BERTH_HARNESS_DIR ]] || ip link show "$BRIDGE_A" >/dev/null 2>&1 || ip link show "$BRIDGE_C" >/dev/null 2>&1; then
  log "previous harness state found, running down.sh first"
  bash "$HARNESS_SRC/down.sh"
fi

H=$BERTH_HARNESS_DIR
mkdir -p "$H" "$BERTH_HARNESS_CACHE"
touch "$H/$MARKER"
# The state dir must never be committed; this keeps git quiet about it without editing the repo's .gitignore.
printf '*\n' >"$H/.gitignore"
# postgres (running as its own user) must be able to traverse into its directory.
chmod 755 "$H"

# Prints the last lines of a component's log and stops. The already running parts stay up for inspection.
fail() {
  local what=$1 logfile=${2:-}
  trap - ERR
  warn "FAILED: $what"
  if [[ -n $logfile && -f $logfile ]]; then
    warn "---- last lines of $logfile ----"
    # dockerd logs many grpc connection lines that never explain a failure.
    grep -v "module=grpc" "$logfile" | tail -n 40 >&2 || true
    warn "----"
  fi
  warn "the harness is partially up; run scripts/harness/down.sh to clean up"
  exit 1
}

# Any unexpected failing command (set -e) reports the component being started and its log: -E makes the ERR
# trap fire inside functions too. Functions are called plainly, never as `f || x`, since bash ignores set -e
# inside anything on the left of || or &&.
STEP_NAME=setup
STEP_LOG=
trap 'fail "$STEP_NAME (line $LINENO)" "$STEP_LOG"' ERR

# name, log file
step_start() {
  STEP_T=$SECONDS
  STEP_NAME=$1
  STEP_LOG=${2:-}
}
step_done() { log "$(printf '%-10s %s (%ss)' "$1" "$2" $((SECONDS - STEP_T)))"; }

# ---------------------------------------------------------------------------------------------------------------
# TLS material for daemon B. A fresh CA per run (nothing secret is kept), plus the bad credentials the negative
# tests need: a client certificate from an unrelated CA, and an expired one from the right CA.
make_certs() {
  local c=$H/certs
  mkdir -p "$c"
  cd "$c"
  # RSA 2048 because every TLS stack (Go in dockerd, Node, curl) takes it.
  genkey() { openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1" 2>>"$c/openssl.log"; }
  serial() { printf '0x%s' "$(openssl rand -hex 16)"; }

  cat >server.ext <<'EOF'
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, IP:::1, DNS:localhost
EOF
  cat >client.ext <<'EOF'
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
EOF

  # Two CAs: the one daemon B trusts, and an unrelated one for "wrong CA" tests.
  local ca
  for ca in ca wrong-ca; do
    genkey "$ca-key.pem"
    openssl req -x509 -new -key "$ca-key.pem" -out "$ca.pem" -days 30 -subj "/CN=Berth harness $ca" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>>openssl.log
  done

  # name  signing-CA  extensions  subject
  issue() {
    genkey "$1-key.pem"
    openssl req -new -key "$1-key.pem" -out "$1.csr" -subj "/CN=$4" 2>>openssl.log
    openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2-key.pem" -set_serial "$(serial)" -days 30 \
      -extfile "$3" -out "$1-cert.pem" 2>>openssl.log
  }
  issue server ca server.ext localhost
  issue client ca client.ext berth-client
  issue wrong-client wrong-ca client.ext berth-wrong-client

  # `openssl x509 -req` in OpenSSL 3.0 cannot set a start date in the past (-not_before arrived in 3.4), and -days
  # cannot be negative; `openssl ca` accepts explicit -startdate/-enddate, so the expired cert goes through it.
  mkdir -p ca-db
  : >ca-db/index.txt
  cat >ca-db/ca.cnf <<'EOF'
[ ca ]
default_ca = harness
[ harness ]
database = ca-db/index.txt
new_certs_dir = ca-db
serial = ca-db/serial
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
[ anything ]
commonName = supplied
[ client_ext ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
EOF
  genkey expired-client-key.pem
  openssl req -new -key expired-client-key.pem -out expired-client.csr -subj "/CN=berth-expired-client" 2>>openssl.log
  openssl rand -hex 16 >ca-db/serial
  openssl ca -batch -notext -config ca-db/ca.cnf -cert ca.pem -keyfile ca-key.pem -in expired-client.csr \
    -out expired-client-cert.pem -startdate 20200101000000Z -enddate 20200102000000Z -extensions client_ext \
    2>>openssl.log >/dev/null
  chmod 600 ./*-key.pem
  cd - >/dev/null
}

step_start certificates "$H/certs/openssl.log"
make_certs
step_done certs "CA, server, client, wrong-CA client, expired client in $H/certs"

# ---------------------------------------------------------------------------------------------------------------
# The test image's root filesystem: Debian's static busybox and its applet links, root and nobody. Cached as a tar
# keyed by busybox's package version, so a busybox upgrade rebuilds it.
image_tar() {
  local version tar rootfs p
  version=$(dpkg-query -W -f='${Version}' busybox-static)
  # v2: bump when the layout below changes, so caches of older layouts are not reused.
  tar=$BERTH_HARNESS_CACHE/busybox-rootfs-v2-${version//[^A-Za-z0-9.+-]/_}.tar
  if [[ ! -s $tar ]]; then
    rootfs=$(mktemp -d "$BERTH_HARNESS_CACHE/rootfs.XXXXXX")
    chmod 755 "$rootfs" # mktemp made it 0700
    mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,etc,root,tmp}
    chmod 1777 "$rootfs/tmp"
    chmod 700 "$rootfs/root"
    cp /bin/busybox "$rootfs/bin/busybox"
    # --list-full prints each applet with its usual directory (bin/sh, usr/bin/wget, ...). Links made here rather
    # than by running `busybox --install` inside a chroot: no chroot, and the host's busybox never writes outside.
    while read -r p; do
      [[ -e $rootfs/$p || -L $rootfs/$p ]] || ln -s /bin/busybox "$rootfs/$p"
    done < <(/bin/busybox --list-full)
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
    tar -C "$rootfs" --sort=name --numeric-owner --owner=0 --group=0 --mtime=@0 -cf "$tar.tmp" .
    mv "$tar.tmp" "$tar"
    rm -rf "$rootfs"
  fi
  IMAGE_TAR=$tar
}

step_start "busybox root filesystem"
image_tar
step_done image-tar "$IMAGE_TAR"

# ---------------------------------------------------------------------------------------------------------------
# name, then extra dockerd flags. Each daemon gets its own data root, exec root (so its own managed containerd,
# containerd socket, runc state and network namespaces), pidfile and config file.
# DAEMON_BIN and DAEMON_PATH (for daemon C) name another dockerd and the PATH it finds containerd, the shim,
# docker-proxy and docker-init on.
start_dockerd() {
  local name=$1 d=$H/$1 pid
  shift
  mkdir -p "$d"
  # An own daemon.json, so /etc/docker/daemon.json (if any) does not leak in, and an own identity key: without
  # deprecated-key-path both daemons would share /etc/docker/key.json and report the same daemon ID, which would
  # make them look like one host to Berth. (20.10 has no command line flag for it; Engine 26 keeps its ID in its
  # data root and no longer knows the key.)
  if [[ -n ${DAEMON_BIN:-} ]]; then
    printf '{}\n' >"$d/daemon.json"
  else
    python3 -c 'import json, sys; print(json.dumps({"deprecated-key-path": sys.argv[1]}))' "$d/key.json" >"$d/daemon.json"
  fi
  # setsid: the daemon must not share the caller's process group (a Ctrl-C in the shell that ran up.sh, or a
  # test runner's group kill, must not take it down). (No --shutdown-timeout: 20.10 still waits each container's
  # own stop timeout on TERM, so down.sh force-removes running containers before stopping the daemon.)
  # BERTH_HARNESS_STORAGE_DRIVER: an escape hatch (e.g. vfs) for machines where overlay2 does not work; on these
  # machines dockerd picks overlay2 on ext4 by itself.
  PATH=${DAEMON_PATH:-$PATH} setsid "${DAEMON_BIN:-$DOCKERD}" \
    --config-file "$d/daemon.json" \
    --data-root "$d/data" \
    --exec-root "$d/exec" \
    --pidfile "$d/dockerd.pid" \
    --host "unix://$d/docker.sock" \
    ${BERTH_HARNESS_STORAGE_DRIVER:+--storage-driver "$BERTH_HARNESS_STORAGE_DRIVER"} \
    "$@" </dev/null >"$d/dockerd.log" 2>&1 &
  pid=$!
  wait_for 60 "$pid" curl -sf --unix-socket "$d/docker.sock" http://docker/_ping ||
    fail "dockerd $name did not answer /_ping on $d/docker.sock" "$d/dockerd.log"
}

load_image() {
  "$DOCKER" -H "unix://$1" import --change 'CMD ["sh"]' "$IMAGE_TAR" "$TEST_IMAGE" >/dev/null
}

# Daemon A: its own bridge instead of docker0, so it can keep iptables (NAT for containers, published ports) and
# still live beside any other daemon. dockerd takes the bridge's subnet from the address we give it.
step_start "docker daemon A" "$H/a/dockerd.log"
ip link add "$BRIDGE_A" type bridge || fail "creating bridge $BRIDGE_A"
ip addr add "$BRIDGE_A_ADDR" dev "$BRIDGE_A"
ip link set "$BRIDGE_A" up
start_dockerd a --bridge "$BRIDGE_A" --default-address-pool "base=$POOL_A,size=24"
load_image "$H/a/docker.sock" || fail "importing $TEST_IMAGE into daemon A" "$H/a/dockerd.log"
step_done docker-a "unix://$H/a/docker.sock, bridge $BRIDGE_A $BRIDGE_A_ADDR, networks from $POOL_A"

# Daemon B: the TLS daemon. No default bridge and no iptables, because iptables rules are global and daemon A
# already owns the DOCKER chains; user-defined bridge networks still work (from their own pool), just without NAT.
step_start "docker daemon B" "$H/b/dockerd.log"
B_PORT=$(free_port)
C=$H/certs
start_dockerd b --host "tcp://127.0.0.1:$B_PORT" --tlsverify \
  --tlscacert "$C/ca.pem" --tlscert "$C/server-cert.pem" --tlskey "$C/server-key.pem" \
  --bridge none --iptables=false --default-address-pool "base=$POOL_B,size=24"
# The unix socket answering does not prove the TLS listener does: ask over TLS with the good client cert.
curl -sf --cacert "$C/ca.pem" --cert "$C/client-cert.pem" --key "$C/client-key.pem" \
  "https://127.0.0.1:$B_PORT/_ping" >/dev/null || fail "daemon B over TLS on 127.0.0.1:$B_PORT" "$H/b/dockerd.log"
load_image "$H/b/docker.sock" || fail "importing $TEST_IMAGE into daemon B" "$H/b/dockerd.log"
step_done docker-b "unix://$H/b/docker.sock + tcp://127.0.0.1:$B_PORT (mutual TLS)"

# Daemon C: Engine 26.1 and containerd 1.7 from Debian 13 (engine26.sh fetches and caches them), the Docker most
# people run today. Its own default bridge, without iptables (daemon A owns the DOCKER chains): containers reach
# each other and the host reaches them; published ports go through docker-proxy. The 26 CLI and Compose v2 come
# from the same packages; `docker compose` works with DOCKER_CONFIG=$H/docker-v2 (the CLI plugin folder).
step_start "docker daemon C (Engine 26)" "$H/c/dockerd.log"
E26=$(bash "$HARNESS_SRC/engine26.sh") || fail "fetching Engine 26 and Compose v2 from Debian 13 (engine26.sh)"
ip link add "$BRIDGE_C" type bridge || fail "creating bridge $BRIDGE_C"
ip addr add "$BRIDGE_C_ADDR" dev "$BRIDGE_C"
ip link set "$BRIDGE_C" up
# What dockerd would add itself with iptables on: traffic between C's containers is forwarded (daemon A's dockerd
# sets the FORWARD policy to DROP, and bridged packets pass through it). down.sh deletes rules in the harness ranges.
iptables -I FORWARD -s "$C_RANGE" -j ACCEPT
iptables -I FORWARD -d "$C_RANGE" -j ACCEPT
DAEMON_BIN=$E26/usr/sbin/dockerd DAEMON_PATH=$E26/usr/bin:$E26/usr/sbin:$PATH \
  start_dockerd c --bridge "$BRIDGE_C" --iptables=false --ip6tables=false --default-address-pool "base=$POOL_C,size=24"
load_image "$H/c/docker.sock" || fail "importing $TEST_IMAGE into daemon C" "$H/c/dockerd.log"
mkdir -p "$H/docker-v2/cli-plugins"
ln -s "$E26/usr/libexec/docker/cli-plugins/docker-compose" "$H/docker-v2/cli-plugins/docker-compose"
C_VERSION=$(curl -sf --unix-socket "$H/c/docker.sock" http://docker/version | python3 -c 'import json, sys; v = json.load(sys.stdin); print(v["Version"], "API", v["ApiVersion"])')
step_done docker-c "unix://$H/c/docker.sock, Engine $C_VERSION, bridge $BRIDGE_C $BRIDGE_C_ADDR, networks from $POOL_C"

# ---------------------------------------------------------------------------------------------------------------
# PostgreSQL: a private cluster with Debian's binaries, run as the postgres OS user (initdb refuses root).
step_start postgres "$H/pg/postgres.log"
# The newest installed major version (Debian 12: 15); version directory names are plain numbers.
# shellcheck disable=SC2012
PG_BIN=/usr/lib/postgresql/$(ls /usr/lib/postgresql | sort -V | tail -n 1)/bin
[[ -x $PG_BIN/initdb ]] || fail "no PostgreSQL server binaries under /usr/lib/postgresql"
P=$H/pg
PG_PORT=$(free_port)
mkdir -p "$P/run"
chown -R postgres:postgres "$P"
# The working directory must be readable by postgres (the caller's may be /root).
as_postgres() { (cd "$P" && runuser -u postgres -- "$@"); }
# peer auth on the socket (the postgres OS user administers), scram on 127.0.0.1 for the app's berth user.
as_postgres "$PG_BIN/initdb" -D "$P/data" --username=postgres --auth-local=peer --auth-host=scram-sha-256 \
  --encoding=UTF8 --locale=C --no-sync >"$P/initdb.log" 2>&1 || fail "initdb" "$P/initdb.log"
# Durability settings are off: this cluster is thrown away after the tests, and it makes them faster.
cat >>"$P/data/postgresql.conf" <<EOF

# --- berth harness ---
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$P/run'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
as_postgres "$PG_BIN/pg_ctl" -D "$P/data" -l "$P/postgres.log" -w -t 60 start >/dev/null ||
  fail "postgres did not start" "$P/postgres.log"
pg_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -h "$P/run" -p "$PG_PORT" -d postgres "$@"; }
# CREATEDB so tests may make throwaway databases of their own.
if ! pg_admin -c "CREATE ROLE berth LOGIN CREATEDB PASSWORD 'berth'" >>"$P/initdb.log" 2>&1 ||
  ! pg_admin -c "CREATE DATABASE berth OWNER berth" >>"$P/initdb.log" 2>&1; then
  fail "creating role and database berth" "$P/initdb.log"
fi
PG_URL=postgres://berth:berth@127.0.0.1:$PG_PORT/berth
PGCONNECT_TIMEOUT=5 psql -X -q "$PG_URL" -c 'select 1' >/dev/null 2>>"$P/initdb.log" ||
  fail "connecting as berth over 127.0.0.1:$PG_PORT" "$P/postgres.log"
step_done postgres "$PG_URL (PostgreSQL $(basename "$(dirname "$PG_BIN")"))"

# ---------------------------------------------------------------------------------------------------------------
# sshd: key-only root login on 127.0.0.1, allowed to forward unix sockets (direct-streamlocal@openssh.com), which
# is how Berth reaches a Docker socket on an SSH host.
step_start sshd "$H/ssh/sshd.log"
S=$H/ssh
SSH_PORT=$(free_port)
mkdir -p "$S"
ssh-keygen -q -t ed25519 -N '' -C berth-harness-host -f "$S/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -C berth-harness-client -f "$S/id_ed25519"
# Also an RSA key in the old PEM format ("BEGIN RSA PRIVATE KEY"), which some SSH libraries handle differently.
ssh-keygen -q -t rsa -b 2048 -m PEM -N '' -C berth-harness-client-rsa -f "$S/id_rsa"
cat "$S/id_ed25519.pub" "$S/id_rsa.pub" >"$S/authorized_keys"
# sshd's privilege separation directory; Debian normally creates it from its service unit.
mkdir -p /run/sshd
chmod 755 /run/sshd
cat >"$S/sshd_config" <<EOF
# Private sshd of the Berth test harness. StrictModes off because the state dir is not owned the way sshd wants
# for home directories; UsePAM off because PAM would need a system session and is not what is being tested.
ListenAddress 127.0.0.1
Port $SSH_PORT
HostKey $S/host_ed25519
PidFile $S/sshd.pid
AuthorizedKeysFile $S/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
AllowStreamLocalForwarding yes
AllowTcpForwarding yes
X11Forwarding no
PrintMotd no
LogLevel VERBOSE
EOF
/usr/sbin/sshd -t -f "$S/sshd_config" >"$S/sshd.log" 2>&1 || fail "sshd config test" "$S/sshd.log"
# Without -D sshd daemonizes itself (own session) and writes PidFile; -E keeps its log in the state dir.
/usr/sbin/sshd -f "$S/sshd_config" -E "$S/sshd.log" </dev/null || fail "sshd did not start" "$S/sshd.log"
wait_for 15 "" tcp_open 127.0.0.1 "$SSH_PORT" || fail "sshd not listening on 127.0.0.1:$SSH_PORT" "$S/sshd.log"
# known_hosts for clients that verify the host key (the port is part of the name for non-22 ports).
printf '[127.0.0.1]:%s %s\n' "$SSH_PORT" "$(cut -d' ' -f1-2 "$S/host_ed25519.pub")" >"$S/known_hosts"
SSH_HOST_FINGERPRINT=$(ssh-keygen -l -E sha256 -f "$S/host_ed25519.pub" | awk '{print $2}')
[[ $SSH_HOST_FINGERPRINT == SHA256:* ]] || fail "reading the sshd host key fingerprint"
step_done sshd "root@127.0.0.1:$SSH_PORT host key $SSH_HOST_FINGERPRINT"

# ---------------------------------------------------------------------------------------------------------------
# The contract with the tests. Written last, and atomically, so an env file means everything above is up.
ENV_VARS=(
  BERTH_HARNESS_DIR="$H"
  DOCKER_CLI="$DOCKER"
  TEST_IMAGE="$TEST_IMAGE"
  DOCKER_A_SOCKET="$H/a/docker.sock"
  DOCKER_B_SOCKET="$H/b/docker.sock"
  DOCKER_C_SOCKET="$H/c/docker.sock"
  DOCKER_C_CLI="$E26/usr/bin/docker"
  COMPOSE_V2="$E26/usr/libexec/docker/cli-plugins/docker-compose"
  DOCKER_CONFIG_V2="$H/docker-v2"
  DOCKER_B_TCP_HOST=127.0.0.1
  DOCKER_B_TCP_PORT="$B_PORT"
  TLS_CA="$C/ca.pem"
  TLS_CLIENT_CERT="$C/client-cert.pem"
  TLS_CLIENT_KEY="$C/client-key.pem"
  TLS_WRONG_CA="$C/wrong-ca.pem"
  TLS_WRONG_CLIENT_CERT="$C/wrong-client-cert.pem"
  TLS_WRONG_CLIENT_KEY="$C/wrong-client-key.pem"
  TLS_EXPIRED_CLIENT_CERT="$C/expired-client-cert.pem"
  TLS_EXPIRED_CLIENT_KEY="$C/expired-client-key.pem"
  PG_URL="$PG_URL"
  SSH_HOST=127.0.0.1
  SSH_PORT="$SSH_PORT"
  SSH_USER=root
  SSH_KEY="$S/id_ed25519"
  SSH_KEY_RSA="$S/id_rsa"
  SSH_HOST_FINGERPRINT="$SSH_HOST_FINGERPRINT"
  SSH_KNOWN_HOSTS="$S/known_hosts"
)
{
  printf '# Written by scripts/harness/up.sh; source it, or read env.json.\n'
  for kv in "${ENV_VARS[@]}"; do printf 'export %s=%q\n' "${kv%%=*}" "${kv#*=}"; done
} >"$H/env.tmp"
python3 -c '
import json, sys
print(json.dumps(dict(kv.split("=", 1) for kv in sys.argv[1:]), indent=2))
' "${ENV_VARS[@]}" >"$H/env.json.tmp"
mv "$H/env.json.tmp" "$H/env.json"
mv "$H/env.tmp" "$H/env"
bash "$HARNESS_SRC/registry.sh" start || fail "image registries (registry.sh start)" "$H/registry/open/registry.log"
# The three-node swarm of the Swarm tests (manager + 2 workers, Engine 26.1, each in its own network namespace on the
# bridge berth-sw0); it adds the SWARM_* keys to env and env.json. BERTH_HARNESS_SWARM=0 skips it (machines that
# cannot make network namespaces); the Swarm tests and specs then fail, saying the harness has no swarm (none skips).
if [[ ${BERTH_HARNESS_SWARM:-1} != 0 ]]; then
  step_start swarm "$H/swarm/node1/dockerd.log"
  bash "$HARNESS_SRC/swarm.sh" up || fail "three-node swarm (swarm.sh up)" "$H/swarm/node1/dockerd.log"
  step_done swarm "manager $H/swarm/node1/docker.sock, workers node2, node3 (SWARM_* in env)"
fi
# The catalog templates' images (stand-ins from Debian's packages, catalog-images.sh's header lists them) in daemon A
# only: built once per machine (about 8 min, needs the Debian mirror), then a `docker load` of the cached tarballs.
# Not fatal: only the catalog's tests need them, and their beforeAll runs the script again and reports its error.
step_start "catalog images"
if bash "$HARNESS_SRC/catalog-images.sh" load "$H/a/docker.sock" "$DOCKER"; then
  step_done catalog "the templates' stand-in images (mariadb:11, wordpress:6, nginx:1.27-alpine, postgres:16-alpine, …) in daemon A"
else
  warn "catalog stand-in images NOT loaded into daemon A (catalog-images.sh load failed above); the rest of the harness is up"
fi
log "harness up in $((SECONDS - T0))s: source $H/env (or read $H/env.json)"
