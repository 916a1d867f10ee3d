#!/usr/bin/env bash
# The main job, end to end, on a fresh Debian 12 machine: install dependencies, build, make a
# demo SoftHSM2 token (test PKI) and a Decree 30 demo draft with LibreOffice, then run the
# regulation's workflow: prepare the draft, the official signs (blue signature between title
# and name), the clerk issues it (number and date filled, red seal at its real size over the
# left third of the signature), verify; then the same workflow through the LibreOffice extension
# in a headless LibreOffice (scripts/demo-extension.py); print where the issued PDFs are.
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

echo "== 2. Văn bản dự thảo / demo draft (LibreOffice → PDF with kyso's bookmarks)"
/usr/bin/python3 "$ROOT/scripts/make-demo-images.py" "$DEMO"
bash "$ROOT/tests/demo/ensure-demo-drafts.sh" "$DEMO/drafts" >"$DEMO/drafts.log" 2>&1 || { cat "$DEMO/drafts.log"; exit 1; }
cp "$DEMO/drafts/quyet-dinh.pdf" "$DEMO/van-ban.pdf"

echo "== 3. Chuẩn bị dự thảo / prepare the draft (number, date fields, signature place)"
"$KYSO" prepare "$DEMO/van-ban.pdf" -o "$DEMO/du-thao.pdf"

echo "== 4. Người có thẩm quyền ký số / the official signs (box 7c)"
"$KYSO" sign-official "$DEMO/du-thao.pdf" -o "$DEMO/da-ky.pdf" --signature-image "$DEMO/chu-ky.png" \
  --token "$KYSO_TEST_TOKEN_LABEL" --cert binh --pin-env KYSO_TEST_USER_PIN

echo "== 5. Văn thư cấp số, ngày và ký số của cơ quan / the clerk issues (box 8)"
"$KYSO" issue "$DEMO/da-ky.pdf" -o "$DEMO/ban-hanh.pdf" --number 1 --symbol QĐ-UBND \
  --seal-image "$DEMO/con-dau.png" --trust "$KYSO_TEST_PKI_DIR/root-ca.pem" \
  --token "$KYSO_TEST_TOKEN_LABEL" --cert ubnd --pin-env KYSO_TEST_USER_PIN

echo "== 6. Kiểm tra / verify"
"$KYSO" verify "$DEMO/ban-hanh.pdf" --trust "$KYSO_TEST_PKI_DIR/root-ca.pem"
pdftoppm -r 80 -png -singlefile "$DEMO/ban-hanh.pdf" "$DEMO/ban-hanh-trang-1"

/usr/bin/python3 "$ROOT/scripts/demo-extension.py" "$BUILD/kyso.oxt" "$DEMO"

echo
echo "Văn bản đã ban hành / issued document: $DEMO/ban-hanh.pdf"
echo "Ảnh xem trước / preview:               $DEMO/ban-hanh-trang-1.png"
