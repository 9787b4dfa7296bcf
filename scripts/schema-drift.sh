#!/usr/bin/env bash
# Do the entities and the migrations agree? (issue 18, item 5)
#   bash scripts/schema-drift.sh mysql://gas:gas@127.0.0.1:3306/gas
# Migrates a fresh database beside the one named (same server, same credentials) with
# `npm run migrate`, then asks TypeORM's own CLI, through ormconfig.ts, what it would still
# generate: `typeorm migration:generate --check`. The statements of its `up()` must be exactly
# the known differences in scripts/schema-drift.known.txt (that file says what each one is).
# A new difference fails, and so does a known one that went away (then shorten the list).
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "${BASH_SOURCE[0]}")/.."

url=${1:?usage: scripts/schema-drift.sh mysql://user:pass@host:port/database}
if [[ ! $url =~ ^mysql://([^:@/]+):([^@/]*)@([^:/]+):([0-9]+)/([^/?]+)$ ]]; then
  echo "schema-drift: expected mysql://user:pass@host:port/database, got $url" >&2
  exit 2
fi
user=${BASH_REMATCH[1]} pass=${BASH_REMATCH[2]} host=${BASH_REMATCH[3]} port=${BASH_REMATCH[4]}
db="gas_drift_$$"
work=$(mktemp -d /tmp/gas-drift.XXXXXX)
sql() { MYSQL_PWD=$pass mariadb --protocol=tcp -h "$host" -P "$port" -u "$user" -e "$1"; }
cleanup() {
  sql "DROP DATABASE IF EXISTS \`$db\`" || true
  rm -rf "$work"
}
trap cleanup EXIT

sql "CREATE DATABASE \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
export DATABASE_URL="mysql://$user:$pass@$host:$port/$db"
npm run --silent migrate
status=0
# TypeORM's CLI colours its output when CI=true; the comparison wants plain text.
NO_COLOR=1 FORCE_COLOR=0 npx typeorm-ts-node-commonjs migration:generate "$work/EntitiesAgree" \
  --check -d ormconfig.ts >"$work/out" 2>&1 || status=$?
sed -i -e 's/\x1b\[[0-9;]*m//g' "$work/out"

# The statements TypeORM would run to bring the schema to the entities, one a line, sorted.
sed -n '/public async up/,/public async down/p' "$work/out" | { grep -F 'queryRunner.query(' || true; } |
  sed -e 's/^ *await queryRunner.query(`//' -e 's/`);$//' -e 's/\\`/`/g' | LC_ALL=C sort >"$work/found"
{ grep -v -e '^#' -e '^$' scripts/schema-drift.known.txt || true; } | LC_ALL=C sort >"$work/known"

if ((status == 0)); then
  echo "schema-drift: TypeORM finds nothing to generate."
elif [[ ! -s $work/found ]]; then
  cat "$work/out" >&2
  echo "schema-drift: migration:generate failed (exit $status), see above" >&2
  exit 1
fi
if ! diff -u "$work/known" "$work/found" >"$work/diff"; then
  cat "$work/diff" >&2
  echo "schema-drift: the entities and the migrations disagree beyond the known list" \
    "(scripts/schema-drift.known.txt); +: new difference, -: known one gone" >&2
  exit 1
fi
echo "schema-drift: $(wc -l <"$work/found") known differences, nothing new" \
  "(scripts/schema-drift.known.txt)"
