#!/usr/bin/env bash
# CTest fixture: a throwaway PostgreSQL server on a free 127.0.0.1 port, password auth
# (scram-sha-256), for the register tests. Writes DIR/conninfo (the connection string) or,
# when the server binaries are missing, DIR/skip (the reason). Stopped by stop-postgres.sh.
set -euo pipefail
DIR=$1
mkdir -p "$DIR"
rm -f "$DIR/conninfo" "$DIR/skip"
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [[ -z $BIN || ! -x $BIN/initdb ]]; then
  echo "PostgreSQL server binaries not found (apt-get install postgresql)" > "$DIR/skip"
  cat "$DIR/skip"; exit 0
fi
# initdb refuses to run as root: run the server as the "postgres" account when we are root.
AS=()
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  AS=(runuser -u postgres --)
fi
[[ -f $DIR/pgdir ]] && bash "$(dirname "$0")/stop-postgres.sh" "$DIR" || true
PGDIR=$(mktemp -d /tmp/kyso-pg.XXXXXX)
echo "$PGDIR" > "$DIR/pgdir"
PASSWORD=kyso-$RANDOM$RANDOM
echo "$PASSWORD" > "$PGDIR/pw"
chmod 755 "$PGDIR"
[[ ${#AS[@]} -gt 0 ]] && chown -R postgres "$PGDIR"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${AS[@]}" "$BIN/initdb" -D "$PGDIR/data" -U kyso --pwfile="$PGDIR/pw" -A scram-sha-256 -E UTF8 --no-locale >"$PGDIR/initdb.log" 2>&1 \
  || { cat "$PGDIR/initdb.log"; exit 1; }
"${AS[@]}" "$BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
  -o "-p $PORT -k $PGDIR -c listen_addresses=127.0.0.1 -c max_connections=60 -c fsync=off" start >/dev/null \
  || { cat "$PGDIR/server.log"; exit 1; }
PGPASSWORD=$PASSWORD "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U kyso -d postgres -qc "CREATE DATABASE kyso_register" >/dev/null
echo "postgresql://kyso:$PASSWORD@127.0.0.1:$PORT/kyso_register" > "$DIR/conninfo"
echo "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT ($PGDIR)"
