"""Horizontal bar charts as inline SVG, drawn at build time (no script, no request).

Each chart has a <title> and <desc> (read by screen readers through aria-labelledby) and the
page prints the same numbers in a table next to it.
"""

from __future__ import annotations

from bestservice.render import escape


def bar_chart(chart_id: str, title: str, rows: list[tuple[str, float]], unit: str = "", max_value: float | None = None) -> str:
    """rows: (label, value). Labels sit above their bars so long Thai names fit a phone screen."""
    width, bar_h, gap, label_h = 360, 16, 10, 20  # narrow viewBox: labels stay legible on a phone
    top = max((v for _, v in rows), default=0)
    top = max_value if max_value else (top or 1)
    height = max(len(rows), 1) * (label_h + bar_h + gap)
    desc = "; ".join(f"{label}: {value:g}{unit}" for label, value in rows) or "ไม่มีข้อมูล"
    parts = [
        f'<svg class="bs-chart" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]
    y = 0
    for label, value in rows:
        bar = 0 if top <= 0 else max(value, 0) / top * (width - 60)
        parts.append(f'<text x="0" y="{y + 15}" class="bs-chart__label">{escape(label)}</text>')
        parts.append(f'<rect x="0" y="{y + label_h}" width="{bar:.1f}" height="{bar_h}" class="bs-chart__bar"></rect>')
        parts.append(f'<text x="{bar + 6:.1f}" y="{y + label_h + 14}" class="bs-chart__value">{value:g}{escape(unit)}</text>')
        y += label_h + bar_h + gap
    parts.append("</svg>")
    return "".join(parts)
