#!/usr/bin/env bash
# Invitations per second through one and through three usher processes on one
# PostgreSQL (8 clients in all). Run inside tests/support/with_postgres.sh.
# Usage: tests/support/with_postgres.sh bench/invite_pg.sh PATH/TO/usher
set -euo pipefail
usher=$(realpath "$1") seconds=${BENCH_SECONDS:-10} here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/usher-bench-pg.XXXXXX)
pids=()
trap 'for p in "${pids[@]}"; do kill $p 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"' EXIT
psql "$USHER_PG_ADMIN" -qc "CREATE DATABASE usher_bench"
db="postgresql://postgres@127.0.0.1:$USHER_PG_PORT/usher_bench"
demo=$("$usher" demo --db "$db")
field() { /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1" <<<"$demo"; }
export USHER_GROUP=$(field 'd["user_groups"][0]["id"]')
ports=()
for i in 1 2 3; do
  port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$usher" serve --db "$db" --listen "127.0.0.1:$port" --maildir "$work/mail" 2>/dev/null >/dev/null &
  pids+=($!)
  ports+=($port)
done
for port in "${ports[@]}"; do
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.05; done
done
export USHER_TOKEN=$(curl -s -X POST "http://127.0.0.1:${ports[0]}/api/v1/auth/login" \
  -H 'content-type: application/json' \
  -d "{\"email\": \"$(field 'd["admin_email"]')\", \"password\": \"$(field 'd["admin_password"]')\"}" |
  /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
rps() { awk '/Requests\/sec/ {print $2}'; }
one=$(wrk -t2 -c8 -d${seconds}s -s "$here/invite.lua" "http://127.0.0.1:${ports[0]}" 2>&1 | rps)
echo "PostgreSQL, 1 process, 8 clients: ${one} invitations/s"
total=0
for port in "${ports[@]}"; do
  wrk -t1 -c3 -d${seconds}s -s "$here/invite.lua" "http://127.0.0.1:$port" > "$work/wrk.$port" 2>&1 &
done
wait $(jobs -p | tail -3) 2>/dev/null || true
sleep 0.5
for port in "${ports[@]}"; do total=$(awk -v t="$total" -v r="$(rps < "$work/wrk.$port")" 'BEGIN {print t + r}'); done
echo "PostgreSQL, 3 processes, 9 clients: ${total} invitations/s"
