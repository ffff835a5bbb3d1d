#!/bin/sh
# The official eclipse-mosquitto image's entrypoint.
set -e

# Set permissions
user="$(id -u)"
if [ "$user" = '0' ]; then
  [ -d "/mosquitto" ] && chown -R mosquitto:mosquitto /mosquitto || true
fi

exec "$@"
