#!/usr/bin/env bash
# make-cms-corpus.sh OUTDIR LO_CLASSIC.pdf KYSO_PDFCHECK
#
# The cross-tool signature corpus (issue 12.4): lo-classic.pdf signed at test time by the
# signers that run here — pdfsig (NSS), podofosign (PoDoFo 0.9.8), PDFBox + BouncyCastle
# (through tests/pdfbox's MakePadesSample: the adbe.pkcs7.detached form with signingTime that
# iText-based signers write, and PAdES), and `openssl cms -sign` spliced into a placeholder that
# podofosign prepared — plus one file signed by four of them in turn, and CMS forms the standards
# forbid. Every key is issued by one throwaway root CA (OUTDIR/pki/root.pem).
#
# Writes OUTDIR/cases.tsv, one case a line, tab-separated:
#   file  trust  verdict  forms  expectations  what
# trust: "root" (verify with --trust pki/root.pem) or "none"; verdict: valid, untrusted or invalid
# (the file's, from `kyso verify --json`); forms: each signature's "form", in file order, ";"
# between them; expectations: "|"-separated texts that a note ("note:...") or a problem
# ("problem:...") of some signature contains, verdict ground codes ("ground:..."),
# "!" before one that must not be there, or "-". check-cms-corpus.py runs them.
#
# Needs: pdfsig (poppler-utils), podofosign (libpodofo-utils), certutil/pk12util
# (libnss3-tools), openssl, python3, java (for KYSO_PDFCHECK).
set -euo pipefail
export LC_ALL=C

[[ $# -eq 3 ]] || { echo "usage: $0 OUTDIR LO_CLASSIC.pdf KYSO_PDFCHECK" >&2; exit 2; }
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SPLICE="python3 $SCRIPT_DIR/cms_splice.py"
mkdir -p "$1"
OUT=$(cd "$1" && pwd)
BASE=$2
PDFCHECK=$3
PKI=$OUT/pki
WORK=$OUT/.work
LOG=$WORK/make-cms-corpus.log
PASS=corpus

die() { echo "make-cms-corpus: $*" >&2; exit 1; }
run() {
    echo "+ $*" >>"$LOG"
    "$@" >>"$LOG" 2>&1 || { echo "make-cms-corpus: failed: $*" >&2; tail -n 30 "$LOG" >&2; exit 1; }
}
for tool in pdfsig podofosign certutil pk12util openssl python3; do
    command -v "$tool" >/dev/null || die "missing tool: $tool"
done
[[ -s $BASE ]] || die "missing input $BASE"
[[ -x $PDFCHECK ]] || die "missing PDFBox signer $PDFCHECK"

rm -rf "$PKI" "$WORK" "$OUT"/*.pdf "$OUT/cases.tsv"
mkdir -p "$PKI" "$WORK"
: >"$LOG"

# ------------------------------------------------------------------ PKI
run openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 30 -keyout "$PKI/root.key" -out "$PKI/root.pem" \
    -subj "/O=kyso cross-tool corpus/CN=kyso corpus root" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
# leaf NAME KEYGEN-ARGS...: a signing certificate NAME.pem, key NAME.key, both in NAME.p12.
leaf() {
    local name=$1; shift
    run openssl genpkey "$@" -out "$PKI/$name.key"
    run openssl req -new -key "$PKI/$name.key" -subj "/O=kyso cross-tool corpus/CN=corpus $name" -out "$WORK/$name.csr"
    printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n' >"$WORK/$name.ext"
    run openssl x509 -req -in "$WORK/$name.csr" -CA "$PKI/root.pem" -CAkey "$PKI/root.key" -CAcreateserial \
        -days 30 -sha256 -extfile "$WORK/$name.ext" -out "$PKI/$name.pem"
    run openssl pkcs12 -export -name "$name" -passout "pass:$PASS" -in "$PKI/$name.pem" -inkey "$PKI/$name.key" \
        -certfile "$PKI/root.pem" -out "$PKI/$name.p12"
}
leaf rsa -algorithm RSA -pkeyopt rsa_keygen_bits:2048
leaf p256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
leaf p384 -algorithm EC -pkeyopt ec_paramgen_curve:P-384

# pdfsig signs through an NSS database.
NSS=$PKI/nss
mkdir -p "$NSS"
run certutil -N -d "sql:$NSS" --empty-password
run pk12util -i "$PKI/rsa.p12" -d "sql:$NSS" -W "$PASS" -K ''
run certutil -A -d "sql:$NSS" -n corpus-root -t 'CT,C,C' -i "$PKI/root.pem"

# ------------------------------------------------------------- signers
# pdfsig_sign IN OUT FIELD (poppler 22.12: adbe.pkcs7.detached; -etsi only for existing fields)
pdfsig_sign() {
    run pdfsig -nssdir "sql:$NSS" -nick rsa -add-signature -new-signature-field-name "$3" \
        -reason 'kyso cross-tool corpus' "$1" "$2"
}
# podofo_sign IN OUT FIELD [podofosign args]: PoDoFo 0.9.8 (two SignerInfos for one signer).
podofo_sign() {
    local in=$1 out=$2 field=$3; shift 3
    run podofosign -in "$in" -out "$out" -cert "$PKI/rsa.pem" -pkey "$PKI/rsa.key" -digest SHA256 \
        -field-name "$field" "$@"
}
# pdfbox_sign IN OUT FIELD [MakePadesSample options]
pdfbox_sign() {
    local in=$1 out=$2 field=$3; shift 3
    run "$PDFCHECK" --make-sample "$in" "$out" "$PKI/rsa.p12" "$PASS" --field "$field" "$@"
}
# openssl_sign IN OUT FIELD KEY [openssl cms -sign args]: podofosign prepares a field with a
# SIGSIZE-byte hole (16 KB by default); `openssl cms -sign` signs its byte ranges and the CMS replaces podofosign's.
openssl_sign() {
    local in=$1 out=$2 field=$3 key=$4; shift 4
    podofo_sign "$in" "$WORK/$field.placeholder.pdf" "$field" -sigsize "${SIGSIZE:-16384}"
    run $SPLICE ranges "$WORK/$field.placeholder.pdf" "$WORK/$field.ranges"
    run openssl cms -sign -binary -nosmimecap -signer "$PKI/$key.pem" -inkey "$PKI/$key.key" \
        -in "$WORK/$field.ranges" -outform DER -out "$WORK/$field.cms" "$@"
    # CMS_HOOK="SUBCOMMAND ARGS": a cms_splice.py rewrite of the CMS before it goes in.
    local hook
    read -r -a hook <<<"${CMS_HOOK:-}"
    if (( ${#hook[@]} )); then
        run $SPLICE "${hook[0]}" "$WORK/$field.cms" "$WORK/$field.cms.new" "${hook[@]:1}"
        mv "$WORK/$field.cms.new" "$WORK/$field.cms"
    fi
    run $SPLICE fill "$WORK/$field.placeholder.pdf" "$WORK/$field.cms" "$out"
}

CASES=$OUT/cases.tsv
# case FILE TRUST VERDICT FORMS EXPECTATIONS WHAT
case_line() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$CASES"; }
CMS="CMS (adbe.pkcs7.detached)"

pdfsig_sign "$BASE" "$OUT/pdfsig.pdf" PdfSig
case_line pdfsig.pdf root valid "$CMS" - "pdfsig (NSS), adbe.pkcs7.detached"
case_line pdfsig.pdf none untrusted "$CMS" "problem:chain|ground:untrusted_chain" "pdfsig, its root not given: intact, signer not confirmed"

podofo_sign "$BASE" "$OUT/podofosign.pdf" Podo
case_line podofosign.pdf root valid "$CMS" "note:The CMS holds 2 SignerInfos" "podofosign 0.9.8: two SignerInfos, signingTime"

pdfbox_sign "$BASE" "$OUT/pdfbox-adbe.pdf" PdfBox --subfilter adbe.pkcs7.detached --signing-time
case_line pdfbox-adbe.pdf root valid "$CMS" - "PDFBox+BouncyCastle, adbe.pkcs7.detached with signingTime (as iText signers)"
pdfbox_sign "$BASE" "$OUT/pdfbox-pades.pdf" PdfBox
case_line pdfbox-pades.pdf root valid "PAdES B-B" - "PDFBox+BouncyCastle, PAdES baseline B"
pdfbox_sign "$BASE" "$OUT/pdfbox-cades-signingtime.pdf" PdfBox --signing-time
case_line pdfbox-cades-signingtime.pdf root valid "CAdES (ETSI.CAdES.detached)" "note:signed attribute signingTime" \
    "PDFBox, ETSI.CAdES.detached with signingTime: not baseline, a note"
pdfbox_sign "$BASE" "$OUT/pdfbox-sha512.pdf" PdfBox --digest SHA-512
case_line pdfbox-sha512.pdf root valid "PAdES B-B" - "PDFBox, PAdES with SHA-512"

openssl_sign "$BASE" "$OUT/openssl-default.pdf" OpenSsl rsa -md sha256
case_line openssl-default.pdf root valid "$CMS" - "openssl cms -sign (OpenSSL 3 attributes: signingTime, ...)"
openssl_sign "$BASE" "$OUT/openssl-noattr.pdf" OpenSsl rsa -md sha256 -noattr
case_line openssl-noattr.pdf root valid "$CMS" - "openssl cms -sign -noattr: the content digest signed directly"
openssl_sign "$BASE" "$OUT/openssl-pss.pdf" OpenSsl rsa -md sha256 -keyopt rsa_padding_mode:pss
case_line openssl-pss.pdf root valid "$CMS" - "openssl cms -sign, RSASSA-PSS"
openssl_sign "$BASE" "$OUT/openssl-pss-noattr.pdf" OpenSsl rsa -md sha384 -noattr -keyopt rsa_padding_mode:pss
case_line openssl-pss-noattr.pdf root valid "$CMS" - "openssl cms -sign, RSASSA-PSS, SHA-384, no signed attributes"
openssl_sign "$BASE" "$OUT/openssl-p256.pdf" OpenSsl p256 -md sha256
case_line openssl-p256.pdf root valid "$CMS" - "openssl cms -sign, ECDSA P-256"
openssl_sign "$BASE" "$OUT/openssl-p384-noattr.pdf" OpenSsl p384 -md sha384 -noattr
case_line openssl-p384-noattr.pdf root valid "$CMS" - "openssl cms -sign, ECDSA P-384, no signed attributes"
CMS_HOOK=indefinite openssl_sign "$BASE" "$OUT/openssl-ber.pdf" OpenSsl rsa -md sha256
case_line openssl-ber.pdf root valid "$CMS" - "openssl cms -sign, re-encoded BER with indefinite lengths"

# Several signatures from different tools, each an incremental update over the one before.
# podofosign first: signing after pdfsig it rewrites the AcroForm's /DA, which the modification
# analysis does not allow (a finding of its own, not a CMS form).
podofo_sign "$BASE" "$WORK/multi-1.pdf" Podo
pdfsig_sign "$WORK/multi-1.pdf" "$WORK/multi-2.pdf" PdfSig
pdfbox_sign "$WORK/multi-2.pdf" "$WORK/multi-3.pdf" PdfBox --subfilter adbe.pkcs7.detached --signing-time
openssl_sign "$WORK/multi-3.pdf" "$OUT/multi-tool.pdf" OpenSsl p384 -md sha384
case_line multi-tool.pdf root valid "$CMS;$CMS;$CMS;$CMS" - "podofosign, pdfsig, PDFBox, openssl in turn"

# What the standards forbid: refused with the reason.
SIGSIZE=65536 openssl_sign "$BASE" "$OUT/openssl-stream-encapsulated.pdf" OpenSsl rsa -md sha256 -stream
case_line openssl-stream-encapsulated.pdf root invalid "$CMS" "problem:encapsulated content|ground:cms_form_not_allowed" \
    "openssl cms -sign -stream: BER, but the content is inside the CMS (not detached)"
openssl_sign "$BASE" "$OUT/openssl-tstinfo-content.pdf" OpenSsl rsa -md sha256 -econtent_type 1.2.840.113549.1.9.16.1.4
case_line openssl-tstinfo-content.pdf root invalid "$CMS" "problem:wrong content type|ground:cms_form_not_allowed" \
    "openssl cms -sign -econtent_type id-ct-TSTInfo: not PDF data"
# ECDSA with SHA-256 while the SignerInfo's digestAlgorithm says SHA-384 (its OID's last byte).
CMS_HOOK="replace 0609608648016503040201 0609608648016503040202" \
    openssl_sign "$BASE" "$OUT/digest-mismatch.pdf" OpenSsl p256 -md sha256 -noattr
case_line digest-mismatch.pdf root invalid "$CMS" "problem:digest algorithm mismatch|ground:cms_form_not_allowed|!ground:bytes_changed" \
    "ecdsa-with-SHA256 under a SHA-384 digestAlgorithm"
CMS_HOOK="replace 0609608648016503040201 060960864801650304027f" \
    openssl_sign "$BASE" "$OUT/unknown-digest.pdf" OpenSsl rsa -md sha256
case_line unknown-digest.pdf root invalid "$CMS" "problem:unknown digest algorithm 2.16.840.1.101.3.4.2.127|ground:cms_form_not_allowed" \
    "a digest algorithm nobody knows"
# One signed byte changed after signing: podofosign's /Reason "I agree" (UTF-16) becomes "I Agree".
run $SPLICE replace "$OUT/openssl-noattr.pdf" "$OUT/noattr-tampered.pdf" 0061006700720065006529 0041006700720065006529
case_line noattr-tampered.pdf root invalid "$CMS" "problem:the signature over the content digest|ground:bytes_changed" \
    "-noattr signature over bytes changed afterwards"

# The files expected valid are valid for an independent validator too: pdfsig (NSS) for all
# signatures of each, except RSASSA-PSS without signed attributes, which NSS does not verify;
# that one `openssl cms -verify` (OpenSSL's CMS_verify, not kyso's code) checks.
independent_check() {
    local f=$OUT/$1 report valid total
    if [[ $1 == openssl-pss-noattr.pdf ]]; then
        run $SPLICE ranges "$f" "$WORK/check.ranges"
        run $SPLICE contents "$f" "$WORK/check.cms"
        run openssl cms -verify -binary -inform DER -in "$WORK/check.cms" -content "$WORK/check.ranges" \
            -CAfile "$PKI/root.pem" -out /dev/null
        return
    fi
    report=$(pdfsig -nssdir "sql:$NSS" "$f" 2>/dev/null || true)
    valid=$(grep -c 'Signature is Valid' <<<"$report" || true)
    total=$(grep -c 'Signature Validation' <<<"$report" || true)
    (( total > 0 && valid == total )) || die "$1: pdfsig finds $valid of $total signatures valid"
}
while IFS=$'\t' read -r file trust verdict _; do
    [[ $verdict == valid ]] && independent_check "$file"
done <"$CASES"

# Every file must still be a PDF qpdf can read (a broken file would test nothing).
if command -v qpdf >/dev/null; then
    for f in "$OUT"/*.pdf; do
        qpdf --check "$f" >>"$LOG" 2>&1 || [[ $? -eq 3 ]] || die "$f: qpdf --check failed"
    done
fi
[[ ${KYSO_CORPUS_KEEP_WORK:-0} == 1 ]] || rm -rf "$WORK"
echo "make-cms-corpus: $(wc -l <"$CASES") cases, $(ls "$OUT"/*.pdf | wc -l) files -> $OUT"
