#!/usr/bin/env bash
# Builds the Debian package build/kyso_VERSION_amd64.deb (packaging/CMakeLists.txt): the kyso
# command, kyso(1), and the LibreOffice extension for every user. Then checks it with lintian.
# Install it with: sudo apt install ./build/kyso_VERSION_amd64.deb
# KYSO_SKIP_APT=1 skips installing the build dependencies (scripts/install-deps.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
BUILD=${KYSO_BUILD_DIR:-$ROOT/build}
die() { echo "package.sh: $*" >&2; exit 1; }

bash "$ROOT/scripts/install-deps.sh"
# Configure first: a build without the extension is refused before anything is compiled.
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
if [[ ! -f $BUILD/CPackConfig.cmake ]]; then
    die "không tạo gói: thiếu LibreOffice SDK nên không có phần mở rộng kyso.oxt (cài: sudo apt install libreoffice-dev) /
no package made: the LibreOffice SDK is missing, so there is no kyso.oxt extension (install: sudo apt install libreoffice-dev)"
fi
bash "$ROOT/scripts/build.sh"

version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$BUILD/CPackConfig.cmake")
deb=$BUILD/kyso_${version}_$(dpkg --print-architecture).deb
rm -f "$deb"
(cd "$BUILD" && cpack --config CPackConfig.cmake >"$BUILD/cpack.log" 2>&1) || { cat "$BUILD/cpack.log" >&2; die "cpack failed"; }
[[ -f $deb ]] || die "cpack made no $deb (see $BUILD/cpack.log)"

if command -v lintian >/dev/null; then
    lintian --fail-on error --tag-display-limit 0 "$deb" || die "lintian found errors in $deb"
else
    echo "package.sh: lintian not installed, the package was not checked (apt-get install lintian)" >&2
fi
echo "$deb"
