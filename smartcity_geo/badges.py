"""Small HTML pieces the screens put beside a layer or chart: the data-status badge.

Every text is escaped here; callers pass plain text.
"""

from __future__ import annotations

import html

from .strings import t

STATUS_COLORS = {
    "official": ("#E6F4EA", "#1E6B34"),
    "seed": ("#E8F0FB", "#1D4E89"),
    "sample": ("#FDF0E1", "#8A4B08"),
}


def status_badge(status: str, lang: str) -> str:
    """A pill such as ``contoh`` / ``sample`` with the status explained on hover."""
    background, color = STATUS_COLORS.get(status, ("#EEE", "#333"))
    label = html.escape(t(f"status.{status}", lang))
    tip = html.escape(t(f"status.help.{status}", lang))
    return (
        f'<span class="status-badge status-{html.escape(status)}" title="{tip}" '
        f'style="background:{background};color:{color};border-radius:999px;padding:1px 9px;'
        f'font-size:0.8em;font-weight:600;white-space:nowrap">{label}</span>'
    )
