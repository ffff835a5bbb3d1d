#!/bin/sh
# The official redis image's entrypoint, with setpriv (util-linux) in place of su-exec.
set -e

# first arg is `-f` or `--some-option`, or a configuration file
if [ "${1#-}" != "$1" ] || [ "${1%.conf}" != "$1" ]; then
  set -- redis-server "$@"
fi

# The official image compiles protected mode off; Debian's binary has it on, so say so on the command line, before
# the container's own options (a later --protected-mode wins). Not when a configuration file comes first: it decides.
if [ "$1" = 'redis-server' ] && [ "${2%.conf}" = "${2:-}" ]; then
  shift
  set -- redis-server --protected-mode no "$@"
fi

# allow the container to be started with `--user`
if [ "$1" = 'redis-server' ] && [ "$(id -u)" = '0' ]; then
  find . \! -user redis -exec chown redis '{}' +
  exec setpriv --reuid=redis --regid=redis --init-groups "$0" "$@"
fi

# set an appropriate umask (if one isn't set already)
um="$(umask)"
if [ "$um" = '0022' ]; then
  umask 0077
fi

exec "$@"
