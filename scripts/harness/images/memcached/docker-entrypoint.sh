#!/bin/sh
# The official memcached image's entrypoint.
set -e

# first arg is `-f` or `--some-option`
if [ "${1#-}" != "$1" ]; then
  set -- memcached "$@"
fi

exec "$@"
