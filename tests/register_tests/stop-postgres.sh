#!/usr/bin/env bash
# CTest fixture cleanup: stops the server start-postgres.sh started and removes its files.
set -uo pipefail
DIR=$1
[[ -f $DIR/pgdir ]] || exit 0
PGDIR=$(cat "$DIR/pgdir")
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
AS=()
[[ $(id -u) -eq 0 ]] && AS=(runuser -u postgres --)
[[ -d $PGDIR/data ]] && "${AS[@]}" "$BIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1
rm -rf "$PGDIR"
rm -f "$DIR/pgdir" "$DIR/conninfo"
exit 0
