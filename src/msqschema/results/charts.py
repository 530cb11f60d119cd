"""Charts for the report, drawn by matplotlib as SVG to inline in HTML: deterministic (same data,
same bytes), one ink colour readable in grey and in print, a title read out by screen readers."""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Sequence
from typing import Any

INK = "#0b4f8a"
"""The bars' colour: dark enough to read as a dark grey when printed without colour."""
FONT = "DejaVu Sans"
STYLE: Any = {
    "svg.hashsalt": "msqschema",  # clip-path ids from the data, not from a random salt
    "svg.fonttype": "none",  # text stays text: selectable, searchable, small
    "font.family": FONT,
    "font.size": 9.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
NO_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
LABEL_WIDTH = 38
"""Characters per line of a category's label beside its bar."""

_ID = re.compile(r'\bid="([^"]+)"')
_REFERENCE = re.compile(r'(url\(#|href="#)([^")]+)')


def inline(svg: str, prefix: str, title: str) -> str:
    """matplotlib's SVG as an element of an HTML page: no XML prolog, ids unique to the chart,
    announced as an image with `title` as its accessible name."""
    svg = svg[svg.index("<svg"):]
    svg = _ID.sub(lambda match: f'id="{prefix}-{match.group(1)}"', svg)
    svg = _REFERENCE.sub(lambda match: f"{match.group(1)}{prefix}-{match.group(2)}", svg)
    svg = svg.replace(' type="text/css"', "")
    size = " ".join(re.findall(r'\b(?:width|height|viewBox)="[^"]+"', svg[:svg.index(">")]))
    svg = re.sub(r"<svg [^>]*>",
                 f'<svg xmlns="http://www.w3.org/2000/svg" '
                 f'xmlns:xlink="http://www.w3.org/1999/xlink" {size} role="img" '
                 f'aria-labelledby="{prefix}-title"><title id="{prefix}-title">'
                 f'{_escape(title)}</title>', svg, count=1)
    return svg.strip()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _draw(figure: object) -> str:
    output = io.StringIO()
    figure.savefig(output, format="svg", metadata=NO_METADATA)  # type: ignore[attr-defined]
    return output.getvalue()


def bar_chart(labels: Sequence[str], counts: Sequence[int], base: int, *, prefix: str,
              title: str) -> str:
    """Horizontal bars, one per category, each with its count and its share of `base`."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    wrapped = ["\n".join(textwrap.wrap(label, LABEL_WIDTH)) or label for label in labels]
    lines = sum(label.count("\n") + 1 for label in wrapped)
    with matplotlib.rc_context(STYLE):
        width = 7.0 if max(map(len, labels), default=0) > 20 else 4.0
        figure = Figure(figsize=(width, 0.5 + 0.22 * lines + 0.18 * len(labels)))
        axes = figure.subplots()
        positions = list(range(len(labels)))[::-1]
        axes.barh(positions, counts, color=INK, height=0.6)
        axes.set_yticks(positions, wrapped)
        axes.set_xlim(0, max([*counts, 1]) * 1.25)
        axes.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        axes.set_xlabel(f"responses (of {base})")
        for position, count in zip(positions, counts, strict=True):
            share = f" ({count / base:.0%})" if base else ""
            axes.annotate(f"{count}{share}", (count, position), xytext=(3, 0),
                          textcoords="offset points", va="center")
        figure.tight_layout()
        return inline(_draw(figure), prefix, title)


def column_chart(labels: Sequence[str], counts: Sequence[int], *, prefix: str, title: str,
                 axis_label: str) -> str:
    """Vertical bars over an ordered axis (periods of time, ranges of numbers)."""
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    with matplotlib.rc_context(STYLE):
        figure = Figure(figsize=(5.4, 2.6))
        axes = figure.subplots()
        positions = list(range(len(labels)))
        axes.bar(positions, counts, color=INK, width=0.8)
        step = max(1, len(labels) // 12)
        axes.set_xticks(positions[::step], labels[::step], rotation=30, ha="right")
        axes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        axes.set_xlabel(axis_label)
        axes.set_ylabel("responses")
        figure.tight_layout()
        return inline(_draw(figure), prefix, title)
