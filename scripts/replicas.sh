#!/usr/bin/env bash
# The replica suite (issue 17, "Beyond one machine"): builds the server, then starts two
# replicas of it on a MariaDB/MySQL server behind HAProxy (loopback only) and checks across them.
#
#   MARIADB_URL=mysql://gas:gas@127.0.0.1:3314/gas scripts/replicas.sh [jest args]
#
# The URL's user must be allowed to create databases: each describe block gets one of its own
# (gas_replicas_<pid>_<n>), dropped at the end. REPLICAS_PORT_BASE=4400 puts the replicas, HAProxy
# and its stats page on 4400, 4401, ... instead of free ports. HAPROXY_BIN (default
# /usr/sbin/haproxy). Skip the build with REPLICAS_NO_BUILD=1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -z ${MARIADB_URL:-} ]]; then
  if [[ ${DATABASE_URL:-} == mysql://* ]]; then
    export MARIADB_URL=$DATABASE_URL
  else
    echo "replicas.sh: set MARIADB_URL to a mysql:// URL (see scripts/mariadb.sh)" >&2
    exit 2
  fi
fi
command -v "${HAPROXY_BIN:-/usr/sbin/haproxy}" >/dev/null ||
  { echo "replicas.sh: HAProxy is not installed (apt-get install haproxy)" >&2; exit 2; }

if [[ -z ${REPLICAS_NO_BUILD:-} ]]; then
  npm run build:server
fi
# The suite's own database choice is MARIADB_URL; the replicas get theirs from the suite.
exec env -u DATABASE_URL npx jest -c jest.replicas.config.ts --runInBand "$@"
