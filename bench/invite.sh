#!/usr/bin/env bash
# Invitations created per second through the API, with p50/p99 latency, at 1 and 8
# concurrent clients, on a fresh SQLite database. Usage: bench/invite.sh PATH/TO/usher
set -euo pipefail
usher=$(realpath "$1") seconds=${BENCH_SECONDS:-10} here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/usher-bench.XXXXXX)
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"
demo=$("$usher" demo --db "sqlite:$work/usher.db")
field() { /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1" <<<"$demo"; }
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$usher" serve ${BENCH_SERVE_ARGS:-} --db "sqlite:$work/usher.db" --listen "127.0.0.1:$port" --maildir "$work/mail" \
  >/dev/null 2>"$work/log" &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.05; done
export USHER_GROUP=$(field 'd["user_groups"][0]["id"]')
token_json=$(curl -s -X POST "http://127.0.0.1:$port/api/v1/auth/login" \
  -H 'content-type: application/json' \
  -d "{\"email\": \"$(field 'd["admin_email"]')\", \"password\": \"$(field 'd["admin_password"]')\"}" |
  cat)
export USHER_TOKEN=$(/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' <<<"$token_json")
for c in 1 8; do
  out=$(wrk -t$(( c < 2 ? 1 : 2 )) -c$c -d${seconds}s --latency -s "$here/invite.lua" \
        "http://127.0.0.1:$port" 2>&1)
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  created=$(grep -ac "status=201" "$work/log" || true)
  grep -a "msg=request" "$work/log" | grep -av "status=20[01]" | head -2 >&2 || true
  other=$(grep -a "msg=request" "$work/log" | grep -avc "status=20[01]" || true)
  : > "$work/log"
  echo "invitations created, $c client(s): ${rps}/s  p50 ${p50}  p99 ${p99}  (201: $created, other: $other)"
done
