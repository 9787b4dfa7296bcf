#!/usr/bin/env bash
# A three-node MariaDB Galera Cluster on this machine, for development, tests and the bench.
#
#   scripts/galera.sh start DIR PORT        start (or rejoin) the cluster: node N serves SQL on
#                                           127.0.0.1:PORT+N-1; prints DATABASE_URL_N=... lines
#   scripts/galera.sh stop DIR              stop every node cleanly (last one leaves last)
#   scripts/galera.sh kill-node DIR N       kill -9 node N
#   scripts/galera.sh start-node DIR N      start node N; it rejoins (IST from gcache, else SST)
#   scripts/galera.sh isolate DIR N on|off  cut node N off the others (or reconnect it)
#   scripts/galera.sh status DIR            each node: cluster status, size, last committed
#
# Ports from PORT: SQL +0..2, group communication +10..12, IST +20..22, SST +30..32.
# Like scripts/mariadb.sh it runs as root without systemd and keeps all under DIR; each node
# reads only DIR/nodeN/my.cnf, which the state-transfer scripts read too.
#
# `start` on a cluster whose nodes are all down bootstraps from the most advanced node (the
# highest seqno in grastate.dat, or the one --wsrep-recover finds after a crash), so nothing a
# node had committed is lost; the others rejoin it.
# "isolate" uses Galera's own gmcast.isolate, which drops the node's group connections as a
# firewall rule on its port would: it falls out of the primary component and refuses queries.
set -euo pipefail
PATH="$PATH:/usr/sbin:/usr/local/sbin"

NODES=3
START_TIMEOUT=120
STOP_TIMEOUT=60
PROVIDER=/usr/lib/galera/libgalera_smm.so

log() { printf 'galera.sh: %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}
usage() {
  sed -n '3,10p' "$0" >&2
  exit 2
}

alive() {
  local state
  kill -0 "$1" 2>/dev/null || return 1
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true)
  [[ $state != Z ]]
}

node_dir() { printf '%s/node%s' "$1" "$2"; }
node_pid() {
  local pidfile pid
  pidfile=$(node_dir "$1" "$2")/mysqld.pid
  [[ -s $pidfile ]] || return 0
  pid=$(tr -dc '0-9' <"$pidfile")
  [[ -n $pid ]] && alive "$pid" && printf '%s\n' "$pid"
  return 0
}
sql() {
  local ndir
  ndir=$(node_dir "$1" "$2")
  shift 2
  mariadb --defaults-file="$ndir/my.cnf" -uroot -N -B "$@"
}
status_of() { sql "$1" "$2" -e "SHOW STATUS LIKE '$3'" 2>/dev/null | awk '{print $2}'; }

write_config() {
  local dir=$1 n=$2 base=$3 ndir members="" i
  ndir=$(node_dir "$dir" "$n")
  for ((i = 1; i <= NODES; i++)); do members+="${members:+,}127.0.0.1:$((base + 9 + i))"; done
  mkdir -p "$ndir"
  cat >"$ndir/my.cnf" <<CNF
[client]
socket=$ndir/mysqld.sock

[mysqld]
user=root
datadir=$ndir/data
socket=$ndir/mysqld.sock
pid-file=$ndir/mysqld.pid
log-error=$ndir/mysqld.err
bind-address=127.0.0.1
port=$((base + n - 1))
character-set-server=utf8mb4
collation-server=utf8mb4_unicode_ci
innodb-lock-wait-timeout=5
max-connections=500
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_flush_log_at_trx_commit=2
wsrep_on=ON
wsrep_provider=$PROVIDER
wsrep_cluster_name=gas
wsrep_cluster_address=gcomm://$members
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1:$((base + 9 + n))
wsrep_node_incoming_address=127.0.0.1:$((base + n - 1))
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$((base + 9 + n));ist.recv_addr=127.0.0.1:$((base + 19 + n));gcache.size=128M;pc.recovery=TRUE"
wsrep_sst_method=mariabackup
wsrep_sst_auth=root:
wsrep_sst_receive_address=127.0.0.1:$((base + 29 + n))
wsrep_slave_threads=2
wsrep_retry_autocommit=4

[sst]
sockopt=",reuseaddr"
CNF
}

wait_until_synced() {
  local dir=$1 n=$2 pid=$3 deadline=$((SECONDS + START_TIMEOUT)) ndir
  ndir=$(node_dir "$dir" "$n")
  until [[ $(status_of "$dir" "$n" wsrep_local_state_comment) == Synced ]]; do
    if ! alive "$pid"; then
      tail -n 40 "$ndir/mysqld.err" >&2 || true
      die "node $n exited during start-up (log: $ndir/mysqld.err)"
    fi
    ((SECONDS < deadline)) || die "node $n did not reach Synced within ${START_TIMEOUT}s"
    sleep 0.5
  done
}

# Start node N; "new" bootstraps a new primary component from it.
launch() {
  local dir=$1 n=$2 mode=${3:-join} ndir pid extra=()
  ndir=$(node_dir "$dir" "$n")
  [[ -z $(node_pid "$dir" "$n") ]] || return 0
  if [[ ! -d $ndir/data/mysql ]]; then
    mariadb-install-db --defaults-file="$ndir/my.cnf" --auth-root-authentication-method=normal \
      --skip-test-db >"$ndir/install.log" 2>&1 || die "mariadb-install-db failed ($ndir/install.log)"
  fi
  [[ $mode == new ]] && extra+=(--wsrep-new-cluster)
  # After a crash: where InnoDB stopped, so the node asks for IST from there (or, bootstrapping,
  # the cluster goes on from it) instead of a full state transfer or a new history.
  if [[ -f $ndir/data/grastate.dat ]] && grep -q '^seqno: *-1' "$ndir/data/grastate.dat"; then
    local position
    position=$(position_of "$dir" "$n")
    [[ -n $position ]] && extra+=(--wsrep-start-position="$position")
  fi
  log "starting node $n${extra[*]:+ (${extra[*]})}"
  nohup mariadbd --defaults-file="$ndir/my.cnf" "${extra[@]}" </dev/null >"$ndir/mysqld.out" 2>&1 &
  pid=$!
  wait_until_synced "$dir" "$n" "$pid"
  log "node $n is Synced (pid $pid)"
}

# The last position ("uuid:seqno") a stopped node committed: grastate.dat after a clean stop;
# after a crash (seqno -1 there) InnoDB's, found by --wsrep-recover, as systemd's
# galera_recovery does. Empty for a node that never started.
position_of() {
  local dir=$1 n=$2 ndir uuid seqno
  ndir=$(node_dir "$dir" "$n")
  [[ -f $ndir/data/grastate.dat ]] || return 0
  uuid=$(awk '/^uuid:/ {print $2}' "$ndir/data/grastate.dat")
  seqno=$(awk '/^seqno:/ {print $2}' "$ndir/data/grastate.dat")
  if [[ $seqno == -1 ]]; then
    mariadbd --defaults-file="$ndir/my.cnf" --wsrep-recover --log-error="$ndir/recover.err" \
      >/dev/null 2>&1 || true
    sed -n 's/.*Recovered position: \([-0-9a-f]*:[-0-9]*\).*/\1/p' "$ndir/recover.err" | tail -n 1
  else
    printf '%s:%s\n' "$uuid" "$seqno"
  fi
}

cmd_start() {
  [[ $# -eq 2 ]] || usage
  local dir=$1 base=$2 n running=0 best=1 best_seqno=-2 s
  [[ -x $PROVIDER ]] || [[ -f $PROVIDER ]] || die "Galera is not installed: apt-get install galera-4 mariadb-backup socat"
  command -v mariabackup >/dev/null || die "mariabackup is missing: apt-get install mariadb-backup"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  for ((n = 1; n <= NODES; n++)); do
    write_config "$dir" "$n" "$base"
    [[ -n $(node_pid "$dir" "$n") ]] && running=$((running + 1))
  done
  if ((running == 0)); then
    for ((n = 1; n <= NODES; n++)); do
      s=$(position_of "$dir" "$n")
      s=${s##*:}
      s=${s:--1}
      if ((s > best_seqno)); then best=$n best_seqno=$s; fi
    done
    log "bootstrapping from node $best (seqno $best_seqno)"
    # The chosen node may bootstrap even if it did not leave last.
    if [[ -f $(node_dir "$dir" "$best")/data/grastate.dat ]]; then
      sed -i 's/^safe_to_bootstrap: 0/safe_to_bootstrap: 1/' "$(node_dir "$dir" "$best")/data/grastate.dat"
    fi
    launch "$dir" "$best" new
  fi
  for ((n = 1; n <= NODES; n++)); do launch "$dir" "$n"; done
  sql "$dir" 1 <<'SQL'
CREATE DATABASE IF NOT EXISTS gas CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'gas'@'localhost' IDENTIFIED BY 'gas';
CREATE USER IF NOT EXISTS 'gas'@'127.0.0.1' IDENTIFIED BY 'gas';
GRANT ALL PRIVILEGES ON *.* TO 'gas'@'localhost';
GRANT ALL PRIVILEGES ON *.* TO 'gas'@'127.0.0.1';
SQL
  log "cluster size $(status_of "$dir" 1 wsrep_cluster_size)"
  for ((n = 1; n <= NODES; n++)); do
    printf 'DATABASE_URL_%s=mysql://gas:gas@127.0.0.1:%s/gas\n' "$n" "$((base + n - 1))"
  done
}

stop_node() {
  local dir=$1 n=$2 signal=${3:-TERM} pid deadline
  pid=$(node_pid "$dir" "$n")
  [[ -n $pid ]] || return 0
  kill -"$signal" "$pid"
  deadline=$((SECONDS + STOP_TIMEOUT))
  while alive "$pid"; do
    ((SECONDS < deadline)) || {
      kill -KILL "$pid" 2>/dev/null || true
      die "node $n (pid $pid) did not stop within ${STOP_TIMEOUT}s; killed it"
    }
    sleep 0.2
  done
  log "node $n stopped ($signal)"
}

cmd_stop() {
  [[ $# -eq 1 ]] || usage
  local n
  for ((n = NODES; n >= 1; n--)); do stop_node "$1" "$n"; done
}

cmd_status() {
  [[ $# -eq 1 ]] || usage
  local n
  for ((n = 1; n <= NODES; n++)); do
    if [[ -n $(node_pid "$1" "$n") ]]; then
      printf 'node%s %s size=%s committed=%s\n' "$n" \
        "$(status_of "$1" "$n" wsrep_cluster_status)" "$(status_of "$1" "$n" wsrep_cluster_size)" \
        "$(status_of "$1" "$n" wsrep_last_committed)"
    else
      printf 'node%s down\n' "$n"
    fi
  done
}

[[ $# -ge 2 ]] || usage
command=$1
shift
case $command in
  start) cmd_start "$@" ;;
  stop) cmd_stop "$@" ;;
  kill-node) stop_node "$1" "$2" KILL ;;
  start-node) launch "$1" "$2" ;;
  isolate)
    [[ $3 == on ]] && v=1 || v=0
    sql "$1" "$2" -e "SET GLOBAL wsrep_provider_options='gmcast.isolate=$v'"
    ;;
  status) cmd_status "$@" ;;
  *) usage ;;
esac
