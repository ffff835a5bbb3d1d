#!/bin/bash
# The official mariadb image's entrypoint contract, for Debian's MariaDB 10.11:
#   - arguments starting with '-' are the server's (`mariadbd …`); any other command runs as given
#   - a fresh /var/lib/mysql is initialised: MARIADB_ROOT_PASSWORD (or MYSQL_ROOT_PASSWORD,
#     MARIADB_ALLOW_EMPTY_ROOT_PASSWORD, MARIADB_RANDOM_ROOT_PASSWORD), MARIADB_ROOT_HOST (default %),
#     MARIADB_DATABASE, MARIADB_USER, MARIADB_PASSWORD (each also as MYSQL_*, and as *_FILE), then
#     /docker-entrypoint-initdb.d/*.sh|*.sql|*.sql.gz
#
# Galera (wsrep_on and a gcomm:// address naming the peers, without --wsrep-new-cluster): the nodes decide among
# themselves which one bootstraps, so a stack of N nodes comes up, and comes back after a full stop, with no manual
# step. Each node, before the server starts:
#   1. learns its position: grastate.dat's uuid, seqno and safe_to_bootstrap; a seqno of -1 (a crash) is recovered
#      from InnoDB with `mariadbd --wsrep-recover` and later passed as --wsrep-start-position;
#   2. publishes it on TCP port MARIADB_GALERA_ELECTION_PORT (default 4570) as
#      "waiting <token> <uuid> <seqno> <safe>" (token: random per start), or "running" once its Galera listens;
#   3. asks every peer of the gcomm:// list, once a second:
#      - a peer is "running"                → a primary component exists: join it (plain start);
#      - every peer answered "waiting"     → all nodes see the same set of answers, so all pick the same winner:
#        highest seqno, then safe_to_bootstrap, then the smallest token. The winner sets safe_to_bootstrap: 1 and
#        starts with --wsrep-new-cluster (initialising a fresh datadir first); the others wait for it to run;
#      - after MARIADB_GALERA_ELECTION_TIMEOUT seconds (default 60) without all peers: a node holding
#        safe_to_bootstrap: 1 (Galera's "last one to leave") bootstraps unless a peer it heard has a higher seqno.
#        Otherwise it keeps waiting: start the missing nodes, or mark the most advanced node safe_to_bootstrap: 1.
# A fresh joiner does not initialise its datadir: it receives a copy by SST (rsync) from the primary component.
# MARIADB_GALERA_AUTO_BOOTSTRAP=0 turns the election off (then --wsrep-new-cluster is the operator's job).
set -Eeo pipefail
shopt -s nullglob

note() { printf '%s [Note] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$*"; }
warn() { printf '%s [Warn] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$*" >&2; }
fail() {
  printf '%s [ERROR] [Entrypoint]: %s\n' "$(date --rfc-3339=seconds)" "$*" >&2
  exit 1
}

# VAR [default]: VAR, else the content of the file VAR_FILE names, else the default.
file_env() {
  local var=$1 file_var="${1}_FILE" def=${2:-} val
  if [[ -n ${!var:-} && -n ${!file_var:-} ]]; then fail "both $var and $file_var are set (but are exclusive)"; fi
  val=$def
  if [[ -n ${!var:-} ]]; then
    val=${!var}
  elif [[ -n ${!file_var:-} ]]; then
    val=$(<"${!file_var}")
  fi
  export "$var"="$val"
  unset "$file_var"
}

# MARIADB_X, else MYSQL_X
mariadb_env() {
  local m=MARIADB_$1 y=MYSQL_$2
  file_env "$y"
  file_env "$m" "${!y:-}"
}

if [[ ${1:0:1} == - ]]; then set -- mariadbd "$@"; fi
case $1 in
  mariadbd | mysqld) ;;
  *) exec "$@" ;;
esac

# Root prepares the directories, then the entrypoint runs again as mysql.
if [[ $(id -u) == 0 ]]; then
  mkdir -p /var/lib/mysql /run/mysqld
  find /var/lib/mysql /run/mysqld \! -user mysql -exec chown mysql:mysql '{}' +
  exec setpriv --reuid=mysql --regid=mysql --init-groups "${BASH_SOURCE[0]}" "$@"
fi

# The server's effective setting of $1, as `mariadbd … --verbose --help` prints it (config files and arguments).
SERVER_HELP=$("$@" --verbose --help 2>/dev/null) || fail "mariadbd $* --verbose --help failed: $("$@" --verbose --help 2>&1 >/dev/null | tail -n 3)"
server_config() { awk -v k="$1" '$1 == k && /^[^ \t]/ { sub(/^[^ \t]+[ \t]+/, ""); print; exit }' <<<"$SERVER_HELP"; }
DATADIR=$(server_config datadir)
DATADIR=${DATADIR%/}
SOCKET=$(server_config socket)
FRESH=1
[[ -d $DATADIR/mysql ]] && FRESH=0

# ---------------------------------------------------------------------------------------------------------------
# Galera election
GALERA=0
EXTRA_ARGS=()
ROLE=
wsrep_on=$(server_config wsrep-on)
cluster_address=$(server_config wsrep-cluster-address)
new_cluster=0
for a in "$@"; do [[ $a == --wsrep-new-cluster || $a == --wsrep_new_cluster ]] && new_cluster=1; done
if [[ ${wsrep_on,,} == @(on|true|1) && $cluster_address == gcomm://?* && ${MARIADB_GALERA_AUTO_BOOTSTRAP:-1} != 0 ]]; then
  if ((new_cluster)); then
    warn "--wsrep-new-cluster given: no election, this node bootstraps a new cluster"
  else
    GALERA=1
  fi
fi

ELECTION_PORT=${MARIADB_GALERA_ELECTION_PORT:-4570}
ELECTION_TIMEOUT=${MARIADB_GALERA_ELECTION_TIMEOUT:-60}
STATE_FILE=/run/mysqld/galera-election

# Sets POS_UUID, POS_SEQNO, POS_SAFE from grastate.dat, recovering the seqno from InnoDB when it is -1.
galera_position() {
  local g=$DATADIR/grastate.dat
  POS_UUID=none POS_SEQNO=-1 POS_SAFE=0 RECOVERED=
  ((FRESH)) && return 0
  if [[ -f $g ]]; then
    POS_UUID=$(awk '$1 == "uuid:" {print $2}' "$g")
    POS_SEQNO=$(awk '$1 == "seqno:" {print $2}' "$g")
    POS_SAFE=$(awk '$1 == "safe_to_bootstrap:" {print $2}' "$g")
  fi
  if [[ ${POS_SEQNO:--1} == -1 ]]; then
    local log=/run/mysqld/wsrep-recover.log pos
    note "seqno unknown in grastate.dat: running mariadbd --wsrep-recover"
    "$@" --wsrep-recover --log-error="$log" >/dev/null 2>&1 || true
    pos=$(sed -n 's/.*WSREP: Recovered position: *\([^ ]*\).*/\1/p' "$log" | tail -n 1)
    rm -f "$log"
    if [[ $pos == *:* && ${pos##*:} != -1 ]]; then
      POS_UUID=${pos%:*} POS_SEQNO=${pos##*:} RECOVERED=$pos
      note "recovered position $pos"
    fi
  fi
  [[ $POS_SEQNO =~ ^-?[0-9]+$ ]] || POS_SEQNO=-1
  [[ $POS_SAFE == 1 ]] || POS_SAFE=0
  [[ -n $POS_UUID ]] || POS_UUID=none
}

# peer → its answer on the election port ("" when it does not answer)
ask() { socat -T 2 - "TCP:$1:$ELECTION_PORT,connect-timeout=2" </dev/null 2>/dev/null | head -n 1 || true; }

galera_elect() {
  local peers=() list=${cluster_address#gcomm://} p token
  list=${list%%\?*}
  IFS=, read -r -a peers <<<"$list"
  for i in "${!peers[@]}"; do
    p=${peers[$i]// /}
    p=${p%:*}
    peers[i]=$p
  done
  token=$(cat /proc/sys/kernel/random/uuid)
  galera_position "$@"
  printf 'waiting %s %s %s %s\n' "$token" "$POS_UUID" "$POS_SEQNO" "$POS_SAFE" >"$STATE_FILE"
  note "Galera election on port $ELECTION_PORT among ${peers[*]}: this node is at $POS_UUID:$POS_SEQNO (safe_to_bootstrap: $POS_SAFE)"
  # The answering side stays up for the container's life (mariadbd inherits it after exec).
  socat -T 5 "TCP-LISTEN:$ELECTION_PORT,reuseaddr,fork" EXEC:/usr/local/bin/galera-report </dev/null >/dev/null 2>&1 &

  local start=$SECONDS last_log=0 answer fields best best_seqno best_safe best_token heard winner=
  while :; do
    heard=0 best= best_seqno=-2 best_safe=-1 best_token=
    for p in "${peers[@]}"; do
      answer=$(ask "$p")
      read -r -a fields <<<"$answer"
      case ${fields[0]:-} in
        running)
          if [[ -n $winner ]]; then note "$p runs: joining"; else note "$p runs a primary component: joining it"; fi
          ROLE=join
          return 0
          ;;
        waiting)
          local seq=${fields[3]:-} safe=${fields[4]:-} tok=${fields[1]:-}
          # numbers from the network go into arithmetic only once they are plain numbers
          [[ $seq =~ ^-?[0-9]{1,19}$ && $safe =~ ^[01]$ && -n $tok ]] || continue
          ((heard++)) || true
          if ((seq > best_seqno)) || { ((seq == best_seqno)) && ((safe > best_safe)); } ||
            { ((seq == best_seqno)) && ((safe == best_safe)) && [[ $tok < $best_token ]]; }; then
            best=$p best_seqno=$seq best_safe=$safe best_token=$tok
          fi
          ;;
      esac
    done
    if [[ -z $winner ]] && ((heard == ${#peers[@]})); then
      winner=$best
      if [[ $best_token == "$token" ]]; then
        note "all ${#peers[@]} nodes answered; this node ($best) is the most advanced (seqno $POS_SEQNO): bootstrapping"
        ROLE=bootstrap
        return 0
      fi
      note "all ${#peers[@]} nodes answered; $winner (seqno $best_seqno) bootstraps, waiting for it"
    fi
    if [[ -z $winner ]] && ((SECONDS - start >= ELECTION_TIMEOUT)) && ((POS_SAFE == 1)) && ((best_seqno <= POS_SEQNO)); then
      note "only $heard of ${#peers[@]} nodes answered after ${ELECTION_TIMEOUT}s; this node is safe_to_bootstrap: bootstrapping"
      ROLE=bootstrap
      return 0
    fi
    if ((SECONDS - last_log >= 15)); then
      last_log=$SECONDS
      note "waiting for the peers: $heard of ${#peers[@]} answered${winner:+, $winner bootstraps}"
    fi
    sleep 1
  done
}

if ((GALERA)); then
  galera_elect "$@"
  [[ -z $RECOVERED ]] || EXTRA_ARGS+=("--wsrep-start-position=$RECOVERED")
fi

# ---------------------------------------------------------------------------------------------------------------
# First start: initialise the datadir (not on a Galera joiner: it gets the primary's data by SST).
sql_escape() {
  local s=${1//\\/\\\\}
  printf '%s' "${s//\'/\\\'}"
}

init_database() {
  mariadb_env ROOT_PASSWORD ROOT_PASSWORD
  mariadb_env ALLOW_EMPTY_ROOT_PASSWORD ALLOW_EMPTY_PASSWORD
  mariadb_env RANDOM_ROOT_PASSWORD RANDOM_ROOT_PASSWORD
  mariadb_env DATABASE DATABASE
  mariadb_env USER USER
  mariadb_env PASSWORD PASSWORD
  file_env MARIADB_ROOT_HOST %
  if [[ -z $MARIADB_ROOT_PASSWORD && -z $MARIADB_ALLOW_EMPTY_ROOT_PASSWORD && -z $MARIADB_RANDOM_ROOT_PASSWORD ]]; then
    fail "Database is uninitialized and password option is not specified
	You need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD"
  fi
  if [[ -n $MARIADB_RANDOM_ROOT_PASSWORD ]]; then
    MARIADB_ROOT_PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
    note "GENERATED ROOT PASSWORD: $MARIADB_ROOT_PASSWORD"
  fi

  note "Initializing database files"
  mariadb-install-db --datadir="$DATADIR" --rpm --auth-root-authentication-method=normal --skip-test-db \
    --default-time-zone=SYSTEM --enforce-storage-engine= --skip-log-bin --expire-logs-days=0 \
    --loose-innodb_buffer_pool_load_at_startup=0 --loose-innodb_buffer_pool_dump_at_shutdown=0 >/dev/null ||
    fail "mariadb-install-db failed"

  note "Starting temporary server"
  "$@" --skip-networking --default-time-zone=SYSTEM --socket="$SOCKET" --wsrep-on=OFF --expire-logs-days=0 \
    --skip-slave-start --loose-innodb_buffer_pool_load_at_startup=0 &
  local pid=$! i
  for ((i = 0; i < 60; i++)); do
    mariadb --protocol=socket -uroot -hlocalhost --socket="$SOCKET" --database=mysql -e 'SELECT 1' >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || fail "the temporary server exited"
    sleep 0.5
  done
  ((i < 60)) || fail "the temporary server did not answer in 30 s"

  local rootpw host sql
  rootpw=$(sql_escape "$MARIADB_ROOT_PASSWORD")
  host=$(sql_escape "$MARIADB_ROOT_HOST")
  sql="SET @@SESSION.SQL_LOG_BIN=0;
SET @@SESSION.SQL_MODE=REPLACE(@@SESSION.SQL_MODE, 'NO_BACKSLASH_ESCAPES', '');
DROP USER IF EXISTS root@'127.0.0.1', root@'::1';
EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS root@\'', @@hostname,'\'');
SET PASSWORD FOR 'root'@'localhost'= PASSWORD('$rootpw');"
  if [[ -n $MARIADB_ROOT_HOST && $MARIADB_ROOT_HOST != localhost ]]; then
    sql+="
CREATE USER 'root'@'$host' IDENTIFIED BY '$rootpw';
GRANT ALL ON *.* TO 'root'@'$host' WITH GRANT OPTION;
GRANT PROXY ON ''@'%' TO 'root'@'$host' WITH GRANT OPTION;"
  fi
  sql+="
SET @@SESSION.SQL_LOG_BIN=1;"
  if [[ -n $MARIADB_DATABASE ]]; then
    sql+="
CREATE DATABASE IF NOT EXISTS \`${MARIADB_DATABASE//\`/\`\`}\`;"
  fi
  if [[ -n $MARIADB_USER && -n $MARIADB_PASSWORD ]]; then
    local user pw
    user=$(sql_escape "$MARIADB_USER")
    pw=$(sql_escape "$MARIADB_PASSWORD")
    sql+="
CREATE USER '$user'@'%' IDENTIFIED BY '$pw';"
    [[ -z $MARIADB_DATABASE ]] || sql+="
GRANT ALL ON \`${MARIADB_DATABASE//\`/\`\`}\`.* TO '$user'@'%';"
  fi
  mariadb --protocol=socket -uroot -hlocalhost --socket="$SOCKET" --database=mysql --binary-mode <<<"$sql" ||
    fail "setting up users and the database failed"

  local f client=(mariadb --protocol=socket -uroot -hlocalhost --socket="$SOCKET" "--password=$MARIADB_ROOT_PASSWORD")
  [[ -z $MARIADB_DATABASE ]] || client+=("--database=$MARIADB_DATABASE")
  for f in /docker-entrypoint-initdb.d/*; do
    case $f in
      *.sh) note "running $f"; bash "$f" ;;
      *.sql) note "running $f"; "${client[@]}" <"$f" ;;
      *.sql.gz) note "running $f"; gunzip -c "$f" | "${client[@]}" ;;
      *) note "ignoring $f" ;;
    esac
  done

  kill -TERM "$pid"
  wait "$pid" || true
  note "Temporary server stopped; MariaDB init process done. Ready for start up."
}

if ((FRESH)) && [[ $ROLE != join ]]; then
  init_database "$@"
fi

if [[ $ROLE == bootstrap ]]; then
  if [[ -f $DATADIR/grastate.dat ]]; then
    sed -i 's/^safe_to_bootstrap: *0/safe_to_bootstrap: 1/' "$DATADIR/grastate.dat"
  fi
  EXTRA_ARGS+=(--wsrep-new-cluster)
fi

exec "$@" "${EXTRA_ARGS[@]}"
