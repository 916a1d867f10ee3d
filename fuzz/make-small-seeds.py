#!/usr/bin/env python3
"""Writes small, valid PDFs (0.3-1 KB) covering the structures the signing path meets: classic
xref table, xref stream, object stream, incremental update with /Prev, several pages, an
AcroForm text field, an empty signature field, an inherited /MediaBox.

Why: on the test corpus (27-35 KB files with embedded fonts) one fuzzing execution costs
0.2-0.3 s, so a one-million-execution run would need days on this 2-core machine; on inputs this
small libFuzzer makes hundreds of executions per second through the same harness, and its
mutations reach the parser's edge cases (xref, trailer, page tree) far more often.

Run: python3 fuzz/make-small-seeds.py OUTDIR
"""
import os
import sys


def classic(objects, trailer_extra=b"", header=b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"):
    """A complete file: objects 1..n, a classic xref table, a trailer with /Root 1 0 R."""
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, trailer_extra, xref)
    return bytes(out)


def stream(data, extra=b""):
    return b"<< /Length %d%s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


CONTENT = stream(b"BT /F1 12 Tf 72 720 Td (Xin chao) Tj ET")
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def one_page():
    return classic([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        CONTENT,
        FONT,
    ])


def two_pages_inherited_box():
    return classic([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 /MediaBox [0 0 595 842] >>",
        b"<< /Type /Page /Parent 2 0 R /Contents 5 0 R /Resources << /Font << /F1 6 0 R >> >> >>",
        b"<< /Type /Page /Parent 2 0 R /Rotate 90 >>",
        CONTENT,
        FONT,
    ])


def acroform_text_field():
    return classic([
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /DA (/Helv 0 Tf 0 g) >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >>",
        b"<< /FT /Tx /T (kyso_so) /Type /Annot /Subtype /Widget /Rect [100 700 160 715] /P 3 0 R /F 4 >>",
    ])


def empty_signature_field():
    return classic([
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] /SigFlags 3 >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Annots [4 0 R] >>",
        b"<< /FT /Sig /T (Signature1) /Type /Annot /Subtype /Widget /Rect [300 100 500 160] /P 3 0 R /F 132 >>",
    ])


def incremental_update():
    base = one_page()
    prev = int(base.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    out = bytearray(base)
    info_offset = len(out)
    out += b"6 0 obj\n<< /Producer (kyso fuzz seed) >>\nendobj\n"
    xref = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n6 1\n%010d 00000 n \n" % info_offset
    out += b"trailer\n<< /Size 7 /Root 1 0 R /Info 6 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (prev, xref)
    return bytes(out)


def xref_stream_with_object_stream():
    """Catalog and pages in an (unfiltered) object stream, offsets in an xref stream."""
    header = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    out = bytearray(header)
    compressed = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]
    body = b""
    index = b""
    for number, obj in zip((1, 2), compressed):
        index += b"%d %d " % (number, len(body))
        body += obj + b" "
    page_offset = len(out)
    out += (b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>\nendobj\n")
    objstm_offset = len(out)
    data = index + body
    out += b"4 0 obj\n" + stream(data, b" /Type /ObjStm /N 2 /First %d" % len(index)) + b"\nendobj\n"
    content_offset = len(out)
    out += b"5 0 obj\n" + CONTENT + b"\nendobj\n"
    xref_offset = len(out)
    rows = [b"\x00\x00\x00\xff", b"\x02\x00\x04\x00", b"\x02\x00\x04\x01"]
    for offset in (page_offset, objstm_offset, content_offset, xref_offset):
        rows.append(b"\x01" + offset.to_bytes(2, "big") + b"\x00")
    out += b"6 0 obj\n" + stream(b"".join(rows), b" /Type /XRef /Size 7 /W [1 2 1] /Root 1 0 R") + b"\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(out)


SEEDS = {
    "small-one-page.pdf": one_page,
    "small-two-pages-inherited.pdf": two_pages_inherited_box,
    "small-acroform-text.pdf": acroform_text_field,
    "small-empty-signature-field.pdf": empty_signature_field,
    "small-incremental.pdf": incremental_update,
    "small-xref-stream-objstm.pdf": xref_stream_with_object_stream,
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    for name, make in SEEDS.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(make())
    print(f"make-small-seeds: {len(SEEDS)} PDFs in {out}")


if __name__ == "__main__":
    main()
