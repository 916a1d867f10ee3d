#!/usr/bin/env bash
# no-sdk.sh WORKDIR: scripts/package.sh on a build configured without the LibreOffice SDK must
# refuse with the reason and the package to install, before compiling, and make no .deb.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
SOURCE=$(cd "$HERE/../.." && pwd -P)
BUILD=$1/build-no-sdk
rm -rf "$BUILD"
cmake -S "$SOURCE" -B "$BUILD" -DKYSO_LO_SDK="$1/khong-co-sdk" -DKYSO_BUILD_TESTS=OFF >/dev/null
status=0
out=$(KYSO_SKIP_APT=1 KYSO_BUILD_DIR=$BUILD bash "$SOURCE/scripts/package.sh" 2>&1) || status=$?
echo "$out"
[[ $status -ne 0 ]] || { echo "FAIL: package.sh succeeded without the SDK"; exit 1; }
grep -q 'sudo apt install libreoffice-dev' <<<"$out" || { echo "FAIL: no word of the missing SDK"; exit 1; }
grep -q 'thiếu LibreOffice SDK' <<<"$out" || { echo "FAIL: no Vietnamese message"; exit 1; }
! compgen -G "$BUILD/kyso_*.deb" >/dev/null || { echo "FAIL: a .deb was made"; exit 1; }
[[ ! -e $BUILD/src/kyso ]] || { echo "FAIL: it compiled before refusing"; exit 1; }
rm -rf "$BUILD"
echo "ok: package.sh refuses a build without the LibreOffice SDK"
