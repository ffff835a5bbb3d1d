#!/bin/sh
# The official adminer image's entrypoint, without ADMINER_PLUGINS; then PHP's own (docker-php-entrypoint: a first
# argument starting with '-' goes to php).
set -e

if [ -n "${ADMINER_DESIGN:-}" ]; then
  # Only on the first start, so that a later change of adminer.css in the container is kept.
  if [ ! -e .adminer-init ]; then
    ln -sf "designs/$ADMINER_DESIGN/adminer.css" .
  fi
fi
touch .adminer-init || true

[ "$1" = docker-php-entrypoint ] && shift
if [ "${1#-}" != "$1" ]; then
  set -- php "$@"
fi

exec "$@"
