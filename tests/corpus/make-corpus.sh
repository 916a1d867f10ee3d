#!/usr/bin/env bash
# make-corpus.sh OUTDIR
#
# Builds kyso's test corpus of *input* PDFs into OUTDIR (created if missing).
# Idempotent: every run regenerates all files from tests/corpus/src/*.fodt.
# See tests/corpus/README.md for what each file covers.
#
# Needs (Debian 12 package names): libreoffice-writer (soffice), qpdf,
# poppler-utils (pdfsig, pdfinfo), libnss3-tools (certutil, pk12util),
# openssl, fonts-liberation2 (Liberation Serif), coreutils.
# Works as root and without a display (soffice --headless).
set -euo pipefail
export LC_ALL=C

usage() { echo "usage: $0 OUTDIR" >&2; exit 2; }
[[ $# -eq 1 && -n $1 ]] || usage

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SRC=$SCRIPT_DIR/src
mkdir -p "$1"
OUTDIR=$(cd "$1" && pwd)
WORK=$OUTDIR/.work
NSS=$OUTDIR/nss
PROFILE=$OUTDIR/lo-profile
LOG=$WORK/make-corpus.log
NICK=corpus-presigner
T0=$(date +%s%N)

die() { echo "make-corpus: $*" >&2; exit 1; }
# run CMD...: append output to $LOG; on failure show the log tail and stop.
run() {
    echo "+ $*" >>"$LOG"
    "$@" >>"$LOG" 2>&1 || {
        local rc=$?
        echo "make-corpus: command failed (rc=$rc): $*" >&2
        tail -n 40 "$LOG" >&2
        exit 1
    }
}
step() { printf 'make-corpus: %-22s (%5.1fs)\n' "$1" "$(( ($(date +%s%N) - T0) / 1000000 ))e-3"; }

for tool in soffice qpdf pdfsig pdfinfo pdffonts certutil pk12util openssl dd md5sum stat timeout; do
    command -v "$tool" >/dev/null || die "missing tool: $tool"
done
for f in one-page.fodt multipage.fodt form.fodt; do
    [[ -f $SRC/$f ]] || die "missing source $SRC/$f"
done

# Clean state (idempotent). Only touch what this script owns.
rm -rf "$WORK" "$NSS" "$PROFILE"
rm -f "$OUTDIR"/{lo-classic,xref-stream,presigned,acroform,multipage,incremental-classic}.pdf
mkdir -p "$WORK" "$NSS"
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

# soffice FILTER FILE...: convert fodt -> pdf into $WORK/lo (output named <base>.pdf).
soffice_pdf() {
    local filter=$1; shift
    mkdir -p "$WORK/lo"
    # soffice exits 0 even when a conversion fails, so callers check outputs.
    # It must run in a UTF-8 locale: under LC_ALL=C/POSIX it hangs forever when
    # the profile/out path has non-ASCII bytes. oosplash blocks SIGTERM, hence -k.
    run timeout -k 5 40 env LC_ALL=C.UTF-8 LANG=C.UTF-8 soffice "-env:UserInstallation=$PROFILE_URL" \
        --headless --invisible --norestore --nolockcheck --nologo --nodefault \
        --convert-to "$filter" --outdir "$WORK/lo" "$@"
}

# ---------------------------------------------------------------- helpers

# Byte offset given by the last startxref of FILE.
last_startxref() {
    tail -c 1024 "$1" | tr '\r' '\n' | tr -s '\n' | grep -a -A1 '^startxref' | tail -n 1 | tr -d ' \t' || true
}
# "table" if the last startxref points at an xref keyword, "stream" if at an
# XRef stream object, "?" otherwise.
xref_kind() {
    local off chunk
    off=$(last_startxref "$1")
    [[ $off =~ ^[0-9]+$ ]] || { echo "?"; return; }
    chunk=$(dd if="$1" bs=256 count=1 skip="$off" iflag=skip_bytes status=none | tr -d '\0')
    if [[ $chunk == xref* ]]; then echo table
    elif [[ $chunk =~ ^[0-9]+[[:space:]]+[0-9]+[[:space:]]+obj && $chunk == */XRef* ]]; then echo stream
    else echo "?"; fi
}
revisions() { grep -ao '%%EOF' "$1" | wc -l; }
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }

# check_pdf FILE EXPECTED_PAGES: qpdf --check (exit 0 only: 3 = warnings) + pdfinfo.
check_pdf() {
    local f=$1 want=$2 got
    run qpdf --check "$f"
    run pdfinfo "$f"
    got=$(pages "$f")
    [[ $got == "$want" ]] || die "$f: expected $want page(s), pdfinfo says '$got'"
}

# ------------------------------------------------ 1 + 5: lo-classic, multipage
soffice_pdf pdf "$SRC/one-page.fodt" "$SRC/multipage.fodt"
[[ -s $WORK/lo/one-page.pdf && -s $WORK/lo/multipage.pdf ]] || { tail -n 40 "$LOG" >&2; die "soffice produced no PDF"; }
mv "$WORK/lo/one-page.pdf" "$OUTDIR/lo-classic.pdf"
mv "$WORK/lo/multipage.pdf" "$OUTDIR/multipage.pdf"
check_pdf "$OUTDIR/lo-classic.pdf" 1
check_pdf "$OUTDIR/multipage.pdf" 5
[[ $(xref_kind "$OUTDIR/lo-classic.pdf") == table ]] || die "lo-classic.pdf: expected classic xref table"
[[ $(revisions "$OUTDIR/lo-classic.pdf") == 1 ]] || die "lo-classic.pdf: expected exactly one revision"
# Missing fonts-liberation2 would make LibreOffice silently substitute a font.
pdffonts "$OUTDIR/lo-classic.pdf" >"$WORK/lo-classic.fonts"
grep -q 'LiberationSerif' "$WORK/lo-classic.fonts" || die "lo-classic.pdf: Liberation Serif not embedded (fonts-liberation2 installed?)"
step "lo-classic, multipage"

# ------------------------------------------------------------- 4: acroform
# ExportFormFields defaults to true; ExportNotes defaults to false in LO 7.4,
# so request it via the JSON filter-options syntax.
soffice_pdf 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"},"ExportFormFields":{"type":"boolean","value":"true"}}' \
    "$SRC/form.fodt"
[[ -s $WORK/lo/form.pdf ]] || { tail -n 40 "$LOG" >&2; die "soffice produced no form.pdf"; }
mv "$WORK/lo/form.pdf" "$OUTDIR/acroform.pdf"
check_pdf "$OUTDIR/acroform.pdf" 1
qpdf --json=2 --json-key=acroform "$OUTDIR/acroform.pdf" >"$WORK/acroform-fields.json"
qpdf --json=2 --json-key=qpdf "$OUTDIR/acroform.pdf" >"$WORK/acroform-objects.json"
n_text=$(grep -c '"istext": true' "$WORK/acroform-fields.json" || true)
n_cb=$(grep -c '"ischeckbox": true' "$WORK/acroform-fields.json" || true)
n_annot_text=$(grep -c '"/Subtype": "/Text"' "$WORK/acroform-objects.json" || true)
n_annot_link=$(grep -c '"/Subtype": "/Link"' "$WORK/acroform-objects.json" || true)
grep -q '"/AcroForm"' "$WORK/acroform-objects.json" || die "acroform.pdf: no /AcroForm"
grep -q '"/Fields"' "$WORK/acroform-objects.json" || die "acroform.pdf: no /Fields"
grep -q '"/Annots"' "$WORK/acroform-objects.json" || die "acroform.pdf: no /Annots"
(( n_text >= 2 && n_cb >= 1 )) || die "acroform.pdf: want >=2 text fields and >=1 checkbox, got $n_text/$n_cb"
(( n_annot_text >= 1 && n_annot_link >= 1 )) || die "acroform.pdf: want a /Text and a /Link annotation, got $n_annot_text/$n_annot_link"
step "acroform"

# ---------------------------------------------------------- 2: xref-stream
run qpdf --object-streams=generate "$OUTDIR/lo-classic.pdf" "$OUTDIR/xref-stream.pdf"
check_pdf "$OUTDIR/xref-stream.pdf" 1
[[ $(xref_kind "$OUTDIR/xref-stream.pdf") == stream ]] || die "xref-stream.pdf: no cross-reference stream"
qpdf --show-xref "$OUTDIR/xref-stream.pdf" >"$WORK/xref-stream.xref"
grep -q 'compressed' "$WORK/xref-stream.xref" || die "xref-stream.pdf: no objects in object streams"
grep -aq '/Type */ObjStm' "$OUTDIR/xref-stream.pdf" || die "xref-stream.pdf: no /ObjStm"
step "xref-stream"

# ------------------------------------------------------------ 3: presigned
# Throwaway self-signed RSA cert (CA:TRUE so that NSS accepts it as a trust
# anchor with CT trust flags), imported into a fresh NSS db in OUTDIR/nss.
run openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 \
    -keyout "$WORK/presigner.key" -out "$WORK/presigner.crt" \
    -subj "/O=kyso test corpus/CN=kyso corpus presigner" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,digitalSignature,nonRepudiation,keyCertSign"
run openssl pkcs12 -export -name "$NICK" -passout pass:corpus \
    -in "$WORK/presigner.crt" -inkey "$WORK/presigner.key" -out "$WORK/presigner.p12"
run certutil -N -d "sql:$NSS" --empty-password
run pk12util -i "$WORK/presigner.p12" -d "sql:$NSS" -W corpus -K ''
run certutil -M -d "sql:$NSS" -n "$NICK" -t 'CT,C,C'
cp "$WORK/presigner.crt" "$NSS/$NICK.crt"
# poppler 22.12 cannot -etsi with -add-signature, so this is adbe.pkcs7.detached.
run pdfsig -nssdir "sql:$NSS" -nick "$NICK" -add-signature \
    -new-signature-field-name PreSignature -reason 'kyso corpus pre-signature' \
    "$OUTDIR/lo-classic.pdf" "$OUTDIR/presigned.pdf"
check_pdf "$OUTDIR/presigned.pdf" 1
pdfsig -nssdir "sql:$NSS" "$OUTDIR/presigned.pdf" >"$WORK/presigned.pdfsig" 2>&1 || true
grep -q 'Signature is Valid' "$WORK/presigned.pdfsig" || { cat "$WORK/presigned.pdfsig" >&2; die "presigned.pdf: signature not valid"; }
grep -q 'Total document signed' "$WORK/presigned.pdfsig" || { cat "$WORK/presigned.pdfsig" >&2; die "presigned.pdf: signature does not cover the whole file"; }
[[ $(revisions "$OUTDIR/presigned.pdf") == 2 ]] || die "presigned.pdf: expected 2 revisions"
step "presigned"

# -------------------------------------------------- 6: incremental-classic
# lo-classic.pdf + one hand-written incremental update (no signature): a new
# Info dictionary object, an xref table section for it, and a trailer with /Prev.
in=$OUTDIR/lo-classic.pdf
out=$OUTDIR/incremental-classic.pdf
trailer=$(qpdf --show-object=trailer "$in")
prev=$(last_startxref "$in")
size=$(sed -n 's/.*\/Size \([0-9][0-9]*\).*/\1/p' <<<"$trailer")
root=$(sed -n 's/.*\/Root \([0-9][0-9]* [0-9][0-9]* R\).*/\1/p' <<<"$trailer")
info=$(sed -n 's/.*\/Info \([0-9][0-9]*\) \([0-9][0-9]*\) R.*/\1/p' <<<"$trailer")
id0=$(sed -n 's/.*\/ID \[ *\(<[0-9a-fA-F]*>\).*/\1/p' <<<"$trailer")
[[ $prev =~ ^[0-9]+$ && $size =~ ^[0-9]+$ && -n $root && -n $info && -n $id0 ]] \
    || die "cannot parse trailer of lo-classic.pdf: $trailer"
old_info=$(qpdf --show-object="$info" "$in")
[[ $old_info == '<<'*'>>' && $old_info != */Title* && $old_info != */ModDate* ]] \
    || die "unexpected Info dictionary in lo-classic.pdf: $old_info"
id1="<$(md5sum <"$in" | cut -c1-32)>"
moddate="D:$(date -u +%Y%m%d%H%M%S)Z"
cp "$in" "$out"
# Make sure the update starts on a fresh line.
[[ $(tail -c 1 "$out" | od -An -c | tr -d ' ') == '\n' ]] || printf '\n' >>"$out"
obj_off=$(stat -c %s "$out")
printf '%d 0 obj\n<< /Title (kyso corpus: incremental update) /ModDate (%s)%s\nendobj\n' \
    "$size" "$moddate" "${old_info#<<}" >>"$out"
xref_off=$(stat -c %s "$out")
{
    printf 'xref\n%d 1\n%010d 00000 n \n' "$size" "$obj_off"
    printf 'trailer\n<< /Size %d /Root %s /Info %d 0 R /Prev %d /ID [ %s %s ] >>\n' \
        "$((size + 1))" "$root" "$size" "$prev" "$id0" "$id1"
    printf 'startxref\n%d\n%%%%EOF\n' "$xref_off"
} >>"$out"
# Self-check the offsets we just wrote.
[[ $(dd if="$out" bs=32 count=1 skip="$obj_off" iflag=skip_bytes status=none) == "$size 0 obj"* ]] || die "bad object offset"
[[ $(dd if="$out" bs=4 count=1 skip="$xref_off" iflag=skip_bytes status=none) == xref ]] || die "bad xref offset"
check_pdf "$out" 1
[[ $'\n'$(pdfinfo "$out") == *$'\nTitle:'*'kyso corpus: incremental update'* ]] || die "incremental-classic.pdf: new Info not picked up"
[[ $(revisions "$out") == 2 && $(xref_kind "$out") == table ]] || die "incremental-classic.pdf: expected 2 revisions, xref table"
step "incremental-classic"

# Throwaway state; the NSS db stays (tests can verify presigned.pdf against it).
[[ ${KYSO_CORPUS_KEEP_WORK:-0} == 1 ]] || rm -rf "$PROFILE" "$WORK"

# ------------------------------------------------------------------ summary
printf '\n%-26s %9s %5s %-6s %9s\n' file size pages xref revisions
for f in lo-classic xref-stream presigned acroform multipage incremental-classic; do
    p=$OUTDIR/$f.pdf
    printf '%-26s %9d %5s %-6s %9d\n' "$f.pdf" "$(stat -c %s "$p")" "$(pages "$p")" \
        "$(xref_kind "$p")" "$(revisions "$p")"
done
printf '\nmake-corpus: done in %.1fs -> %s (NSS db with %s: %s)\n' \
    "$(( ($(date +%s%N) - T0) / 1000000 ))e-3" "$OUTDIR" "$NICK" "$NSS"
