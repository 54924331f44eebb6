"""Column spans: the parts of a frame's width something opaque hides, as sorted [start, end) ranges."""

from __future__ import annotations

from collections.abc import Sequence

Spans = Sequence[tuple[int, int]]  # disjoint [start, end) column ranges, in order


def span_union(spans: Spans, a: int, b: int) -> list[tuple[int, int]]:
    """`spans` with [a, b) added, merged where they touch."""
    out, lo, hi = [], a, b
    for s0, s1 in spans:
        if s1 < lo or s0 > hi:
            out.append((s0, s1))
        else:
            lo, hi = min(lo, s0), max(hi, s1)
    out.append((lo, hi))
    return sorted(out)


def span_difference(a: int, b: int, spans: Spans) -> list[tuple[int, int]]:
    """[a, b) without `spans`."""
    out, x = [], a
    for s0, s1 in spans:
        if s1 <= x or s0 >= b:
            continue
        if s0 > x:
            out.append((x, s0))
        x = max(x, s1)
    if x < b:
        out.append((x, b))
    return out


def hidden_columns(
    placed: Sequence[tuple[int, int, tuple[int, int, int, int] | None]], w: int, h: int
) -> tuple[list[list[tuple[int, int]]], list[tuple[int, int]]]:
    """Which columns of a `w` × `h` frame each sprite need not be drawn in, and the background.

    `placed`: far to near, each sprite's top-left corner and its opaque core (left, top,
    right, bottom, in the sprite) or None. A core that spans the frame's height hides
    everything farther in its columns. Nearest first, each sprite gets the columns nearer
    ones hide; the background, those any sprite hides.
    """
    hidden: list[list[tuple[int, int]]] = [[] for _ in placed]
    spans: list[tuple[int, int]] = []
    for k in range(len(placed) - 1, -1, -1):
        hidden[k] = spans
        x, y, core = placed[k]
        if core is not None and y + core[1] <= 0 and y + core[3] >= h and x + core[0] < w and x + core[2] > 0:
            spans = span_union(spans, max(0, x + core[0]), min(w, x + core[2]))
    return hidden, spans
