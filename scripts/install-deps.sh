#!/usr/bin/env bash
# Installs everything kyso needs to build, test and run its demo on Debian 12.
# Idempotent; uses sudo when not run as root. Set KYSO_SKIP_APT=1 to skip (offline machines
# that already have the packages).
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake pkg-config
  libpodofo-dev libp11-dev libssl-dev libpng-dev libboost-dev libboost-program-options-dev
  libpoppler-cpp-dev
  googletest libgtest-dev
  # tokens: SoftHSM2 for the test/demo token, p11-kit's proxy (the default module), pkcs11-tool
  softhsm2 p11-kit opensc
  # independent validators and PDF tools
  poppler-utils qpdf libpodofo-utils libnss3-tools
  default-jdk-headless libpdfbox2-java libbcpkix-java
  # headless LibreOffice for the corpus and the demo document; fonts with Vietnamese glyphs
  libreoffice-writer-nogui fonts-liberation fonts-liberation2 fonts-dejavu-core
  # the LibreOffice extension (src/uno, tests/lo): SDK, Draw's PDF import, Python UNO bridge; the
  # full libreoffice-core (not -nogui) has the X11 plugin for the Xvfb screenshot test, l10n-vi
  # the Vietnamese UI it shows
  libreoffice-dev libreoffice-draw-nogui libreoffice-core python3-uno xvfb libreoffice-l10n-vi
  # demo images, benchmark timing
  python3-pil time
  # the LTV fixture's TSA and signer of 2016 (SHA-1 with a proof from before 2017)
  faketime
  # the outgoing register: SQLite, PostgreSQL client library, and a server the tests start on 127.0.0.1
  libsqlite3-dev libpq-dev postgresql libreoffice-calc-nogui # Calc: opens the exported .ods
  # fuzzing (KYSO_FUZZ=ON, fuzz/RESULTS.md): clang with the libFuzzer/ASan/UBSan runtimes
  clang-14 libclang-rt-14-dev
  # PKCS#11 header for the fault-injecting module tests/faults/p11shim.c
  libp11-kit-dev
  # long-term signature tests (tests/ltv): `openssl ts`/`openssl ocsp` responders behind python3's http.server
  openssl python3
  # the Debian package (scripts/package.sh): its check, and the clean Debian 12 root it is proven in (tests/package)
  lintian mmdebstrap
)

if [[ ${KYSO_SKIP_APT:-0} == 1 ]]; then
  exit 0
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=()
[[ $(id -u) -eq 0 ]] || SUDO=(sudo)
echo "install-deps: installing ${missing[*]}"
"${SUDO[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
