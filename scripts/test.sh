#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: install dependencies, build, run every
# test (unit, SoftHSM2 token, PDF corpus with pdfsig/qpdf/PDFBox, CLI).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
BUILD=${KYSO_BUILD_DIR:-$ROOT/build}
bash "$ROOT/scripts/install-deps.sh"
bash "$ROOT/scripts/build.sh"
cd "$BUILD"
ctest -j"$(nproc)" --output-on-failure --timeout 300
