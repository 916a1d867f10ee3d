#!/usr/bin/env bash
# The main job, end to end, on a fresh Debian 12 machine: install dependencies, build, make a
# demo SoftHSM2 token (test PKI), make a demo document with LibreOffice, sign it as the
# authorised official (blue signature image), then as the organisation (red seal at real size,
# covering a third of the signature from the left), verify, and print where everything is.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
BUILD=${KYSO_BUILD_DIR:-$ROOT/build}
DEMO=$BUILD/demo
KYSO=$BUILD/src/kyso

bash "$ROOT/scripts/install-deps.sh"
bash "$ROOT/scripts/build.sh"
rm -rf "$DEMO" && mkdir -p "$DEMO"

echo "== 1. Thiết bị ký số thử nghiệm / demo token (SoftHSM2)"
bash "$ROOT/tests/token/make-test-token.sh" "$DEMO/token" >/dev/null 2>"$DEMO/token.log" || { cat "$DEMO/token.log"; exit 1; }
set -a
. "$DEMO/token/test-token-paths.env"
. "$ROOT/tests/token/test-token.env"
set +a
"$KYSO" token list | grep -E 'Thiết bị|label "(binh|ubnd)"'

echo "== 2. Văn bản dự thảo / demo draft (LibreOffice → PDF)"
/usr/bin/python3 "$ROOT/scripts/make-demo-images.py" "$DEMO"
LC_ALL=C.UTF-8 timeout -k 5 120 soffice -env:UserInstallation="file://$DEMO/lo-profile" --headless \
  --convert-to pdf --outdir "$DEMO" "$ROOT/tests/corpus/src/one-page.fodt" >/dev/null 2>&1
mv "$DEMO/one-page.pdf" "$DEMO/du-thao.pdf"

echo "== 3. Người có thẩm quyền ký / the official signs (box 7c)"
# Signature image: 150 x 60 pt; the seal (36 mm = 102 pt) covers its left third (50 pt).
"$KYSO" sign "$DEMO/du-thao.pdf" -o "$DEMO/da-ky.pdf" --token "$KYSO_TEST_TOKEN_LABEL" --cert binh \
  --pin-env KYSO_TEST_USER_PIN --rect 330,200,150,60 --image "$DEMO/chu-ky.png" \
  --field kyso_official --reason "Ký duyệt văn bản" --location "An Giang"

echo "== 4. Văn thư ký số của cơ quan / the organisation signs (box 8)"
"$KYSO" sign "$DEMO/da-ky.pdf" -o "$DEMO/ban-hanh.pdf" --token "$KYSO_TEST_TOKEN_LABEL" --cert ubnd \
  --pin-env KYSO_TEST_USER_PIN --rect 279,179,102,102 --image "$DEMO/con-dau.png" \
  --field kyso_org --reason "Ban hành văn bản" --location "An Giang"

echo "== 5. Kiểm tra / verify"
"$KYSO" verify "$DEMO/ban-hanh.pdf" --trust "$KYSO_TEST_PKI_DIR/root-ca.pem"
pdftoppm -r 80 -png -singlefile "$DEMO/ban-hanh.pdf" "$DEMO/ban-hanh-trang-1"

echo
echo "Văn bản đã ban hành / issued document: $DEMO/ban-hanh.pdf"
echo "Ảnh xem trước / preview:               $DEMO/ban-hanh-trang-1.png"
