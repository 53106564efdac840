"""Bar charts of the annual report (issue 17) for `report --format html|docx`, drawn with
matplotlib (the optional extra `mastergroup[report]`), imported here only, when a chart is drawn.

Privacy: a suppressed count gets no bar: its category is left out of the chart (the table beside
it shows "< N" or ".."), so that no bar length gives a hidden count away.
Deterministic output: a fixed `svg.hashsalt` and no date metadata, so the same report gives the
same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from mastergroup.core.errors import ConfigError


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise ConfigError("report.needs_extra") from None
    matplotlib.use("Agg", force=True)
    matplotlib.rcParams["svg.hashsalt"] = "mastergroup"
    matplotlib.rcParams["svg.fonttype"] = "none"  # text as text: smaller, searchable
    import matplotlib.pyplot as plt

    return plt


def _save(fig: Any, fmt: str) -> bytes:
    fig.tight_layout()
    out = io.BytesIO()
    metadata: dict[str, Any] = (
        {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
    )
    fig.savefig(out, format=fmt, metadata=metadata)
    return out.getvalue()


def month_chart(
    title: str,
    bars: Sequence[tuple[str, float | None]],
    fmt: str = "svg",
    *,
    hidden: str = "",
    percent: bool = False,
) -> bytes:
    """A column a month (label, value; None: hidden), every month on the axis so that the
    year reads left to right. A hidden month has no column, only `hidden` ("..") where its
    column would stand; `percent`: values 0-100, the axis up to 100."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.4, 2.8), dpi=100)
    try:
        positions = list(range(len(bars)))
        values = [0.0 if v is None else v for _, v in bars]
        ax.bar(positions, values, color="#3b6ea5")
        ax.set_xticks(positions, [label for label, _ in bars])
        ax.set_title(title)
        if percent:
            ax.set_ylim(0, 110)
        top = max(values, default=0) or 1
        for x, (_, v) in zip(positions, bars, strict=True):
            if v is None:
                ax.annotate(hidden, (x, 0), xytext=(0, 3), textcoords="offset points",
                            ha="center", color="#666666", fontsize=8)  # fmt: skip
            elif v:
                shown = f"{v:g} %" if percent else f"{v:g}"
                ax.annotate(shown, (x, v), xytext=(0, 2), textcoords="offset points",
                            ha="center", fontsize=8)  # fmt: skip
        if not percent:
            ax.set_ylim(0, top * 1.15)
        ax.spines[["top", "right"]].set_visible(False)
        return _save(fig, fmt)
    finally:
        plt.close(fig)


def bar_chart(title: str, bars: Sequence[tuple[str, int]], fmt: str = "svg") -> bytes:
    """A horizontal bar chart of `bars` (label, count: shown counts only) as SVG or PNG."""
    plt = _pyplot()
    labels = [label for label, _ in bars]
    values = [value for _, value in bars]
    fig, ax = plt.subplots(figsize=(6.4, 0.45 * max(len(bars), 1) + 1.2), dpi=100)
    try:
        positions = list(range(len(bars)))
        ax.barh(positions, values, color="#3b6ea5")
        ax.set_yticks(positions, labels)
        ax.invert_yaxis()
        ax.set_title(title)
        for y, v in zip(positions, values, strict=True):
            ax.annotate(str(v), (v, y), xytext=(3, 0), textcoords="offset points",
                        va="center")  # fmt: skip
        ax.spines[["top", "right"]].set_visible(False)
        return _save(fig, fmt)
    finally:
        plt.close(fig)
