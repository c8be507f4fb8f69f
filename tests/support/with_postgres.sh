#!/usr/bin/env bash
# with_postgres.sh CMD...: runs CMD with a throwaway PostgreSQL 15 cluster on 127.0.0.1 and
# USHER_PG_ADMIN set to a connection string of its superuser; removes it afterwards.
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dir=$(mktemp -d /tmp/usher-pg.XXXXXX)
chown postgres:postgres "$dir"
runuser -u postgres -- "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 \
  --locale=C.UTF-8 --no-sync >"$dir/initdb.log"
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  start >/dev/null
stop() {
  rc=$?
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true
  rm -rf "$dir"
  exit $rc
}
trap stop EXIT
export USHER_PG_ADMIN="host=127.0.0.1 port=$port user=postgres dbname=postgres"
export USHER_PG_PORT=$port
"$@"
