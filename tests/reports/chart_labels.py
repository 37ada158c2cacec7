"""The chart check: read the SVG charts of a built report page and find labels a reader cannot
read whole.

Charts are embedded as SVG with real text (``svg.fonttype: none``), one ``<text>`` element per
line of a label. Each element's box is measured with matplotlib's own font metrics, placed by
the element's ``x``/``y``, ``text-anchor`` and ``transform`` (translate, rotate), and checked
for three faults, each named with the figure's caption:

* a label shortened with "…" (a cut label; the issue asks to wrap or shorten with a legend);
* two labels that overlap (one printed over the other);
* a label that runs beyond the chart's view box (cut at the image edge).

Boxes are shrunk by ``SLACK`` before the overlap test, so labels that merely touch pass.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

#: SVG user units (points) each side of a label box may overlap another without a fault.
SLACK = 1.0
_FIGURE = re.compile(r'<figure class="chart"[^>]*>(.*?)</figure>', re.S)
_SVG = re.compile(r"<svg\b[^>]*>.*?</svg>", re.S)
_VIEWBOX = re.compile(r'viewBox="([-\d.\s]+)"', re.I)
_TEXT = re.compile(r"<text\b([^>]*)>(.*?)</text>", re.S)
_CAPTION = re.compile(r"<figcaption>(.*?)</figcaption>", re.S)
_ATTR = re.compile(r'([\w:-]+)="([^"]*)"')
_TRANSFORM = re.compile(r"(translate|rotate)\(([^)]*)\)")


@dataclass(frozen=True)
class LabelFault:
    figure: str  # the figure's caption ("Figur 3. …")
    kind: str  # "label shortened", "labels overlap", "label beyond chart"
    detail: str

    def __str__(self) -> str:
        return f"{self.figure[:70]}: {self.kind}: {self.detail}"


@dataclass(frozen=True)
class _Label:
    text: str
    corners: tuple[tuple[float, float], ...]  # four corners in SVG user units

    def shrunk(self, by: float) -> tuple[tuple[float, float], ...]:
        cx = sum(x for x, _ in self.corners) / 4
        cy = sum(y for _, y in self.corners) / 4
        out = []
        for x, y in self.corners:
            dx, dy = x - cx, y - cy
            d = math.hypot(dx, dy) or 1.0
            out.append((x - by * dx / d, y - by * dy / d))
        return tuple(out)


def _unescape(s: str) -> str:
    import html

    return html.unescape(s)


@lru_cache(maxsize=4096)
def _extent(text: str, size: float, bold: bool) -> tuple[float, float, float]:
    """Width, height and descent of ``text`` at ``size`` points (matplotlib's metrics)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(family="DejaVu Sans", size=size,
                          weight="bold" if bold else "normal")
    w, h, d = TextToPath().get_text_width_height_descent(text, prop, ismath=False)
    return w, h, d


def _style(attrs: dict[str, str]) -> dict[str, str]:
    out = {}
    for part in attrs.get("style", "").split(";"):
        if ":" in part:
            k, v = part.split(":", 1)
            out[k.strip()] = v.strip()
    return out


def _label(attrs: dict[str, str], text: str) -> _Label:
    style = _style(attrs)
    size = float(re.sub(r"[a-z]+$", "", style.get("font-size", "10px")) or 10)
    bold = style.get("font-weight", "") in ("bold", "700", "800", "900")
    w, h, d = _extent(text, size, bold)
    anchor = style.get("text-anchor", "start")
    x0 = {"start": 0.0, "middle": -w / 2, "end": -w}.get(anchor, 0.0)
    # the box in the text's own frame: baseline at y = 0, y grows downwards as in SVG
    box = [(x0, d), (x0 + w, d), (x0 + w, d - h), (x0, d - h)]
    ox, oy = float(attrs.get("x", 0) or 0), float(attrs.get("y", 0) or 0)
    # SVG applies the transform list right to left to the element's coordinates
    points = [(ox + x, oy + y) for x, y in box]
    for kind, args in reversed(_TRANSFORM.findall(attrs.get("transform", ""))):
        nums = [float(a) for a in re.split(r"[\s,]+", args.strip()) if a]
        if kind == "translate":
            tx, ty = nums[0], nums[1] if len(nums) > 1 else 0.0
            points = [(x + tx, y + ty) for x, y in points]
        else:
            angle = math.radians(nums[0])
            cx, cy = (nums[1], nums[2]) if len(nums) == 3 else (0.0, 0.0)
            c, s = math.cos(angle), math.sin(angle)
            points = [(cx + (x - cx) * c - (y - cy) * s, cy + (x - cx) * s + (y - cy) * c)
                      for x, y in points]
    return _Label(text, tuple(points))


def _separated(a: tuple[tuple[float, float], ...], b: tuple[tuple[float, float], ...]) -> bool:
    """Separating-axis test for two convex quadrilaterals."""
    for poly in (a, b):
        for i in range(4):
            (x1, y1), (x2, y2) = poly[i], poly[(i + 1) % 4]
            nx, ny = y2 - y1, x1 - x2
            pa = [nx * x + ny * y for x, y in a]
            pb = [nx * x + ny * y for x, y in b]
            if max(pa) <= min(pb) or max(pb) <= min(pa):
                return True
    return False


def svg_labels(svg: str) -> list[_Label]:
    """Every non-empty text line of one SVG chart, with its box."""
    labels = []
    for attrs_text, inner in _TEXT.findall(svg):
        text = _unescape(re.sub(r"<[^>]+>", "", inner)).strip()
        if text:
            labels.append(_label(dict(_ATTR.findall(attrs_text)), text))
    return labels


def svg_faults(svg: str, figure: str) -> list[LabelFault]:
    """The label faults of one SVG chart."""
    faults: list[LabelFault] = []
    labels = svg_labels(svg)
    for lb in labels:
        if lb.text.endswith(("…", "...")):
            faults.append(LabelFault(figure, "label shortened", f"«{lb.text}»"))
    found = _VIEWBOX.search(svg)
    if found:
        vx, vy, vw, vh = (float(v) for v in found.group(1).split())
        for lb in labels:
            xs = [x for x, _ in lb.corners]
            ys = [y for _, y in lb.corners]
            if (min(xs) < vx - SLACK or max(xs) > vx + vw + SLACK
                    or min(ys) < vy - SLACK or max(ys) > vy + vh + SLACK):
                faults.append(LabelFault(figure, "label beyond chart", f"«{lb.text}»"))
    shrunk = [lb.shrunk(SLACK) for lb in labels]
    for i in range(len(labels)):
        for j in range(i + 1, len(labels)):
            if not _separated(shrunk[i], shrunk[j]):
                faults.append(LabelFault(
                    figure, "labels overlap", f"«{labels[i].text}» and «{labels[j].text}»"))
    return faults


def chart_faults(page_html: str) -> list[LabelFault]:
    """The label faults of every chart on a report page."""
    faults: list[LabelFault] = []
    for n, figure_html in enumerate(_FIGURE.findall(page_html), start=1):
        caption = _CAPTION.search(figure_html)
        name = (_unescape(re.sub(r"<[^>]+>", "", caption.group(1))).strip()
                if caption else f"diagram {n}")
        for svg in _SVG.findall(figure_html):
            faults.extend(svg_faults(svg, name))
    return faults
