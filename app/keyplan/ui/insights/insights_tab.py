"""The Insights tab: where an account is thin, who needs attention, and the score with reasons.

Everything is computed from the account's facts by ``analyse_account``; the tab only lays the
answers out. It follows the document: a logged interaction, a kept promise or an edited person
shows here at once (or, when the tab is hidden, the next time it is shown).
"""

from __future__ import annotations

import time
from datetime import date
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override  # typing.override arrives in 3.12

from keyplan.domain.errors import KeyplanError
from keyplan.domain.insights import AccountFacts, AccountInsights, analyse_account, contact_log
from keyplan.domain.vocabulary import Level
from keyplan.reports.insights.insights_text import (
    breadth_line,
    concentration_line,
    freshness_line,
    promise_line,
)
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.insights import palette, sections
from keyplan.ui.insights.heatmap import CoverageHeatMap
from keyplan.ui.insights.insight_list import InsightList
from keyplan.ui.widgets import theme

#: Person fields that change no insight: edits to them do not recompute the tab. (A new last
#: contact comes with ``interactions_changed``, which recomputes it once for all its people.)
_NEUTRAL_FIELDS = frozenset({"email", "phone", "location", "personality_notes",
                             "personal_interests", "priorities", "last_contact"})  # fmt: skip

#: A refresh that took longer than this runs on a worker thread next time (ARCHITECTURE.md).
SLOW_SECONDS = 0.1

#: Account fields the insights read.
_ACCOUNT_FIELDS = frozenset({"name", "review_cadence_days", "last_review_on"})


class InsightsTab(QWidget):
    """The insights of the selected account (with its affiliates unless unticked)."""

    person_activated = Signal(int)  # a line about a person was opened
    commitment_activated = Signal(int)  # a line about a promise was opened
    log_requested = Signal(list)  # person ids to log a meeting with

    def __init__(self, document: PortfolioDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.account_id: int | None = None
        self.facts: AccountFacts | None = None
        self.insights: AccountInsights | None = None
        self.today_provider = date.today  # tests pin the day
        self._needs_refresh = False
        self._generation = 0  # which refresh a result from a worker thread belongs to
        self._last_cost = 0.0  # seconds the last refresh took: decides where the next runs
        # One recomputation for a burst of signals (a macro, an interaction with five people).
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        self._build()
        document.interactions_changed.connect(self._on_data_changed)
        document.people_changed.connect(self._on_data_changed)
        document.person_changed.connect(self._on_person_changed)
        document.account_changed.connect(self._on_account_changed)
        document.roster_changed.connect(self._on_data_changed)  # owners, team breadth, "by"
        plan_changed = getattr(document, "plan_changed", None)
        if plan_changed is not None:  # promises, actions and opportunities are plan rows
            plan_changed.connect(self._on_data_changed)

    # ---- building -----------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.affiliates_box = QCheckBox("Include affiliates")
        self.affiliates_box.setChecked(True)
        self.affiliates_box.toggled.connect(lambda _checked: self.refresh())
        self.badge = QLabel()
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setFixedSize(84, 64)
        self.score_heading = QLabel()
        self.score_heading.setStyleSheet("font-weight: 600;")
        self.reasons = _wrapping_label()
        self.heatmap = CoverageHeatMap()
        self.heatmap.cell_clicked.connect(self.show_cell)
        self.breadth = _wrapping_label(muted=True)
        self.legend = _wrapping_label(muted=True)
        self.legend.setText(palette.legend_html())
        self.cell_people = InsightList(rows=9)
        self.findings = InsightList(rows=16)
        self.politics = InsightList(rows=10)
        self.contacts = InsightList(rows=10)
        self.nudge = _wrapping_label()
        self.concentration_text = _wrapping_label()
        self.top_people = InsightList(rows=5)
        self.promise_text = _wrapping_label()
        self.promise_list = InsightList(rows=5)
        self.freshness = _wrapping_label()
        for view in self._lists():
            view.person_activated.connect(self.person_activated)
            view.commitment_activated.connect(self.commitment_activated)
            view.log_requested.connect(lambda person_id: self.log_requested.emit([person_id]))

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(self._header())
        layout.addLayout(self._coverage_row())
        layout.addLayout(self._lower_grid())
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _lists(self) -> list[InsightList]:
        return [self.cell_people, self.findings, self.politics, self.contacts, self.top_people,
                self.promise_list]  # fmt: skip

    def _header(self) -> QHBoxLayout:
        words = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.affiliates_box)
        words.addLayout(top)
        words.addWidget(self.score_heading)
        words.addWidget(self.reasons)
        header = QHBoxLayout()
        header.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(words, 1)
        return header

    def _coverage_row(self) -> QHBoxLayout:
        grid = QGroupBox("Coverage: departments × levels (engaged / known)")
        grid_layout = QVBoxLayout(grid)
        grid_layout.addWidget(self.heatmap, 0, Qt.AlignmentFlag.AlignLeft)
        grid_layout.addWidget(self.breadth)
        grid_layout.addWidget(self.legend)
        grid_layout.addStretch(1)
        cell = QGroupBox("Who is there (click a cell)")
        QVBoxLayout(cell).addWidget(self.cell_people)
        row = QHBoxLayout()
        row.addWidget(grid, 0)
        row.addWidget(cell, 1)
        return row

    def _lower_grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.addWidget(_group("Relationship health", self.findings), 0, 0)
        grid.addWidget(_group("Next best contacts", self.nudge, self.contacts), 0, 1)
        grid.addWidget(
            _group("Contact concentration (the ruts)", self.concentration_text, self.top_people),
            1,
            0,
        )
        grid.addWidget(
            _group("Promises and plan", self.promise_text, self.promise_list, self.freshness),
            1,
            1,
        )
        grid.addWidget(_group("Politics and evidence", self.politics), 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return grid

    # ---- showing ------------------------------------------------------------------------

    def show_account(self, account_id: int | None) -> None:
        """Show the insights of an account (None: nothing selected)."""
        if account_id != self.account_id:
            self.heatmap.select_cell(None, None)
        self.account_id = account_id
        self.refresh()

    def refresh(self) -> None:
        """Read the facts again and show what they say now."""
        self._needs_refresh = False
        self._refresh_timer.stop()
        if self.account_id is None:
            self.facts = self.insights = None
            self.title.setText("No account selected")
            self.setEnabled(False)
            return
        self.setEnabled(True)
        self._generation += 1
        today = self.today_provider()
        work = partial(self._analyse, self.account_id, self.affiliates_box.isChecked(), today)
        if self._last_cost < SLOW_SECONDS:
            self._show_result(self._generation, work())
            return
        # This account took long last time (a group of thousands of people): a worker thread
        # reads it while the window stays responsive.
        from keyplan.ui.background import run_task

        generation = self._generation
        self.score_heading.setText("Updating the insights…")
        run_task(
            lambda _report: work(),
            on_success=lambda result: self._show_result(generation, result),
            on_error=self._analysis_failed,
        )

    def _analyse(
        self, account_id: int, with_affiliates: bool, today: date
    ) -> tuple[AccountFacts, AccountInsights, date, float]:
        """Read and analyse an account (no Qt: may run on a worker thread)."""
        started = time.perf_counter()
        facts = self.document.account_facts(
            account_id, with_affiliates=with_affiliates, today=today
        )
        return facts, analyse_account(facts, today), today, time.perf_counter() - started

    def _show_result(
        self, generation: int, result: tuple[AccountFacts, AccountInsights, date, float]
    ) -> None:
        facts, insights, today, cost = result
        self._last_cost = cost
        if generation != self._generation:
            return  # another account (or a newer edit) was asked for meanwhile
        self.facts, self.insights = facts, insights
        self._show(insights, facts, today)

    def _analysis_failed(self, error: BaseException) -> None:
        if not isinstance(error, KeyplanError):
            raise error
        self.score_heading.setText(f"The insights could not be read: {error}")

    def _show(self, insights: AccountInsights, facts: AccountFacts, today: date) -> None:
        people = {person.id: person for person in facts.people}
        team = dict(self.document.team_members())
        self.title.setText(insights.account_name)
        self._show_score(insights)
        self.heatmap.set_coverage(insights.coverage)
        self.breadth.setText(breadth_line(insights.coverage))
        sections.fill_findings(self.findings, insights)
        sections.fill_politics(self.politics, insights)
        sections.fill_contacts(self.contacts, insights)
        self.nudge.setText(sections.nudge_html(insights))
        self.concentration_text.setText(concentration_line(insights.concentration))
        self.concentration_text.setStyleSheet(
            theme.text_style(theme.WARNING) if insights.concentration.single_threaded else ""
        )
        sections.fill_concentration(self.top_people, insights, people)
        self.promise_text.setText("Promises: " + promise_line(insights.promises.account))
        sections.fill_promises(self.promise_list, insights, people, team)
        overdue = insights.freshness.is_overdue
        self.freshness.setText(("⚠ " if overdue else "") + freshness_line(insights.freshness))
        self.freshness.setStyleSheet(theme.text_style(theme.WARNING) if overdue else "")
        self._show_cell_list(facts, today)

    def _show_score(self, insights: AccountInsights) -> None:
        value = insights.score.value
        colour = palette.score_colour(value).name()
        self.badge.setText(f"<span style='font-size:28px; font-weight:700'>{value}</span>"
                           "<br><span style='font-size:10px'>of 100</span>")  # fmt: skip
        self.badge.setStyleSheet(f"background: {colour}; color: white; border-radius: 8px;")
        self.badge.setToolTip("Account health score; the reasons are listed next to it")
        self.score_heading.setText("Account health — where the points went")
        self.reasons.setText(sections.score_html(insights))

    def show_cell(self, department: str, level: Level | None) -> None:
        """List the people of one grid cell next to the map."""
        self.heatmap.select_cell(department, level)
        if self.facts is not None:
            self._show_cell_list(self.facts, self.today_provider())

    def _show_cell_list(self, facts: AccountFacts, today: date) -> None:
        selected = self.heatmap.selected
        if selected is None or self.insights is None:
            self.cell_people.clear()
            self.cell_people.add_note("Click a cell of the map to see who is there.")
            return
        cell = self.insights.coverage.cell(*selected)
        people = {person.id: person for person in facts.people}
        sections.fill_cell_people(self.cell_people, cell, people, contact_log(facts, today), today)

    # ---- following the document ---------------------------------------------------------

    def _on_data_changed(self, *_args: Any) -> None:
        if self.account_id is None:
            return
        if self.isVisible():
            self._refresh_timer.start()
        else:
            self._needs_refresh = True  # recomputed when shown: a hidden tab costs nothing

    def _on_person_changed(self, person_id: int, field: str) -> None:
        if field in _NEUTRAL_FIELDS or self.facts is None:
            return
        if any(person.id == person_id for person in self.facts.people):
            self._on_data_changed()

    def _on_account_changed(self, _account_id: int, field: str) -> None:
        if field in _ACCOUNT_FIELDS:
            self._on_data_changed()

    @override
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._needs_refresh:
            self.refresh()


def _wrapping_label(*, muted: bool = False) -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if muted:
        label.setStyleSheet(theme.text_style(theme.MUTED))
    return label


def _group(title: str, *widgets: QWidget) -> QGroupBox:
    group = QGroupBox(title)
    layout = QVBoxLayout(group)
    for widget in widgets:
        layout.addWidget(widget)
    return group
