#!/usr/bin/env bash
# make-demo-drafts.sh OUTDIR
#
# Builds kyso's demo drafts (Decree 30/2020 administrative documents, before signing) into
# OUTDIR (created if missing) from tests/demo/src/*.fodt. For each VARIANT:
#   VARIANT.odt        the Writer draft
#   VARIANT.pdf        PDF export with the kyso* bookmarks as named destinations (/Dests)
#   VARIANT-plain.pdf  PDF export without bookmarks or destinations (text-search path)
#   VARIANT.docx       the draft saved as Word 2007-365
#   VARIANT-docx.pdf   PDF export of the .docx reopened (a Word-like layout round trip)
# Idempotent: every run regenerates every file it owns. See tests/demo/README.md.
#
# Needs (Debian 12 package names): libreoffice-writer-nogui (soffice), qpdf, poppler-utils
# (pdfinfo, pdffonts), fonts-liberation2, coreutils. Works as root and without a display.
set -euo pipefail

usage() { echo "usage: $0 OUTDIR" >&2; exit 2; }
[[ $# -eq 1 && -n $1 ]] || usage

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=$SCRIPT_DIR/src
mkdir -p "$1"
OUTDIR=$(cd "$1" && pwd)
WORK=$OUTDIR/.work
PROFILE=$WORK/lo-profile
LOG=$WORK/make-demo-drafts.log

# variant -> expected page count
declare -A PAGES=([quyet-dinh]=1 [quyet-dinh-2-trang]=2 [cong-van]=1 [thieu-cho-ky]=1
                  [quyet-dinh-phu-luc]=2 [lien-tich]=1 [cong-van-so]=2)
# Drafts written as a user writes them, without kyso's bookmarks.
UNMARKED=(thieu-cho-ky lien-tich cong-van-so)
# Bookmarks every other variant carries.
BOOKMARKS=(kysoSoStart kysoSoEnd kysoNgayStart kysoNgayEnd kysoThangStart kysoThangEnd
           kysoChucVuEnd kysoHoTenStart)
# The writer_pdf_Export option that turns Writer bookmarks into named destinations.
DEST_FILTER='pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}'

die() { echo "make-demo-drafts: $*" >&2; exit 1; }
# run CMD...: append output to $LOG; on failure show the log tail and stop.
run() {
    echo "+ $*" >>"$LOG"
    "$@" >>"$LOG" 2>&1 || {
        local rc=$?
        echo "make-demo-drafts: command failed (rc=$rc): $*" >&2
        tail -n 40 "$LOG" >&2
        exit 1
    }
}

for tool in soffice qpdf pdfinfo pdffonts timeout sed grep; do
    command -v "$tool" >/dev/null || die "missing tool: $tool"
done
for v in "${!PAGES[@]}"; do
    [[ -f $SRC/$v.fodt ]] || die "missing source $SRC/$v.fodt"
done

# Clean state: only what this script owns.
rm -rf "$WORK"
for v in "${!PAGES[@]}"; do
    rm -f "$OUTDIR/$v.odt" "$OUTDIR/$v.pdf" "$OUTDIR/$v-plain.pdf" "$OUTDIR/$v.docx" "$OUTDIR/$v-docx.pdf"
done
mkdir -p "$WORK"/{plain,lo-odt,lo-pdf,lo-plain,lo-docx,lo-docx-pdf}
: >"$LOG"

# file:// URL for the throwaway LibreOffice profile (percent-encode the path).
urlpath() {
    local s=$1 out='' c i
    for (( i = 0; i < ${#s}; i++ )); do
        c=${s:i:1}
        case $c in
            [A-Za-z0-9/._~-]) out+=$c ;;
            *) out+=$(printf '%%%02X' "'$c") ;;
        esac
    done
    printf '%s' "$out"
}
PROFILE_URL="file://$(urlpath "$PROFILE")"

# soffice_convert FILTER OUTDIR FILE...: soffice exits 0 even when a conversion fails, so the
# caller checks the outputs. A UTF-8 locale is required (under LC_ALL=C soffice can hang on
# non-ASCII paths); oosplash ignores SIGTERM, hence timeout -k.
soffice_convert() {
    local filter=$1 out=$2; shift 2
    run timeout -k 5 90 env LC_ALL=C.UTF-8 LANG=C.UTF-8 soffice "-env:UserInstallation=$PROFILE_URL" \
        --headless --invisible --norestore --nolockcheck --nologo --nodefault \
        --convert-to "$filter" --outdir "$out" "$@"
}

VARIANTS=(quyet-dinh quyet-dinh-2-trang cong-van thieu-cho-ky quyet-dinh-phu-luc lien-tich cong-van-so)
SOURCES=() PLAIN_SOURCES=()
for v in "${VARIANTS[@]}"; do
    SOURCES+=("$SRC/$v.fodt")
    # The plain export starts from a copy without any bookmark element.
    sed -E 's#<text:bookmark(-start|-end)? [^>]*/>##g' "$SRC/$v.fodt" >"$WORK/plain/$v.fodt"
    ! grep -q '<text:bookmark' "$WORK/plain/$v.fodt" || die "$v: bookmarks left in the plain copy"
    PLAIN_SOURCES+=("$WORK/plain/$v.fodt")
done

echo "make-demo-drafts: converting ${#VARIANTS[@]} drafts with LibreOffice" >&2
soffice_convert odt "$WORK/lo-odt" "${SOURCES[@]}"
soffice_convert "$DEST_FILTER" "$WORK/lo-pdf" "${SOURCES[@]}"
soffice_convert pdf:writer_pdf_Export "$WORK/lo-plain" "${PLAIN_SOURCES[@]}"
soffice_convert 'docx:MS Word 2007 XML' "$WORK/lo-docx" "${SOURCES[@]}"
DOCX=()
for v in "${VARIANTS[@]}"; do DOCX+=("$WORK/lo-docx/$v.docx"); done
soffice_convert pdf:writer_pdf_Export "$WORK/lo-docx-pdf" "${DOCX[@]}"

# check_pdf FILE PAGES: structurally sound, A4, the expected page count, Liberation Serif
# embedded (a missing fonts-liberation2 would make LibreOffice substitute silently).
check_pdf() {
    local f=$1 want=$2 info
    [[ -s $f ]] || { tail -n 40 "$LOG" >&2; die "soffice produced no $f"; }
    run qpdf --check "$f"
    info=$(pdfinfo "$f")
    grep -q "^Pages: *$want\$" <<<"$info" || die "$f: expected $want page(s)"
    grep -q '^Page size: *595.* x 841.* pts (A4)' <<<"$info" || die "$f: not A4"
    pdffonts "$f" | grep -q 'LiberationSerif' || die "$f: Liberation Serif not embedded"
    ! pdffonts "$f" | sed 1,2d | grep -qv 'LiberationSerif' || die "$f: a font other than Liberation Serif"
}
# dests FILE: the names in the catalogue's /Dests dictionary, one per line.
dests() {
    qpdf --qdf --object-streams=disable "$1" - 2>/dev/null | tr -d '\r' \
        | { grep -aoE '^ *(/kyso[A-Za-z]+) \[' || true; } | sed -E 's#^ */(kyso[A-Za-z]+) \[#\1#' | sort
}

for v in "${VARIANTS[@]}"; do
    mv "$WORK/lo-odt/$v.odt" "$OUTDIR/$v.odt" 2>/dev/null || die "soffice produced no $v.odt"
    mv "$WORK/lo-pdf/$v.pdf" "$OUTDIR/$v.pdf" 2>/dev/null || die "soffice produced no $v.pdf"
    mv "$WORK/lo-plain/$v.pdf" "$OUTDIR/$v-plain.pdf" 2>/dev/null || die "soffice produced no $v-plain.pdf"
    mv "$WORK/lo-docx/$v.docx" "$OUTDIR/$v.docx" 2>/dev/null || die "soffice produced no $v.docx"
    mv "$WORK/lo-docx-pdf/$v.pdf" "$OUTDIR/$v-docx.pdf" 2>/dev/null || die "soffice produced no $v-docx.pdf"
    for f in "$v.pdf" "$v-plain.pdf" "$v-docx.pdf"; do
        check_pdf "$OUTDIR/$f" "${PAGES[$v]}"
    done
    # Named destinations: every kyso* bookmark of the source in VARIANT.pdf, none in -plain.
    want=$({ grep -oE 'text:bookmark text:name="kyso[A-Za-z]+"' "$SRC/$v.fodt" || true; } | sed -E 's/.*"(.*)"/\1/' | sort)
    got=$(dests "$OUTDIR/$v.pdf")
    [[ $got == "$want" ]] || die "$v.pdf: destinations [$got] differ from the bookmarks [$want]"
    if [[ " ${UNMARKED[*]} " != *" $v "* ]]; then
        [[ $want == "$(printf '%s\n' "${BOOKMARKS[@]}" | sort)" ]] || die "$v.fodt: expected bookmarks ${BOOKMARKS[*]}"
    fi
    ! qpdf --qdf --object-streams=disable "$OUTDIR/$v-plain.pdf" - 2>/dev/null | grep -aq '/Dests' \
        || die "$v-plain.pdf: has named destinations"
done
rm -rf "$WORK/lo-odt" "$WORK/lo-pdf" "$WORK/lo-plain" "$WORK/lo-docx" "$WORK/lo-docx-pdf"
echo "make-demo-drafts: wrote ${#VARIANTS[@]} drafts (.odt .pdf -plain.pdf .docx -docx.pdf) to $OUTDIR" >&2
