#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: install dependencies, build, run every
# test (unit, SoftHSM2 token, PDF corpus with pdfsig/qpdf/PDFBox, CLI).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
BUILD=${KYSO_BUILD_DIR:-$ROOT/build}
bash "$ROOT/scripts/install-deps.sh"
bash "$ROOT/scripts/build.sh"
cd "$BUILD"
# A failing test is run once more: the LibreOffice tests (tests/lo) hang now and then inside
# soffice (an ExportDraft dispatch from the Python bridge, under investigation); a real failure
# fails twice.
ctest -j"$(nproc)" --output-on-failure --timeout 300 --repeat until-pass:2
