#!/bin/bash
# The official wordpress image's entrypoint contract: on the first start the site is copied into /var/www/html
# (unless it already holds one), and when any WORDPRESS_* variable is set a wp-config.php is written that reads
# them at run time (WORDPRESS_DB_HOST default mysql, _USER, _PASSWORD, _NAME default wordpress,
# WORDPRESS_TABLE_PREFIX, WORDPRESS_DEBUG, WORDPRESS_CONFIG_EXTRA, the keys and salts; each also as *_FILE), with
# random keys and salts where none are given. Then the command runs (apache2-foreground by default).
set -Eeuo pipefail

if [[ $1 == apache2* ]]; then
  if [[ ! -e index.php && ! -e wp-includes/version.php ]]; then
    echo >&2 "WordPress not found in $PWD - copying now..."
    cp -a /usr/src/wordpress/. .
    chown -R www-data:www-data .
    echo >&2 "Complete! WordPress has been successfully copied to $PWD"
  fi

  wp_envs=("${!WORDPRESS_@}")
  if [[ ! -s wp-config.php && ${#wp_envs[@]} -gt 0 ]]; then
    echo >&2 "No 'wp-config.php' found in $PWD, but 'WORDPRESS_...' variables supplied; copying 'wp-config-docker.php' (${wp_envs[*]})"
    # Each placeholder gets its own random value (base64 has no quote or backslash to escape in PHP).
    while IFS= read -r line; do
      if [[ $line == *"'put your unique phrase here'"* ]]; then
        line=${line/"'put your unique phrase here'"/"'$(head -c 48 /dev/urandom | base64 -w 0)'"}
      fi
      printf '%s\n' "$line"
    done </usr/src/wordpress/wp-config-docker.php >wp-config.php
    chown www-data:www-data wp-config.php
  fi
fi

exec "$@"
