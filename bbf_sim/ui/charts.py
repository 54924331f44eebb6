"""Line charts drawn with pygame onto a Surface, from plain data (no stats or history imports).

`bbf-sim stats --plot` saves one as a PNG; the in-game stats screen can blit the same
Surface. A chart is panels stacked vertically over one shared x axis:

| piece | what it holds |
|---|---|
| `Series` | a label, a colour, raw points (drawn as dots) and a trend line (drawn thick, labelled at its end) |
| `Panel` | a title, the y range and ticks, how to write a y value, a note ("higher is better") |
| `XAxis` | the x range and labelled ticks |
| `render_chart` | title, legend and panels onto a new Surface |
| `progress_chart` | the practice chart: hit rate and time to first sharp frame per day, one series per mapping |

Needs only `pygame.freetype` (no window): works under `SDL_VIDEODRIVER=dummy`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import pygame
import pygame.freetype

from bbf_sim.core.mapping_names import MAPPING_TITLES
from bbf_sim.ui.palette import mapping_colour

Colour = tuple[int, int, int]

BACKGROUND: Colour = (24, 26, 30)
PANEL_BACKGROUND: Colour = (32, 35, 41)
GRID: Colour = (58, 62, 70)
AXIS_TEXT: Colour = (170, 175, 185)
TITLE_TEXT: Colour = (240, 240, 240)
NOTE_TEXT: Colour = (140, 190, 140)
TREND_DAYS = 3  # the trend line is the mean of the last this-many practice days


@dataclass(frozen=True)
class Series:
    label: str
    colour: Colour
    points: Sequence[tuple[float, float]] = ()
    trend: Sequence[tuple[float, float]] = ()
    end_label: str = ""  # written at the trend line's end, e.g. "BBF 96 %"


@dataclass(frozen=True)
class Panel:
    title: str
    y_min: float
    y_max: float
    y_ticks: Sequence[float]
    y_format: Callable[[float], str] = "{:g}".format
    note: str = ""
    series: Sequence[Series] = field(default_factory=list)
    callout: Sequence[tuple[str, Colour]] = ()  # lines of text put inside the plot, where the lines are not


@dataclass(frozen=True)
class XAxis:
    x_min: float
    x_max: float
    ticks: Sequence[tuple[float, str]] = ()


class _Fonts:
    # One `freetype.Font` for every size, the size given per render: FreeType keeps only
    # two faces open, and a Font per size made most renders reopen the font file (text.py).
    def __init__(self, scale: float):
        if not pygame.freetype.get_init():
            pygame.freetype.init()
        self.scale = scale
        self._font = pygame.freetype.Font(None)
        self._font.pad = True

    def blit(self, surf: pygame.Surface, text: str, pos, size: int, colour: Colour, anchor="topleft", bold=False):
        px = max(8, round(size * self.scale))
        img, _ = self._font.render(
            text, colour, style=pygame.freetype.STYLE_STRONG if bold else pygame.freetype.STYLE_DEFAULT, size=px
        )
        rect = img.get_rect(**{anchor: (round(pos[0]), round(pos[1]))})
        surf.blit(img, rect)
        return rect


def _draw_panel(surf: pygame.Surface, rect: pygame.Rect, panel: Panel, x_axis: XAxis, fonts: _Fonts) -> None:
    s = fonts.scale
    pygame.draw.rect(surf, PANEL_BACKGROUND, rect, border_radius=round(8 * s))
    fonts.blit(surf, panel.title, (rect.x + 16 * s, rect.y + 10 * s), 20, TITLE_TEXT, bold=True)
    if panel.note:
        fonts.blit(surf, panel.note, (rect.right - 16 * s, rect.y + 12 * s), 15, NOTE_TEXT, anchor="topright")
    plot = pygame.Rect(rect.x + round(70 * s), rect.y + round(44 * s), rect.w - round(215 * s), rect.h - round(80 * s))
    span_x = (x_axis.x_max - x_axis.x_min) or 1.0
    span_y = (panel.y_max - panel.y_min) or 1.0

    def to_px(x: float, y: float) -> tuple[float, float]:
        y = min(panel.y_max, max(panel.y_min, y))
        return (
            plot.x + (x - x_axis.x_min) / span_x * plot.w,
            plot.bottom - (y - panel.y_min) / span_y * plot.h,
        )

    # In a short plot the tick labels would print over each other: keep the lowest, then
    # only those a label's height above the last one kept.
    label_gap = 18 * s
    kept_py: float | None = None
    for y in sorted(panel.y_ticks):
        _, py = to_px(x_axis.x_min, y)
        if kept_py is not None and kept_py - py < label_gap:
            continue
        kept_py = py
        pygame.draw.line(surf, GRID, (plot.x, py), (plot.right, py), 1)
        fonts.blit(surf, panel.y_format(y), (plot.x - 8 * s, py), 14, AXIS_TEXT, anchor="midright")
    for x, label in x_axis.ticks:
        px, _ = to_px(x, panel.y_min)
        pygame.draw.line(surf, GRID, (px, plot.bottom), (px, plot.bottom + 5 * s), 1)
        fonts.blit(surf, label, (px, plot.bottom + 8 * s), 14, AXIS_TEXT, anchor="midtop")

    if panel.callout:
        _draw_callout(surf, plot, panel, [to_px(x, y) for series in panel.series for x, y in series.trend], fonts)
    ends: list[tuple[float, Series]] = []
    for series in panel.series:
        dim = tuple(round(c * 0.55 + b * 0.45) for c, b in zip(series.colour, PANEL_BACKGROUND, strict=True))
        for x, y in series.points:
            pygame.draw.circle(surf, dim, to_px(x, y), max(2, round(3.5 * s)))
        line = [to_px(x, y) for x, y in series.trend]
        if len(line) >= 2:
            pygame.draw.lines(surf, series.colour, False, line, max(2, round(4 * s)))
        for p in line:
            pygame.draw.circle(surf, series.colour, p, max(2, round(3 * s)))
        if line and series.end_label:
            ends.append((line[-1][1], series))
    # End labels right of the plot, nudged apart so two close lines stay readable.
    gap = 22 * s
    ends.sort(key=lambda e: e[0])
    placed: list[float] = []
    for y, _series in ends:
        if placed and y - placed[-1] < gap:
            y = placed[-1] + gap
        placed.append(y)
    for (y_line, series), y in zip(ends, placed, strict=True):
        x_end = plot.right + 10 * s
        pygame.draw.line(surf, series.colour, (plot.right + 2 * s, y_line), (x_end - 2 * s, y), 1)
        fonts.blit(surf, series.end_label, (x_end, y), 17, series.colour, anchor="midleft", bold=True)


def _distance_to_rect(p: tuple[float, float], r: pygame.Rect) -> float:
    dx = max(r.left - p[0], 0.0, p[0] - r.right)
    dy = max(r.top - p[1], 0.0, p[1] - r.bottom)
    return math.hypot(dx, dy)


def _draw_callout(surf: pygame.Surface, plot: pygame.Rect, panel: Panel, line_px: list, fonts: _Fonts) -> None:
    """The callout where the trend lines cross it least."""
    s = fonts.scale
    line_h = 24 * s
    probe = pygame.Surface((1, 1))
    width = max(fonts.blit(probe, text, (0, 0), 18, colour, bold=True).w for text, colour in panel.callout)
    height = line_h * len(panel.callout)
    pad = 16 * s
    # Candidate places: left and right, at ten heights; the first (top left) wins ties.
    top, bottom = plot.y + pad, plot.bottom - pad - height
    heights = [top + (bottom - top) * k / 9 for k in range(10)] if bottom > top else [top]
    corners = [(x, y) for y in heights for x in (plot.x + pad, plot.right - pad - width)]
    # Sample the polylines densely, so a segment crossing the box counts even with no point in it.
    samples = []
    for a, b in zip(line_px, line_px[1:], strict=False):
        samples += [(a[0] + (b[0] - a[0]) * k / 8, a[1] + (b[1] - a[1]) * k / 8) for k in range(9)]
    samples += line_px

    def badness(corner) -> tuple[int, float]:
        """Lines crossing the box first, then how close they come (clearance counts up to 40 px)."""
        box = pygame.Rect(round(corner[0]), round(corner[1]), width, round(height))
        inside = sum(box.inflate(12 * s, 12 * s).collidepoint(p) for p in samples)
        near = min((_distance_to_rect(p, box) for p in samples), default=math.inf)
        return inside, -min(near, 40 * s)

    x0, y0 = min(corners, key=badness)  # ties: the first, top left
    for i, (text, colour) in enumerate(panel.callout):
        fonts.blit(surf, text, (x0, y0 + i * line_h), 18, colour, bold=True)


def render_chart(
    size_px: tuple[int, int],
    title: str,
    subtitle: str,
    panels: Sequence[Panel],
    x_axis: XAxis,
    scale: float | None = None,
) -> pygame.Surface:
    """A new Surface with the title, a legend (every series label once) and the panels stacked.

    `scale` sizes text and margins (1.0: as on the 1200×800 PNG); by default it follows
    the size, which makes text small in a short, wide chart such as one on a game screen.
    """
    w, h = size_px
    s = scale if scale is not None else min(w / 1200, h / 800)
    fonts = _Fonts(s)
    surf = pygame.Surface((w, h))
    surf.fill(BACKGROUND)
    fonts.blit(surf, title, (24 * s, 16 * s), 26, TITLE_TEXT, bold=True)
    if subtitle:
        fonts.blit(surf, subtitle, (24 * s, 50 * s), 16, AXIS_TEXT)
    seen: dict[str, Colour] = {}
    for panel in panels:
        for series in panel.series:
            seen.setdefault(series.label, series.colour)
    x = w - 24 * s
    for label, colour in reversed(list(seen.items())):
        r = fonts.blit(surf, label, (x, 30 * s), 17, TITLE_TEXT, anchor="midright")
        pygame.draw.line(surf, colour, (r.x - 34 * s, 30 * s), (r.x - 8 * s, 30 * s), max(2, round(4 * s)))
        x = r.x - 56 * s
    top = round(80 * s)
    gap = round(14 * s)
    n = max(1, len(panels))
    panel_h = (h - top - round(16 * s) - gap * (n - 1)) // n
    for i, panel in enumerate(panels):
        rect = pygame.Rect(round(16 * s), top + i * (panel_h + gap), w - round(32 * s), panel_h)
        _draw_panel(surf, rect, panel, x_axis, fonts)
    return surf


def _trend(points: Sequence[tuple[float, float]], n: int = TREND_DAYS) -> list[tuple[float, float]]:
    return [
        (x, sum(y for _, y in points[max(0, i - n + 1) : i + 1]) / len(points[max(0, i - n + 1) : i + 1]))
        for i, (x, _) in enumerate(points)
    ]


def _nice_step(span: float, target_ticks: int = 5) -> float:
    raw = span / target_ticks
    mag = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def progress_chart(
    days_by_mode: Mapping[str, Sequence[tuple[date, float | None, float | None]]],
    title: str,
    subtitle: str = "",
    size_px: tuple[int, int] = (1200, 800),
    scale: float | None = None,
) -> pygame.Surface:
    """Hit rate and time to the first sharp frame per practice day, one line per mapping.

    `days_by_mode[mode]` = [(day, hit rate 0–1 or None, seconds to first sharp frame or None), ...].
    Dots are the days; the thick line is the mean of the last `TREND_DAYS` practice days.
    """
    all_days = [d for rows in days_by_mode.values() for d, _, _ in rows]
    first = min(all_days) if all_days else date.today()
    last = max(all_days) if all_days else first
    span_days = max(1, (last - first).days)
    step = max(1, math.ceil(span_days / 8))
    ticks = [(float(k), (first + timedelta(days=k)).strftime("%d %b")) for k in range(0, span_days + 1, step)]
    x_axis = XAxis(-0.5, span_days + 0.5, ticks)

    hit_series: list[Series] = []
    time_series: list[Series] = []
    all_secs: list[float] = []
    order = [m for m in ("shutter", "bbf") if m in days_by_mode] + [m for m in days_by_mode if m not in MAPPING_TITLES]
    for mode in order:
        rows = days_by_mode[mode]
        colour = mapping_colour(mode)
        label = MAPPING_TITLES.get(mode, mode)
        short = "BBF" if mode == "bbf" else ("shutter" if mode == "shutter" else mode)
        hits = [(float((d - first).days), r) for d, r, _ in rows if r is not None]
        secs = [(float((d - first).days), t) for d, _, t in rows if t is not None]
        all_secs.extend(t for _, t in secs)
        hit_trend, time_trend = _trend(hits), _trend(secs)
        hit_end = f"{short} {100 * hit_trend[-1][1]:.0f} %" if hit_trend else ""
        time_end = f"{short} {time_trend[-1][1]:.2f} s" if time_trend else ""
        hit_series.append(Series(label, colour, hits, hit_trend, hit_end))
        time_series.append(Series(label, colour, secs, time_trend, time_end))

    hit_callout: list[tuple[str, Colour]] = []
    time_callout: list[tuple[str, Colour]] = []
    by_label = {series.label: series for series in hit_series}
    bbf, shutter = by_label.get(MAPPING_TITLES["bbf"]), by_label.get(MAPPING_TITLES["shutter"])
    if bbf and shutter and bbf.trend and shutter.trend:
        gap = 100 * (bbf.trend[-1][1] - shutter.trend[-1][1])
        hit_callout.append((f"Now: back-button {gap:+.0f} points against shutter-AF", TITLE_TEXT))
    since = f"since {first:%d %b}"
    for series in hit_series:
        if len(series.trend) >= 2:
            a, b = series.trend[0][1], series.trend[-1][1]
            hit_callout.append((f"{series.label}: {100 * a:.0f} % to {100 * b:.0f} % {since}", series.colour))
    for series in time_series:
        if len(series.trend) >= 2:
            a, b = series.trend[0][1], series.trend[-1][1]
            time_callout.append((f"{series.label}: {a:.2f} s to {b:.2f} s {since}", series.colour))

    # The time axis fits the trend lines and most days; a rare slow day is drawn at the top edge.
    trend_top = max((y for series in time_series for _, y in series.trend), default=0.0)
    most = sorted(all_secs)[int(0.9 * (len(all_secs) - 1))] if all_secs else 0.0
    max_s = max(trend_top, most)
    step_s = _nice_step(max(max_s, 0.5))
    top_s = step_s * math.ceil(max(max_s, 0.5) * 1.05 / step_s)
    panels = [
        Panel(
            "Hit rate per day (sharp frames / frames fired)",
            0.0,
            1.0,
            [0.0, 0.25, 0.5, 0.75, 1.0],
            lambda v: f"{100 * v:.0f} %",
            "higher is better",
            hit_series,
            hit_callout,
        ),
        Panel(
            "Time from appearance to the first sharp frame (median per day)",
            0.0,
            top_s,
            [k * step_s for k in range(int(round(top_s / step_s)) + 1)],
            lambda v: f"{v:g} s",
            "lower is better",
            time_series,
            time_callout,
        ),
    ]
    return render_chart(size_px, title, subtitle, panels, x_axis, scale)
