#!/usr/bin/env bash
# run-bench.sh [WORKDIR]
#
# Signing benchmark: kyso against podofosign (PEM key) and pdfsig -add-signature (NSS key),
# with sha256sum of the same file as the floor (reading + hashing every byte once).
#
# Two inputs are generated (and kept for later runs; KYSO_BENCH_REGEN=1 rebuilds them):
#   text.pdf    ~200 pages of Vietnamese text, written by LibreOffice (soffice --convert-to pdf)
#   images.pdf  ~60 MB, 28 A4 pages of noisy 200 dpi JPEG "scans", also written by LibreOffice
# plus a 400x200 transparent PNG for kyso's visible signature. A fresh SoftHSM2 test token
# and PKI are made in WORKDIR/token (tests/token/make-test-token.sh) and an NSS database for
# pdfsig in WORKDIR/nssdb (from the same binh.p12).
#
# Each tool runs under bench/measure (fork/exec, wait4): KYSO_BENCH_WARMUP untimed runs, then
# KYSO_BENCH_RUNS timed ones, the tools taking turns over 3 rounds so that load from elsewhere
# on the machine falls on all of them alike; median and min wall time and max peak RSS are
# reported, with the bytes each signer added (output size - input size). Every signed output
# is checked once with pdfsig ("Signature is Valid") so that no tool wins with a broken file.
# podofosign also signs visibly with the same PNG, for comparison with kyso's visible signature.
#
# Results: WORKDIR/results.md (tables + targets, met / not met), WORKDIR/results.tsv, and the
# per-tool logs in WORKDIR/logs/. bench/RESULTS.md is a recorded copy with commentary.
#
# Environment:
#   KYSO_BIN           kyso binary (default: <checkout>/build/src/kyso)
#   KYSO_MEASURE_BIN   measure binary (default: <checkout>/build/bench/measure if up to date,
#                      else compiled from bench/measure.cpp into WORKDIR/bin with $CXX or g++)
#   KYSO_BENCH_RUNS    timed runs per tool and file (default 9)
#   KYSO_BENCH_WARMUP  untimed runs first (default 1)
#   KYSO_BENCH_REGEN   1 = regenerate the input PDFs even if present
#   KYSO_BENCH_PYTHON  python with PIL (default /usr/bin/python3)
#
# Needs: soffice (LibreOffice), python3-pil, pdfsig + pdfinfo (poppler-utils), podofosign
# (libpodofo-utils), certutil + pk12util (libnss3-tools), softhsm2, opensc, openssl.
set -euo pipefail

PROG=run-bench.sh
die()  { echo "$PROG: ERROR: $*" >&2; exit 1; }
info() { echo "$PROG: $*" >&2; }

[[ $# -le 1 ]] || { echo "usage: $PROG [WORKDIR]" >&2; exit 2; }

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$BENCH_DIR/.." && pwd -P)
mkdir -p -- "${1:-$REPO/build/bench-work}"
WORK=$(cd -- "${1:-$REPO/build/bench-work}" && pwd -P)
[[ $WORK != / ]] || die "refusing to use / as WORKDIR"

KYSO=${KYSO_BIN:-$REPO/build/src/kyso}
RUNS=${KYSO_BENCH_RUNS:-9}
WARMUP=${KYSO_BENCH_WARMUP:-1}
PY=${KYSO_BENCH_PYTHON:-/usr/bin/python3}
TEXT_PAGES=200
SCAN_PAGES=28

[[ -x $KYSO ]] || die "kyso not found at $KYSO (build it: cmake -S $REPO -B $REPO/build && cmake --build $REPO/build -j2; or set KYSO_BIN)"
KYSO=$(cd "$(dirname "$KYSO")" && pwd -P)/$(basename "$KYSO")
for tool in soffice pdfsig pdfinfo podofosign certutil pk12util sha256sum awk stat; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found"
done
"$PY" -c 'import PIL' 2>/dev/null || die "$PY has no PIL (apt-get install python3-pil)"

INPUTS=$WORK/inputs
OUT=$WORK/out
LOGS=$WORK/logs
mkdir -p "$INPUTS" "$OUT" "$LOGS" "$WORK/bin"
rm -f -- "$OUT"/*.pdf "$LOGS"/*.log

# ------------------------------------------------------------- measure ----
MEASURE=${KYSO_MEASURE_BIN:-}
if [[ -z $MEASURE ]]; then
    if [[ -x $REPO/build/bench/measure && ! $BENCH_DIR/measure.cpp -nt $REPO/build/bench/measure ]]; then
        MEASURE=$REPO/build/bench/measure
    else
        MEASURE=$WORK/bin/measure
        if [[ ! -x $MEASURE || $BENCH_DIR/measure.cpp -nt $MEASURE ]]; then
            info "compiling $MEASURE"
            "${CXX:-g++}" -std=c++20 -O2 -Wall -Wextra -o "$MEASURE" "$BENCH_DIR/measure.cpp" \
                || die "cannot compile bench/measure.cpp"
        fi
    fi
fi
[[ -x $MEASURE ]] || die "measure not found at $MEASURE"

# --------------------------------------------------------------- inputs ----
# soffice FILE: convert FILE to PDF next to it, with a private profile (no clash with a
# running LibreOffice, no first-start dialogs).
soffice_pdf() {
    local src=$1 pdf=${1%.*}.pdf
    rm -f -- "$pdf"
    soffice --headless --norestore -env:UserInstallation="$PROFILE_URL" \
        --convert-to pdf --outdir "$(dirname "$src")" "$src" >>"$LOGS/inputs.txt" 2>&1 \
        || die "soffice could not convert $src (see $LOGS/inputs.txt)"
    [[ -s $pdf ]] || die "soffice wrote no $pdf (see $LOGS/inputs.txt)"
}

PROFILE_URL=$("$PY" -c 'import pathlib, sys; print(pathlib.Path(sys.argv[1]).as_uri())' "$WORK/lo-profile")

pages_of() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
size_of() { stat -c %s -- "$1"; }

TEXT=$INPUTS/text.pdf
IMAGES=$INPUTS/images.pdf
STAMP=$INPUTS/stamp.png
: >"$LOGS/inputs.txt"
if [[ ${KYSO_BENCH_REGEN:-0} == 1 || ! -s $TEXT ]]; then
    info "generating $TEXT ($TEXT_PAGES pages, LibreOffice)"
    "$PY" "$BENCH_DIR/make-inputs.py" text-fodt "$INPUTS/text.fodt" "$TEXT_PAGES"
    soffice_pdf "$INPUTS/text.fodt"
fi
if [[ ${KYSO_BENCH_REGEN:-0} == 1 || ! -s $IMAGES ]]; then
    info "generating $IMAGES ($SCAN_PAGES scanned pages, LibreOffice)"
    rm -rf -- "$INPUTS/scans"
    "$PY" "$BENCH_DIR/make-inputs.py" scans "$INPUTS/scans" "$SCAN_PAGES"
    "$PY" "$BENCH_DIR/make-inputs.py" image-fodt "$INPUTS/images.fodt" "$INPUTS/scans"
    soffice_pdf "$INPUTS/images.fodt"
    rm -rf -- "$INPUTS/scans" # the JPEGs live on inside the PDF
fi
if [[ ${KYSO_BENCH_REGEN:-0} == 1 || ! -s $STAMP ]]; then
    "$PY" "$BENCH_DIR/make-inputs.py" stamp "$STAMP"
fi
[[ $(pages_of "$TEXT") == "$TEXT_PAGES" ]] || info "warning: $TEXT has $(pages_of "$TEXT") pages, not $TEXT_PAGES"
IMAGES_SIZE=$(size_of "$IMAGES")
(( IMAGES_SIZE >= 55000000 && IMAGES_SIZE <= 65000000 )) \
    || info "warning: $IMAGES is $IMAGES_SIZE bytes, outside 55-65 MB"
STAMP_SIZE=$(size_of "$STAMP")

# ---------------------------------------------------------------- token ----
info "making the test token and PKI in $WORK/token"
bash "$REPO/tests/token/make-test-token.sh" "$WORK/token" >/dev/null 2>"$LOGS/token.txt" \
    || { cat "$LOGS/token.txt" >&2; die "make-test-token.sh failed"; }
# Both files are plain KEY=VALUE lines; read rather than sourced, so paths may hold spaces.
load_env() {
    local key value
    while IFS='=' read -r key value; do
        [[ $key =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] && export "$key=$value"
    done <"$1"
}
load_env "$REPO/tests/token/test-token.env"
load_env "$WORK/token/test-token-paths.env"
PKI=$KYSO_TEST_PKI_DIR

info "making the NSS database for pdfsig in $WORK/nssdb"
NSS=$WORK/nssdb
rm -rf -- "$NSS"
mkdir -p "$NSS"
{
    certutil -N -d "sql:$NSS" --empty-password
    # trust the test root, so that pdfsig's check also covers the certificate chain
    certutil -A -d "sql:$NSS" -n kyso-test-root -t CT,C,C -i "$PKI/root-ca.pem"
    pk12util -i "$PKI/binh.p12" -d "sql:$NSS" -W "$KYSO_TEST_P12_PASS" -K ""
} >"$LOGS/nss.txt" 2>&1 || { cat "$LOGS/nss.txt" >&2; die "cannot make the NSS database"; }

# ------------------------------------------------------------- measuring ----
KYSO_ARGS=(--module "$KYSO_TEST_PKCS11_MODULE" --token "$KYSO_TEST_TOKEN_LABEL" --cert binh
           --pin-env KYSO_TEST_USER_PIN)
VISIBLE=(--rect "350,60,200,100" --image "$STAMP")               # points, page 1
PODOFO_VISIBLE=(-annot-position "1,120,210,70,35" -annot-print     # mm, from the top left
                -annot-image "0,0,70,35,$STAMP")
TAGS=(text images)
TOOLS=(sha256sum kyso kyso-visible podofosign podofosign-visible pdfsig)

# command_for TAG TOOL: sets CMD (the command line) and OUTPUT (its PDF, or -).
command_for() {
    local input=$INPUTS/$1.pdf
    OUTPUT=$OUT/$1-$2.pdf
    case $2 in
        sha256sum)
            OUTPUT=-
            CMD=(sha256sum "$input") ;;
        kyso)
            CMD=("$KYSO" sign "$input" -o "$OUTPUT" "${KYSO_ARGS[@]}" --invisible) ;;
        kyso-visible)
            CMD=("$KYSO" sign "$input" -o "$OUTPUT" "${KYSO_ARGS[@]}" "${VISIBLE[@]}") ;;
        podofosign)
            CMD=(podofosign -in "$input" -out "$OUTPUT" -cert "$PKI/binh.pem"
                 -pkey "$PKI/private/binh.key.pem" -digest SHA256) ;;
        podofosign-visible)
            CMD=(podofosign -in "$input" -out "$OUTPUT" -cert "$PKI/binh.pem"
                 -pkey "$PKI/private/binh.key.pem" -digest SHA256 "${PODOFO_VISIBLE[@]}") ;;
        pdfsig)
            CMD=(pdfsig -nssdir "sql:$NSS" -nick binh -add-signature "$input" "$OUTPUT") ;;
        *) die "unknown tool $2" ;;
    esac
}

# measure_round TAG TOOL RUNS WARMUP: append RUNS timed runs of TOOL on TAG.pdf to its log.
measure_round() {
    local log=$LOGS/$1-$2.log rm=()
    command_for "$1" "$2"
    [[ $OUTPUT == - ]] || rm=(--rm "$OUTPUT")
    if ! "$MEASURE" --runs "$3" --warmup "$4" --label "$1/$2" "${rm[@]}" -- "${CMD[@]}" >>"$log" 2>&1; then
        cat "$log" >&2
        die "$2 failed on $1.pdf: ${CMD[*]}"
    fi
}

# stats LOG: "median min max median_user median_sys max_rss" over all the log's run lines.
stats() {
    local col
    for col in wall_ms wall_ms wall_ms user_ms sys_ms maxrss_kb; do
        sed -n "s/^run .* $col=\([^ ]*\).*/\1/p" "$1" | sort -g | awk -v col="$col" '
            { v[NR] = $1 }
            END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
                  print m, v[1], v[NR] }'
    done | awk '
        NR == 1 { median = $1 } NR == 2 { min = $2 } NR == 3 { max = $3 }
        NR == 4 { user = $1 } NR == 5 { sys = $1 } NR == 6 { rss = $3 }
        END { print median, min, max, user, sys, rss }'
}

# The tools take turns, round after round, so that a burst of load on the machine touches
# every tool alike instead of one tool's whole series.
ROUNDS=3
(( RUNS >= ROUNDS )) || ROUNDS=$RUNS
START=$SECONDS
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
info "measuring: $WARMUP warm-up + $RUNS timed runs per tool, in $ROUNDS rounds (logs in $LOGS)"
[[ $(awk -v n="$(nproc)" '{ print ($1 > n / 2) }' /proc/loadavg) == 0 ]] \
    || info "warning: the machine is busy (load average $LOAD_BEFORE on $(nproc) CPUs); figures will be noisy"
for (( r = 0; r < ROUNDS; r++ )); do
    n=$(( RUNS / ROUNDS + (r < RUNS % ROUNDS ? 1 : 0) ))
    w=$(( r == 0 ? WARMUP : 0 ))
    for tag in "${TAGS[@]}"; do
        for tool in "${TOOLS[@]}"; do
            measure_round "$tag" "$tool" "$n" "$w"
        done
    done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
info "measuring took $(( SECONDS - START )) s"

RESULTS_TSV=$WORK/results.tsv
printf 'file\ttool\tmedian_ms\tmin_ms\tmax_ms\tmedian_user_ms\tmedian_sys_ms\tmax_rss_kb\tbytes_added\tcheck\n' \
    >"$RESULTS_TSV"
for tag in "${TAGS[@]}"; do
    for tool in "${TOOLS[@]}"; do
        command_for "$tag" "$tool"
        added=- check=-
        if [[ $OUTPUT != - ]]; then
            # the output of the last run: bytes added, and pdfsig's opinion of it
            added=$(( $(size_of "$OUTPUT") - $(size_of "$INPUTS/$tag.pdf") ))
            if pdfsig -nssdir "sql:$NSS" "$OUTPUT" >"$LOGS/$tag-$tool.pdfsig.txt" 2>&1 &&
               grep -q 'Signature is Valid' "$LOGS/$tag-$tool.pdfsig.txt"; then
                check=valid
            else
                check=INVALID
                info "warning: pdfsig does not say 'Signature is Valid' for $OUTPUT"
            fi
        fi
        read -r median min max user sys rss < <(stats "$LOGS/$tag-$tool.log")
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tag" "$tool" "$median" "$min" "$max" \
            "$user" "$sys" "$rss" "$added" "$check" >>"$RESULTS_TSV"
        printf '  %-7s %-19s median %8.1f ms  min %8.1f ms  peak RSS %7s KB  added %7s  %s\n' \
            "$tag" "$tool" "$median" "$min" "$rss" "$added" "$check" >&2
    done
done

# -------------------------------------------------------------- report ----
version_of() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null || echo '?'; }
commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')
[[ -z $(git -C "$REPO" status --porcelain --untracked-files=no 2>/dev/null) ]] || commit="$commit (with uncommitted changes)"

RESULTS_MD=$WORK/results.md
{
    echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- machine: $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)," \
         "$(awk '/^MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo)," \
         "Linux $(uname -r), work dir on $(df -T "$WORK" | awk 'NR == 2 { print $2 }')"
    echo "- kyso: $KYSO (built $(date -u -r "$KYSO" '+%Y-%m-%d %H:%M UTC')); this checkout: commit $commit"
    echo "- podofosign $(version_of libpodofo-utils), pdfsig $(pdfsig -v 2>&1 | awk 'NR == 1 { print $3 }')" \
         "(NSS $(version_of libnss3)), sha256sum $(sha256sum --version | awk 'NR == 1 { print $NF }')," \
         "SoftHSM $(version_of softhsm2), $(soffice --version 2>/dev/null | awk 'NR == 1 { print $1, $2 }')"
    echo "- runs: $WARMUP warm-up + $RUNS timed per row, tools taking turns in $ROUNDS rounds; wall time ="\
         "fork to wait4, peak RSS = ru_maxrss (max over runs); load average $LOAD_BEFORE before, $LOAD_AFTER after"
    echo "- inputs: text.pdf $(size_of "$TEXT") bytes, $(pages_of "$TEXT") pages;" \
         "images.pdf $(size_of "$IMAGES") bytes, $(pages_of "$IMAGES") pages; stamp.png $STAMP_SIZE bytes"
    for tag in text images; do
        echo
        echo "### $tag.pdf ($(size_of "$INPUTS/$tag.pdf") bytes)"
        echo
        echo "| tool | median ms | min ms | peak RSS MB | bytes added | pdfsig check |"
        echo "|---|---:|---:|---:|---:|---|"
        awk -F'\t' -v t="$tag" '$1 == t {
            printf "| %s | %.1f | %.1f | %.1f | %s | %s |\n", $2, $3, $4, $8 / 1024, $9, $10 }' "$RESULTS_TSV"
    done
    echo
    echo "### Targets"
    echo
    echo "| target | measured | |"
    echo "|---|---|---|"
    awk -F'\t' -v stamp="$STAMP_SIZE" '
        NR > 1 { ms[$1, $2] = $3; rss[$1, $2] = $8; add[$1, $2] = $9 }
        function verdict(ok) { return ok ? "met" : "**not met**" }
        END {
            for (i = 1; i <= 2; i++) {
                t = i == 1 ? "text" : "images"
                other = ms[t, "podofosign"] < ms[t, "pdfsig"] ? "podofosign" : "pdfsig"
                printf "| fastest of the three on %s.pdf | kyso %.0f ms, %s %.0f ms (podofosign %.0f, pdfsig %.0f) | %s |\n",
                    t, ms[t, "kyso"], other, ms[t, other], ms[t, "podofosign"], ms[t, "pdfsig"],
                    verdict(ms[t, "kyso"] < ms[t, other])
            }
            s = ms["images", "sha256sum"]
            for (i = 1; i <= 2; i++) {
                k = i == 1 ? "kyso" : "kyso-visible"
                printf "| 60 MB: %s <= 3x sha256sum (%.0f ms) | %.0f ms = %.2fx | %s |\n",
                    k, 3 * s, ms["images", k], ms["images", k] / s, verdict(ms["images", k] <= 3 * s)
            }
            for (i = 1; i <= 2; i++) {
                k = i == 1 ? "kyso" : "kyso-visible"
                printf "| 60 MB: %s peak RSS <= 32 MiB | %.1f MiB | %s |\n",
                    k, rss["images", k] / 1024, verdict(rss["images", k] <= 32 * 1024)
            }
            for (i = 1; i <= 2; i++) {
                t = i == 1 ? "text" : "images"
                limit = 30 * 1024 + stamp
                printf "| visible signature adds <= 30 KiB + PNG (%d bytes) on %s.pdf | %d bytes | %s |\n",
                    limit, t, add[t, "kyso-visible"], verdict(add[t, "kyso-visible"] <= limit)
            }
        }' "$RESULTS_TSV"
    if grep -q INVALID "$RESULTS_TSV"; then
        echo
        echo "**Some outputs did not verify with pdfsig; see $LOGS/*.pdfsig.txt.**"
    fi
} >"$RESULTS_MD"

cat "$RESULTS_MD"
info "results: $RESULTS_MD, $RESULTS_TSV"
