#!/bin/sh
# The official registry image's entrypoint.
set -e

case "$1" in
  *.yaml | *.yml) set -- registry serve "$@" ;;
  serve | garbage-collect | help | -*) set -- registry "$@" ;;
esac

exec "$@"
