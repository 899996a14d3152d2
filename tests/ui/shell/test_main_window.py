"""Stories of a user in the main window: select, edit, add, delete, undo, redo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from keyplan.domain.account_names import ALIASES_HINT, account_aliases
from keyplan.store.database import open_database
from keyplan.store.people import edits, queries
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.people.people_model import COLUMN_OF_FIELD
from keyplan.ui.shell import settings
from keyplan.ui.shell.launch import open_document
from keyplan.ui.shell.main_window import MainWindow
from keyplan.ui.widgets.note_edit import NoteEdit


def tree_names(window: MainWindow) -> list[tuple[str, list[str]]]:
    model = window.portfolio_model
    result = []
    for row in range(model.rowCount()):
        parent = model.index(row, 0)
        children = [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]
        result.append((parent.data(), children))
    return result


def select(window: MainWindow, qtbot, account_id: int) -> None:
    index = window.portfolio_model.index_of(account_id)
    rect = window.tree.visualRect(index)
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.account_id == account_id


def undo(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def redo(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def test_the_portfolio_shows_umbrellas_above_their_affiliates_with_people_counts(window):
    assert tree_names(window) == [("Acme Group", ["Acme France"]), ("Globex", [])]
    acme = window.portfolio_model.index(0, 2)
    assert acme.data() == 2  # Ingrid and Harald; Mia works for Acme France


def test_the_largest_account_is_selected_at_start(window, small_portfolio):
    assert window.account_id == small_portfolio.acme
    assert window.overview_tab.title.text() == "Acme Group"


def test_type_an_industry_then_undo_and_redo_it(window, qtbot, db, small_portfolio):
    select(window, qtbot, small_portfolio.globex)
    industry = window.overview_tab.findChild(QLineEdit, "account_industry")
    qtbot.mouseClick(industry, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(industry, "Logistics")
    qtbot.keyClick(industry, Qt.Key.Key_Return)
    assert queries.account_values(db, small_portfolio.globex)["industry"] == "Logistics"

    undo(qtbot, window)
    assert queries.account_values(db, small_portfolio.globex)["industry"] is None
    assert industry.text() == ""

    redo(qtbot, window)
    assert queries.account_values(db, small_portfolio.globex)["industry"] == "Logistics"
    assert industry.text() == "Logistics"


def test_renaming_an_account_updates_the_tree_and_a_clash_is_refused(
    window, qtbot, db, small_portfolio, answers
):
    name = window.overview_tab.findChild(QLineEdit, "account_name")
    name.setFocus()
    name.selectAll()
    qtbot.keyClicks(name, "Acme Holding")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert window.portfolio_model.index_of(small_portfolio.acme).data() == "Acme Holding"

    name.selectAll()
    qtbot.keyClicks(name, "globex")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert answers.errors == ["There is already an account named 'globex' at the top level."]
    assert queries.account_values(db, small_portfolio.acme)["name"] == "Acme Holding"
    assert name.text() == "Acme Holding"


def test_choose_a_tier_from_the_list(window, qtbot, db, small_portfolio):
    tier = window.overview_tab.findChild(QComboBox, "account_tier")
    tier.setCurrentIndex(tier.findData("maintain"))
    tier.activated.emit(tier.currentIndex())
    assert queries.account_values(db, small_portfolio.acme)["tier"] == "maintain"
    assert window.portfolio_model.index_of(small_portfolio.acme).siblingAtColumn(1).data() == (
        "Maintain"
    )
    undo(qtbot, window)
    assert queries.account_values(db, small_portfolio.acme)["tier"] == "strategic"


def test_add_a_person_then_undo_and_redo(window, qtbot, db, small_portfolio, answers):
    select(window, qtbot, small_portfolio.globex)
    window.show_people_tab()
    answers.texts.append("Dana Whitfield")
    qtbot.mouseClick(window.people_tab.add_button, Qt.MouseButton.LeftButton)
    names = [p["full_name"] for p in queries.people(db, small_portfolio.globex)]
    assert names == ["Dana Whitfield"]
    assert window.people_tab.model.rowCount() == 1
    people_count = window.portfolio_model.index_of(small_portfolio.globex).siblingAtColumn(2)
    assert people_count.data() == 1

    undo(qtbot, window)
    assert queries.people(db, small_portfolio.globex) == []
    assert window.people_tab.model.rowCount() == 0
    assert people_count.data() == 0

    redo(qtbot, window)
    assert [p["full_name"] for p in queries.people(db, small_portfolio.globex)] == names


def edit_cell(qtbot, window: MainWindow, person_id: int, field: str, text: str) -> None:
    tab = window.people_tab
    row = tab.proxy.mapFromSource(
        tab.model.index(tab.model.row_of(person_id), COLUMN_OF_FIELD[field])
    )
    tab.table.setCurrentIndex(row)
    tab.table.edit(row)
    editors = tab.table.viewport().findChildren(QLineEdit)
    assert len(editors) == 1, "double-clicking a cell opens one editor in it"
    editor = editors[0]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not tab.table.viewport().findChildren(QLineEdit))  # commit is queued


def test_edit_a_job_title_in_the_table(window, qtbot, db, small_portfolio):
    window.show_people_tab()
    edit_cell(qtbot, window, small_portfolio.harald, "job_title", "COO")
    assert queries.person(db, small_portfolio.harald)["job_title"] == "COO"
    undo(qtbot, window)
    assert queries.person(db, small_portfolio.harald)["job_title"] is None


def test_rate_an_interest_in_the_people_table_beside_the_stance(window, qtbot, db, small_portfolio):
    window.show_people_tab()
    model = window.people_tab.model
    assert COLUMN_OF_FIELD["interest"] == COLUMN_OF_FIELD["stance"] + 1
    cell = model.index(model.row_of(small_portfolio.harald), COLUMN_OF_FIELD["interest"])
    assert model.headerData(cell.column(), Qt.Orientation.Horizontal) == "Interest"
    assert model.setData(cell, "High")
    assert queries.person(db, small_portfolio.harald)["interest"] == "high"
    assert cell.data() == "High"
    undo(qtbot, window)
    assert queries.person(db, small_portfolio.harald)["interest"] is None


def test_a_profile_typed_in_the_table_shows_short_and_opens_whole(
    window, qtbot, db, small_portfolio
):
    window.show_people_tab()
    edit_cell(qtbot, window, small_portfolio.harald, "profile_url", "www.linkedin.com/in/harald")
    assert queries.person(db, small_portfolio.harald)["profile_url"] == (
        "https://www.linkedin.com/in/harald"
    )
    model = window.people_tab.model
    cell = model.index(model.row_of(small_portfolio.harald), COLUMN_OF_FIELD["profile_url"])
    assert cell.data() == "linkedin.com/in/harald"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "https://www.linkedin.com/in/harald"
    assert cell.data(Qt.ItemDataRole.EditRole) == "https://www.linkedin.com/in/harald"


def test_aliases_typed_on_the_overview_are_kept_as_typed(window, db, small_portfolio):
    aliases = window.overview_tab.findChild(NoteEdit, "account_aliases")
    aliases.setPlainText("ACME; Acme Corp\nAcme, Inc.")
    aliases.commit()
    stored = queries.account_values(db, small_portfolio.acme)["aliases"]
    assert account_aliases(stored) == ["ACME", "Acme Corp", "Acme, Inc."]
    assert aliases.placeholderText() == ALIASES_HINT


def test_a_reporting_cycle_is_refused_with_both_names(window, db, small_portfolio, answers):
    window.show_people_tab()
    window.people_tab.affiliates_box.setChecked(True)
    model = window.people_tab.model
    cell = model.index(model.row_of(small_portfolio.ingrid), COLUMN_OF_FIELD["reports_to_id"])
    assert model.setData(cell, small_portfolio.mia) is False
    assert answers.errors == [
        "Ingrid Olsen cannot report to Mia Chen: Mia Chen is already in Ingrid Olsen's "
        "reporting chain."
    ]
    assert queries.person(db, small_portfolio.ingrid)["reports_to_id"] is None


def test_delete_a_manager_with_the_delete_key_their_report_moves_up_then_undo(
    window, qtbot, db, small_portfolio, answers
):
    window.show_people_tab()
    tab = window.people_tab
    tab.affiliates_box.setChecked(True)
    tab.select_person(small_portfolio.harald)
    answers.confirmations.append(True)
    tab.table.setFocus()
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert queries.person(db, small_portfolio.mia)["reports_to_id"] == small_portfolio.ingrid
    assert tab.model.row_of(small_portfolio.harald) is None

    undo(qtbot, window)
    restored = queries.person(db, small_portfolio.harald)
    assert restored["stance"] == "champion"
    assert queries.person(db, small_portfolio.mia)["reports_to_id"] == small_portfolio.harald
    assert tab.model.row_of(small_portfolio.harald) is not None


def test_declining_the_delete_question_keeps_the_person(
    window, qtbot, db, small_portfolio, answers
):
    window.show_people_tab()
    window.people_tab.select_person(small_portfolio.ingrid)
    answers.confirmations.append(False)
    window.people_tab.delete_selected()
    assert queries.person(db, small_portfolio.ingrid)["full_name"] == "Ingrid Olsen"


def test_filter_finds_people_by_any_column(window, qtbot, small_portfolio):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    tab = window.people_tab
    assert tab.filter_box.hasFocus()
    qtbot.keyClicks(tab.filter_box, "champ")
    assert tab.proxy.rowCount() == 1
    assert tab.proxy.index(0, 0).data() == "Harald Berg"
    assert tab.count_label.text() == "1 of 2 people shown"


def test_filtering_by_an_abbreviation_finds_the_spelled_out_title(
    window, qtbot, db, small_portfolio
):
    edits.set_stakeholder_field(db, small_portfolio.harald, "job_title", "Chief Financial Officer")
    window.select_account(small_portfolio.acme)
    tab = window.show_people_tab() or window.people_tab
    qtbot.keyClicks(tab.filter_box, "CFO")
    assert [tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())] == ["Harald Berg"]
    tab.filter_box.setText("chief executive")  # Ingrid's title is "CEO"
    assert [tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())] == ["Ingrid Olsen"]


def test_delete_an_account_with_people_asks_first_and_undo_brings_it_all_back(
    window, qtbot, db, small_portfolio, answers
):
    select(window, qtbot, small_portfolio.acme)
    answers.confirmations.append(True)
    window.delete_account()
    assert [row.name for row in queries.portfolio(db)] == ["Globex"]
    assert tree_names(window) == [("Globex", [])]

    undo(qtbot, window)
    assert tree_names(window) == [("Acme Group", ["Acme France"]), ("Globex", [])]
    assert len(queries.people(db, small_portfolio.acme, with_affiliates=True)) == 3


def test_an_edit_survives_a_restart(window, qtbot, db_path, small_portfolio):
    window.overview_tab.findChild(QLineEdit, "account_country").setText("Norway")
    window.overview_tab.findChild(QLineEdit, "account_country").editingFinished.emit()
    window.close()
    reopened = open_database(db_path, create=False)
    assert queries.account_values(reopened, small_portfolio.acme)["country"] == "Norway"
    reopened.close()


def test_a_restart_opens_on_the_account_the_user_left(window, qtbot, db, small_portfolio):
    select(window, qtbot, small_portfolio.globex)
    window.close()
    again = MainWindow(PortfolioDocument(db), open_document)
    qtbot.addWidget(again)
    assert again.account_id == small_portfolio.globex
    assert again.pages.currentWidget() is again.tabs


def test_a_close_qt_makes_itself_remembers_the_place_and_geometry(
    window, qtbot, db, small_portfolio
):
    # Quitting closes every window through Qt (QApplication.closeAllWindows), not through
    # the window's own close(); where the user was is remembered all the same.
    select(window, qtbot, small_portfolio.globex)
    window.resize(1000, 700)
    geometry = window.saveGeometry()
    window.windowHandle().close()
    assert not window.isVisible()
    assert settings.read(settings.WINDOW_GEOMETRY) == geometry
    again = MainWindow(PortfolioDocument(db), open_document)
    qtbot.addWidget(again)
    assert again.account_id == small_portfolio.globex


def test_a_restart_opens_on_the_dashboard_when_the_user_left_it_open(window, qtbot, db):
    button = window.toolbar.widgetForAction(
        next(a for a in window.toolbar.actions() if a.iconText() == "Dashboard")
    )
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.dashboard
    window.close()
    again = MainWindow(PortfolioDocument(db), open_document)
    qtbot.addWidget(again)
    assert again.pages.currentWidget() is again.dashboard


def test_opening_the_map_leaves_the_portfolio_list_its_width(window, qtbot):
    window.resize(1280, 800)
    before = window.tree.width()
    window.show_tab("Map")
    qtbot.wait(50)
    assert window.pages.minimumSizeHint().width() < 700  # the map's tool rows scroll instead
    window.show_tab("People")
    qtbot.wait(50)
    assert window.tree.width() >= before - 5


def test_the_tier_and_people_columns_show_every_value_whole_without_measuring_rows(
    window, qtbot, small_portfolio
):
    # The two narrow columns are sized from the longest text they can hold (issue 20: sizing
    # them to their contents read every account before the window first showed), so each
    # tier's label, a five-digit count and the titles fit, and the user may still widen them.
    from PySide6.QtWidgets import QHeaderView

    from keyplan.domain.vocabulary import Tier
    from keyplan.ui.shell.portfolio_model import PortfolioColumn

    header = window.tree.header()
    metrics = window.tree.fontMetrics()
    texts = {
        PortfolioColumn.TIER: ["Tier", *(tier.label for tier in Tier)],
        PortfolioColumn.PEOPLE: ["People", "12,345"],
    }
    for column, candidates in texts.items():
        widest = max(metrics.horizontalAdvance(text) for text in candidates)
        assert header.sectionSize(column) > widest
        assert header.sectionResizeMode(column) == QHeaderView.ResizeMode.Interactive
    before = header.sectionSize(PortfolioColumn.TIER)
    assert header.sectionSize(PortfolioColumn.NAME) > 2 * before  # names keep the room
    header.resizeSection(PortfolioColumn.TIER, before + 40)  # as a drag of the edge does
    assert header.sectionSize(PortfolioColumn.TIER) == before + 40
