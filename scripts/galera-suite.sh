#!/usr/bin/env bash
# Issue 22 in a test: a three-node MariaDB Galera cluster (scripts/galera.sh) with app replicas
# each on its own node behind HAProxy. Runs the replica suite (the monthly limit under
# concurrency, idempotency, guessing limits, sessions, restarts) with its two replicas on nodes 1
# and 2, then the Galera suite (the feed under writers on every node, a node killed, a node cut
# off, the whole cluster killed and bootstrapped again), and stops the cluster.
#
#   scripts/galera-suite.sh [jest args]
#
# GALERA_DIR (default /tmp/gas-galera) and GALERA_PORT (default 3400: SQL on 3400-3402, Galera
# on 3410-3412, IST 3420-3422, SST 3430-3432). Skip the build with REPLICAS_NO_BUILD=1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export GALERA_DIR=${GALERA_DIR:-/tmp/gas-galera}
GALERA_PORT=${GALERA_PORT:-3400}
trap 'bash scripts/galera.sh stop "$GALERA_DIR" || true' EXIT

urls=$(bash scripts/galera.sh start "$GALERA_DIR" "$GALERA_PORT")
GALERA_NODE_URLS=$(printf '%s\n' "$urls" | sed -n 's/^DATABASE_URL_[0-9]=//p' | paste -sd, -)
export GALERA_NODE_URLS
export MARIADB_URL=${GALERA_NODE_URLS%%,*}

if [[ -z ${REPLICAS_NO_BUILD:-} ]]; then
  npm run build:server
fi
env -u DATABASE_URL npx jest -c jest.replicas.config.ts --runInBand "$@"
env -u DATABASE_URL npx jest -c jest.galera.config.ts --runInBand "$@"
