#!/usr/bin/env bash
# clean-root.sh KYSO.deb KYSO.oxt DRAFT.pdf WORKDIR
#
# Proves kyso installable by a user on a plain LibreOffice desktop (issue 14), in a fresh
# Debian 12 root made with mmdebstrap (needs root and Debian's package mirror):
#   1. the root with LibreOffice (libreoffice-writer, libreoffice-core, python3-uno);
#   2. the .deb installed with apt, so its computed Depends (and Recommends) must be complete;
#      kyso --version; kyso token list on a module path that does not exist (a clear message);
#   3. a SoftHSM2 token made in the root, kyso token list through p11-kit, and prepare →
#      sign-official → issue → verify on the draft;
#   4. a headless soffice with a fresh profile finds a dispatch for every vn.kyso: command of the
#      toolbar and creates vn.kyso.Kyso (tests/package/office_check.py);
#   5. apt-get remove kyso leaves none of its files;
#   6. the same root without kyso's libraries (autoremoved) and the .oxt alone: every command
#      answers with what to install, and a click on Ký số (under Xvfb) shows it in a message box.
# One root for both cases, one after the other: a second mmdebstrap would double the time.
# Prints each step with its time, and at a failure which step failed and the end of its log.
# Exit 77 (skipped, with the reason) when not root or mmdebstrap is missing.
set -euo pipefail
PROG=clean-root.sh
[[ $# -eq 4 ]] || { echo "usage: $PROG KYSO.deb KYSO.oxt DRAFT.pdf WORKDIR" >&2; exit 2; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
SOURCE=$(cd "$HERE/../.." && pwd -P)
DEB=$1 OXT=$2 DRAFT=$3 WORK=$4

[[ $(id -u) -eq 0 ]] || { echo "$PROG: skipped: needs root (mmdebstrap, chroot, mounts)"; exit 77; }
command -v mmdebstrap >/dev/null || { echo "$PROG: skipped: mmdebstrap not installed (scripts/install-deps.sh)"; exit 77; }
for input in "$DEB" "$OXT" "$DRAFT"; do
    [[ -f $input ]] || { echo "$PROG: FAILED before step 1: $input does not exist (scripts/package.sh makes the .deb)"; exit 1; }
done

mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd -P)
ROOT=$WORK/root
LOG=$WORK/clean-root.log
TIMES=$WORK/clean-root-times.txt
: >"$LOG"
: >"$TIMES"

# The root's mounts must be gone before the root is deleted: rm -rf through a bind mount of
# /dev would delete the host's device nodes.
unmount_root() {
    local m
    for m in $(findmnt -rn -o TARGET | grep -F "$ROOT/" | sort -r); do
        umount -l "$m" 2>/dev/null || true
    done
}
remove_root() {
    unmount_root
    if findmnt -rn -o TARGET | grep -qF "$ROOT/"; then
        echo "$PROG: $ROOT still has mounts; not deleted" >&2
        return
    fi
    rm -rf --one-file-system -- "$ROOT"
}
finish() {
    [[ ${KYSO_KEEP_ROOT:-0} == 1 ]] && { unmount_root; echo "$PROG: root kept in $ROOT"; return; }
    remove_root
}
trap finish EXIT

STEP=0
STARTED=$SECONDS
# step NAME CMD...: runs CMD with its output in the log; on failure names the step and stops.
step() {
    local name=$1 begun=$SECONDS
    shift
    STEP=$((STEP + 1))
    echo "== $STEP. $name" | tee -a "$LOG"
    if ! "$@" >>"$LOG" 2>&1; then
        echo "$PROG: FAILED at step $STEP: $name"
        echo "---- end of $LOG"
        tail -n 40 "$LOG"
        explain_failure
        exit 1
    fi
    printf '%4ds  %s\n' $((SECONDS - begun)) "$name" | tee -a "$TIMES"
}
explain_failure() {
    if grep -qE 'Temporary failure resolving|Could not resolve|Network is unreachable|Failed to fetch|Unable to connect|Connection refused|Connection timed out' "$LOG"; then
        echo "$PROG: Debian's package mirror cannot be reached: this test needs the network (apt in a fresh root) /"
        echo "$PROG: không kết nối được kho gói Debian: bài kiểm tra này cần mạng"
    fi
}

# in_root CMD...: a command in the root with a clean environment.
in_root() {
    chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 LC_ALL=C.UTF-8 \
        DEBIAN_FRONTEND=noninteractive KYSO_REGISTER=/kyso/work/register.sqlite "$@"
}
# in_root_token CMD...: the same, with the root's SoftHSM2 token and test PKI.
in_root_token() {
    in_root bash -c 'set -a; . /kyso/work/token/test-token-paths.env; . /kyso/token/test-token.env; set +a; exec "$@"' \
        in_root_token "$@"
}

make_root() {
    remove_root
    mmdebstrap --variant=apt --include=libreoffice-writer,libreoffice-core,python3-uno bookworm "$ROOT"
}
mount_root() {
    mount -t proc proc "$ROOT/proc"
    mount --rbind /dev "$ROOT/dev"
    mount --make-rslave "$ROOT/dev"
}
copy_inputs() {
    mkdir -p "$ROOT/kyso/work" "$ROOT/kyso/token"
    cp "$DEB" "$OXT" "$HERE/office_check.py" "$SOURCE/extension/Addons.xcu" "$ROOT/kyso/"
    cp "$DRAFT" "$ROOT/kyso/work/van-ban.pdf"
    cp "$SOURCE/tests/token/make-test-token.sh" "$SOURCE/tests/token/test-token.env" "$ROOT/kyso/token/"
    /usr/bin/python3 "$SOURCE/scripts/make-demo-images.py" "$ROOT/kyso/work"
}
lo_files() {
    (cd "$ROOT" && find usr/lib/libreoffice | sort)
}
install_deb() {
    in_root apt-get update # mmdebstrap leaves no package lists in the root
    lo_files >"$WORK/libreoffice-before.txt"
    in_root apt-get install -y "/kyso/$(basename "$DEB")"
}
# (output captured first: grep -q ending a pipe early would fail it under pipefail)
check_version() {
    local want out
    want=$(dpkg-deb -f "$DEB" Version)
    out=$(in_root kyso --version)
    echo "$out"
    grep -qx "kyso $want" <<<"$out"
}
# A module path that does not exist: exit 6 and a message naming the path, in both languages.
check_missing_module() {
    local out status=0
    out=$(in_root kyso token list --module /usr/lib/khong-co/pkcs11.so 2>&1) || status=$?
    echo "$out"
    [[ $status -eq 6 ]] && grep -q '/usr/lib/khong-co/pkcs11.so' <<<"$out"
}
install_token_tools() {
    in_root apt-get install -y --no-install-recommends softhsm2 opensc openssl
}
make_token() {
    in_root bash /kyso/token/make-test-token.sh /kyso/work/token
}
check_token_list() {
    # the default module, p11-kit's proxy, finds the SoftHSM2 module registered with p11-kit
    local out
    out=$(in_root_token kyso token list)
    echo "$out"
    grep -q 'Token: "kyso-test"' <<<"$out"
}
workflow() {
    in_root_token bash -euxc '
        cd /kyso/work
        kyso prepare van-ban.pdf -o du-thao.pdf
        kyso sign-official du-thao.pdf -o da-ky.pdf --signature-image chu-ky.png \
            --token "$KYSO_TEST_TOKEN_LABEL" --cert binh --pin-env KYSO_TEST_USER_PIN
        kyso issue da-ky.pdf -o ban-hanh.pdf --number 1 --symbol QĐ-UBND --seal-image con-dau.png \
            --trust "$KYSO_TEST_PKI_DIR/root-ca.pem" --token "$KYSO_TEST_TOKEN_LABEL" --cert ubnd \
            --pin-env KYSO_TEST_USER_PIN
        kyso verify ban-hanh.pdf --trust "$KYSO_TEST_PKI_DIR/root-ca.pem"'
}
# libpq is opened only when a PostgreSQL register is first used (dlopen, so dpkg-shlibdeps cannot
# see it): without libpq5 that use must say which package to install, in both languages.
check_missing_libpq() {
    in_root dpkg --remove --force-depends libpq5
    local out status=0
    out=$(in_root kyso register list --register "postgresql://kyso@127.0.0.1:1/kyso" 2>&1) || status=$?
    echo "$out"
    [[ $status -ne 0 ]] && grep -q 'cài gói libpq5' <<<"$out" && grep -q 'install the package libpq5' <<<"$out"
}
check_office() {
    local ext=/usr/lib/libreoffice/share/extensions/kyso
    in_root python3 /kyso/office_check.py works "$ext/Addons.xcu" "$ext/kyso.rdb"
}
remove_kyso() {
    in_root dpkg-query -L kyso >"$WORK/kyso-files.txt"
    in_root apt-get remove -y kyso
    local left=0 f
    while read -r f; do
        [[ -n $f && ! -d $ROOT$f && -e $ROOT$f ]] && { echo "left behind: $f"; left=1; }
    done <"$WORK/kyso-files.txt"
    [[ -e $ROOT/usr/lib/libreoffice/share/extensions/kyso ]] && { echo "left behind: the extension's folder"; left=1; }
    # nor anything LibreOffice made of the bundled extension in its own folder
    if ! lo_files | diff "$WORK/libreoffice-before.txt" - ; then
        echo "left behind in /usr/lib/libreoffice (diff above)"
        left=1
    fi
    [[ $left -eq 0 ]]
}
# The libraries kyso needs beyond LibreOffice go with it: the root is then a plain LibreOffice.
autoremove_libraries() {
    in_root apt-get autoremove -y --purge
    local gone=0 soname package
    while read -r soname package; do
        if in_root dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
            echo "still installed: $package ($soname)"
        else
            gone=1
        fi
    done < <(/usr/bin/python3 -c 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("libraries.txt").decode())' "$OXT")
    [[ $gone -eq 1 ]] # at least one library is missing, or the next step proves nothing
}
check_explains() {
    # root must name --shared; a profile of its own for unopkg, not the office's
    in_root unopkg add --shared "/kyso/$(basename "$OXT")" "-env:UserInstallation=file:///kyso/work/unopkg-profile"
    in_root python3 /kyso/office_check.py explains /kyso/Addons.xcu
}
# The same with a display: a click on a kyso button opens a message box (screenshot kept in WORKDIR).
check_click() {
    in_root apt-get install -y --no-install-recommends xvfb python3-pil
    # a display number free here and in the root (X servers also listen on abstract sockets,
    # which the root shares with this machine)
    local n=150
    while [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock || -e $ROOT/tmp/.X$n-lock ]] ||
          grep -q "@/tmp/.X11-unix/X$n\$" /proc/net/unix; do
        n=$((n + 1))
    done
    # chroot and env exec: $! is Xvfb itself, so the kill below ends it
    chroot "$ROOT" /usr/bin/env -i PATH=/usr/bin:/bin Xvfb ":$n" -screen 0 1024x768x24 -nolisten tcp &
    local xvfb=$! status=0
    local i
    for i in $(seq 50); do [[ -e $ROOT/tmp/.X11-unix/X$n ]] && break; sleep 0.2; done
    in_root env DISPLAY=":$n" KYSO_SCREENSHOT=/kyso/work/explanation.png \
        python3 /kyso/office_check.py explains /kyso/Addons.xcu || status=$?
    kill "$xvfb" 2>/dev/null || true
    wait "$xvfb" 2>/dev/null || true
    cp "$ROOT/kyso/work/explanation.png" "$WORK/" 2>/dev/null || true
    return $status
}

step "Debian 12 root with LibreOffice (mmdebstrap: libreoffice-writer, libreoffice-core, python3-uno)" make_root
step "mount /proc and /dev in the root" mount_root
step "copy the .deb, the .oxt, the draft and the token scripts into the root" copy_inputs
step "apt-get update; apt-get install ./$(basename "$DEB") (its Depends and Recommends)" install_deb
step "kyso --version" check_version
step "kyso token list --module (a path that does not exist): a clear message" check_missing_module
step "SoftHSM2 and the token tools in the root (softhsm2, opensc, openssl)" install_token_tools
step "SoftHSM2 token and test PKI made in the root" make_token
step "kyso token list (p11-kit's proxy finds the SoftHSM2 token)" check_token_list
step "prepare → sign-official → issue → verify" workflow
step "kyso register list on PostgreSQL with libpq5 removed: says to install libpq5" check_missing_libpq
step "headless soffice, fresh profile: a dispatch for every vn.kyso: command, vn.kyso.Kyso created" check_office
step "apt-get remove kyso leaves none of its files" remove_kyso
step "apt-get autoremove: kyso's libraries gone, a plain LibreOffice" autoremove_libraries
step "the .oxt alone (unopkg add --shared): every command says what to install" check_explains
step "the .oxt alone, on a display (Xvfb): a click on Ký số shows what to install in a message box" check_click

printf '%4ds  total\n' $((SECONDS - STARTED)) | tee -a "$TIMES"
echo "$PROG: all $STEP steps passed in $((SECONDS - STARTED)) s"
