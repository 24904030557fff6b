#!/usr/bin/env bash
# The servers the distributed tests need: PostgreSQL on 127.0.0.1:5432 (database "test") and NATS with
# JetStream on 127.0.0.1:4222. Checks that they answer, starts them if they do not, and fails with a
# clear message if that does not work.
set -uo pipefail

PG_HOST=127.0.0.1 PG_PORT=5432 PG_DB=test
NATS_HOST=127.0.0.1 NATS_PORT=${PARLEY_NATS_PORT:-4222}
NATS_STORE=${PARLEY_NATS_STORE:-/var/lib/nats-server}
NATS_LOG=${PARLEY_NATS_LOG:-/var/log/nats-server.log}

say() { echo "services: $*" >&2; }
fail() { say "FAILED: $*"; exit 1; }

pg_up() {
  if command -v pg_isready >/dev/null; then pg_isready -q -h "$PG_HOST" -p "$PG_PORT"; else (exec 3<>"/dev/tcp/$PG_HOST/$PG_PORT") 2>/dev/null; fi
}

# the first line a NATS server sends is INFO {...}; with JetStream on it says "jetstream":true
nats_info() { timeout 3 bash -c "exec 3<>/dev/tcp/$NATS_HOST/$NATS_PORT && head -n 1 <&3" 2>/dev/null; }

wait_for() { # what, test command, seconds
  local i
  for ((i = 0; i < $3 * 2; i++)); do "$2" && return 0; sleep 0.5; done
  return 1
}

# ── PostgreSQL ──
if ! pg_up; then
  say "PostgreSQL not answering on $PG_HOST:$PG_PORT; starting it"
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    for v in $(ls /etc/postgresql); do pg_ctlcluster --skip-systemctl-redirect "$v" main start || true; done
  fi
  wait_for PostgreSQL pg_up 30 || fail "PostgreSQL does not answer on $PG_HOST:$PG_PORT (tried pg_ctlcluster … main start; see /var/log/postgresql/)"
fi
if command -v psql >/dev/null; then
  if ! psql -h "$PG_HOST" -p "$PG_PORT" -U root -d "$PG_DB" -Atc 'select 1' >/dev/null 2>&1; then
    say "database $PG_DB missing or not reachable as root; creating it"
    createdb -h "$PG_HOST" -p "$PG_PORT" -U root "$PG_DB" 2>/dev/null || psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -c "CREATE DATABASE $PG_DB" >/dev/null 2>&1 || true
    psql -h "$PG_HOST" -p "$PG_PORT" -U root -d "$PG_DB" -Atc 'select 1' >/dev/null 2>&1 || fail "cannot connect to postgres://root@$PG_HOST:$PG_PORT/$PG_DB (trust authentication for root expected)"
  fi
fi
say "PostgreSQL answers on $PG_HOST:$PG_PORT"

# ── NATS with JetStream ──
if [ -z "$(nats_info)" ]; then
  say "NATS not answering on $NATS_HOST:$NATS_PORT; starting it"
  command -v start-stop-daemon >/dev/null && [ -x /usr/sbin/nats-server ] || fail "NATS is not running and /usr/sbin/nats-server (or start-stop-daemon) is not installed"
  mkdir -p "$NATS_STORE"
  start-stop-daemon --start --oknodo --background ${PARLEY_NATS_PIDFILE:+--make-pidfile --pidfile "$PARLEY_NATS_PIDFILE"} \
    --exec /usr/sbin/nats-server -- -a "$NATS_HOST" -p "$NATS_PORT" -js -sd "$NATS_STORE" -l "$NATS_LOG"
  nats_up() { [ -n "$(nats_info)" ]; }
  wait_for NATS nats_up 30 || fail "NATS does not answer on $NATS_HOST:$NATS_PORT (see $NATS_LOG)"
fi
nats_info | grep -q '"jetstream":true' || fail "NATS on $NATS_HOST:$NATS_PORT runs without JetStream (start nats-server with -js)"
say "NATS with JetStream answers on $NATS_HOST:$NATS_PORT"
