#!/usr/bin/env bash
# Runs the libFuzzer harness from the test corpus plus the regression files.
#   fuzz/run-fuzz.sh FUZZER TEST_WORK [libFuzzer options...]
# TEST_WORK is a build's test-work folder (made by the CTest fixtures: corpus/*.pdf).
# Seeds: the test corpus, the regression files and the small PDFs of make-small-seeds.py;
# KYSO_FUZZ_SEEDS=small leaves the corpus out (the fast long run of fuzz/RESULTS.md), and its
# interesting inputs go to TEST_WORK/fuzz/corpus-small instead.
# New interesting inputs go to TEST_WORK/fuzz/corpus; crashes to TEST_WORK/fuzz/artifacts.
set -euo pipefail
fuzzer=$1 work=$2
shift 2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mode=${KYSO_FUZZ_SEEDS:-all}
seeds=$work/fuzz/seeds-$mode corpus=$work/fuzz/corpus
[[ $mode == small ]] && corpus=$work/fuzz/corpus-small
mkdir -p "$seeds" "$corpus" "$work/fuzz/artifacts"
[[ $mode == small ]] || cp "$work"/corpus/*.pdf "$seeds"/
cp "$here"/regressions/* "$seeds"/ 2>/dev/null || true
python3 "$here/make-small-seeds.py" "$seeds" >/dev/null
# Leaks inside PoDoFo 0.9.8 (uninstrumented, not ours) would stop every run: leak checking off.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
exec "$fuzzer" -dict="$here/pdf.dict" -max_len=200000 -timeout=20 -rss_limit_mb=2560 \
  -artifact_prefix="$work/fuzz/artifacts/" "$@" "$corpus" "$seeds"
