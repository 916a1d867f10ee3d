#!/usr/bin/env bash
# no-network.sh KYSO.deb KYSO.oxt DRAFT.pdf WORKDIR: clean-root.sh in a network namespace of its
# own (no network) must fail at its first step and say that it needs the network.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
[[ $(id -u) -eq 0 ]] || { echo "skipped: needs root (unshare --net)"; exit 77; }
command -v mmdebstrap >/dev/null || { echo "skipped: mmdebstrap not installed"; exit 77; }
status=0
out=$(unshare --net bash "$HERE/clean-root.sh" "$1" "$2" "$3" "$4" 2>&1) || status=$?
echo "$out"
[[ $status -eq 1 ]] || { echo "FAIL: clean-root.sh without network exited $status, not 1"; exit 1; }
grep -q 'FAILED at step 1:' <<<"$out" || { echo "FAIL: the failed step is not named"; exit 1; }
grep -q 'needs the network' <<<"$out" || { echo "FAIL: no word of the missing network"; exit 1; }
echo "ok: without network, clean-root.sh names step 1 and the missing network"
