#!/usr/bin/python3
"""Draws the demo signature and seal images: a blue handwritten-like stroke and a red seal,
both PNG with a transparent background; the seal carries its physical size (36 mm) in pHYs."""
import math
import sys

from PIL import Image, ImageDraw

out = sys.argv[1]
DPI = 300

sig = Image.new("RGBA", (600, 240), (0, 0, 0, 0))
d = ImageDraw.Draw(sig)
points = [(30 + x, 120 + 70 * math.sin(x / 38.0) * math.exp(-x / 900.0)) for x in range(0, 540, 4)]
d.line(points, fill=(20, 50, 190, 255), width=7, joint="curve")
d.line([(60, 200), (520, 185)], fill=(20, 50, 190, 255), width=5)
sig.save(f"{out}/chu-ky.png", dpi=(DPI, DPI))

side = round(36 / 25.4 * DPI)  # 36 mm at 300 dpi
seal = Image.new("RGBA", (side, side), (0, 0, 0, 0))
d = ImageDraw.Draw(seal)
red = (210, 25, 30, 235)
d.ellipse([6, 6, side - 6, side - 6], outline=red, width=14)
d.ellipse([side * 0.22, side * 0.22, side * 0.78, side * 0.78], outline=red, width=6)
cx = cy = side / 2
star = [(cx + (r := (60 if i % 2 == 0 else 24)) * math.cos(math.pi / 2 + i * math.pi / 5),
         cy - r * math.sin(math.pi / 2 + i * math.pi / 5)) for i in range(10)]
d.polygon(star, fill=red)
seal.save(f"{out}/con-dau.png", dpi=(DPI, DPI))
