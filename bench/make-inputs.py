#!/usr/bin/python3
"""Generates the benchmark's source documents (run by bench/run-bench.sh).

  make-inputs.py text-fodt OUT.fodt PAGES        Vietnamese text, one explicit page per "Điều"
  make-inputs.py scans DIR PAGES                 noisy A4 "scans" DIR/scan-NNN.jpg (~2.1 MB each)
  make-inputs.py image-fodt OUT.fodt DIR         a document showing every DIR/scan-*.jpg, one per page
  make-inputs.py stamp OUT.png                   400x200 blue seal/signature on a transparent background

Everything is seeded, so the same files come out on every run (JPEG bytes may differ between
PIL/libjpeg versions). PDF conversion is left to LibreOffice (soffice --convert-to pdf).
"""

import glob
import os
import pathlib
import random
import sys
from xml.sax.saxutils import escape

SEED = 20240501

WORDS = (
    "ủy ban nhân dân tỉnh huyện xã phường thị trấn quyết định thông tư nghị định công văn "
    "căn cứ luật tổ chức chính quyền địa phương ngày tháng năm về việc ban hành quy chế "
    "phối hợp quản lý nhà nước đất đai tài nguyên môi trường xây dựng giao thông vận tải "
    "giáo dục đào tạo y tế văn hóa thể thao du lịch lao động thương binh xã hội nội vụ "
    "tư pháp kế hoạch đầu tư tài chính ngân sách thuế hải quan kho bạc thanh tra kiểm tra "
    "giám sát báo cáo định kỳ hằng quý đột xuất theo yêu cầu của cơ quan cấp trên trách "
    "nhiệm thủ trưởng các sở ban ngành đoàn thể chủ tịch phó chủ tịch chánh văn phòng "
    "người đứng đầu cán bộ công chức viên chức hồ sơ thủ tục hành chính một cửa liên thông "
    "điện tử trực tuyến chữ ký số chứng thư số thiết bị ký số văn bản điện tử lưu trữ "
    "bảo đảm an toàn thông tin bí mật nhà nước công khai minh bạch hiệu lực thi hành kể từ "
    "được sửa đổi bổ sung thay thế bãi bỏ hướng dẫn triển khai thực hiện nghiêm túc kịp thời "
    "đầy đủ chính xác thống nhất trên địa bàn tỉnh An Giang Long Xuyên Châu Đốc Tân Châu"
).split()

HEADINGS = (
    "Phạm vi điều chỉnh", "Đối tượng áp dụng", "Giải thích từ ngữ", "Nguyên tắc phối hợp",
    "Trách nhiệm của cơ quan chủ trì", "Trách nhiệm của cơ quan phối hợp", "Chế độ báo cáo",
    "Lưu trữ hồ sơ điện tử", "Ký số văn bản điện tử", "Kiểm tra, giám sát", "Khen thưởng, kỷ luật",
    "Tổ chức thực hiện", "Hiệu lực thi hành",
)


def sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 26))]
    words[0] = words[0].capitalize()
    if rng.random() < 0.3:
        words.insert(rng.randint(3, len(words) - 1), "số %d/%d/QĐ-UBND" % (rng.randint(1, 3000), rng.randint(2015, 2025)))
    return " ".join(words) + rng.choice([".", ".", ".", ";", "."])


def paragraph(rng, chars):
    out = []
    while sum(len(s) + 1 for s in out) < chars:
        out.append(sentence(rng))
    return " ".join(out)


FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman"/>
  <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:text-properties style:font-name="Liberation Serif" fo:font-size="13pt" fo:language="vi" fo:country="VN"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph">
   <style:paragraph-properties fo:text-align="justify" fo:margin-bottom="0.2cm" fo:text-indent="1cm"/>
  </style:style>
  <style:style style:name="Dieu" style:family="paragraph">
   <style:paragraph-properties fo:break-before="page" fo:margin-bottom="0.3cm"/>
   <style:text-properties style:font-name="Liberation Sans" fo:font-size="14pt" fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Scan" style:family="paragraph">
   <style:paragraph-properties fo:break-before="page" fo:margin-top="0cm" fo:margin-bottom="0cm"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm"
    fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="2cm"/>
  </style:page-layout>
  <style:page-layout style:name="pm2">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="0.5cm"
    fo:margin-bottom="0.5cm" fo:margin-left="0.5cm" fo:margin-right="0.5cm"/>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="%s"/>
 </office:master-styles>
 <office:body>
  <office:text>
"""

FODT_TAIL = """  </office:text>
 </office:body>
</office:document>
"""


def text_fodt(out, pages):
    rng = random.Random(SEED)
    with open(out, "w", encoding="utf-8") as f:
        f.write(FODT_HEAD % "pm1")
        for n in range(1, pages + 1):
            title = "Điều %d. %s" % (n, HEADINGS[(n - 1) % len(HEADINGS)])
            f.write('   <text:p text:style-name="Dieu">%s</text:p>\n' % escape(title))
            # ~2,600 characters a page: well inside one A4 page at 13 pt, so every
            # "Điều" is exactly one page and PAGES pages come out.
            for _ in range(4):
                f.write('   <text:p text:style-name="Standard">%s</text:p>\n' % escape(paragraph(rng, 600)))
        f.write(FODT_TAIL)


def scans(folder, pages):
    from PIL import Image

    os.makedirs(folder, exist_ok=True)
    rng = random.Random(SEED)
    w, h = 1654, 2339  # A4 at 200 dpi
    paper = Image.new("RGB", (w, h), (235, 230, 220))
    for n in range(1, pages + 1):
        # Uniform noise at half strength over a paper tone is nearly incompressible: ~2.1 MB
        # of JPEG a page at quality 85, so the PDF's size is real data a signer must read.
        noise = Image.frombytes("RGB", (w, h), rng.randbytes(w * h * 3))
        Image.blend(paper, noise, 0.5).save(os.path.join(folder, "scan-%03d.jpg" % n), "JPEG",
                                            quality=85, dpi=(200, 200))


def image_fodt(out, folder):
    files = sorted(glob.glob(os.path.join(os.path.abspath(folder), "scan-*.jpg")))
    if not files:
        sys.exit("make-inputs.py: no scan-*.jpg in %s" % folder)
    with open(out, "w", encoding="utf-8") as f:
        f.write(FODT_HEAD % "pm2")
        for i, path in enumerate(files, 1):
            f.write('   <text:p text:style-name="Scan"><draw:frame draw:name="scan%d" text:anchor-type="as-char" '
                    'svg:width="19.9cm" svg:height="28.14cm"><draw:image xlink:href="%s" '
                    'xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></text:p>\n'
                    % (i, escape(pathlib.Path(path).as_uri())))
        f.write(FODT_TAIL)


def stamp(out):
    from PIL import Image, ImageDraw

    w, h = 400, 200
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    blue = (20, 50, 200, 255)
    # a round seal on the left, a handwritten-looking stroke on the right
    d.ellipse((10, 10, 190, 190), outline=blue, width=8)
    d.ellipse((34, 34, 166, 166), outline=blue, width=3)
    d.regular_polygon((100, 100, 40), 5, rotation=90, fill=blue)
    rng = random.Random(SEED)
    pts = [(210 + i * 3, 100 + int(40 * ((i % 17) / 8.0 - 1) * (1 if i % 34 < 17 else -1)) + rng.randint(-3, 3))
           for i in range(60)]
    d.line(pts, fill=blue, width=5, joint="curve")
    d.line((205, 160, 390, 150), fill=blue, width=3)
    img.save(out, "PNG", optimize=True)


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    cmd = argv[1]
    if cmd == "text-fodt" and len(argv) == 4:
        text_fodt(argv[2], int(argv[3]))
    elif cmd == "scans" and len(argv) == 4:
        scans(argv[2], int(argv[3]))
    elif cmd == "image-fodt" and len(argv) == 4:
        image_fodt(argv[2], argv[3])
    elif cmd == "stamp" and len(argv) == 3:
        stamp(argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
