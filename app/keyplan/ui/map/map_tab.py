"""The Map tab: the selected account's stakeholder map, its tools, filters and exports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override  # typing.override arrives in 3.12

from keyplan.domain.errors import KeyplanError
from keyplan.domain.wording import count_of
from keyplan.ui import dialogs
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.map import export, prompts, seats, style
from keyplan.ui.map.accessible import name_map_widgets
from keyplan.ui.map.card_menu import show_card_menu
from keyplan.ui.map.controls import MapControls, UnplacedPeople
from keyplan.ui.map.filters import MapFilters, departments, matches, unplaced
from keyplan.ui.map.legend import LegendPanel
from keyplan.ui.map.person_dialog import edit_person
from keyplan.ui.map.scene import MapScene
from keyplan.ui.map.view import MapView
from keyplan.ui.widgets import theme

if TYPE_CHECKING:
    from keyplan.ui.map.comparison import MapComparison

IDLE_HINT = (
    "Drag a card onto a person to change who they report to · drop on empty space to place it "
    "by hand (Alt+drop: reports to nobody) · Shift+drag from a card draws an influence or "
    "dotted line · "
    "double-click to add or edit · Delete removes"
)


class MapTab(QWidget):
    """The stakeholder map of the selected account (with its affiliates, when asked)."""

    log_requested = Signal(list)  # person ids to log a meeting with (a card's context menu)

    def __init__(self, document: PortfolioDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.account_id: int | None = None
        self.scene = MapScene(document, self)
        self.view = MapView(self.scene)
        self.controls = MapControls(self)
        self.legend = LegendPanel(self.view)
        self.unplaced_list = UnplacedPeople()
        self.hint = QLabel(IDLE_HINT)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(style.hint_style())
        self.count_label = QLabel()
        self._matches: list[int] = []
        self._fit_pending = True
        self.comparison: MapComparison | None = None  # built when first asked for
        self._build()
        self._connect()
        self._follow_palette()
        name_map_widgets(self)

    def _build(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.unplaced_list)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([900, 200])
        self.splitter = splitter
        self.unplaced_list.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.controls.edit_row())
        layout.addWidget(self.controls.filter_row())
        layout.addWidget(splitter, 1)
        status = QVBoxLayout()
        status.addWidget(self.hint)
        status.addWidget(self.count_label)
        layout.addLayout(status)

    def _connect(self) -> None:
        c = self.controls
        c.add_button.clicked.connect(self.add_person)
        c.connect_button.toggled.connect(self._set_connect_mode)
        c.relayout_button.clicked.connect(self.relayout)
        c.open_position_button.clicked.connect(self.open_position)
        c.fill_position_button.clicked.connect(self.fill_position)
        c.search_box.textEdited.connect(self._search)
        c.search_box.returnPressed.connect(self._next_match)
        c.zoom_in_action.triggered.connect(self.view.zoom_in)
        c.zoom_out_action.triggered.connect(self.view.zoom_out)
        c.fit_action.triggered.connect(self.view.fit_readable)
        c.whole_tree_action.triggered.connect(self.view.fit_all)
        c.actual_size_action.triggered.connect(self.view.actual_size)
        c.export_svg_action.triggered.connect(lambda: self.export_picture(".svg"))
        c.export_png_action.triggered.connect(lambda: self.export_picture(".png"))
        c.export_graphml_action.triggered.connect(lambda: self.export_picture(".graphml"))
        c.export_drawio_action.triggered.connect(lambda: self.export_picture(".drawio"))
        c.print_action.triggered.connect(self.print_map)
        c.affiliates_box.toggled.connect(self._toggle_affiliates)
        c.lines_box.toggled.connect(self.scene.set_lines_visible)
        for box in (c.left_box, c.decision_makers_box, c.uncovered_box):
            box.toggled.connect(self._apply_filters)
        c.department_box.currentIndexChanged.connect(self._apply_filters)
        c.legend_box.toggled.connect(self._show_legend)
        c.unplaced_box.toggled.connect(self.unplaced_list.setVisible)
        c.compare_box.toggled.connect(self.show_comparison)
        self.view.hint_changed.connect(lambda text: self.hint.setText(text or IDLE_HINT))
        self.view.zoom_changed.connect(self._after_zoom)
        self.view.edit_person_requested.connect(self.edit_person)
        self.view.add_person_requested.connect(self.add_person_at)
        self.view.delete_requested.connect(self.delete_selected)
        self.view.card_menu_requested.connect(
            lambda person_id, at: show_card_menu(self, person_id, at)
        )
        self.scene.map_changed.connect(self._after_map_changed)

    # ---- showing ------------------------------------------------------------------------------

    def show_account(self, account_id: int | None) -> None:
        if account_id != self.account_id:  # a search in another account's map means nothing
            self.controls.search_box.clear()
            self.controls.show_search_result("", 0, 0)
            self._matches = []
        self.account_id = account_id
        self.scene.show_account(
            account_id, with_affiliates=self.controls.affiliates_box.isChecked()
        )
        self._fit_pending = True
        self._fit_when_shown()

    def _toggle_affiliates(self, checked: bool) -> None:
        self.scene.show_account(self.account_id, with_affiliates=checked)
        self._fit_pending = True
        self._fit_when_shown()

    def _fit_when_shown(self) -> None:
        # Fitting needs the view's real size, known only once the tab is on screen.
        if self._fit_pending and self.view.isVisible():
            self._fit_pending = False
            QTimer.singleShot(0, self.view.fit_readable)

    @override
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the system switched to dark, or back
            self._follow_palette()

    def _follow_palette(self) -> None:
        """The canvas follows the palette as the rest of the app does: dark cards, lines and
        background in a dark palette (printed and exported maps stay paper: ``export``)."""
        dark = theme.is_dark(self.palette())
        style.show_canvas(self.scene, dark=dark)
        if self.comparison is not None:  # the map as it was, beside it
            style.show_canvas(self.comparison.past.scene, dark=dark)
        self.legend.update()
        self.hint.setStyleSheet(style.hint_style())

    @override
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_when_shown()

    @override
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_legend()

    def _after_zoom(self, zoom: float) -> None:
        self.controls.zoom_label.setText(f"{zoom:.0%}")
        if self.view.fit.hint and self.hint.text() == self.view.fit.hint:
            self.hint.setText(IDLE_HINT)  # what Fit or Whole tree said is about the old zoom

    def _place_legend(self) -> None:
        viewport = self.view.viewport()
        self.legend.fit_width(viewport.width() - 16)
        top = max(8, viewport.height() - self.legend.height() - 8)
        self.legend.move(8, top)
        shown = self.legend.isVisibleTo(self.view)
        self.view.set_covered_bottom(viewport.height() - top if shown else 0)

    def _show_legend(self, shown: bool) -> None:
        self.legend.setVisible(shown)
        self._place_legend()

    def _after_map_changed(self) -> None:
        people = list(self.scene.people.values())
        self.controls.set_departments(departments(people))
        self.unplaced_list.show_people(unplaced(people))
        shown_cards = [card for card in self.scene.cards.values() if card.isVisible()]
        seats = sum(1 for card in shown_cards if card.person.is_vacancy)  # never "people"
        shown, everyone = len(shown_cards) - seats, sum(1 for p in people if not p.is_vacancy)
        placed = sum(1 for p in people if p.map_position is not None)
        parts = [count_of(shown, "person") + (" shown" if shown != everyone else "")]
        parts += [count_of(seats, "open position")] if seats else []
        parts.append(count_of(len(self.scene.arrows), "influence line"))
        dotted = self.scene.dotted.line_count()
        parts += [count_of(dotted, "dotted line")] if dotted else []
        if placed:
            parts.append(f"{placed} placed by hand")
        self.count_label.setText(" · ".join(parts))
        self._place_legend()

    def _apply_filters(self) -> None:
        c = self.controls
        self.scene.set_filters(
            MapFilters(
                department=c.department_box.currentData(),
                show_left=c.left_box.isChecked(),
                highlight_decision_makers=c.decision_makers_box.isChecked(),
                dim_uncovered=c.uncovered_box.isChecked(),
            )
        )

    def _set_connect_mode(self, on: bool) -> None:
        self.view.connect_mode = on
        self.hint.setText(
            "Connect: drag from one person to another to draw an influence line"
            if on
            else IDLE_HINT
        )

    # ---- finding --------------------------------------------------------------------------------

    def _search(self, text: str) -> None:
        shown = [p for pid, p in self.scene.people.items() if self.scene.cards[pid].isVisible()]
        found_before = self._matches
        self._matches = matches(shown, text)
        if self._matches:
            self.find_person(self._matches[0])
        elif text.strip() and set(self.scene.selected_person_ids()) <= set(found_before):
            self.scene.clearSelection()  # the card a shorter text found does not match now
        hidden = 0 if self._matches else len(matches(self.scene.people.values(), text))
        self.controls.show_search_result(text, len(self._matches), hidden)

    def _next_match(self) -> None:
        if not self._matches:
            return
        selected = self.scene.selected_person_ids()
        current = (
            self._matches.index(selected[0]) if selected and selected[0] in self._matches else -1
        )
        self.find_person(self._matches[(current + 1) % len(self._matches)])

    def show_comparison(self, on: bool) -> MapComparison | None:
        """Show (or hide) the panel and marks that compare two dates of this map."""
        if self.controls.compare_box.isChecked() != on:
            self.controls.compare_box.setChecked(on)  # comes back here, through ``toggled``
            return self.comparison
        if self.comparison is None and on:
            from keyplan.ui.map.comparison import MapComparison

            self.comparison = MapComparison(self)
            self.splitter.addWidget(self.comparison.panel)
        if self.comparison is not None:
            self.comparison.set_active(on)
        return self.comparison

    def select_card(self, person_id: int) -> None:
        """Select a person's card and scroll it into view, keeping the zoom."""
        self.scene.clearSelection()
        card = self.scene.cards.get(person_id)
        if card is not None:
            card.setSelected(True)
            self.view.bring_into_view(person_id)

    def find_person(self, person_id: int) -> None:
        """Select a person's card and centre the view on it."""
        self.scene.clearSelection()
        card = self.scene.cards.get(person_id)
        if card is not None:
            card.setSelected(True)
            self.view.centre_on_person(person_id)

    # ---- editing --------------------------------------------------------------------------------

    def add_person(self) -> int | None:
        """Ask for a name and add the person; the card goes where the layout puts it."""
        if self.account_id is None:
            return None
        name = dialogs.ask_text(self, "Add person", "Full name of the new person:")
        if not name:
            return None
        try:
            person_id = self.document.add_person(self.account_id, name)
        except KeyplanError as error:
            dialogs.show_error(self, str(error))
            return None
        self.select_card(person_id)
        return person_id

    def add_person_at(self, scene_pos: QPointF) -> int | None:
        """Ask for a name and add the person with their card where the user double-clicked."""
        if self.account_id is None:
            return None
        name = dialogs.ask_text(self, "Add person", "Full name of the new person:")
        if not name:
            return None
        corner = scene_pos - QPointF(style.CARD_WIDTH / 2, style.CARD_HEIGHT / 2)
        try:
            person_id = self.document.add_person_at(
                self.account_id, name, (float(round(corner.x())), float(round(corner.y())))
            )
        except KeyplanError as error:
            dialogs.show_error(self, str(error))
            return None
        self.select_card(person_id)  # at the user's zoom: they chose where it goes
        return person_id

    def edit_person(self, person_id: int) -> None:
        try:
            edit_person(self, self.document, person_id)
        except KeyplanError as error:
            dialogs.show_error(self, str(error))

    def open_position(self) -> int | None:
        """Open a position under the selected card (or at the top, when none is selected)."""
        if self.account_id is None:
            return None
        selected = self.scene.selected_person_ids()
        manager = selected[0] if len(selected) == 1 else None
        account_id = self.scene.people[manager].account_id if manager else self.account_id
        seat = seats.open_position(self, self.document, account_id, manager)
        if seat is not None:
            self.find_person(seat)
        return seat

    def fill_position(self) -> int | None:
        """Seat someone in the selected open position (explains when none is selected)."""
        chosen = [pid for pid in self.scene.selected_person_ids()
                  if self.scene.people[pid].is_vacancy]  # fmt: skip
        if len(chosen) != 1:
            dialogs.show_info(self, "Select one open position (a dashed card) to fill.")
            return None
        people = sorted(
            (p for p in self.scene.people.values() if not p.is_vacancy and not p.has_left),
            key=lambda p: p.full_name.casefold(),
        )
        candidates = [(p.id, p.full_name) for p in people]
        return seats.fill_position(self, self.document, chosen[0], candidates)

    def delete_selected(self) -> None:
        """Delete the selected influence lines and (after asking) the selected people."""
        line_ids = self.scene.selected_line_ids()
        person_ids = self.scene.selected_person_ids()
        if person_ids and not dialogs.confirm(self, _delete_question(self.scene, person_ids)):
            person_ids = []
        if not line_ids and not person_ids:
            return
        try:
            self.document.delete_map_items(person_ids, line_ids)
        except KeyplanError as error:
            dialogs.show_error(self, str(error))

    def relayout(self) -> None:
        """Give the selected cards, or every hand-placed card, back to the automatic layout."""
        selected = self.scene.selected_person_ids()
        ids = selected or [pid for pid, p in self.scene.people.items() if p.map_position]
        placed = [pid for pid in ids if self.scene.people[pid].map_position is not None]
        if not placed:
            self.hint.setText("No card is placed by hand: the chart is already laid out.")
            return
        self.document.relayout(placed)

    # ---- pictures -------------------------------------------------------------------------------

    def export_picture(self, suffix: str) -> None:
        account = self.scene.accounts.get(self.account_id or -1)
        suggested = f"{account.name if account else 'Keyplan'} map{suffix}"
        path = prompts.ask_export_path(self, suggested)
        if not path or dialogs.refuse_output(self, path, self.document.database.path):
            return
        try:
            export.export_file(self.scene, path)
        except KeyplanError as error:
            dialogs.show_error(self, str(error))
            return
        self.hint.setText(f"Saved {Path(path).name}")

    def print_map(self) -> None:
        printer = prompts.ask_printer(self)
        if printer is None:
            return
        try:
            export.print_map(self.scene, printer)
        except KeyplanError as error:
            dialogs.show_error(self, str(error))


def _delete_question(scene: MapScene, person_ids: list[int]) -> str:
    who = scene.name_of(person_ids[0]) if len(person_ids) == 1 else f"{len(person_ids)} people"
    return f"Delete {who}? Their reports move up to their manager. You can undo this."
