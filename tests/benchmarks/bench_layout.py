"""Org-chart layout against Graphviz ``dot -Tsvg`` on the same reporting trees.

Run: ``python tests/benchmarks/bench_layout.py``. Prints figures; asserts nothing.

For each size (500, 2,000 and 5,000 people, seeded, so every run measures the same orgs):
after one warm-up of each, the layout (A: the median of several in-process calls of
``layout_org_chart``) and ``dot`` (B: one whole process) run in turn, A B A B …, and the median
of the pair ratios A/B is reported with its min and max, as BENCHMARKS.md asks. Targets: the
layout ≤ 0.1 × dot at 5,000 people, and a smaller drawing than dot's.

Cards are 2.2 × 0.9 in for both: 158.4 × 64.8 pt for the layout, ``fixedsize`` boxes for dot.
Each side uses its own default spacing (ours: 24 pt between cards, 56 pt between rows; dot's:
nodesep 18 pt, ranksep 36 pt); the area is also compared, untimed, with dot given our gaps.
"""

from __future__ import annotations

import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from keyplan.domain.layout import CardSpec, LayoutOptions, layout_org_chart

SIZES = (500, 2000, 5000)
PAIRS = 7
MIN_PAIRS = 3
DOT_BUDGET_S = 120.0  # per size: fewer pairs (never under MIN_PAIRS) when dot is this slow
DOT_TIMEOUT_S = 600.0
LAYOUT_RUNS_PER_SLOT = 5
CARD_W_PT, CARD_H_PT = 2.2 * 72, 0.9 * 72
MAX_DEPTH = 7  # levels 0..7: 8 rows at most
WIDE_TEAM_CHANCE = 0.3  # of a manager on level 3 or below having 10-25 individual contributors


@dataclass(frozen=True, slots=True)
class Org:
    """A generated organisation: each person's manager (by index; None for the CEO)."""

    managers: list[int | None]
    depth: list[int]


def realistic_org(people: int, seed: int) -> Org:
    """An org chart shaped like a large account's: 2–9 reports per manager up top, some teams
    of 10–25 individual contributors lower down, 6–8 levels deep.

    Managers are expanded one at a time, picked by a tournament of two that prefers the deeper
    candidate; a purely random pick would give a bushy, shallow org.
    """
    rng = random.Random(seed)
    managers: list[int | None] = [None]
    depth = [0]
    can_manage = [0]
    while len(managers) < people and can_manage:
        a, b = rng.randrange(len(can_manage)), rng.randrange(len(can_manage))
        pick = a if depth[can_manage[a]] >= depth[can_manage[b]] else b
        boss = can_manage[pick]
        can_manage[pick] = can_manage[-1]
        can_manage.pop()
        level = depth[boss]
        if level >= MAX_DEPTH:
            continue
        wide = level >= 3 and rng.random() < WIDE_TEAM_CHANCE
        team = rng.randint(10, 25) if wide else rng.randint(2, 9)
        for _ in range(min(team, people - len(managers))):
            managers.append(boss)
            depth.append(level + 1)
            if not wide:
                can_manage.append(len(managers) - 1)
    return Org(managers, depth)


def cards_of(org: Org) -> list[CardSpec]:
    return [CardSpec(i, boss, CARD_W_PT, CARD_H_PT) for i, boss in enumerate(org.managers)]


def dot_source(org: Org, spacing: str = "") -> str:
    """The org in dot; ``spacing`` is an optional graph attribute line (nodesep, ranksep)."""
    lines = [
        "digraph org {",
        *([f"  {spacing}"] if spacing else []),
        "  node [shape=box, fixedsize=true, width=2.2, height=0.9];",
        *(f'  n{i} [label="Person {i}"];' for i in range(len(org.managers))),
        *(f"  n{boss} -> n{i};" for i, boss in enumerate(org.managers) if boss is not None),
        "}",
    ]
    return "\n".join(lines) + "\n"


def time_layout(cards: list[CardSpec]) -> float:
    """Median seconds of several calls: one slot A of a pair."""
    runs = []
    for _ in range(LAYOUT_RUNS_PER_SLOT):
        start = time.perf_counter()
        layout_org_chart(cards)
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def time_dot(source: Path, svg: Path) -> float:
    """Seconds of one whole ``dot -Tsvg`` process: one slot B of a pair."""
    start = time.perf_counter()
    subprocess.run(["dot", "-Tsvg", str(source), "-o", str(svg)], check=True, timeout=DOT_TIMEOUT_S)
    return time.perf_counter() - start


def svg_area_pt2(svg: Path) -> tuple[float, float]:
    """Width and height in pt, from the root ``<svg>`` element."""
    with svg.open(encoding="utf-8") as stream:
        head = stream.read(4096)
    root = re.search(r"<svg\b[^>]*>", head)
    if root is None:
        raise ValueError(f"no <svg> element at the start of {svg}")
    width = re.search(r'\bwidth="([\d.]+)pt"', root.group(0))
    height = re.search(r'\bheight="([\d.]+)pt"', root.group(0))
    if width is None or height is None:
        raise ValueError(f"no width/height in pt on the <svg> element of {svg}")
    return float(width.group(1)), float(height.group(1))


def interleave(
    a: Callable[[], float], b: Callable[[], float], pairs: int
) -> list[tuple[float, float]]:
    """Runs A B A B …, after one warm-up of each; returns the (A, B) times."""
    a()
    b()
    return [(a(), b()) for _ in range(pairs)]


def bench_size(people: int, workdir: Path, have_dot: bool) -> None:
    org = realistic_org(people, seed=people)
    cards = cards_of(org)
    team_sizes: dict[int, int] = {}
    for boss in org.managers:
        if boss is not None:
            team_sizes[boss] = team_sizes.get(boss, 0) + 1
    wide = sum(1 for size in team_sizes.values() if size >= 10)
    print(
        f"\n{people:,} people: {max(org.depth) + 1} levels, {len(team_sizes)} managers, "
        f"{wide} with 10+ reports, largest team {max(team_sizes.values())}"
    )
    bounds = layout_org_chart(cards).bounds
    our_area = bounds.width * bounds.height
    if not have_dot:
        runs = [time_layout(cards) for _ in range(PAIRS)]
        print(
            f"  layout   median {statistics.median(runs) * 1e3:8.1f} ms "
            f"(min {min(runs) * 1e3:.1f}, max {max(runs) * 1e3:.1f})"
        )
        print(f"  drawing  {bounds.width:,.0f} x {bounds.height:,.0f} pt = {our_area:,.0f} pt²")
        return
    source, svg = workdir / f"org{people}.dot", workdir / f"org{people}.svg"
    source.write_text(dot_source(org), encoding="utf-8")
    warm = time_dot(source, svg)
    pairs = max(MIN_PAIRS, min(PAIRS, int(DOT_BUDGET_S / warm)))
    times = interleave(lambda: time_layout(cards), lambda: time_dot(source, svg), pairs)
    ratios = [a / b for a, b in times]
    ours = statistics.median(a for a, _ in times)
    dots = statistics.median(b for _, b in times)
    dot_w, dot_h = svg_area_pt2(svg)
    print(f"  pairs    {pairs} (after one warm-up each)")
    print(
        f"  layout   median {ours * 1e3:8.1f} ms   (in-process, median of "
        f"{LAYOUT_RUNS_PER_SLOT} calls per slot)"
    )
    print(f"  dot      median {dots * 1e3:8.1f} ms   (whole process, dot -Tsvg)")
    print(
        f"  ratio    layout/dot median {statistics.median(ratios):.4f} "
        f"(min {min(ratios):.4f}, max {max(ratios):.4f})   target at 5,000: <= 0.1"
    )
    print(f"  drawing  ours {bounds.width:,.0f} x {bounds.height:,.0f} pt = {our_area:,.0f} pt²")
    print(f"           dot  {dot_w:,.0f} x {dot_h:,.0f} pt = {dot_w * dot_h:,.0f} pt²")
    print(f"           area ours/dot {our_area / (dot_w * dot_h):.3f}   target: < 1")
    # dot's default gaps (18 pt, 36 pt) are tighter than ours: once more, untimed, with our gaps,
    # to compare the algorithms rather than the spacing.
    same_gaps = workdir / f"org{people}-same-gaps.dot"
    same_gaps.write_text(dot_source(org, _dot_spacing_like_ours()), encoding="utf-8")
    time_dot(same_gaps, svg)
    dot_w, dot_h = svg_area_pt2(svg)
    print(
        f"           dot with our gaps {dot_w:,.0f} x {dot_h:,.0f} pt = {dot_w * dot_h:,.0f} pt²,"
        f" area ours/dot {our_area / (dot_w * dot_h):.3f}"
    )


def _dot_spacing_like_ours() -> str:
    options = LayoutOptions()
    return f"nodesep={options.sibling_gap / 72:.4f}; ranksep={options.level_gap / 72:.4f};"


def main() -> int:
    have_dot = shutil.which("dot") is not None
    print(f"Org-chart layout benchmark, Python {sys.version.split()[0]}")
    if not have_dot:
        print("Graphviz dot not found on PATH (apt-get install graphviz): our own timings only.")
    with tempfile.TemporaryDirectory(prefix="keyplan-bench-layout-") as tmp:
        for people in SIZES:
            bench_size(people, Path(tmp), have_dot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
