"""The map's scene: draws what the layout says, and follows the document's signals.

The scene never writes: edits go through the document, which announces what changed, and the
scene updates just that. A re-parent or a hand placement re-runs the layout incrementally
(``IncrementalOrgChart``: only the moved subtree and what shifts) and moves only the cards and
lines that moved; an influence line drawn or deleted adds or removes that arrow alone. Only a
person added or deleted, or another account shown, rebuilds the scene.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, Signal
from PySide6.QtWidgets import QGraphicsScene

from keyplan.collector import collector_paused
from keyplan.domain.errors import KeyplanError
from keyplan.domain.layout import OrgChartLayout
from keyplan.domain.layout.incremental import IncrementalOrgChart
from keyplan.store.map.queries import MapAccount, MapLine, MapPerson
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.map import reporting_tree, scene_arrows, scene_rect, style
from keyplan.ui.map.card_item import CardItem
from keyplan.ui.map.dotted_items import DottedLines
from keyplan.ui.map.far_blocks import FarBlocks
from keyplan.ui.map.filters import MapFilters
from keyplan.ui.map.layout_input import LayoutInput
from keyplan.ui.map.line_items import InfluenceArrow, ReportingLines
from keyplan.ui.roster.roster_watch import TeamWatch

# Fields whose change can move cards: the reporting line, and what orders siblings or filters.
_LAYOUT_FIELDS = {"reports_to_id", "level", "full_name", "has_left", "department"}


class MapScene(QGraphicsScene):
    """The stakeholder map of one account (with or without its affiliates)."""

    map_changed = Signal()  # after every rebuild or re-layout: counts and side lists follow

    def __init__(self, document: PortfolioDocument, parent: object | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.account_id: int | None = None
        self.with_affiliates = True
        self.filters = MapFilters()
        self.lines_visible = True
        self.accounts: dict[int, MapAccount] = {}
        self.people: dict[int, MapPerson] = {}
        self.lines: list[MapLine] = []
        self.cards: dict[int, CardItem] = {}
        self.arrows: dict[int, InfluenceArrow] = {}
        self.chart: OrgChartLayout | None = None
        self.layout_input = LayoutInput()
        self.layout_engine = IncrementalOrgChart(style.LAYOUT_OPTIONS)
        self.reporting = ReportingLines()
        self.addItem(self.reporting)
        self.dotted = DottedLines()  # secondary managers: drawn, never laid out
        self.addItem(self.dotted)
        self.far_blocks = FarBlocks(self)  # far out, the plain cards in one picture
        self.setBackgroundBrush(style.CANVAS_BACKGROUND)  # dark on a dark palette (map_tab)
        document.people_changed.connect(self._on_people_changed)
        document.person_changed.connect(self._on_person_changed)
        document.positions_changed.connect(self._on_positions_changed)
        document.influence_changed.connect(self._on_influence_changed)
        document.accounts_changed.connect(self._on_accounts_changed)
        document.account_changed.connect(self._on_account_changed)
        document.roster_changed.connect(self._on_roster_changed)
        self.team_watch = TeamWatch(document.team_members)

    # ---- what is shown ----------------------------------------------------------------------

    def show_account(self, account_id: int | None, *, with_affiliates: bool | None = None) -> None:
        """Show the map of an account (None: an empty map)."""
        self.account_id = account_id
        if with_affiliates is not None:
            self.with_affiliates = with_affiliates
        self.reload()

    def set_filters(self, filters: MapFilters) -> None:
        relayout = (filters.department, filters.show_left) != (
            self.filters.department,
            self.filters.show_left,
        )
        self.filters = filters
        for card in self.cards.values():
            self._mark(card)
        if relayout:
            self.relayout()

    def set_lines_visible(self, visible: bool) -> None:
        self.lines_visible = visible
        self._place_arrows()

    def reload(self) -> None:
        """Read the whole map from the store and build every item again."""
        self._drop_map()
        # The last map is freed by now: the new one is built without the cyclic collector's
        # passes over the heap (a sixth of a 10,000-card build), which has no cycles to find.
        with collector_paused():
            self._read_map()
            specs = self.layout_input.specs(self.people, self.filters)
            self.chart = self.layout_engine.layout(specs)
            self._add_cards(self.chart)
            if self.people:
                self.team_watch.start()
            self._build_arrows()
            self._show_chart(keep_views=False)

    def _drop_map(self) -> None:
        """Take the last map's cards and arrows out, and let go of its data."""
        self.clearSelection()
        for item in [*self.cards.values(), *self.arrows.values()]:
            self.removeItem(item)
        self.cards, self.arrows, self.chart = {}, {}, None
        self.accounts, self.people, self.lines = {}, {}, []
        self.layout_input.reset()
        self.layout_engine = IncrementalOrgChart(style.LAYOUT_OPTIONS)  # new cards: all placed

    def _read_map(self) -> None:
        if self.account_id is None:
            self.dotted.set_links(())
            return
        try:
            data = self.document.map_data(self.account_id, with_affiliates=self.with_affiliates)
        except KeyplanError:
            self.account_id = None  # the account was deleted: show nothing
            self.dotted.set_links(())
        else:
            self.accounts = data.accounts
            self.people = {person.id: person for person in data.people}
            self.lines = data.lines
            self.dotted.set_links(data.dotted)

    def _add_cards(self, chart: OrgChartLayout) -> None:
        """A card for every person, made where the chart puts it (hidden when it has no box):
        placed before it joins the scene, so the scene indexes it once, where it stays."""
        boxes, labels = chart.boxes, self._labels_by_account()
        marking = self.filters.highlight_decision_makers or self.filters.dim_uncovered
        add, cards = self.addItem, self.cards
        for person_id, person in self.people.items():
            card = CardItem(person, *labels[person.account_id])
            box = boxes.get(person_id)
            if box is None:
                card.setVisible(False)
            else:
                card.setPos(box.x, box.y)
            if marking:
                self._mark(card)
            add(card)
            cards[person_id] = card

    def relayout(self, *, keep_views: bool = True) -> None:
        """Run the layout over the shown people and move the cards to where it says."""
        with collector_paused():
            self._relayout(keep_views=keep_views)

    def _relayout(self, *, keep_views: bool) -> None:
        specs = self.layout_input.specs(self.people, self.filters)
        self.chart = self.layout_engine.layout(specs)
        changed = self.layout_engine.moved
        if changed is None:
            moved = self._place_all_cards(self.chart)
        else:  # the same cards shown: move just those the layout moved
            boxes = self.chart.boxes
            for person_id in changed:
                box = boxes[person_id]
                self.cards[person_id].setPos(box.x, box.y)
            moved = changed
        self._show_chart(moved, keep_views=keep_views)

    def _show_chart(self, moved: set[int] | None = None, *, keep_views: bool) -> None:
        """Lines, arrows (those touching ``moved`` cards; all when None) and the scene's rect
        follow the chart the cards now stand on."""
        assert self.chart is not None
        engine, bounds = self.layout_engine, self.chart.bounds
        self.reporting.set_connectors(
            self.chart.connectors,
            None if engine.moved is None else engine.new_lines,  # None: a fresh layout
            QRectF(bounds.x, bounds.y, bounds.width, bounds.height),
        )
        self._place_arrows(moved)
        scene_rect.fit_scene_rect(self, keep_views=keep_views)
        self.far_blocks.map_changed()
        self.map_changed.emit()

    def _place_all_cards(self, chart: OrgChartLayout) -> set[int]:
        """Show, hide and move every card as the chart says; returns the people who changed."""
        boxes = chart.boxes
        moved: set[int] = set()
        for person_id, card in self.cards.items():
            box = boxes.get(person_id)
            if box is None:
                if card.isVisible():
                    card.setVisible(False)
                    moved.add(person_id)
                continue
            if not card.isVisible():
                card.setVisible(True)
                moved.add(person_id)
            if card.x() != box.x or card.y() != box.y:
                card.setPos(box.x, box.y)
                moved.add(person_id)
        return moved

    # ---- questions the view and the interactions ask ----------------------------------------

    def card_at(self, scene_pos: QPointF, exclude: Iterable[int] = ()) -> CardItem | None:
        """The topmost visible card under a point, leaving out the given people's cards."""
        left_out = set(exclude)
        for item in self.items(scene_pos):
            if isinstance(item, CardItem) and item.isVisible() and item.person_id not in left_out:
                return item
        return None

    def card_rect(self, person_id: int) -> QRectF | None:
        card = self.cards.get(person_id)
        return card.scene_card_rect() if card is not None and card.isVisible() else None

    def selected_person_ids(self) -> list[int]:
        return [item.person_id for item in self.selectedItems() if isinstance(item, CardItem)]

    def selected_line_ids(self) -> list[int]:
        return [item.line_id for item in self.selectedItems() if isinstance(item, InfluenceArrow)]

    def name_of(self, person_id: int) -> str:
        person = self.people.get(person_id)
        return person.full_name if person else "?"

    def refusal(self, person_ids: Iterable[int], manager_id: int) -> str | None:
        """Why making these people report to a manager is refused (a cycle), or None: a quick
        answer from what the map shows, for the drop highlight; the store decides."""
        return reporting_tree.refusal(self.people, person_ids, manager_id)

    def main_root_id(self) -> int | None:
        """The person at the top of the largest tree shown (the head of the organisation)."""
        if self.chart is None or not self.chart.boxes:
            return None
        return reporting_tree.head_of_largest_tree(self.people, self.chart.boxes)

    def content_rect(self) -> QRectF:
        """The area the shown cards cover (the scene rect without its margin)."""
        if self.chart is None or not self.chart.boxes:
            return QRectF()
        b = self.chart.bounds
        return QRectF(b.x, b.y, b.width, b.height)

    # ---- while cards are dragged --------------------------------------------------------------

    def begin_card_drag(self, person_ids: Iterable[int]) -> None:
        self.reporting.start_following(set(person_ids))

    def follow_card_drag(self) -> None:
        self.reporting.follow_cards(self.card_rect)
        self._place_arrows()
        if self.far_blocks.far:
            self.far_blocks.invalidate()  # dragged cards seen far out are blocks too

    def end_card_drag(self) -> None:
        self.reporting.stop_following()
        self._place_arrows()
        if self.far_blocks.far:
            self.far_blocks.invalidate()  # a cancelled drag puts the cards back

    # ---- building pieces --------------------------------------------------------------------

    def _account_labels(self, person: MapPerson) -> tuple[str | None, str | None]:
        """(tag, account name) of an affiliate's person; (None, None) for the shown account."""
        return self._labels_of(person.account_id)

    def _labels_of(self, account_id: int) -> tuple[str | None, str | None]:
        if account_id == self.account_id:
            return None, None
        account = self.accounts.get(account_id)
        if account is None:
            return None, None
        return account.country or account.name, account.name

    def _labels_by_account(self) -> dict[int, tuple[str | None, str | None]]:
        """``_account_labels`` for every account a shown person works for, worked out once."""
        account_ids = {person.account_id for person in self.people.values()}
        return {account_id: self._labels_of(account_id) for account_id in account_ids}

    def _mark(self, card: CardItem) -> None:
        highlighted, dimmed = self.filters.marks(card.person)
        card.set_marks(highlighted=highlighted, dimmed=dimmed)

    def _build_arrows(self) -> None:
        for arrow in self.arrows.values():
            self.removeItem(arrow)
        self.arrows = {}
        self._sync_arrows()

    def _sync_arrows(self) -> set[int]:
        """Make the arrows match ``self.lines``; the ids of the lines whose arrow is new."""
        return scene_arrows.sync_arrows(self)

    def _place_arrows(self, moved: set[int] | None = None, lines: set[int] = frozenset()) -> None:
        scene_arrows.place_arrows(self, moved, lines)

    # ---- following the document ---------------------------------------------------------------

    def _shows_account(self, account_id: int) -> bool:
        return self.account_id is not None and account_id in self.accounts

    def _on_people_changed(self, account_id: int) -> None:
        if self._shows_account(account_id):
            self.reload()

    def _on_person_changed(self, person_id: int, field: str) -> None:
        if person_id not in self.people or field == "manager":
            return
        if field == "reports_to_id":  # a re-parent: the card itself looks the same
            self._refresh_placements([person_id])
            self.relayout()
            return
        self._refresh_people([person_id], reorder=field in ("full_name", "level"))
        if field == "full_name":
            self._build_arrows()  # their tooltips name both people
        if field in _LAYOUT_FIELDS:
            self.relayout()
        else:
            self.map_changed.emit()

    def _on_positions_changed(self, person_ids: list[int]) -> None:
        shown = [pid for pid in person_ids if pid in self.people]
        if shown:
            self._refresh_placements(shown)
            self.relayout()

    def _refresh_placements(self, person_ids: list[int]) -> None:
        """Read again only where these cards hang and stand (their manager and hand position);
        their faces show neither, so they are not painted again."""
        self.layout_input.changed(person_ids, reorder=False)
        placements = self.document.map_editor.map_placements(person_ids)
        for person_id, (manager_id, position) in placements.items():
            person = replace(
                self.people[person_id], reports_to_id=manager_id, map_position=position
            )
            self.people[person_id] = person
            self.cards[person_id].person = person

    def _refresh_people(self, person_ids: list[int], *, reorder: bool = False) -> None:
        self.layout_input.changed(person_ids, reorder=reorder)
        for person in self.document.map_people(person_ids):
            self.people[person.id] = person
            card = self.cards[person.id]
            card.set_person(person, *self._account_labels(person))
            self._mark(card)

    def _on_influence_changed(self, account_id: int) -> None:
        if self._shows_account(account_id):
            self.lines = self.document.map_lines(list(self.accounts))
            self.dotted.set_links(self.document.map_editor.map_dotted(list(self.accounts)))
            self._place_arrows(set(), self._sync_arrows())
            self.map_changed.emit()

    def _on_accounts_changed(self) -> None:
        if self.account_id is not None:
            self.reload()

    def _on_roster_changed(self) -> None:
        # Cards show the initials of our relationship owners: repaint them where they stand.
        if self.team_watch.change().rows and self.people:
            self._refresh_people(list(self.people))
            self.map_changed.emit()

    def _on_account_changed(self, account_id: int, field: str) -> None:
        if self._shows_account(account_id) and field in ("name", "country"):
            self.reload()
