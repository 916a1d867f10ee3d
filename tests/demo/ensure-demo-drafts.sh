#!/usr/bin/env bash
# ensure-demo-drafts.sh OUTDIR: makes the demo drafts unless OUTDIR already holds them for the
# current script and sources (a stamp keeps their digest). Serialised by a lock in OUTDIR, so
# the CTest fixture and tests running in parallel build them once.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
OUT=$1
mkdir -p "$OUT"
exec 9>"$OUT/.lock"
flock 9
sig=$(cat "$HERE/make-demo-drafts.sh" "$HERE"/src/*.fodt | sha256sum | cut -d' ' -f1)
if [[ -f $OUT/.kyso-demo-stamp && $(cat "$OUT/.kyso-demo-stamp") == "$sig" ]]; then
  exit 0
fi
rm -f "$OUT/.kyso-demo-stamp"
bash "$HERE/make-demo-drafts.sh" "$OUT"
echo "$sig" >"$OUT/.kyso-demo-stamp"
