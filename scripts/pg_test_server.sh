#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests (issue 16): a new cluster in a temporary folder,
# started as an unprivileged user, listening on a Unix socket in that folder and on
# 127.0.0.1 at a free port. Nothing of the machine's own PostgreSQL is touched.
#
#   eval "$(bash scripts/pg_test_server.sh start)"   # exports MASTERGROUP_TEST_PG, …_DIR
#   pytest                                           # runs the suite on both backends
#   bash scripts/pg_test_server.sh stop              # stops it and removes the folder
#
# `start` installs Debian's `postgresql` package first when no initdb is found and this runs
# as root (CI); as another user it says what to install. The bootstrap superuser is
# `mastergroup_admin` (trust on the socket; scram-sha-256 with a password over TCP, so the
# tests can try a wrong password). MASTERGROUP_TEST_PG is the socket URL of that superuser.
set -euo pipefail

find_bin() {
  local dir
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return 0
  fi
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

start() {
  local bin
  if ! bin=$(find_bin); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "pg_test_server: installing Debian's postgresql package" >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 \
        || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; }
      bin=$(find_bin)
    else
      echo "pg_test_server: no initdb found: install PostgreSQL (Debian: apt install postgresql)" >&2
      exit 1
    fi
  fi
  local dir port runas
  dir=$(mktemp -d /tmp/mastergroup-pg.XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  runas=()
  # Owner only: the socket in it accepts the superuser without a password (trust), so no
  # other local user may reach it; root (CI) reaches it all the same.
  chmod 0700 "$dir"
  ( umask 077 && printf '%s\n' "mastergroup-test-password" > "$dir/pwfile" )
  if [ "$(id -u)" = 0 ]; then  # initdb and postgres refuse to run as root
    local user=postgres
    id "$user" >/dev/null 2>&1 || user=nobody
    chown "$user" "$dir" "$dir/pwfile"
    runas=(runuser -u "$user" --)
  fi
  "${runas[@]}" "$bin/initdb" -D "$dir/data" -U mastergroup_admin --pwfile="$dir/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  "${runas[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
    start >&2 || { cat "$dir/server.log" >&2; exit 1; }
  echo "export MASTERGROUP_TEST_PG_DIR=$dir"
  echo "export MASTERGROUP_TEST_PG_BIN=$bin"
  echo "export MASTERGROUP_TEST_PG='postgresql://mastergroup_admin@/postgres?host=$dir&port=$port'"
  echo "export MASTERGROUP_TEST_PG_TCP='postgresql://mastergroup_admin@127.0.0.1:$port/postgres'"
}

stop() {
  local dir=${MASTERGROUP_TEST_PG_DIR:-${1:-}}
  [ -n "$dir" ] && [ -d "$dir/data" ] || { echo "pg_test_server: nothing to stop" >&2; return 0; }
  local bin=${MASTERGROUP_TEST_PG_BIN:-$(find_bin)}
  local runas=()
  [ "$(id -u)" = 0 ] && runas=(runuser -u "$(stat -c %U "$dir/data")" --)
  "${runas[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: $0 start | stop [DIR]" >&2; exit 2 ;;
esac
