"""The context menu of a card (right-click, Shift+F10 or the Menu key): what a director does to
a person on the map without opening another tab."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override  # typing.override arrives in 3.12

from keyplan.domain.errors import KeyplanError
from keyplan.domain.titles import sort_text
from keyplan.ui import dialogs

if TYPE_CHECKING:
    from keyplan.ui.map.map_tab import MapTab

NOBODY = "— reports to nobody —"
_LIST_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


@dataclass(frozen=True)
class CardActions:
    """What the menu's entries do, for the person (or people) it was opened on."""

    edit: Callable[[], object]
    set_manager: Callable[[], object]
    set_owner: Callable[[], object]
    log_meeting: Callable[[], object]
    add_report: Callable[[], object]
    toggle_left: Callable[[], object]
    delete: Callable[[], object]
    forget: Callable[[], object] | None = None  # Forget… (issue 19): a person, not a seat


def card_menu(
    parent: QWidget, actions: CardActions, *, has_left: bool, writable: bool, vacant: bool = False
) -> QMenu:
    """The menu, built for one card; editing entries are off on a read-only database. An open
    position's card is filled instead of marked as left, and is no one to meet."""
    menu = QMenu(parent)
    leaving = "Mark as back" if has_left else "Mark as &left…"
    entries: list[tuple[str, Callable[[], object], bool]] = [
        ("&Edit…", actions.edit, True),
        ("Set &manager…", actions.set_manager, True),
        ("Set relationship &owner…", actions.set_owner, True),
        ("&Log a meeting or call…", actions.log_meeting, False),
        ("&Add a report…", actions.add_report, True),
        ("&Fill position…" if vacant else leaving, actions.toggle_left, True),
        ("&Delete…", actions.delete, True),
    ]
    for position, (text, slot, writes) in enumerate(entries):
        if position in (3, 5):
            menu.addSeparator()
        action = menu.addAction(text)
        action.triggered.connect(lambda _checked=False, slot=slot: slot())
        action.setEnabled((writable or not writes) and not (vacant and position in (2, 3)))
    if actions.forget is not None and not vacant:
        menu.addSeparator()
        forget = menu.addAction("F&orget…")
        forget.triggered.connect(lambda _checked=False: actions.forget and actions.forget())
        forget.setEnabled(writable)
    return menu


class ChoosePerson(QDialog):
    """A list to pick from that narrows as you type (accents and case ignored)."""

    def __init__(
        self,
        title: str,
        choices: list[tuple[int | None, str]],
        current: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type to narrow the list")
        self.filter.setAccessibleName("Filter")
        self.list = QListWidget()
        self.list.setAccessibleName(title)
        for choice_id, name in choices:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, choice_id)
            self.list.addItem(item)
            if choice_id == current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.filter.textChanged.connect(self._narrow)
        self.filter.returnPressed.connect(self.accept)
        self.list.itemActivated.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        for widget in (self.filter, self.list, buttons):
            layout.addWidget(widget)
        self.resize(360, 420)
        # Keyboard first: typing narrows at once, Up and Down in the box move in the list.
        self.filter.setFocus()
        self.filter.installEventFilter(self)

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.filter
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _LIST_KEYS
        ):
            QApplication.sendEvent(self.list, event)
            return True
        return super().eventFilter(watched, event)

    def _narrow(self, text: str) -> None:
        words = sort_text(text).split()
        first_shown = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            shown = all(word in sort_text(item.text()) for word in words)
            item.setHidden(not shown)
            if shown and first_shown is None:
                first_shown = item
        current = self.list.currentItem()
        if current is None or current.isHidden():
            self.list.setCurrentItem(first_shown)

    def chosen(self) -> tuple[bool, int | None]:
        """(True, id) for the chosen entry (None for "nobody"); (False, None) for none."""
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return False, None
        return True, item.data(Qt.ItemDataRole.UserRole)


def choose_person(
    parent: QWidget,
    title: str,
    choices: list[tuple[int | None, str]],
    current: int | None = None,
) -> tuple[bool, int | None]:
    """Ask for one of ``choices``; (False, None) when the user cancelled."""
    dialog = ChoosePerson(title, choices, current, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False, None
        return dialog.chosen()
    finally:
        dialog.deleteLater()


def show_card_menu(tab: MapTab, person_id: int, at: QPoint) -> None:
    """Open the menu of a person's card at a screen position and do what is chosen."""
    person = tab.scene.people.get(person_id)
    if person is None:
        return
    actions = CardActions(
        edit=lambda: tab.edit_person(person_id),
        set_manager=lambda: _set_manager(tab, person_id),
        set_owner=lambda: _set_owner(tab, person_id),
        log_meeting=lambda: tab.log_requested.emit([person_id]),
        add_report=lambda: _add_report(tab, person_id),
        toggle_left=lambda: _leave_or_fill(tab, person_id),
        delete=tab.delete_selected,
        forget=lambda: _forget(tab, person_id),
    )
    menu = card_menu(tab, actions, has_left=person.has_left, writable=not tab.view.read_only,
                     vacant=person.is_vacancy)  # fmt: skip
    run_menu(menu, at)
    menu.deleteLater()


def _forget(tab: MapTab, person_id: int) -> None:
    """The window's Person › Forget…, for this card's person."""
    from keyplan.ui.forget.forget_flow import start_forgetting

    window = tab.window()
    if getattr(window, "document", None) is not None:
        start_forgetting(window, person_id)  # type: ignore[arg-type]  # the main window


def run_menu(menu: QMenu, at: QPoint) -> None:
    """Show the menu until the user chooses or dismisses (apart, so tests can answer it)."""
    menu.exec(at)


def _leave_or_fill(tab: MapTab, person_id: int) -> None:
    """Fill an open position; ask where a person went (and whether their seat stays open)
    before marking them as left; bring back someone who had left."""
    from keyplan.ui.map import seats

    person = tab.scene.people[person_id]
    if person.is_vacancy:
        tab.fill_position()  # the card is the selection: the menu opened on it
    elif not person.has_left:
        seats.mark_left(tab, tab.document, person_id)
    else:
        _guarded(tab, tab.document.set_person_fields, person_id, {"has_left": False})


def _set_manager(tab: MapTab, person_id: int) -> None:
    choices: list[tuple[int | None, str]] = [(None, NOBODY)]
    choices += list(tab.document.manager_choices(person_id))
    current = tab.scene.people[person_id].reports_to_id
    name = tab.scene.people[person_id].full_name
    chosen, manager_id = choose_person(tab, f"Manager of {name}", choices, current)
    if chosen and manager_id != current:
        _guarded(tab, tab.document.move_people_under, [person_id], manager_id)


def _set_owner(tab: MapTab, person_id: int) -> None:
    from keyplan.domain.plan_fields import PlanTable

    name = tab.scene.people[person_id].full_name
    members = list(tab.document.team_members())
    if not members:
        dialogs.show_error(tab, "Nobody is on our team yet: add them in Account › Our team.")
        return
    chosen, member_id = choose_person(tab, f"Who of ours owns {name}?", members)
    if not chosen or member_id is None or tab.account_id is None:
        return
    account_id = tab.scene.people[person_id].account_id
    values = {"stakeholder_id": person_id, "team_member_id": member_id}
    _guarded(
        tab, tab.document.add_plan_row, PlanTable.RELATIONSHIP_OWNERS.value, account_id, values
    )


def _add_report(tab: MapTab, manager_id: int) -> None:
    manager = tab.scene.people[manager_id]
    name = dialogs.ask_text(
        tab, "Add a report", f"Full name of who reports to {manager.full_name}:"
    )
    if not name:
        return
    person_id = _guarded(
        tab, tab.document.add_person, manager.account_id, name, reports_to_id=manager_id
    )
    if person_id is not None:
        tab.find_person(person_id)


def _guarded(tab: QWidget, action: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Do an edit; a refusal (a cycle, a read-only file) is shown, never raised."""
    try:
        return action(*args, **kwargs)
    except KeyplanError as error:
        dialogs.show_error(tab, str(error))
        return None
