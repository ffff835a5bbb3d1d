#!/bin/sh
# The official nginx image's entrypoint, reduced: the scripts in /docker-entrypoint.d run (executables executed,
# other *.sh sourced) before nginx starts; the official image's own scripts there (envsubst templates, IPv6 listen
# tweak, worker tuning) are not part of this stand-in.
set -e

# first arg is `-g` or `--some-option`
if [ "${1#-}" != "$1" ]; then
  set -- nginx "$@"
fi

if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
  for f in $(find /docker-entrypoint.d/ -follow -type f -name '*.sh' -print | sort -V); do
    if [ -x "$f" ]; then
      echo "$0: running $f"
      "$f"
    else
      echo "$0: sourcing $f"
      . "$f"
    fi
  done
fi

exec "$@"
