"""Stories of a director reading the "Who's who" tab: power / interest, buying centre, team."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from keyplan.store.database import Database
from keyplan.store.demo import create_demo_portfolio
from keyplan.store.people import edits, queries
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.map.person_drag import person_mime_data
from keyplan.ui.shell.launch import open_document
from keyplan.ui.shell.main_window import MainWindow
from keyplan.ui.views.views_tab import BUYING, GRID, MATRIX

TODAY = date(2026, 5, 4)
TAB = "Who's who"


def undo(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def redo(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def drag_onto(cell_list, person_id: int) -> QDropEvent:
    """Drag a person (as a grid list or the People table does) and drop them on a list."""
    data = person_mime_data(person_id)
    viewport = cell_list.viewport()
    at = QPoint(10, 10)
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(at, actions, data, buttons, keys)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(viewport, QDragMoveEvent(at, actions, data, buttons, keys))
    drop = QDropEvent(QPointF(at), actions, data, buttons, keys)
    QApplication.sendEvent(viewport, drop)
    return drop


def who(window: MainWindow):
    tab = window.show_tab(TAB)
    tab.today_provider = lambda: TODAY
    tab.refresh()
    return tab


# ---- on a small portfolio: the drag, its note, its undo ---------------------------------


def test_drag_harald_onto_manage_closely_then_undo_in_one_step(
    window, qtbot, db, small_portfolio, answers
):
    tab = who(window)
    assert small_portfolio.harald in tab.grid.not_rated.person_ids()
    assert tab.grid.not_rated_box.title() == "Not rated (3)"  # the umbrella: Mia at Acme France too

    answers.texts.append("Told me the budget is his at the QBR")
    drop = drag_onto(tab.grid.cells[("high", "high")].people, small_portfolio.harald)

    assert drop.isAccepted()
    harald = queries.person(db, small_portfolio.harald)
    assert (harald["influence"], harald["interest"]) == ("high", "high")
    qtbot.waitUntil(lambda: tab.grid.cell_of(small_portfolio.harald) == ("high", "high"))
    assert small_portfolio.harald not in tab.grid.not_rated.person_ids()
    stack = window.document.undo_stack
    assert stack.undoText() == (
        "Move Harald Berg to Manage closely (Told me the budget is his at the QBR)"
    )

    undo(qtbot, window)
    harald = queries.person(db, small_portfolio.harald)
    assert (harald["influence"], harald["interest"]) == (None, None)  # both, in one step
    qtbot.waitUntil(lambda: small_portfolio.harald in tab.grid.not_rated.person_ids())

    redo(qtbot, window)
    assert queries.person(db, small_portfolio.harald)["interest"] == "high"


def test_moving_between_cells_keeps_the_move_when_no_note_is_given(
    window, qtbot, db, small_portfolio, answers
):
    edits.set_stakeholder_fields(
        db, small_portfolio.ingrid, {"influence": "high", "interest": "low"}
    )
    tab = who(window)
    assert tab.grid.cell_of(small_portfolio.ingrid) == ("high", "low")
    answers.texts.append(None)  # the note dialog cancelled: the move still happens
    drag_onto(tab.grid.cells[("medium", "medium")].people, small_portfolio.ingrid)
    ingrid = queries.person(db, small_portfolio.ingrid)
    assert (ingrid["influence"], ingrid["interest"]) == ("medium", "medium")
    assert window.document.undo_stack.undoText() == "Move Ingrid Olsen to Manage closely"


def test_dropping_a_person_on_their_own_cell_asks_nothing_and_changes_nothing(
    window, qtbot, db, small_portfolio, answers
):
    edits.set_stakeholder_fields(
        db, small_portfolio.ingrid, {"influence": "low", "interest": "low"}
    )
    tab = who(window)
    before = window.document.undo_stack.count()
    drag_onto(tab.grid.cells[("low", "low")].people, small_portfolio.ingrid)
    assert window.document.undo_stack.count() == before  # no question was asked either
    assert answers.texts == []


def test_the_not_rated_list_takes_no_drops(window, small_portfolio):
    tab = who(window)
    data = person_mime_data(small_portfolio.harald)
    enter = QDragEnterEvent(
        QPoint(5, 5), Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(tab.grid.not_rated.viewport(), enter)
    assert not enter.isAccepted()


def test_an_interest_set_elsewhere_moves_the_person_on_the_open_grid(
    window, qtbot, small_portfolio
):
    tab = who(window)
    window.document.set_person_fields(
        small_portfolio.harald, {"influence": "Low", "interest": "High"}
    )
    qtbot.waitUntil(lambda: tab.grid.cell_of(small_portfolio.harald) == ("low", "high"))
    assert tab.grid.cells[("low", "high")].title.text() == "KEEP INFORMED"


# ---- on the demo: each view shows something -----------------------------------------------


@pytest.fixture
def demo_window(qtbot, db: Database, answers) -> Iterator[MainWindow]:
    create_demo_portfolio(db, today=TODAY)
    main = MainWindow(PortfolioDocument(db), open_document)
    qtbot.addWidget(main)
    main.resize(1400, 900)
    main.show()
    qtbot.waitExposed(main)
    yield main


def test_the_demo_grid_places_the_cfo_and_lists_the_unrated(demo_window, db):
    tab = who(demo_window)
    assert tab.title.text() == "Aldermark Group"
    tab.show_view(GRID)
    people = {p["full_name"]: p.id for p in queries.people(db, demo_window.account_id)}
    assert tab.grid.cell_of(people["Zoë Åkesson"]) == ("high", "high")
    assert people["Olof Hedlund"] in tab.grid.not_rated.person_ids()  # stance unknown
    filled = [key for key, cell in tab.grid.cells.items() if cell.people.count()]
    assert len(filled) >= 6


def test_the_demo_buying_centre_names_the_economic_buyer_and_the_red_flags(demo_window):
    tab = who(demo_window)
    view = tab.show_view(BUYING)
    top = [view.topLevelItem(i).text(0) for i in range(view.topLevelItemCount())]
    assert "Hybrid cloud landing zone, phase 2" in top
    assert "Supply chain data platform" not in top  # won: not an open opportunity
    first = view.topLevelItem(0)
    assert (first.child(0).text(0), first.child(0).text(1)) == ("Economic buyer", "Zoë Åkesson")
    assert any("Blocker with high influence: Sebastian Wallin" in f for f in view.red_flags())


def test_the_demo_team_matrix_shows_who_covers_whom_and_the_gaps(demo_window, db):
    tab = who(demo_window)
    view = tab.show_view(MATRIX)
    matrix = view.matrix
    assert matrix.team and matrix.people
    assert view.table.rowCount() == len(matrix.people)
    assert matrix.gaps, "the demo has key people nobody met this year"
    gap = matrix.gaps[0]
    assert view.flag_of(gap.id) == "Gap"
    assert view.summary.text().startswith(f"Gaps ({len(matrix.gaps)}): ")


def test_double_clicking_a_name_on_the_grid_opens_the_person(demo_window, qtbot, db):
    tab = who(demo_window)
    cell = tab.grid.cells[("high", "high")].people
    item = cell.item(0)
    cell.itemActivated.emit(item)
    assert demo_window.tabs.tabText(demo_window.tabs.currentIndex()) == "People"


def test_export_the_three_views_as_a_pdf_from_the_tab(
    window, qtbot, small_portfolio, monkeypatch, tmp_path
):
    from keyplan.ui import dialogs

    target = tmp_path / "who.pdf"
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *a, **k: str(target))
    monkeypatch.setattr(dialogs, "show_info", lambda _parent, message, *a: shown.append(message))
    tab = who(window)
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert shown == [f"Saved {target}"]
    from pypdf import PdfReader

    titles = [entry.title for entry in PdfReader(target).outline]
    assert titles == ["Power / interest", "Buying centre", "Team × stakeholder matrix"]
    assert tab.print_button.isEnabled()


def test_a_read_only_database_shows_the_grid_but_takes_no_drops(read_only_window, small_portfolio):
    tab = who(read_only_window)
    assert small_portfolio.harald in tab.grid.not_rated.person_ids()
    data = person_mime_data(small_portfolio.harald)
    enter = QDragEnterEvent(
        QPoint(5, 5), Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    QApplication.sendEvent(tab.grid.cells[("high", "high")].people.viewport(), enter)
    assert not enter.isAccepted()
