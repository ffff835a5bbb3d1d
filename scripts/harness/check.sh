#!/usr/bin/env bash
# Smoke test of a running harness (after up.sh): every component answers the way the tests will use it, including
# the TLS rejections the negative tests rely on. Prints one line per check; exits non-zero on the first failure.
set -euo pipefail
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ -f $BERTH_HARNESS_DIR/env ]] || die "no $BERTH_HARNESS_DIR/env: run scripts/harness/up.sh first"
# shellcheck source=/dev/null
source "$BERTH_HARNESS_DIR/env"

ok() { log "ok    $*"; }
bad() { die "check failed: $*"; }

DA=("$DOCKER_CLI" -H "unix://$DOCKER_A_SOCKET")
DB_TLS=("$DOCKER_CLI" --tlsverify --tlscacert "$TLS_CA" --tlscert "$TLS_CLIENT_CERT" --tlskey "$TLS_CLIENT_KEY"
  -H "tcp://$DOCKER_B_TCP_HOST:$DOCKER_B_TCP_PORT")
TLS_URL=https://$DOCKER_B_TCP_HOST:$DOCKER_B_TCP_PORT/_ping
CHECK_ID=berth-check-$$

cleanup() {
  "${DA[@]}" rm -f "$CHECK_ID-sleeper" >/dev/null 2>&1 || true
  "${DA[@]}" network rm "$CHECK_ID-net" >/dev/null 2>&1 || true
  if [[ -n ${SSH_PID:-} ]]; then kill "$SSH_PID" 2>/dev/null || true; fi
  if [[ -n ${TMP:-} ]]; then rm -rf "$TMP"; fi
}
trap cleanup EXIT

# ---- Docker A ---------------------------------------------------------------------------------------------------
out=$("${DA[@]}" run --rm "$TEST_IMAGE" echo ok) || bad "docker run on A"
[[ $out == ok ]] || bad "docker run on A printed '$out'"
ok "A: docker run --rm $TEST_IMAGE echo ok"

# Both daemons running containers at the same time (each has its own containerd): keep one running on A while B runs.
"${DA[@]}" run -d --name "$CHECK_ID-sleeper" "$TEST_IMAGE" sleep 60 >/dev/null || bad "docker run -d on A"

# ---- Docker B over mutual TLS -----------------------------------------------------------------------------------
out=$("${DB_TLS[@]}" run --rm "$TEST_IMAGE" echo ok) || bad "docker run on B over TLS"
[[ $out == ok ]] || bad "docker run on B printed '$out'"
[[ $("${DA[@]}" inspect -f '{{.State.Running}}' "$CHECK_ID-sleeper") == true ]] || bad "A's container stopped while B ran one"
ok "B: docker --tlsverify -H tcp://$DOCKER_B_TCP_HOST:$DOCKER_B_TCP_PORT run --rm (while A runs a container)"

# Distinct daemon IDs, or Berth would take the two daemons for one host.
id_a=$("${DA[@]}" info -f '{{.ID}}')
id_b=$("${DB_TLS[@]}" info -f '{{.ID}}')
[[ -n $id_a && $id_a != "$id_b" ]] || bad "daemons A and B report the same ID ($id_a)"
ok "A and B have distinct daemon IDs"

curl -sf --max-time 10 --cacert "$TLS_CA" --cert "$TLS_CLIENT_CERT" --key "$TLS_CLIENT_KEY" "$TLS_URL" >/dev/null ||
  bad "curl with the good client cert"
ok "B: TLS with the good client certificate accepted"
# Each of these must be refused during the handshake.
if curl -sf --max-time 10 --cacert "$TLS_CA" --cert "$TLS_WRONG_CLIENT_CERT" --key "$TLS_WRONG_CLIENT_KEY" "$TLS_URL" >/dev/null 2>&1; then
  bad "daemon B accepted a client cert from the wrong CA"
fi
if curl -sf --max-time 10 --cacert "$TLS_CA" --cert "$TLS_EXPIRED_CLIENT_CERT" --key "$TLS_EXPIRED_CLIENT_KEY" "$TLS_URL" >/dev/null 2>&1; then
  bad "daemon B accepted an expired client cert"
fi
if curl -sf --max-time 10 --cacert "$TLS_CA" "$TLS_URL" >/dev/null 2>&1; then
  bad "daemon B accepted a connection without a client cert"
fi
# And the client side: the server's cert must not verify against the wrong CA.
if curl -sf --max-time 10 --cacert "$TLS_WRONG_CA" --cert "$TLS_CLIENT_CERT" --key "$TLS_CLIENT_KEY" "$TLS_URL" >/dev/null 2>&1; then
  bad "the server cert verified against the wrong CA"
fi
ok "B: wrong-CA, expired and missing client certs refused; wrong CA rejects the server"

# ---- user-defined network on A ----------------------------------------------------------------------------------
"${DA[@]}" network create "$CHECK_ID-net" >/dev/null || bad "docker network create on A"
out=$("${DA[@]}" run --rm --network "$CHECK_ID-net" "$TEST_IMAGE" sh -c 'ip -4 -o addr show eth0') ||
  bad "docker run on a user-defined network on A"
"${DA[@]}" network rm "$CHECK_ID-net" >/dev/null || bad "docker network rm on A"
ok "A: user-defined network created, used ($(awk '{print $4}' <<<"$out")) and removed"
"${DA[@]}" rm -f "$CHECK_ID-sleeper" >/dev/null

# ---- Docker C (Engine 26) and Compose v2 ------------------------------------------------------------------------
DC=("$DOCKER_C_CLI" -H "unix://$DOCKER_C_SOCKET")
api_c=$("${DC[@]}" version -f '{{.Server.APIVersion}}') || bad "docker version on C"
[[ $api_c == 1.45 ]] || bad "daemon C answers API $api_c, not 1.45"
out=$("${DC[@]}" run --rm "$TEST_IMAGE" echo ok) || bad "docker run on C"
[[ $out == ok ]] || bad "docker run on C printed '$out'"
id_c=$("${DC[@]}" info -f '{{.ID}}')
[[ -n $id_c && $id_c != "$id_a" && $id_c != "$id_b" ]] || bad "daemon C's ID ($id_c) is not its own"
ok "C: Engine $("${DC[@]}" version -f '{{.Server.Version}}') (API $api_c) runs $TEST_IMAGE, ID distinct"
v2=$(DOCKER_CONFIG=$DOCKER_CONFIG_V2 "$DOCKER_CLI" compose version --short) || bad "docker compose (the v2 plugin) answers"
[[ $v2 == 2.* ]] || bad "docker compose version printed '$v2'"
ok "compose v2 $v2 as \`docker compose\` (DOCKER_CONFIG=$DOCKER_CONFIG_V2); 1.29 as docker-compose"

# ---- PostgreSQL -------------------------------------------------------------------------------------------------
out=$(PGCONNECT_TIMEOUT=5 psql -X -At "$PG_URL" -c 'select 1') || bad "psql $PG_URL"
[[ $out == 1 ]] || bad "psql returned '$out'"
ok "postgres: select 1 as berth"

# ---- SSH streamlocal forwarding to daemon A's socket ------------------------------------------------------------
TMP=$(mktemp -d)
ssh -i "$SSH_KEY" -p "$SSH_PORT" -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$SSH_KNOWN_HOSTS" \
  -o ExitOnForwardFailure=yes -o ConnectTimeout=10 -N -L "$TMP/docker.sock:$DOCKER_A_SOCKET" \
  "$SSH_USER@$SSH_HOST" 2>"$TMP/ssh.log" &
SSH_PID=$!
wait_for 15 "$SSH_PID" test -S "$TMP/docker.sock" || { cat "$TMP/ssh.log" >&2; bad "ssh -L to $DOCKER_A_SOCKET"; }
out=$(curl -sf --max-time 10 --unix-socket "$TMP/docker.sock" http://docker/_ping) || bad "_ping through the SSH tunnel"
[[ $out == OK ]] || bad "_ping through the SSH tunnel returned '$out'"
ok "ssh: $SSH_USER@$SSH_HOST:$SSH_PORT forwards a unix socket to daemon A (host key checked)"
# The RSA (PEM) key is accepted too.
ssh -i "$SSH_KEY_RSA" -p "$SSH_PORT" -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes \
  -o UserKnownHostsFile="$SSH_KNOWN_HOSTS" -o ConnectTimeout=10 "$SSH_USER@$SSH_HOST" true </dev/null ||
  bad "ssh login with the RSA key"
fp=$(ssh-keyscan -p "$SSH_PORT" -t ed25519 "$SSH_HOST" 2>/dev/null | ssh-keygen -l -E sha256 -f - | awk '{print $2}')
[[ $fp == "$SSH_HOST_FINGERPRINT" ]] || bad "host key fingerprint $fp != $SSH_HOST_FINGERPRINT"
ok "ssh: RSA key login works; host fingerprint matches $SSH_HOST_FINGERPRINT"

log "all checks passed"
