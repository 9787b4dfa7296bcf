#!/usr/bin/env bash
# Start and stop a private MariaDB server for development and tests.
#
#   scripts/mariadb.sh start DIR PORT   initialise DIR/data (once), start mariadbd on
#                                       127.0.0.1:PORT, create database `gas` and user
#                                       gas/gas, print DATABASE_URL=... on stdout
#   scripts/mariadb.sh stop DIR         stop the server started with DIR
#
# Runs as root without systemd: the server keeps everything (data, socket, pid file, logs)
# under DIR and reads no system option files (--no-defaults), so several servers on different
# ports can run side by side.
# Progress goes to stderr; the only line on stdout is the DATABASE_URL.
set -euo pipefail

# mariadbd lives in /usr/sbin, which is not always on PATH.
PATH="$PATH:/usr/sbin:/usr/local/sbin"

START_TIMEOUT=60
STOP_TIMEOUT=30

log() { printf 'mariadb.sh: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

usage() {
  cat >&2 <<'USAGE'
usage: scripts/mariadb.sh start DIR PORT
       scripts/mariadb.sh stop DIR
USAGE
  exit 2
}

# True while the process exists and is not a zombie waiting to be reaped.
alive() {
  local state
  kill -0 "$1" 2>/dev/null || return 1
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true)
  [[ $state != Z ]]
}

# The pid from DIR/mysqld.pid if that process is alive and is a MariaDB server; empty otherwise.
running_pid() {
  local pidfile=$1/mysqld.pid pid comm
  [[ -s $pidfile ]] || return 0
  pid=$(tr -dc '0-9' <"$pidfile")
  [[ -n $pid ]] || return 0
  alive "$pid" || return 0
  comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
  case $comm in
    mariadbd | mysqld) printf '%s\n' "$pid" ;;
  esac
}

error_log_tail() {
  local dir=$1
  if [[ -f $dir/mysqld.err ]]; then
    log "last lines of $dir/mysqld.err:"
    tail -n 30 "$dir/mysqld.err" >&2
  fi
  if [[ -s $dir/mysqld.out ]]; then
    log "last lines of $dir/mysqld.out:"
    tail -n 10 "$dir/mysqld.out" >&2
  fi
}

cmd_start() {
  [[ $# -eq 2 ]] || usage
  local dir=$1 port=$2
  if ! [[ $port =~ ^[0-9]{1,5}$ ]] || ((10#$port < 1 || 10#$port > 65535)); then
    die "PORT must be a number 1..65535, got '$port'"
  fi
  port=$((10#$port))

  local bin missing=()
  for bin in mariadb-install-db mariadbd mariadb-admin mariadb; do
    command -v "$bin" >/dev/null 2>&1 || missing+=("$bin")
  done
  if ((${#missing[@]})); then
    die "MariaDB is not installed (missing: ${missing[*]}).
  Install it with: apt-get install -y --no-install-recommends mariadb-server mariadb-client"
  fi

  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  local datadir=$dir/data socket=$dir/mysqld.sock pidfile=$dir/mysqld.pid
  # A unix socket path is limited to 107 bytes.
  ((${#socket} < 108)) || die "DIR is too long for a unix socket path: $socket"

  local pid
  pid=$(running_pid "$dir")
  if [[ -n $pid ]]; then
    log "a server from $dir is already running (pid $pid)"
    local actual_port
    actual_port=$(mariadb --no-defaults --socket="$socket" -uroot -N -B -e 'SELECT @@port') ||
      die "server pid $pid does not answer on $socket"
    [[ $actual_port == "$port" ]] ||
      die "the server from $dir listens on port $actual_port, not $port; stop it first"
  else
    rm -f "$pidfile" "$socket"
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      die "port $port on 127.0.0.1 is already in use"
    fi

    if [[ ! -d $datadir/mysql ]]; then
      log "initialising $datadir"
      if ! mariadb-install-db --no-defaults --user=root --datadir="$datadir" \
        --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1; then
        tail -n 30 "$dir/install.log" >&2
        die "mariadb-install-db failed (full log: $dir/install.log)"
      fi
    fi

    log "starting mariadbd on 127.0.0.1:$port (data in $datadir)"
    nohup mariadbd --no-defaults --user=root --datadir="$datadir" --socket="$socket" \
      --bind-address=127.0.0.1 --port="$port" --pid-file="$pidfile" \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
      --innodb-lock-wait-timeout=5 --max-connections=500 \
      --log-error="$dir/mysqld.err" </dev/null >"$dir/mysqld.out" 2>&1 &
    local child=$!

    local deadline=$((SECONDS + START_TIMEOUT))
    until mariadb-admin --no-defaults --socket="$socket" -uroot ping >/dev/null 2>&1; do
      if ! alive "$child"; then
        error_log_tail "$dir"
        die "mariadbd exited during start-up"
      fi
      if ((SECONDS >= deadline)); then
        error_log_tail "$dir"
        kill "$child" 2>/dev/null || true
        die "mariadbd did not answer within ${START_TIMEOUT}s"
      fi
      sleep 0.2
    done
    log "mariadbd is up (pid $child)"
  fi

  # Idempotent: safe on every start. The user needs CREATE/DROP DATABASE because the tests
  # create one database per jest worker.
  mariadb --no-defaults --socket="$socket" -uroot <<'SQL'
CREATE DATABASE IF NOT EXISTS gas CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'gas'@'localhost' IDENTIFIED BY 'gas';
CREATE USER IF NOT EXISTS 'gas'@'127.0.0.1' IDENTIFIED BY 'gas';
ALTER USER 'gas'@'localhost' IDENTIFIED BY 'gas';
ALTER USER 'gas'@'127.0.0.1' IDENTIFIED BY 'gas';
GRANT ALL PRIVILEGES ON *.* TO 'gas'@'localhost';
GRANT ALL PRIVILEGES ON *.* TO 'gas'@'127.0.0.1';
SQL

  printf 'DATABASE_URL=mysql://gas:gas@127.0.0.1:%s/gas\n' "$port"
}

cmd_stop() {
  [[ $# -eq 1 ]] || usage
  local dir=$1 pid
  pid=$(running_pid "$dir")
  if [[ -z $pid ]]; then
    log "no server running from $dir"
    rm -f "$dir/mysqld.pid"
    return 0
  fi
  log "stopping mariadbd (pid $pid)"
  kill "$pid"
  local deadline=$((SECONDS + STOP_TIMEOUT))
  while alive "$pid"; do
    if ((SECONDS >= deadline)); then
      error_log_tail "$dir"
      kill -KILL "$pid" 2>/dev/null || true
      die "mariadbd (pid $pid) did not stop within ${STOP_TIMEOUT}s; killed it"
    fi
    sleep 0.2
  done
  log "stopped"
}

[[ $# -ge 1 ]] || usage
command=$1
shift
case $command in
  start) cmd_start "$@" ;;
  stop) cmd_stop "$@" ;;
  *) usage ;;
esac
