#!/bin/bash
# The official image's start-up, in short: on an empty PGDATA, initdb with POSTGRES_USER and POSTGRES_PASSWORD,
# create POSTGRES_DB through a temporary server listening on the socket only, stop it, then run the real server
# on every address. Like the official image the log says "ready to accept connections" twice (the temporary
# server, then the real one), which is what Testcontainers' PostgreSQLContainer waits for.
set -euo pipefail
if [ "${1:0:1}" = '-' ]; then
  set -- postgres "$@"
fi
if [ "$1" != postgres ]; then
  exec "$@"
fi
shift
user=${POSTGRES_USER:-postgres}
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set (as with the official image)}"
  pwfile=$(mktemp)
  printf '%s' "$POSTGRES_PASSWORD" > "$pwfile"
  initdb -D "$PGDATA" --username="$user" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -k /var/run/postgresql" -w start
  database=${POSTGRES_DB:-$user}
  if [ "$database" != postgres ]; then
    psql -v ON_ERROR_STOP=1 -q -h /var/run/postgresql -U "$user" -d postgres -c "CREATE DATABASE \"$database\""
  fi
  pg_ctl -D "$PGDATA" -m fast -w stop
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' -k /var/run/postgresql "$@"
