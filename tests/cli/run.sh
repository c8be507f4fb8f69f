#!/usr/bin/env bash
# Black-box tests of the usher command line (API.md "Command line") against a real SQLite
# file. Usage: run.sh PATH/TO/usher
set -uo pipefail
usher=$(realpath "$1")
work=$(mktemp -d /tmp/usher-cli.XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
db="sqlite:$work/data/usher.db"
passed=0 failed=0

check() {  # check NAME EXPECTED_EXIT CMD...; output in $out, stderr in $err
  local name=$1 want=$2; shift 2
  "$@" >"$work/out" 2>"$work/err"; local got=$?
  out=$(cat "$work/out"); err=$(cat "$work/err")
  if [ "$got" = "$want" ]; then return 0; fi
  echo "FAIL $name: exit $got, wanted $want; stderr: $err"; failed=$((failed + 1)); return 1
}
ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1: $2"; }
json() { /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))' "$1" <<<"$out"; }

check version 0 "$usher" --version && { [[ $out == "usher "* ]] && ok version || bad version "$out"; }
check help 0 "$usher" --help && { [[ $out == *migrate*company*demo* ]] && ok help || bad help "$out"; }
for cmd in migrate demo purge "company create"; do
  check "help $cmd" 0 "$usher" $cmd --help && { [[ $out == *--db* ]] && ok "help $cmd" || bad "help $cmd" "$out"; }
done
check "no command" 2 "$usher" && { [ "$(wc -l <<<"$err")" = 1 ] && ok "no command: one line" || bad "no command" "$err"; }
check "unknown command" 2 "$usher" frobnicate && ok "unknown command"
check "unknown flag" 2 "$usher" migrate --frob && ok "unknown flag"
check "missing required" 2 "$usher" company create --name X --db "$db" && ok "missing required flag"
check "bad db url" 2 "$usher" migrate --db "mysql://x" && { [[ $err == *sqlite:PATH* ]] && ok "bad db url says what to do" || bad "bad db url" "$err"; }

check migrate 0 "$usher" migrate --db "$db" && { [ -f "$work/data/usher.db" ] && ok "migrate creates the file" || bad migrate "no file"; }
check "migrate again" 0 "$usher" migrate --db "$db" && ok "migrate is idempotent"

check "company create" 0 "$usher" company create --name "Acme Retail" --admin-email Boss@Acme.example \
  --admin-password "long enough pw" --region NL --timezone Europe/Amsterdam --db "$db" &&
  { [ "$(json 'sorted(d.keys())')" = "['admin_id', 'company_id']" ] && [ -n "$(json 'd["company_id"]')" ] &&
    ok "company create prints company_id and admin_id" || bad "company create" "$out"; }
check "company create duplicate admin" 1 "$usher" company create --name Other --admin-email boss@acme.example \
  --admin-password "long enough pw" --db "$db" && ok "duplicate admin e-mail exits 1"
check "company create invalid" 2 "$usher" company create --name " " --admin-email nope \
  --admin-password short --region XX --timezone Mars/Olympus --db "$db" &&
  { [[ $err == *--name*--admin-email*--admin-password*--region*--timezone* ]] && [ "$(wc -l <<<"$err")" = 1 ] &&
    ok "invalid company input names every flag on one line" || bad "company create invalid" "$err"; }
USHER_DB="$db" check "env USHER_DB" 0 "$usher" company create --name Env --admin-email env@acme.example \
  --admin-password "long enough pw" && ok "USHER_DB is read"

check demo 0 "$usher" demo --db "$db" && first=$(json 'd["company_id"]') &&
  { [ "$(json 'd["created"]')" = True ] && [ "$(json 'len(d["stores"])')" -ge 3 ] &&
    [ "$(json 'len(d["user_groups"])')" -ge 3 ] && [ -n "$(json 'd["admin_password"]')" ] &&
    ok "demo creates a company with stores, groups and an admin" || bad demo "$out"; }
check "demo again" 0 "$usher" demo --db "$db" &&
  { [ "$(json 'd["company_id"]')" = "$first" ] && [ "$(json 'd["created"]')" = False ] &&
    ok "demo is idempotent" || bad "demo again" "$out"; }
stores=$(sqlite3 "$work/data/usher.db" "select count(*) from stores s join companies c on c.id = s.company_id where c.name = 'Demo Retail'")
[ "$stores" = 4 ] && ok "demo stores not duplicated" || bad "demo stores" "$stores"

check "purge dry run" 0 "$usher" purge --dry-run --db "$db" &&
  { [ "$(json 'd["would_erase"]')" = 0 ] && ok "purge --dry-run" || bad "purge dry run" "$out"; }
check purge 0 "$usher" purge --db "$db" && { [ "$(json 'd["erased"]')" = 0 ] && ok purge || bad purge "$out"; }

group=$(sqlite3 "$work/data/usher.db" "select g.name from user_groups g join companies c on c.id = g.company_id where c.name = 'Demo Retail' limit 1")
cat > "$work/import.csv" <<CSV
first_name,last_name,email,phone,job_position,external_id,role,stores,user_groups,language
Ana,Peeters,ana.cli@example.com,,Sales,E-1,user,,$group,nl
Bo,Smet,not-an-address,,,,user,,$group,nl
CSV
check "import dry run" 0 "$usher" import --company "$first" "$work/import.csv" --dry-run --db "$db" &&
  { [ "$(json '(d["valid"], d["invalid"], d["invited"], d["rows"][0]["row"])')" = "(1, 1, 0, 3)" ] &&
    ok "import --dry-run reports per row" || bad "import dry run" "$out"; }
check "import" 0 "$usher" import --company "$first" "$work/import.csv" --db "$db" &&
  { [ "$(json 'd["invited"]')" = 1 ] && ok "import invites the valid rows" || bad import "$out"; }
check "import unknown company" 2 "$usher" import --company nope "$work/import.csv" --db "$db" &&
  ok "import into an unknown company exits 2"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
