"""Parallel pieces of different influence lines spread apart, so two lines that share a
corridor stay two lines (``routing`` finds each line's route on its own)."""

from __future__ import annotations

from collections.abc import Sequence

from keyplan.domain.map.routing import Point

TRACK = 4.0  # distance between parallel lines sharing a corridor (2 × TRACK < CLEARANCE)


def spread(routes: Sequence[tuple[Point, ...] | None]) -> list[tuple[Point, ...] | None]:
    """Move overlapping parallel pieces of different routes ``TRACK`` apart.

    A piece that runs along the same line as another's, over the same stretch, is given its
    own track; the corners at its ends move with it, so the route stays orthogonal. The first
    and last pieces (which touch the cards) move along the card's edge, which is harmless.
    """
    pieces: dict[tuple[bool, float], list[tuple[float, float, int, int]]] = {}
    for number, points in enumerate(routes):
        if points is None:
            continue
        for k in range(len(points) - 1):
            (x0, y0), (x1, y1) = points[k], points[k + 1]
            horizontal = abs(y0 - y1) < 1e-6
            key = (horizontal, round(y0 if horizontal else x0, 3))
            low, high = (min(x0, x1), max(x0, x1)) if horizontal else (min(y0, y1), max(y0, y1))
            pieces.setdefault(key, []).append((low, high, number, k))
    moved = [list(points) if points is not None else None for points in routes]
    for (horizontal, _at), group in pieces.items():
        if len(group) < 2:
            continue
        for (_low, _high, number, k), track in _tracks(group):
            if track == 0:
                continue
            # At most two tracks either side: further out would reach into a card's clearance
            # (the corridor's lines then share the outer tracks).
            offset = TRACK * min(2, (track + 1) // 2) * (1 if track % 2 else -1)
            corners = moved[number]
            assert corners is not None
            for end in (k, k + 1):
                x, y = corners[end]
                corners[end] = (x, y + offset) if horizontal else (x + offset, y)
    return [tuple(corners) if corners is not None else None for corners in moved]


def _tracks(
    group: list[tuple[float, float, int, int]],
) -> list[tuple[tuple[float, float, int, int], int]]:
    """Interval colouring: overlapping pieces get different tracks, 0 first."""
    ends: list[float] = []  # per track, where its last piece ends
    result = []
    for piece in sorted(group):
        low, high, _number, _k = piece
        for track, end in enumerate(ends):
            if low >= end:
                ends[track] = high
                break
        else:
            track = len(ends)
            ends.append(high)
        result.append((piece, track))
    return result
