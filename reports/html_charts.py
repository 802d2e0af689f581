"""The overview's bar charts: rows of (label, count), each a link to the findings it counts.

Charts are plain HTML (the template draws them) so labels can be clipped with CSS and carry
a real ``title``; the rows past ``limit`` go into a ``<details>`` that expands in place.
File labels drop the directory prefix all charted paths share and are ellipsized at the
start, so the distinguishing part (the file name) stays visible.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

MAX_HIDDEN = 500  # rows behind "and N more" (the findings table has the rest)
LABEL_CHARS = 44  # a longer file label keeps its last characters after an ellipsis


def findings_link(**filters: str) -> str:
    """``#findings?key=value`` for the findings table's filters (values URL-encoded)."""
    query = "&".join(f"{key}={quote(value, safe='')}" for key, value in filters.items())
    return "#findings?" + query


def common_directory(paths: list[str]) -> str:
    """The longest directory prefix (ending in ``/``) shared by all ``paths``; ``""`` for one."""
    if len(paths) < 2:
        return ""
    split = [path.split("/")[:-1] for path in paths]
    shared: list[str] = []
    for parts in zip(*split):
        if any(part != parts[0] for part in parts):
            break
        shared.append(parts[0])
    return "/".join(shared) + "/" if shared else ""


def short_label(text: str, limit: int = LABEL_CHARS) -> str:
    """``text`` ellipsized at the start when longer than ``limit`` characters."""
    return text if len(text) <= limit else "…" + text[-(limit - 1):]


def bars(counts: list[tuple[str, int]], colours: dict[str, str] | None = None,
         default: str = "#4c6ef5", limit: int = 15, links: list[str] | None = None,
         labels: list[str] | None = None) -> dict[str, Any]:
    """Rows for one chart: ``shown`` (the first ``limit``) and ``hidden`` (behind "more")."""
    top = max((count for _, count in counts), default=0) or 1
    rows = []
    for index, (label, count) in enumerate(counts[:limit + MAX_HIDDEN]):
        rows.append({"label": labels[index] if labels else label, "full": label,
                     "count": count, "percent": round(100 * count / top, 1),
                     "colour": (colours or {}).get(label, default),
                     "href": links[index] if links else None})
    return {"shown": rows[:limit], "hidden": rows[limit:],
            "more": len(counts) - limit if len(counts) > limit else 0,
            "beyond": max(0, len(counts) - limit - MAX_HIDDEN)}


def file_bars(counts: list[tuple[str, int]], limit: int = 10) -> dict[str, Any]:
    """The files chart: labels without the shared directory, links filtered to one file."""
    charted = [path for path, _ in counts[:limit + MAX_HIDDEN]]
    prefix = common_directory(charted)
    chart = bars(counts, default="#868e96", limit=limit,
                 labels=[short_label(path[len(prefix):]) for path in charted],
                 links=[findings_link(file=path) for path in charted])
    chart["prefix"] = prefix
    return chart
