#!/usr/bin/env python3
"""Puts a CMS made by another tool (`openssl cms -sign`) into a PDF's prepared signature (stdlib only).

  cms_splice.py ranges PDF OUT        the bytes that PDF's last signature signs (its /ByteRange)
  cms_splice.py contents PDF OUT     that signature's CMS, /Contents without its zero padding
  cms_splice.py fill PDF CMS OUT      PDF with CMS (DER or BER) hex-encoded into that signature's
                                      /Contents hole, zero-padded; refuses a CMS that does not fit
  cms_splice.py indefinite IN OUT     IN (DER) with the constructed elements of its outer four levels
                                      (ContentInfo, SignedData and SignedData's fields) re-encoded
                                      with indefinite lengths: BER as streaming encoders write it
  cms_splice.py replace IN OUT OLD NEW   IN with every occurrence of hex OLD replaced by hex NEW
                                      (same length); fails when OLD does not occur
"""
import re
import sys

SIGNATURE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")


def last_signature(data):
    """(ByteRange numbers, start and end of the /Contents hex digits) of the last signature."""
    ranges = list(SIGNATURE.finditer(data))
    if not ranges:
        sys.exit("cms_splice: no /ByteRange in the PDF")
    a, b, c, d = (int(x) for x in ranges[-1].groups())
    # The hole between the two ranges is exactly "<hex digits>".
    if data[a + b:a + b + 1] != b"<" or data[c - 1:c] != b">":
        sys.exit("cms_splice: the /ByteRange gap is not a hex string")
    return (a, b, c, d), a + b + 1, c - 1


def read(path):
    with open(path, "rb") as f:
        return f.read()


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def ranges(pdf, out):
    data = read(pdf)
    (a, b, c, d), _, _ = last_signature(data)
    write(out, data[a:a + b] + data[c:c + d])


def contents(pdf, out):
    data = read(pdf)
    _, start, end = last_signature(data)
    cms = bytes.fromhex(data[start:end].decode())
    # The CMS's own length (definite DER; BER with an indefinite outer length keeps the padding).
    tag, header, length = tlv(cms, 0)
    write(out, cms if cms[1] == 0x80 else cms[:header + length])


def fill(pdf, cms, out):
    data = bytearray(read(pdf))
    _, start, end = last_signature(data)
    digits = read(cms).hex().encode()
    if len(digits) > end - start:
        sys.exit("cms_splice: the CMS (%d bytes) does not fit the %d-byte hole" % (len(digits) // 2, (end - start) // 2))
    data[start:end] = digits + b"0" * (end - start - len(digits))
    write(out, bytes(data))


def tlv(data, i):
    """(tag, header length, content length) of the DER element at data[i]."""
    tag, length, header = data[i], data[i + 1], 2
    if length & 0x80:
        octets = length & 0x7F
        length = int.from_bytes(data[i + 2:i + 2 + octets], "big")
        header += octets
    return tag, header, length


def indefinite(data, depth):
    out, i = bytearray(), 0
    while i < len(data):
        tag, header, length = tlv(data, i)
        content = data[i + header:i + header + length]
        if tag & 0x20 and depth > 0:
            out += bytes([tag, 0x80]) + indefinite(content, depth - 1) + b"\0\0"
        else:
            out += data[i:i + header + length]
        i += header + length
    return bytes(out)


def replace(source, out, old, new):
    old, new = bytes.fromhex(old), bytes.fromhex(new)
    data = read(source)
    if len(old) != len(new) or old not in data:
        sys.exit("cms_splice: %s not found (or lengths differ)" % old.hex())
    write(out, data.replace(old, new))


def main(argv):
    commands = {"ranges": (ranges, 2), "contents": (contents, 2), "fill": (fill, 3), "indefinite": (None, 2), "replace": (replace, 4)}
    if len(argv) < 2 or argv[1] not in commands or len(argv) - 2 != commands[argv[1]][1]:
        sys.exit(__doc__)
    if argv[1] == "indefinite":
        write(argv[3], indefinite(read(argv[2]), 4))
    else:
        commands[argv[1]][0](*argv[2:])


if __name__ == "__main__":
    main(sys.argv)
