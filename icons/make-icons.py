#!/usr/bin/python3
"""Draws kyso's toolbar icons (16 and 26 px PNGs, transparent) into this folder.

Run: /usr/bin/python3 icons/make-icons.py [OUTDIR]   (needs python3-pil)

Each icon is drawn on a 64-unit grid at 8x its final size and scaled down with a Lanczos filter,
so edges stay smooth; strokes are thick enough to read at 16 px. One glyph per command:
  export    a page with a red "PDF" band          vn.kyso:ExportDraft
  sign      a blue pen nib over a signature line  vn.kyso:SignOfficial
  issue     a red round seal with a star          vn.kyso:Issue
  verify    a green check on a shield             vn.kyso:Verify
  settings  a grey gear                           vn.kyso:Settings
  register  a ledger with a blue spine and rows     vn.kyso:OpenRegister
  kyso      the extension's icon (seal over a page)
"""
import math
import os
import sys

from PIL import Image, ImageDraw

GRID = 64          # drawing units
SCALE = 8          # supersampling factor per output pixel
BLUE = (21, 67, 170, 255)
RED = (200, 30, 30, 255)
GREEN = (22, 140, 60, 255)
GREY = (90, 95, 105, 255)
INK = (45, 45, 50, 255)
PAPER = (255, 255, 255, 255)


class Pen:
    """Draws in grid units on a supersampled canvas for one output size."""

    def __init__(self, size):
        self.px = size * SCALE
        self.k = self.px / GRID
        self.img = Image.new("RGBA", (self.px, self.px), (0, 0, 0, 0))
        self.d = ImageDraw.Draw(self.img)

    def p(self, pts):
        return [(x * self.k, y * self.k) for x, y in pts]

    def w(self, units):
        return max(1, round(units * self.k))

    def polygon(self, pts, fill=None, outline=None, width=0):
        self.d.polygon(self.p(pts), fill=fill)
        if outline:
            pts = list(pts) + [pts[0]]
            self.d.line(self.p(pts), fill=outline, width=self.w(width), joint="curve")

    def line(self, pts, fill, width):
        self.d.line(self.p(pts), fill=fill, width=self.w(width), joint="curve")

    def ellipse(self, box, fill=None, outline=None, width=0):
        x0, y0, x1, y1 = box
        self.d.ellipse([x0 * self.k, y0 * self.k, x1 * self.k, y1 * self.k], fill=fill,
                       outline=outline, width=self.w(width) if outline else 0)

    def rect(self, box, fill):
        x0, y0, x1, y1 = box
        self.d.rectangle([x0 * self.k, y0 * self.k, x1 * self.k, y1 * self.k], fill=fill)

    def done(self, size):
        return self.img.resize((size, size), Image.LANCZOS)


def page(pen, x0=10, y0=4, x1=50, y1=60, fold=12):
    """A white page with a folded top-right corner."""
    outline = [(x0, y0), (x1 - fold, y0), (x1, y0 + fold), (x1, y1), (x0, y1)]
    pen.polygon(outline, fill=PAPER, outline=INK, width=4)
    pen.line([(x1 - fold, y0), (x1 - fold, y0 + fold), (x1, y0 + fold)], INK, 3)


def star(pen, cx, cy, r_out, r_in, fill):
    pts = []
    for i in range(10):
        r = r_out if i % 2 == 0 else r_in
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    pen.polygon(pts, fill=fill)


def draw_export(pen):
    page(pen)
    pen.rect((10, 36, 50, 54), RED)          # the "PDF" band: reads as a PDF at 16 px
    for y in (16, 24):
        pen.line([(17, y), (40, y)], GREY, 3)


def draw_sign(pen):
    pen.line([(4, 58), (60, 58)], INK, 3)     # the signature line
    pen.line([(6, 50), (12, 40), (18, 50), (24, 42), (28, 48)], BLUE, 4)  # a signature
    nib = [(36, 46), (56, 10), (62, 16), (42, 52)]  # the pen body, slanted
    pen.polygon(nib, fill=BLUE, outline=INK, width=2)
    pen.polygon([(36, 46), (42, 52), (32, 56)], fill=INK)


def draw_issue(pen):
    pen.ellipse((4, 4, 60, 60), outline=RED, width=6)
    pen.ellipse((13, 13, 51, 51), outline=RED, width=3)
    star(pen, 32, 33, 15, 6, RED)


def draw_verify(pen):
    shield = [(32, 3), (58, 12), (55, 38), (32, 61), (9, 38), (6, 12)]
    pen.polygon(shield, fill=(230, 245, 234, 255), outline=GREEN, width=5)
    pen.line([(18, 33), (28, 44), (47, 21)], GREEN, 8)


def draw_settings(pen):
    cx, cy = 32, 32
    teeth = 8
    pts = []
    for i in range(teeth * 4):
        a = 2 * math.pi * i / (teeth * 4)
        r = 29 if (i % 4) in (1, 2) else 21
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    pen.polygon(pts, fill=GREY)
    # ImageDraw writes pixels without blending: a transparent fill punches the hub out
    pen.ellipse((cx - 9, cy - 9, cx + 9, cy + 9), fill=(0, 0, 0, 0))


def draw_register(pen):
    pen.polygon([(8, 4), (56, 4), (56, 60), (8, 60)], fill=PAPER, outline=INK, width=4)
    pen.rect((8, 4, 20, 60), BLUE)            # the spine: reads as a bound book at 16 px
    for y in (20, 32, 44):
        pen.line([(24, y), (52, y)], GREY, 3)  # the register's rows
    pen.line([(34, 10), (34, 54)], GREY, 3)    # the number column


def draw_kyso(pen):
    page(pen, 6, 2, 46, 58, 10)
    for y in (14, 22, 30):
        pen.line([(12, y), (36, y)], GREY, 3)
    pen.ellipse((28, 28, 62, 62), fill=(255, 255, 255, 200), outline=RED, width=5)
    star(pen, 45, 45, 10, 4, RED)


ICONS = {
    "export": draw_export,
    "sign": draw_sign,
    "issue": draw_issue,
    "verify": draw_verify,
    "settings": draw_settings,
    "register": draw_register,
    "kyso": draw_kyso,
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out, exist_ok=True)
    for name, draw in ICONS.items():
        for size in (16, 26):
            pen = Pen(size)
            draw(pen)
            pen.done(size).save(os.path.join(out, f"{name}_{size}.png"), optimize=True)
    print(f"make-icons: {len(ICONS) * 2} icons in {out}")


if __name__ == "__main__":
    main()
