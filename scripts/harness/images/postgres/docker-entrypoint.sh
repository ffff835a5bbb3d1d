#!/usr/bin/env bash
# The official postgres image's entrypoint, shortened: on the first start (no PG_VERSION in PGDATA) initdb with
# POSTGRES_USER/POSTGRES_PASSWORD, a server on the socket only creates POSTGRES_DB and runs
# /docker-entrypoint-initdb.d, then the real server starts. As root it prepares PGDATA and re-runs itself as postgres.
set -Eeo pipefail

# file_env VAR [DEFAULT]: VAR from the environment, or from the file named by VAR_FILE (not both)
file_env() {
  local var=$1 fileVar="${1}_FILE" def=${2:-} val
  if [[ -n ${!var:-} && -n ${!fileVar:-} ]]; then
    echo >&2 "error: both $var and $fileVar are set (but are exclusive)"
    exit 1
  fi
  val=$def
  if [[ -n ${!var:-} ]]; then
    val=${!var}
  elif [[ -n ${!fileVar:-} ]]; then
    val=$(<"${!fileVar}")
  fi
  export "$var"="$val"
  unset "$fileVar"
}

# first arg is `-f` or `--some-option`
if [[ ${1:0:1} == '-' ]]; then
  set -- postgres "$@"
fi

# anything but the server, or the server asked for its help or version: run it as given
if [[ $1 != postgres ]]; then
  exec "$@"
fi
for arg; do
  case $arg in
    -'?' | --help | --describe-config | -V | --version) exec "$@" ;;
  esac
done

if [[ $(id -u) == 0 ]]; then
  mkdir -p "$PGDATA"
  chown postgres:postgres "$PGDATA"
  chmod 00700 "$PGDATA"
  mkdir -p /var/run/postgresql
  chown postgres:postgres /var/run/postgresql
  chmod 3777 /var/run/postgresql
  exec setpriv --reuid=postgres --regid=postgres --init-groups "$BASH_SOURCE" "$@"
fi

if [[ ! -s $PGDATA/PG_VERSION ]]; then
  file_env POSTGRES_PASSWORD
  file_env POSTGRES_USER postgres
  file_env POSTGRES_DB "$POSTGRES_USER"
  file_env POSTGRES_INITDB_ARGS
  : "${POSTGRES_HOST_AUTH_METHOD:=scram-sha-256}"
  if [[ -z $POSTGRES_PASSWORD && $POSTGRES_HOST_AUTH_METHOD != trust ]]; then
    cat >&2 <<-'EOE'
	Error: Database is uninitialized and superuser password is not specified.
	       You must specify POSTGRES_PASSWORD to a non-empty value for the
	       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".

	       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
	       connections without a password. This is *not* recommended.
	EOE
    exit 1
  fi

  echo "initdb: a new cluster in $PGDATA for user $POSTGRES_USER"
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of options, as upstream splits it
  initdb --username="$POSTGRES_USER" --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD") $POSTGRES_INITDB_ARGS
  printf '\nhost all all all %s\n' "$POSTGRES_HOST_AUTH_METHOD" >>"$PGDATA/pg_hba.conf"

  # a server on the socket only, for the setup
  PGUSER=$POSTGRES_USER PGPASSWORD=$POSTGRES_PASSWORD \
    pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -p 5432" -w start
  psql_=(psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc)
  if [[ $POSTGRES_DB != postgres ]]; then
    "${psql_[@]}" --dbname postgres --set db="$POSTGRES_DB" <<-'EOSQL'
	CREATE DATABASE :"db" ;
	EOSQL
  fi
  export PGUSER=$POSTGRES_USER PGPASSWORD=$POSTGRES_PASSWORD PGDATABASE=$POSTGRES_DB
  for f in /docker-entrypoint-initdb.d/*; do
    case $f in
      *.sh)
        if [[ -x $f ]]; then
          echo "$0: running $f"
          "$f"
        else
          echo "$0: sourcing $f"
          # shellcheck disable=SC1090
          . "$f"
        fi
        ;;
      *.sql) echo "$0: running $f" && "${psql_[@]}" --dbname "$POSTGRES_DB" -f "$f" ;;
      *.sql.gz) echo "$0: running $f" && gunzip -c "$f" | "${psql_[@]}" --dbname "$POSTGRES_DB" ;;
      *) [[ -e $f ]] && echo "$0: ignoring $f" ;;
    esac
  done
  unset PGUSER PGPASSWORD PGDATABASE
  pg_ctl -D "$PGDATA" -m fast -w stop
  echo 'PostgreSQL init process complete; ready for start up.'
fi

exec "$@"
