"""Comparing two dates on the Map tab: the panel, the marks over the cards, and what ties them.

Built on first use (the "Compare dates" box), so the map costs nothing more until then. It
listens to the scene's ``map_changed`` and compares again after every edit, undo and redo,
so the marks always describe the map as it is drawn.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF

from keyplan.collector import collector_paused
from keyplan.domain.errors import KeyplanError
from keyplan.domain.history.compare import MOVED
from keyplan.domain.history.wording import Names
from keyplan.ui import dialogs
from keyplan.ui.map.accessible import name_compare_panel
from keyplan.ui.map.compare_marks import CompareMarks
from keyplan.ui.map.compare_panel import MONTHS_BACK, ComparePanel, months_ago
from keyplan.ui.map.past_map import PastMap

if TYPE_CHECKING:
    from keyplan.store.history.queries import Comparison, LogWindow
    from keyplan.ui.map.map_tab import MapTab


class MapComparison:
    """Two dates of the shown map, compared: the side panel and the scene's marks."""

    def __init__(self, tab: MapTab) -> None:
        self.tab = tab
        self.panel = ComparePanel()
        name_compare_panel(self.panel)
        self.marks = CompareMarks()
        self.active = False
        self.last: Comparison | None = None
        self._window: LogWindow | None = None  # the log last read, reused while current
        self.last_seconds = 0.0  # how long the last comparison took, read and drawn
        self.panel.range_changed.connect(self.compare)
        self.panel.person_chosen.connect(tab.find_person)
        self.panel.snapshot_requested.connect(self.take_snapshot)
        tab.scene.map_changed.connect(self._after_map_changed)
        # The map as it was on From: a tick box under the dates, a view beside the live one.
        self.past = PastMap(tab)
        panel_layout = self.panel.layout()
        panel_layout.insertWidget(panel_layout.indexOf(self.panel.summary), self.past.box)
        tab.splitter.insertWidget(1, self.past.view)

    def set_active(self, on: bool) -> None:
        """Show the panel and the marks (and compare), or take both away."""
        self.active = on
        self.panel.setVisible(on)
        if on:
            if self.marks.scene() is None:
                self.tab.scene.addItem(self.marks)
            self.refresh_snapshots()
            self.compare()
        else:
            self.past.stop()
            self.marks.clear()
            self.last = None
            self._window = None  # ticked again, the log is read afresh

    def refresh_snapshots(self) -> None:
        account = self.tab.scene.account_id
        self.panel.set_snapshots(self.tab.document.snapshots(account) if account else [])

    def compare(self) -> None:
        """Compare the chosen dates of the shown accounts and mark the changes."""
        if not self.active:
            return
        with collector_paused():
            self._compare()

    def _compare(self) -> None:
        started = time.perf_counter()
        scene = self.tab.scene
        start, end = self.panel.dates()
        accounts = list(scene.accounts)
        if not accounts:
            self.marks.clear()
            self.panel.show_changes([], Names({}, {}), start)
            return
        # The log is read once, as far back as the slider goes, and serves every step until
        # something is written (an edit here, another window's, a colleague's): a month back
        # costs the year's read once, and a year back is then as quick as a month.
        document = self.tab.document
        reach = months_ago(end, MONTHS_BACK)
        self._window = document.history_window(accounts, start, self._window, read_from=reach)
        self.last = document.compare_in_window(self._window, start, end)
        # Only the cards a mark is on or points at (a few of thousands, on a large map).
        cards = scene.cards
        wanted = {c.person_id for c in self.last.changes}
        wanted |= {c.old for c in self.last.changes if c.kind == MOVED and c.old is not None}
        rects = {
            pid: cards[pid].scene_card_rect()
            for pid in wanted
            if pid in cards and cards[pid].isVisible()
        }
        below = scene.content_rect() if scene.content_rect().isValid() else QRectF(0, 0, 800, 0)
        if self.marks.scene() is None:
            scene.addItem(self.marks)
        self.marks.show_changes(self.last.changes, rects, self.last.names, below)
        self.panel.show_changes(self.last.changes, self.last.names, start)
        self.past.follow(self.last)
        self.last_seconds = time.perf_counter() - started

    def take_snapshot(self) -> None:
        """Ask for a name and take a snapshot of the map as it is now."""
        account = self.tab.scene.account_id
        if account is None:
            return
        name = dialogs.ask_text(
            self.tab, "Take snapshot", "Name this moment of the map (e.g. Before the reorg):"
        )
        if not name:
            return
        try:
            self.tab.document.take_snapshot(account, name)
        except KeyplanError as error:
            dialogs.show_error(self.tab, str(error))
            return
        self.refresh_snapshots()

    def _after_map_changed(self) -> None:
        self._window = None  # the map was rebuilt: its people, or which they are, changed
        if self.active:
            self.compare()
