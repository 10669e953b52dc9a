#!/usr/bin/env python3
"""Generate the PWA icons for 心韧 · Resilience.

The logo is a sprout: two paper-white leaves on a short stem rising from a
small apricot arc (a mound of earth, or a rising sun), on the brand teal.

Pillow is needed only to run this script (``pip install pillow``); the app
itself serves the generated PNG/ICO files as static assets.  Each shape is
drawn at 4x the final size and downscaled with LANCZOS for clean antialiasing.

Outputs (relative to the repo root):
    assets/icons/icon-192.png       rounded-square tile, purpose "any"
    assets/icons/icon-512.png       rounded-square tile, purpose "any"
    assets/icons/maskable-512.png   full-bleed, logo inside the 80% safe zone
    assets/icons/apple-touch-icon.png  180x180 full-bleed (iOS rounds it)
    assets/favicon.ico              16/32/48

The geometry below (a 100x100 unit box) is the same one used by the
hand-written ``assets/icons/icon.svg``; keep the two in sync.

Usage:  python scripts/make_icons.py
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
ICONS = ASSETS / "icons"

TEAL = (0x2F, 0x6F, 0x73, 255)
PAPER = (0xF7, 0xF5, 0xF0, 255)
APRICOT = (0xE8, 0xA8, 0x7C, 255)

SS = 4  # supersampling factor

# --- Logo geometry, in a 100x100 unit box (mirrors icon.svg) -------------
STROKE = 7.0  # stem width
# Ground: an apricot dome (circular segment) cut from a circle of radius 30
# centred at (50, 102); its flat base runs from (26, 84) to (74, 84).
GROUND_CENTER = (50.0, 102.0)
GROUND_RADIUS = 30.0
GROUND_HALF_ANGLE = math.degrees(math.asin(24 / 30))  # base half-width 24
STEM_TOP = (50.0, 50.0)
STEM_BOTTOM = (50.0, 78.0)  # hidden under the dome, so the stem "emerges"
# Leaves: (tip x, tip y, half width).  Both grow from LEAF_BASE.
LEAF_BASE = (50.0, 52.0)
LEAF_RIGHT = (78.0, 26.0, 10.0)
LEAF_LEFT = (25.0, 33.0, 8.5)


def _arc_points(cx, cy, r, a0, a1, n=48):
    """Points on a circle from angle a0 to a1 (radians, shortest way)."""
    d = (a1 - a0 + math.pi) % (2 * math.pi) - math.pi
    return [
        (cx + r * math.cos(a0 + d * i / n), cy + r * math.sin(a0 + d * i / n))
        for i in range(n + 1)
    ]


def leaf_polygon(base, tip, half_w):
    """A vesica (lens) between base and tip: two circular arcs of sagitta half_w."""
    bx, by = base
    tx, ty = tip
    length = math.hypot(tx - bx, ty - by)
    r = (length * length / 4 + half_w * half_w) / (2 * half_w)
    mx, my = (bx + tx) / 2, (by + ty) / 2
    ux, uy = (tx - bx) / length, (ty - by) / length
    pts = []
    for side in (1, -1):
        nx, ny = -uy * side, ux * side
        cx, cy = mx - nx * (r - half_w), my - ny * (r - half_w)
        a_b = math.atan2(by - cy, bx - cx)
        a_t = math.atan2(ty - cy, tx - cx)
        arc = _arc_points(cx, cy, r, a_b, a_t)
        pts.extend(arc if side == 1 else arc[::-1])
    return pts


def ground_points():
    cx, cy = GROUND_CENTER
    h = math.radians(GROUND_HALF_ANGLE)
    up = -math.pi / 2
    return _arc_points(cx, cy, GROUND_RADIUS, up - h, up + h, n=96)


def logo_bbox():
    """Bounding box of the visible logo (the stem lies inside it)."""
    pts = list(ground_points())
    for lx, ly, w in (LEAF_RIGHT, LEAF_LEFT):
        pts += leaf_polygon(LEAF_BASE, (lx, ly), w)
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def draw_logo(draw: ImageDraw.ImageDraw, cx: float, cy: float, size: float):
    """Draw the logo so its larger bbox side spans `size` px, centred on (cx, cy)."""
    x0, y0, x1, y1 = logo_bbox()
    scale = size / max(x1 - x0, y1 - y0)
    ox = cx - (x0 + x1) / 2 * scale
    oy = cy - (y0 + y1) / 2 * scale

    def tr(p):
        return (ox + p[0] * scale, oy + p[1] * scale)

    w = STROKE * scale
    # Stem first (round caps), then the dome over its foot, then the leaves.
    (sx, sy0), (_, sy1) = tr(STEM_TOP), tr(STEM_BOTTOM)
    draw.rectangle((sx - w / 2, sy0, sx + w / 2, sy1), fill=PAPER)
    for y in (sy0, sy1):
        draw.ellipse((sx - w / 2, y - w / 2, sx + w / 2, y + w / 2), fill=PAPER)
    draw.polygon([tr(p) for p in ground_points()], fill=APRICOT)
    for lx, ly, half_w in (LEAF_RIGHT, LEAF_LEFT):
        draw.polygon([tr(p) for p in leaf_polygon(LEAF_BASE, (lx, ly), half_w)], fill=PAPER)


def render(size: int, *, rounded: bool, logo_frac: float, corner_frac: float = 0.225) -> Image.Image:
    big = size * SS
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    if rounded:
        d.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * corner_frac, fill=TEAL)
    else:
        d.rectangle((0, 0, big, big), fill=TEAL)
    draw_logo(d, big / 2, big / 2, big * logo_frac)
    return img.resize((size, size), Image.LANCZOS)


def save_png(img: Image.Image, path: Path, *, opaque: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if opaque:  # full-bleed icons need no alpha channel: smaller file
        img = img.convert("RGB")
    img.save(path, optimize=True)
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")


def main() -> None:
    # "any" icons: rounded tile, logo about 58% of the tile.
    for s in (192, 512):
        save_png(render(s, rounded=True, logo_frac=0.58), ICONS / f"icon-{s}.png")
    # Maskable: safe zone is a circle of radius 40% of the size; a logo box of
    # 50% has a half-diagonal of ~35%, comfortably inside it.
    save_png(render(512, rounded=False, logo_frac=0.50), ICONS / "maskable-512.png", opaque=True)
    # iOS masks its own rounded corners, so full-bleed with generous margin.
    save_png(render(180, rounded=False, logo_frac=0.60), ICONS / "apple-touch-icon.png", opaque=True)
    # Favicon: a bigger logo on the tile so it still reads at 16 px.
    frames = [render(s, rounded=True, logo_frac=0.78, corner_frac=0.2) for s in (48, 32, 16)]
    ico = ASSETS / "favicon.ico"
    frames[0].save(ico, sizes=[(16, 16), (32, 32), (48, 48)], append_images=frames[1:])
    print(f"wrote {ico.relative_to(ROOT)} ({ico.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
