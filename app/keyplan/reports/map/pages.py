"""Splitting a large org chart into printed pages that follow the organisation.

A chart that cannot print legibly on one page is cut along reporting lines, never across
cards: the first page holds the top of the chart (the heads and their direct reports, and as
much more as fits), and every manager whose team does not fit there is shown with a note and
starts a page of their own, again as deep as fits. A team too wide even one level deep is
continued on further pages, each starting with the same manager. Pages follow each other in
reading order: a team's own pages come straight after the page that points to them.

Each page is laid out on its own by ``layout_org_chart``, with the screen's spacing first and,
when that does not fit, with teams of two or more leaves stacked in columns (narrower). Hand
placed positions belong to the whole chart on screen and are not used on split pages.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from keyplan.domain.layout import CardSpec, OrgChartLayout, layout_org_chart
from keyplan.domain.map.looks import LAYOUT_OPTIONS
from keyplan.domain.map.team_columns import GAP as COLUMN_GAP
from keyplan.domain.map.team_columns import team_columns_layout

SCREEN_OPTIONS = LAYOUT_OPTIONS
COLUMNS_LIMIT = 48  # about the most cards one page holds with names at 7.5 pt
# Paper's second choice: stack any team of two or more leaves (one column up to three, two
# columns from four), which roughly halves the width of a chart of small teams.
STACKED_OPTIONS = replace(SCREEN_OPTIONS, stack_threshold=2, stack_columns_max=2)


@dataclass(frozen=True, slots=True)
class PageRoom:
    """The space a page offers the chart, in points, and the smallest scale allowed."""

    width: float
    height: float
    min_scale: float

    def scale_for(self, layout: OrgChartLayout) -> float:
        """The scale that fits the layout in the room, never enlarging (at most 1)."""
        bounds = layout.bounds
        if bounds.width <= 0 or bounds.height <= 0:
            return 1.0
        return min(self.width / bounds.width, self.height / bounds.height, 1.0)

    def fits(self, layout: OrgChartLayout) -> bool:
        return self.scale_for(layout) >= self.min_scale

    def too_small_for(self, specs: Sequence[CardSpec]) -> bool:
        """Whether the cards alone, side by side without gaps, cover more than the room at
        the smallest scale: then no layout of them fits (cards never overlap), and the page
        planner need not lay them out to find that out."""
        cards = sum(spec.width * spec.height for spec in specs)
        return cards * self.min_scale**2 > self.width * self.height


@dataclass(frozen=True, slots=True)
class ChartPage:
    """One printed page of the chart.

    Attributes:
        manager: the person the page starts with; None for the first page (the top).
        layout: the page's own layout (its cards only).
        continued: person id -> index of the page where their team continues.
        team_size: person id -> how many people their whole team has (for the notes).
        chunk: for a team printed over several pages, this page's number (1-based) ...
        chunks: ... out of this many.
        scale: points per layout unit on this page.
    """

    manager: int | None
    layout: OrgChartLayout
    continued: dict[int, int]
    team_size: dict[int, int]
    chunk: int
    chunks: int
    scale: float


@dataclass(frozen=True, slots=True)
class _Draft:
    manager: int | None
    layout: OrgChartLayout
    continued: tuple[int, ...]
    scale: float


class ChartSplitter:
    """Plans the pages of one chart.

    Args:
        order: person ids in the order siblings should appear.
        manager_of: each person's manager among ``order`` (None for the heads).
        card_size: width and height of a card.
        note_height: extra height of a card that carries a "continues on page" note.
    """

    def __init__(
        self,
        order: Sequence[int],
        manager_of: dict[int, int | None],
        card_size: tuple[float, float],
        note_height: float,
    ) -> None:
        self.order = list(order)
        self.manager_of = manager_of
        self.card_width, self.card_height = card_size
        self.note_height = note_height
        self.children: dict[int | None, list[int]] = {None: []}
        for person in self.order:
            self.children.setdefault(person, [])
        for person in self.order:
            self.children.setdefault(manager_of.get(person), []).append(person)
        self.team_size = self._team_sizes()

    def _team_sizes(self) -> dict[int, int]:
        """Everyone below each person, at any depth (iterative: chains may be very deep)."""
        size = {person: 0 for person in self.order}
        for person in reversed(self._pre_order()):
            boss = self.manager_of.get(person)
            if boss is not None:
                size[boss] += size[person] + 1
        return size

    def _pre_order(self) -> list[int]:
        result: list[int] = []
        stack = list(reversed(self.children[None]))
        while stack:
            person = stack.pop()
            result.append(person)
            stack.extend(reversed(self.children[person]))
        return result

    def plan(self, first: PageRoom, other: PageRoom) -> list[ChartPage]:
        """The pages, first page first; every card of the chart is on exactly one page."""
        drafts: list[tuple[_Draft, int, int]] = []
        starts: dict[int, int] = {}
        # Pre-order over teams: a team's pages come right after the page that points to them.
        heads = self.children[None]
        # One head (the usual case): the first page is theirs, so it starts with them.
        pending: list[int | None] = [heads[0] if len(heads) == 1 else None]
        while pending:
            manager = pending.pop()
            room = first if not drafts else other
            team_pages = self._team_pages(manager, room, other)
            if manager is not None:
                starts[manager] = len(drafts)
            for number, draft in enumerate(team_pages, start=1):
                drafts.append((draft, number, len(team_pages)))
            for draft in reversed(team_pages):
                pending.extend(reversed(draft.continued))
        return [
            ChartPage(
                manager=draft.manager,
                layout=draft.layout,
                continued={person: starts[person] for person in draft.continued},
                team_size={person: self.team_size[person] for person in draft.continued},
                chunk=number,
                chunks=chunks,
                scale=draft.scale,
            )
            for draft, number, chunks in drafts
        ]

    def _team_pages(self, manager: int | None, room: PageRoom, other: PageRoom) -> list[_Draft]:
        """The page(s) starting with ``manager``: as deep as fits; wide teams over several."""
        reports = self.children[manager]
        pages: list[_Draft] = []
        while reports or not pages:
            draft, taken = self._fit(manager, reports, room if not pages else other)
            pages.append(draft)
            reports = reports[taken:]
        return pages

    def _fit(self, manager: int | None, reports: list[int], room: PageRoom) -> tuple[_Draft, int]:
        """The best page for ``manager`` and a prefix of ``reports``; returns it and the count.

        Tries the whole team, then one level deeper at a time from the direct reports (two
        levels at the very top, so the heads come with their teams), then widens it with the
        whole teams of the smallest continued managers that still fit.
        """
        whole = self._attempt(manager, reports, None, set(), room)
        if whole is not None:
            return whole, len(reports)
        start = 2 if manager is None else 1
        best: _Draft | None = None
        for depth in range(start, 10_000):
            draft = self._attempt(manager, reports, depth, set(), room)
            if draft is None:
                break
            best, best_depth = draft, depth
        if best is None and start == 2:
            best_depth = 1
            best = self._attempt(manager, reports, 1, set(), room)
        if best is None:
            return self._fit_prefix(manager, reports, room)
        expanded: set[int] = set()
        for person in sorted(best.continued, key=lambda p: self.team_size[p]):
            wider = self._attempt(manager, reports, best_depth, expanded | {person}, room)
            if wider is not None:
                best = wider
                expanded.add(person)
        return best, len(reports)

    def _fit_prefix(
        self, manager: int | None, reports: list[int], room: PageRoom
    ) -> tuple[_Draft, int]:
        """The most direct reports, in order, that fit one level deep (at least one)."""
        best = self._attempt(manager, reports[:1], 1, set(), room, force=True)
        assert best is not None
        taken = 1
        for count in range(2, len(reports) + 1):
            draft = self._attempt(manager, reports[:count], 1, set(), room)
            if draft is None:
                break
            best, taken = draft, count
        return best, taken

    def _attempt(
        self,
        manager: int | None,
        reports: list[int],
        depth: int | None,
        expanded: set[int],
        room: PageRoom,
        *,
        force: bool = False,
    ) -> _Draft | None:
        """The page showing ``depth`` levels below ``manager`` (None: all), if it fits."""
        shown, continued = self._shown(manager, reports, depth, expanded)
        specs = self._specs(manager, shown, continued)
        if not force and room.too_small_for(specs):
            return None  # no layout could fit: the work of trying is saved
        layout = None
        for options in (SCREEN_OPTIONS, STACKED_OPTIONS):
            layout = layout_org_chart(specs, options)
            if room.fits(layout):
                return _Draft(manager, layout, tuple(continued), room.scale_for(layout))
        # Team columns help a page with teams below its direct reports; one level deep (and no
        # team expanded), the stacked layout already puts the reports in columns.
        for layout in self._columns(specs, room) if depth != 1 or expanded else ():
            if room.fits(layout):
                return _Draft(manager, layout, tuple(continued), room.scale_for(layout))
        if force and layout is not None:
            return _Draft(manager, layout, tuple(continued), room.scale_for(layout))
        return None

    def _columns(self, specs: list[CardSpec], room: PageRoom) -> Iterator[OrgChartLayout]:
        """Team-column layouts as tall as the page allows (``team_columns``), densest last;
        each laid out only when the one before did not fit (the caller stops at a fit)."""
        tallest = self.card_height + self.note_height + COLUMN_GAP
        top = 2 * tallest + SCREEN_OPTIONS.level_gap
        rows = int((room.height / room.min_scale - top) // tallest)
        # More cards than a page can hold at the smallest scale never fit: skip the work.
        if rows < 1 or not 3 <= len(specs) <= COLUMNS_LIMIT:
            return iter(())
        return (
            team_columns_layout(specs, SCREEN_OPTIONS, rows, tree_levels=levels)
            for levels in (2, 1)
        )

    def _shown(
        self, manager: int | None, reports: list[int], depth: int | None, expanded: set[int]
    ) -> tuple[list[int], list[int]]:
        """The people on the page in input order, and those whose team continues elsewhere."""
        shown: list[int] = [] if manager is None else [manager]
        continued: list[int] = []
        stack = [(person, 1, False) for person in reversed(reports)]
        while stack:
            person, level, whole = stack.pop()
            shown.append(person)
            below = self.children[person]
            if not below:
                continue
            whole = whole or person in expanded
            if depth is not None and level >= depth and not whole:
                continued.append(person)
                continue
            stack.extend((child, level + 1, whole) for child in reversed(below))
        return shown, continued

    def _specs(self, manager: int | None, shown: list[int], continued: list[int]) -> list[CardSpec]:
        noted = set(continued)
        return [
            CardSpec(
                id=person,
                manager_id=None if person == manager else self.manager_of.get(person),
                width=self.card_width,
                height=self.card_height + (self.note_height if person in noted else 0.0),
            )
            for person in shown
        ]
