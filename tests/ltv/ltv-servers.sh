#!/bin/bash
# Test fixture for long-term signatures (PAdES B-T/B-LT): a small PKI of its own whose
# certificates name OCSP and CRL URLs on 127.0.0.1 (the token fixture's PKI names none, and
# other tests rely on it staying as it is), a TSA certificate (extendedKeyUsage critical
# timeStamping), a one-page PDF, and one HTTP server on a free loopback port that fronts real
# `openssl ts -reply` and `openssl ocsp` responders and serves the CRL.
#   ltv-servers.sh start OUTDIR   -> OUTDIR/ltv.env (paths, URLs, server pid); servers stop by
#                                    themselves after $KYSO_LTV_LIFETIME seconds (default 300)
#   ltv-servers.sh stop OUTDIR    -> stops them now
# Debian packages: openssl python3 faketime libpodofo-utils (podofosign).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
action="${1:?start|stop}"
out="${2:?OUTDIR}"

if [ "$action" = stop ]; then
    if [ -f "$out/server.pid" ]; then
        kill "$(cat "$out/server.pid")" 2>/dev/null || true
        rm -f "$out/server.pid"
    fi
    exit 0
fi

[ -f "$out/server.pid" ] && kill "$(cat "$out/server.pid")" 2>/dev/null || true
rm -rf "$out"
mkdir -p "$out/pki"
out="$(cd "$out" && pwd)"
cd "$out/pki"

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port="$(free_port)"
dead_port="$(free_port)" # nobody listens here: "OCSP responder down", "TSA unreachable"
base="http://127.0.0.1:$port"

# 1. The CA, as `openssl ca` wants it: its index feeds the OCSP responder and the CRL.
mkdir -p newcerts
: > index.txt
echo 1000 > serial
echo 1000 > crlnumber
cat > ca.cnf <<CNF
[ca]
default_ca = test_ca
[test_ca]
dir = $out/pki
database = \$dir/index.txt
new_certs_dir = \$dir/newcerts
serial = \$dir/serial
crlnumber = \$dir/crlnumber
certificate = \$dir/ca.pem
private_key = \$dir/ca.key
default_md = sha256
default_days = 365
default_crl_days = 7
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
organizationName = optional
countryName = optional
[root]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[signer]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, nonRepudiation
authorityInfoAccess = OCSP;URI:$base/ocsp
crlDistributionPoints = URI:$base/ca.crl
[crl_only]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, nonRepudiation
crlDistributionPoints = URI:$base/ca.crl
[dead_ocsp]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, nonRepudiation
authorityInfoAccess = OCSP;URI:http://127.0.0.1:$dead_port/ocsp
[tsa]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
authorityInfoAccess = OCSP;URI:$base/ocsp
crlDistributionPoints = URI:$base/ca.crl
CNF

openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 3650 -sha256 \
    -subj "/C=VN/O=kyso TEST/CN=kyso LTV TEST Root CA" -config ca.cnf -extensions root 2>/dev/null
start="$(date -u -d '-1 hour' +%Y%m%d%H%M%SZ)"
issue() { # name extensions common-name
    openssl req -utf8 -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -subj "/C=VN/O=kyso TEST/CN=$3" 2>/dev/null
    openssl ca -utf8 -batch -config ca.cnf -extensions "$2" -startdate "$start" -in "$1.csr" -out "$1.pem" -notext 2>/dev/null
}
issue signer signer "Nguyễn Văn Dài Hạn"
issue revoked signer "Trần Thị Thu Hồi"
issue crlonly crl_only "Lê Văn Chỉ CRL"
issue deadocsp dead_ocsp "Phạm Văn OCSP Tắt"
issue tsa tsa "kyso LTV TEST TSA"
openssl ca -batch -config ca.cnf -revoke revoked.pem -crl_reason keyCompromise 2>/dev/null
openssl ca -batch -config ca.cnf -gencrl -out ca.crl 2>/dev/null
openssl crl -in ca.crl -outform DER -out ca.crl.der

# 2. The TSA: `openssl ts -reply` reads this; the token carries the TSA certificate (certReq)
# and the ESS signing-certificate-v2 with SHA-256.
cat > ../tsa.cnf <<CNF
[tsa]
default_tsa = tsa_config
[tsa_config]
dir = $out/pki
serial = \$dir/tsaserial
crypto_device = builtin
signer_cert = \$dir/tsa.pem
signer_key = \$dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
other_policies = 1.2.3.4.5
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
CNF
echo 01 > tsaserial
cp index.txt ca.pem ca.key ../ # the OCSP responder works in OUTDIR
cp ca.crl.der ../

# 3. A one-page PDF with a classic cross-reference table.
/usr/bin/python3 - "$out/plain.pdf" <<'PY'
import sys
objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
           b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<<>>>>"]
content = b"0 0 1 rg 100 700 200 50 re f"
objects.append(b"<</Length %d>>\nstream\n%s\nendstream" % (len(content), content))
pdf, offsets = b"%PDF-1.7\n", []
for number, body in enumerate(objects, 1):
    offsets.append(len(pdf))
    pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
xref = len(pdf)
pdf += b"xref\n0 %d\n0000000000 65535 f\r\n" % (len(objects) + 1)
pdf += b"".join(b"%010d 00000 n\r\n" % o for o in offsets)
pdf += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
open(sys.argv[1], "wb").write(pdf)
PY

# 3b. A signature of 2016 for the SHA-1 rule (SHA-1 holds only with a proof of existence from
# before 2017): a PKI whose clock says 2015 (faketime), a key valid 2015-2017 that signed the
# PDF with SHA-1 in March 2016 (podofosign), and a TSA whose replies say June 2016 (/tsa-2016).
mkdir -p "$out/pki2015"
(
    cd "$out/pki2015"
    in_2015() { faketime '2015-06-01 08:00:00' "$@"; }
    in_2015 openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 7300 -sha256 \
        -subj "/C=VN/O=kyso TEST/CN=kyso TEST Root CA 2015" -addext "basicConstraints=critical,CA:true" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    issue_2015() { # name days extensions common-name
        printf '%b' "$3" > "$1.ext"
        in_2015 openssl req -utf8 -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" \
            -subj "/C=VN/O=kyso TEST/CN=$4" 2>/dev/null
        in_2015 openssl x509 -req -in "$1.csr" -CA root.pem -CAkey root.key -CAcreateserial -days "$2" -sha256 \
            -extfile "$1.ext" -out "$1.pem" 2>/dev/null
    }
    issue_2015 signer 730 "basicConstraints=CA:false\nkeyUsage=critical,digitalSignature,nonRepudiation\n" \
        "Nguyễn Văn Năm Mười Sáu"
    issue_2015 tsa 7300 "basicConstraints=CA:false\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n" \
        "kyso TEST TSA 2016"
    sed -e "s|dir = $out/pki\$|dir = $out/pki2015|" ../tsa.cnf > ../tsa-2016.cnf
    echo 01 > tsaserial
    faketime '2016-03-15 09:30:00' podofosign -in "$out/plain.pdf" -out "$out/sha1-2016.pdf" -cert signer.pem \
        -pkey signer.key -digest SHA1 -field-name Sha1Signature > /dev/null
)

# 4. The server, bounded in time; ready once it answers.
cd "$out"
# fixture.ltv.stop ends the server; the lifetime only bounds a run that never reaches it, and
# must outlast the slowest whole suite (a loaded CI machine), so it is generous.
lifetime="${KYSO_LTV_LIFETIME:-3600}"
nohup timeout "$((lifetime + 5))" /usr/bin/python3 "$here/ltv_server.py" --port "$port" --dir "$out" \
    --lifetime "$lifetime" > "$out/server.log" 2>&1 &
echo $! > "$out/server.pid"
for _ in $(seq 50); do
    if /usr/bin/python3 -c "import urllib.request,sys; urllib.request.urlopen('$base/ca.crl', timeout=1)" 2>/dev/null; then
        break
    fi
    sleep 0.1
done

cat > "$out/ltv.env" <<ENV
KYSO_LTV_DIR=$out
KYSO_LTV_PDF=$out/plain.pdf
KYSO_LTV_CA=$out/pki/ca.pem
KYSO_LTV_PKI=$out/pki
KYSO_LTV_TSA=$base/tsa
KYSO_LTV_BASE=$base
KYSO_LTV_DEAD=http://127.0.0.1:$dead_port
KYSO_LTV_SHA1_2016_PDF=$out/sha1-2016.pdf
KYSO_LTV_ROOT_2015=$out/pki2015/root.pem
KYSO_LTV_TSA_2016=$base/tsa-2016
ENV
echo "ltv services on $base (pid $(cat "$out/server.pid")); env: $out/ltv.env"
