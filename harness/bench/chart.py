"""The chart of bin/bench's crowd: each row's requests/s as a share of the
floor, as horizontal bars, with an earlier run's bars beside them when one is
given, and each row's target as a mark. Plain SVG, written by hand."""

from dataclasses import dataclass
from html import escape

WIDTH = 900
LABEL_WIDTH = 170
VALUE_WIDTH = 190
PLOT_WIDTH = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 20
TOP = 112  # room for the title and three lines under it
ROW = 34
BAR = 20
AFTER, BEFORE, TARGET, GRID, INK = "#2563eb", "#9ca3af", "#b91c1c", "#e5e7eb", "#111827"
FONT = "font-family='DejaVu Sans, Arial, sans-serif'"


@dataclass(frozen=True)
class Bar:
    name: str
    share: float  # percent of the floor
    rps: float
    before: float | None = None  # an earlier run's share, percent
    target: float | None = None  # percent of the floor


def scale_end(bars: list[Bar]) -> int:
    """The axis end: 100 %, or the next multiple of 20 above the longest bar."""
    longest = max([100.0, *(b.share for b in bars), *(b.before or 0 for b in bars), *(b.target or 0 for b in bars)])
    return int(-(-longest // 20) * 20)


def text(x: float, y: float, content: str, size: int = 13, anchor: str = "start", weight: str = "normal") -> str:
    return (
        f"<text x='{x:.1f}' y='{y:.1f}' font-size='{size}' text-anchor='{anchor}' font-weight='{weight}' "
        f"fill='{INK}' {FONT}>{escape(content)}</text>"
    )


def rect(x: float, y: float, width: float, height: float, colour: str) -> str:
    return f"<rect x='{x:.1f}' y='{y:.1f}' width='{max(width, 0):.1f}' height='{height:.1f}' fill='{colour}'/>"


def line(x1: float, y1: float, x2: float, y2: float, colour: str, width: int = 1) -> str:
    return f"<line x1='{x1:.1f}' y1='{y1:.1f}' x2='{x2:.1f}' y2='{y2:.1f}' stroke='{colour}' stroke-width='{width}'/>"


def grid(end: int, height: float) -> list[str]:
    parts = []
    for percent in range(0, end + 1, 10):
        x = LABEL_WIDTH + PLOT_WIDTH * percent / end
        colour = "#9ca3af" if percent in (0, 100) else GRID
        parts.append(line(x, TOP - 6, x, TOP + height, colour))
        if percent % 20 == 0:
            parts.append(text(x, TOP + height + 18, f"{percent} %", size=12, anchor="middle"))
    return parts


def bar_row(bar: Bar, index: int, end: int) -> list[str]:
    y = TOP + index * ROW + (ROW - BAR) / 2
    width = PLOT_WIDTH / end
    parts = [text(LABEL_WIDTH - 10, y + BAR / 2 + 5, bar.name, anchor="end")]
    value = f"{bar.share:.0f} % · {bar.rps:,.0f} rps"
    if bar.before is None:
        parts.append(rect(LABEL_WIDTH, y, bar.share * width, BAR, AFTER))
    else:
        parts.append(rect(LABEL_WIDTH, y, bar.before * width, BAR / 2, BEFORE))
        parts.append(rect(LABEL_WIDTH, y + BAR / 2, bar.share * width, BAR / 2, AFTER))
        value = f"{bar.before:.0f} → {bar.share:.0f} % · {bar.rps:,.0f} rps"
    if bar.target is not None:
        x = LABEL_WIDTH + bar.target * width
        parts.append(line(x, y - 3, x, y + BAR + 3, TARGET, 3))
    parts.append(text(LABEL_WIDTH + PLOT_WIDTH + 12, y + BAR / 2 + 5, value, size=12))
    return parts


def legend(y: float, compared: bool) -> list[str]:
    keys = [(BEFORE, "before"), (AFTER, "after")] if compared else [(AFTER, "this run")]
    parts, x = [], LABEL_WIDTH
    for colour, name in keys:
        parts += [rect(x, y - 10, 14, 12, colour), text(x + 20, y, name, size=12)]
        x += 90
    parts.append(line(x + 7, y - 12, x + 7, y + 3, TARGET, 3))
    parts.append(text(x + 20, y, "target", size=12))
    return parts


def chart_svg(title: str, subtitles: list[str], bars: list[Bar]) -> str:
    end = scale_end(bars)
    height = len(bars) * ROW
    compared = any(bar.before is not None for bar in bars)
    total_height = TOP + height + 60
    parts = [
        f"<svg xmlns='http://www.w3.org/2000/svg' width='{WIDTH}' height='{total_height:.0f}' "
        f"viewBox='0 0 {WIDTH} {total_height:.0f}'>",
        rect(0, 0, WIDTH, total_height, "#ffffff"),
        text(20, 28, title, size=17, weight="bold"),
        *(text(20, 50 + 18 * n, subtitle, size=12) for n, subtitle in enumerate(subtitles[:3])),
        *grid(end, height),
    ]
    for index, bar in enumerate(bars):
        parts += bar_row(bar, index, end)
    parts += legend(TOP + height + 44, compared)
    return "\n".join([*parts, "</svg>"]) + "\n"
