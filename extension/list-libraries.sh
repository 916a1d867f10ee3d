#!/usr/bin/env bash
# list-libraries.sh COMPONENT.so LIBRARIES.txt DESCRIPTION_IN_DIR DESCRIPTION_OUT_DIR
#
# Build step of kyso.oxt: the shared libraries the real component needs beyond LibreOffice
# itself, one "SONAME DEBIAN-PACKAGE" per line, for the loader's explanation at run time
# (src/uno/loader). It also fills @KYSO_LIBRARY_PACKAGES@ in the Extension Manager's
# description texts with the same packages. Taken from the built binary (readelf, ldd, dpkg),
# never written by hand.
set -euo pipefail
[[ $# -eq 4 ]] || { echo "usage: list-libraries.sh COMPONENT.so LIBRARIES.txt DESC_IN DESC_OUT" >&2; exit 2; }
component=$1 out=$2 desc_in=$3 desc_out=$4

# The C/C++ runtime and LibreOffice's UNO libraries are there wherever LibreOffice runs.
always_there='^(libc|libm|libdl|libpthread|librt|ld-linux.*|libstdc\+\+|libgcc_s|libuno_.*)\.so'

declare -A path_of
while read -r soname _ path _; do
    [[ $path == /* ]] && path_of[$soname]=$path
done < <(ldd "$component")

tmp=$(mktemp "$out.XXXXXX")
trap 'rm -f "$tmp"' EXIT
packages=()
for soname in $(readelf -d "$component" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    [[ $soname =~ $always_there ]] && continue
    package=""
    if [[ -n ${path_of[$soname]:-} ]] && command -v dpkg-query >/dev/null; then
        # merged /usr: dpkg may know the file under /lib or /usr/lib
        for candidate in "${path_of[$soname]}" "$(readlink -f "${path_of[$soname]}")" "${path_of[$soname]#/usr}"; do
            package=$(dpkg-query -S "$candidate" 2>/dev/null | head -n1 | cut -d: -f1) && [[ -n $package ]] && break
        done
    fi
    echo "$soname $package" >>"$tmp"
    [[ -n $package ]] && packages+=("$package")
done
mv "$tmp" "$out"
trap - EXIT

mkdir -p "$desc_out"
list=$(printf '%s\n' "${packages[@]}" | sort -u | tr '\n' ' ' | sed 's/ $//')
for f in "$desc_in"/*.txt; do
    sed "s|@KYSO_LIBRARY_PACKAGES@|$list|g" "$f" >"$desc_out/$(basename "$f")"
done
