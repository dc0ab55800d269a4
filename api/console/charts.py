"""Small SVG charts drawn on the server: no script, no third-party library, readable by
screen readers (each chart has a title and a description listing its values)."""

from __future__ import annotations

from html import escape

BAR = "#1f5f8b"
TEXT = "#1b1b1b"
GRID = "#d0d7de"


def _fmt(value: float, unit: str) -> str:
    return f"{value:.0f}%" if unit == "%" else f"{value:g}"


def horizontal_bars(
    title: str, rows: list[tuple[str, float]], *, unit: str = "", width: int = 640
) -> str:
    """One labelled bar per row (languages, topics, rates)."""
    row_h, label_w, value_w = 24, 200, 56
    height = max(len(rows), 1) * row_h + 8
    top = max((v for _, v in rows), default=0) or 1
    if unit == "%":
        top = 100
    plot_w = width - label_w - value_w
    desc = "; ".join(f"{label}: {_fmt(v, unit)}" for label, v in rows) or "no data"
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
    ]
    for i, (label, value) in enumerate(rows):
        y = i * row_h + 4
        bar_w = plot_w * value / top
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end" font-size="13" '
            f'fill="{TEXT}">{escape(label[:32])}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{bar_w:.1f}" height="{row_h - 8}" '
            f'fill="{BAR}"/>'
            f'<text x="{label_w + bar_w + 6:.1f}" y="{y + 16}" font-size="13" '
            f'fill="{TEXT}">{escape(_fmt(value, unit))}</text>'
        )
    if not rows:
        parts.append(f'<text x="8" y="20" font-size="13" fill="{TEXT}">No data yet</text>')
    parts.append("</svg>")
    return "".join(parts)


def columns(title: str, rows: list[tuple[str, float]], *, width: int = 640) -> str:
    """One column per day, labelled every few days so the labels never overlap."""
    height, bottom, left = 200, 40, 36
    plot_h, plot_w = height - bottom - 10, width - left - 8
    top = max((v for _, v in rows), default=0) or 1
    step = plot_w / max(len(rows), 1)
    every = max(1, round(len(rows) / 8))
    desc = "; ".join(f"{label}: {_fmt(v, '')}" for label, v in rows) or "no data"
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>",
        f'<line x1="{left}" y1="{10 + plot_h}" x2="{width - 8}" y2="{10 + plot_h}" '
        f'stroke="{GRID}"/>',
        f'<text x="{left - 6}" y="16" text-anchor="end" font-size="12" fill="{TEXT}">'
        f"{_fmt(top, '')}</text>",
    ]
    for i, (label, value) in enumerate(rows):
        h = plot_h * value / top
        x = left + i * step
        parts.append(
            f'<rect x="{x + step * 0.15:.1f}" y="{10 + plot_h - h:.1f}" '
            f'width="{step * 0.7:.1f}" height="{h:.1f}" fill="{BAR}">'
            f"<title>{escape(label)}: {_fmt(value, '')}</title></rect>"
        )
        if i % every == 0:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{height - bottom + 24}" text-anchor="middle" '
                f'font-size="11" fill="{TEXT}">{escape(label[5:])}</text>'
            )
    if not rows:
        parts.append(f'<text x="{left}" y="40" font-size="13" fill="{TEXT}">No data yet</text>')
    parts.append("</svg>")
    return "".join(parts)
