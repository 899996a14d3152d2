"""The map as it stood on the earlier date of a comparison, drawn like today's map.

Marks on today's map say what changed, but a director presenting "what changed since the last
review" also wants the picture of then: who reported to whom, the people who have since left
back in their places, and no one who joined since. The comparison already rebuilds the earlier
state from the change log (``domain/history/timeline``); this lays that state out with the
normal layout and draws it with the normal cards and reporting lines, in a read-only view that
takes the live view's place while "Show the map as it was on …" is ticked. Marks on it say who
is gone by the later date (crossed) and what else changed (badges).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QRect, QRectF, Qt, QTimer
from PySide6.QtGui import QPainter, QPaintEvent, QWheelEvent
from PySide6.QtWidgets import QCheckBox, QGraphicsScene, QGraphicsView
from typing_extensions import override  # typing.override arrives in 3.12

from keyplan.collector import collector_paused
from keyplan.domain.history.compare import CHANGED, LEFT
from keyplan.domain.history.timeline import PeopleState, is_present
from keyplan.domain.history.wording import day_text
from keyplan.domain.layout import CardSpec, layout_org_chart
from keyplan.store.map.rows import MapPerson
from keyplan.ui.map import style
from keyplan.ui.map.card_item import CardItem
from keyplan.ui.map.compare_marks import CompareMarks
from keyplan.ui.map.filters import layout_order
from keyplan.ui.map.line_items import ReportingLines
from keyplan.ui.map.past_cards import PastCards
from keyplan.ui.map.view import ZOOM_STEP, zoom_keeping_point

if TYPE_CHECKING:
    from keyplan.store.history.queries import Comparison
    from keyplan.ui.map.map_tab import MapTab

_PAST_FIELDS = ("full_name", "job_title", "department", "reports_to_id", "stance", "strength",
                "influence", "buying_role")  # fmt: skip


def people_then(
    state: PeopleState, today: dict[int, MapPerson], account_id: int
) -> dict[int, MapPerson]:
    """The cards of the people present in an earlier state (``person_then`` of each)."""
    return {
        person_id: person_then(person_id, values, today, account_id)
        for person_id, values in state.items()
        if is_present(values)
    }


def person_then(
    person_id: int, values: dict[str, Any], today: dict[int, MapPerson], account_id: int
) -> MapPerson:
    """The card of someone present in an earlier state: today's card with the values of then
    (no hand placement: the layout of then), or, for someone deleted since, a card made from
    what the log kept."""
    then = {field: values.get(field) for field in _PAST_FIELDS if field in values}
    base = today.get(person_id)
    if base is not None:
        return replace(base, **then, has_left=False, map_position=None)
    return _card_of_the_deleted(person_id, account_id, then)


class _Placed(NamedTuple):
    """What the layout orders and places a card of then by (``layout_order``), without
    making the card: most cards of a large map of then are never shown (``past_cards``)."""

    id: int
    level: str | None
    full_name: str
    reports_to_id: int | None


def places_then(state: PeopleState, today: dict[int, MapPerson]) -> list[_Placed]:
    """The people present in an earlier state, as ``person_then`` would make their cards."""
    placed = []
    for person_id, values in state.items():
        if not is_present(values):
            continue
        base = today.get(person_id)
        if base is not None:
            manager = values.get("reports_to_id", base.reports_to_id)
            placed.append(_Placed(person_id, base.level, values["full_name"], manager))
        else:
            name = str(values.get("full_name") or "?")
            placed.append(_Placed(person_id, None, name, values.get("reports_to_id")))
    return placed


def _card_of_the_deleted(person_id: int, account_id: int, then: dict[str, Any]) -> MapPerson:
    return MapPerson(
        id=person_id,
        account_id=account_id,
        full_name=str(then.get("full_name") or "?"),
        job_title=then.get("job_title"),
        department=then.get("department"),
        level=None,
        reports_to_id=then.get("reports_to_id"),
        buying_role=str(then.get("buying_role") or "unknown"),
        influence=then.get("influence"),
        stance=str(then.get("stance") or "unknown"),
        strength=int(then.get("strength") or 0),
        has_left=False,
        contact_frequency_days=None,
        map_position=None,
        owners=(),
        last_contact=None,
    )


class _PastView(QGraphicsView):
    """A read-only view: Ctrl+wheel zooms where the mouse points, as on today's map. Before
    it paints, the cards of what it paints are made (``before_paint``)."""

    before_paint: Callable[[QRectF], None] | None = None

    def prepare(self, shown: QRect) -> None:
        """Have what paints into ``shown`` (viewport pixels) made, before a paint asks."""
        if self.before_paint is not None:
            # A few pixels more: the view paints an item's antialiased edge from outside too.
            self.before_paint(self.mapToScene(shown.adjusted(-4, -4, 4, 4)).boundingRect())

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        self.prepare(event.rect())
        super().paintEvent(event)

    @override
    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                zoom_keeping_point(self, ZOOM_STEP**steps, event.position())
            event.accept()
            return
        super().wheelEvent(event)


class PastMap:
    """The earlier date's map: a tick box in the compare panel and a view of its own."""

    def __init__(self, tab: MapTab) -> None:
        self.tab = tab
        self.scene = QGraphicsScene(tab)
        self.view = _PastView(self.scene)
        self.view.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
        )
        self.view.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.view.setAccessibleName("The map as it was")
        self.view.hide()
        self.box = QCheckBox("Show the map as it was on the From date")
        self.box.setToolTip("Who reported to whom then, with those who have left since")
        self.cards = PastCards(self.scene)  # made as the view shows them
        self.view.before_paint = self.cards.show
        self.marks = CompareMarks()
        self.lines = ReportingLines()
        self._area = QRectF()  # what the map of then covers: worked out once per drawing
        self._last: Comparison | None = None
        self.box.toggled.connect(self._toggled)
        # Today's view, hidden behind this one, still fits itself when the window changes size
        # and says so in the hint line ("Showing the top of the chart (0 of 66 people)"):
        # connected after the tab's own slot, this says again which map is shown.
        tab.view.hint_changed.connect(self._keep_hint)

    @property
    def shown(self) -> bool:
        return self.box.isChecked()

    def _keep_hint(self, _text: str) -> None:
        if self.shown:
            self.tab.hint.setText(self._hint())

    def follow(self, comparison: Comparison | None) -> None:
        """A new comparison: name its From date in the box and redraw the past map if shown."""
        self._last = comparison
        if comparison is not None:
            self.box.setText(f"Show the map as it was on {day_text(comparison.start)}")
        if self.shown:
            self._draw()
            self.view.prepare(self.view.viewport().rect())

    def stop(self) -> None:
        """The comparison is off: back to today's map."""
        self.box.setChecked(False)

    def _toggled(self, on: bool) -> None:
        live = self.tab.view
        if on:
            self._draw()
            self.view.resize(live.size())
        live.setVisible(not on)
        self.view.setVisible(on)
        if on:
            self._fit()
            QTimer.singleShot(0, self._fit)  # again once the splitter has given it its size
        self.tab.hint.setText(self._hint() if on else "")  # "" puts the map's own hint back
        if not on:
            self.tab.view.hint_changed.emit("")

    def _hint(self) -> str:
        when = day_text(self._last.start) if self._last is not None else "the From date"
        return (
            f"The map as it was on {when}: read-only · crossed: gone by the To date · "
            "Ctrl+wheel zooms · untick the box for today's map"
        )

    def all_cards(self) -> dict[int, CardItem]:
        """Every card of the map of then, made now if not yet shown."""
        return {pid: card for pid in list(self.cards.ids()) if (card := self.cards.card(pid))}

    def _draw(self) -> None:
        # All at once, in Qt: the map of then may be thousands of cards, and taking them out
        # one by one from Python cost more than laying the new map out.
        self.scene.clear()
        self.cards.clear()
        self._area = QRectF()
        self.marks, self.lines = CompareMarks(), ReportingLines()
        comparison = self._last
        account_id = self.tab.scene.account_id
        if comparison is None or account_id is None:
            return
        # The last map's items are out and let go of: the new one is built without passes of
        # the collector over the heap (its layout makes tens of thousands of small objects).
        with collector_paused():
            self._build(comparison, account_id)

    def _build(self, comparison: Comparison, account_id: int) -> None:
        before, today = comparison.before, self.tab.scene.people
        specs = [
            CardSpec(p.id, p.reports_to_id, style.CARD_WIDTH, style.CARD_HEIGHT)
            for p in layout_order(places_then(before, today))
        ]
        chart = layout_org_chart(specs, style.LAYOUT_OPTIONS)
        self.cards.set_places(
            chart.boxes, lambda pid: person_then(pid, before[pid], today, account_id)
        )
        self.lines.set_connectors(chart.connectors)
        self.scene.addItem(self.lines)
        # Then, the marks say what is to come: who will be gone by the To date, and badges.
        later = [c for c in comparison.changes if c.kind in (LEFT, CHANGED)]
        rects = {
            pid: self.cards.rect(pid) for pid in {c.person_id for c in later} & chart.boxes.keys()
        }
        bounds = QRectF(chart.bounds.x, chart.bounds.y, chart.bounds.width, chart.bounds.height)
        self.marks.show_changes([c for c in later if c.person_id in rects], rects,
                                comparison.names, bounds)  # fmt: skip
        self.scene.addItem(self.marks)
        # What every item covers, the cards not yet made too; fitting the view uses it as it is.
        area = self.cards.bounds().united(self.lines.boundingRect())
        self._area = area.united(self.marks.boundingRect())
        self.scene.setSceneRect(self._area.adjusted(-40, -40, 40, 40))

    def _fit(self) -> None:
        """All of the map of then where names still read; else its top, at the zoom where
        they do (as Fit on today's map), scrolled to the middle of the top row."""
        area = self._area
        if area.isEmpty():
            return
        self.view.resetTransform()
        viewport = self.view.viewport()
        pad = 16.0
        whole = min(
            (viewport.width() - 2 * pad) / area.width(),
            (viewport.height() - 2 * pad) / area.height(),
            1.0,
        )
        zoom = max(whole, style.READABLE_ZOOM)
        self.view.scale(zoom, zoom)
        top = area.top() + (viewport.height() / 2 - pad) / zoom
        self.view.centerOn(area.center().x(), top)
        # The cards in view made now, not while it paints: made then, Qt would paint again.
        self.view.prepare(viewport.rect())
