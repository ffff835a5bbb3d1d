#!/bin/sh
# The official haproxy image's entrypoint, plus HAPROXY_CONFIG: a configuration passed as text in the environment
# (no bind mount needed), written to the default path before haproxy starts.
set -e

if [ -n "${HAPROXY_CONFIG:-}" ]; then
  printf '%s\n' "$HAPROXY_CONFIG" >/usr/local/etc/haproxy/haproxy.cfg
fi

# first arg is `-f` or `--some-option`
if [ "${1#-}" != "$1" ]; then
  set -- haproxy "$@"
fi

if [ "$1" = 'haproxy' ]; then
  shift # "haproxy"
  # -W master-worker mode (reloads with SIGUSR2), -db stays in the foreground and logs to stderr
  set -- haproxy -W -db "$@"
fi

exec "$@"
