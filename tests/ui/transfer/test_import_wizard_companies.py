"""Stories of a company-aware import: a file of many companies into the portfolio or one account.

The files name each person's company in a column the wizard does not know ("Employer"): the
director says on the first page that it holds the company, as for any file of another kind.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWizard
from sqlalchemy import select

from keyplan.exchange.transfer.import_plan import Action
from keyplan.store.database import Database
from keyplan.store.models import Account, Stakeholder
from keyplan.store.people import edits
from keyplan.ui import dialogs
from keyplan.ui.shell.portfolio_model import PortfolioColumn
from keyplan.ui.transfer.import_preview import (
    GUESS_WORD,
    MOVED_AWAY_WORD,
    MOVED_HERE_WORD,
    PreviewColumn,
)
from keyplan.ui.transfer.import_wizard import ImportWizard

HEADER = "Name,Role,Employer\n"


def dump(db: Database) -> dict:
    with db.read() as session:
        people = [dict(r) for r in session.execute(select(Stakeholder.__table__)).mappings()]
        accounts = [dict(r) for r in session.execute(select(Account.__table__)).mappings()]
    return {"people": people, "accounts": accounts}


def open_wizard(
    qtbot, monkeypatch, action, path: Path, columns: dict[str, str] | None = None
) -> ImportWizard:
    """Choose the file in the menu command, say which column is which, go to the preview."""
    monkeypatch.setattr(dialogs, "ask_import_file", lambda _parent: str(path))
    action.trigger()
    wizard = [w for w in action.parent().findChildren(ImportWizard) if w.isVisible()][-1]
    qtbot.waitUntil(lambda: wizard.contact_file is not None)
    page = wizard.columns_page
    chosen = columns or {"Name": "full_name", "Role": "job_title", "Employer": "company"}
    for column, field in chosen.items():
        page.choose(column, field)
    assert page.isComplete()
    wizard.next()
    wait_for_plan(qtbot, wizard)
    return wizard


def wait_for_plan(qtbot, wizard: ImportWizard) -> None:
    page = wizard.preview_page
    qtbot.waitUntil(lambda: page.planned and not page.reading, timeout=10_000)


def cell(wizard: ImportWizard, name: str, column: PreviewColumn) -> str:
    return wizard.preview_page.model.index(row_of(wizard, name), column).data()


def row_of(wizard: ImportWizard, name: str) -> int:
    model = wizard.preview_page.model
    found = [
        r for r in range(model.rowCount()) if model.index(r, PreviewColumn.NAME).data() == name
    ]
    assert len(found) == 1, f"{name} is not in the preview once"
    return found[0]


def summary(wizard: ImportWizard) -> str:
    return wizard.preview_page.summary.text()


def finish(qtbot, wizard: ImportWizard) -> None:
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.receipt is not None, timeout=10_000)


def names(window, account_id: int) -> set[str]:
    return {p["full_name"] for p in window.document.people(account_id)}


def people_in_sidebar(window, account_id: int) -> int:
    model = window.portfolio_model
    return model.index_of(account_id).siblingAtColumn(PortfolioColumn.PEOPLE).data()


def test_a_file_of_many_companies_goes_into_the_portfolio_each_to_their_account_and_one_undo(
    qtbot, window, small_portfolio, monkeypatch, db, tmp_path
):
    contacts = tmp_path / "connections.csv"
    contacts.write_text(
        HEADER + "Sven Dahl,CFO,Acme Group\n"
        "Gina Gold,CTO,Globex\n"
        "Pat Park,CTO,Initech\n"
        "Lea Roux,Buyer,Globex\n",
        encoding="utf-8",
    )
    # From the dashboard: no account is selected, and File › Import contacts… still works.
    window.show_dashboard()
    window.select_account(None)
    before = dump(db)
    globex_before = people_in_sidebar(window, small_portfolio.globex)
    wizard = open_wizard(qtbot, monkeypatch, window.import_contacts_action, contacts)
    assert wizard.windowTitle() == "Import contacts into your portfolio"
    page = wizard.preview_page
    # Every row says which account it goes to; the one of a company we do not serve, none.
    assert not page.view.isColumnHidden(PreviewColumn.ACCOUNT)
    assert cell(wizard, "Sven Dahl", PreviewColumn.ACCOUNT) == "Acme Group"
    assert cell(wizard, "Gina Gold", PreviewColumn.ACCOUNT) == "Globex"
    assert cell(wizard, "Pat Park", PreviewColumn.ACTION) == "Skipped"
    assert "Initech is none of your accounts" in cell(wizard, "Pat Park", PreviewColumn.DETAILS)
    assert not page.all_companies.isVisible()  # into the portfolio there is no "this account"
    text = summary(wizard)
    assert text.startswith("<b>3 new, 0 updates, 1 skipped (1 of 1 other company)</b>")
    assert "Into Acme Group: 1 new person." in text
    assert "Into Globex: 2 new people." in text
    assert "Companies that are none of your accounts, not imported: 1 row of 1 company: " in text
    assert "Initech (1)" in text
    wizard.grab().save(str(tmp_path / "portfolio.png"))

    finish(qtbot, wizard)
    assert "Sven Dahl" in names(window, small_portfolio.acme)
    assert {"Gina Gold", "Lea Roux"} <= names(window, small_portfolio.globex)
    assert not any("Pat Park" in names(window, a) for a in (small_portfolio.acme,))
    assert people_in_sidebar(window, small_portfolio.globex) == globex_before + 2
    assert window.undo_action.text() == "&Undo Import 3 people from connections.csv"

    window.undo_action.trigger()  # one step takes all of it back, in every account
    assert dump(db) == before
    assert people_in_sidebar(window, small_portfolio.globex) == globex_before
    window.redo_action.trigger()
    assert {"Gina Gold", "Lea Roux"} <= names(window, small_portfolio.globex)


def test_a_close_name_is_a_guess_the_director_turns_into_a_new_person(
    qtbot, window, small_portfolio, monkeypatch, db, tmp_path
):
    # Acme has Harald Berg. The file has "Harold Berg" (a close name: a guess), a buyer at
    # the French affiliate, and someone at Initech.
    contacts = tmp_path / "acme.csv"
    contacts.write_text(
        HEADER + "Harold Berg,VP Sales,Acme Group\n"
        "Luc Martin,Buyer,Acme France\n"
        "Pat Park,CTO,Initech\n",
        encoding="utf-8",
    )
    window.select_account(small_portfolio.acme)
    before = dump(db)
    wizard = open_wizard(qtbot, monkeypatch, window.import_action, contacts)
    page = wizard.preview_page
    model = page.model
    harold = row_of(wizard, "Harald Berg")  # an update shows the stored name
    assert model.index(harold, PreviewColumn.ACTION).data() == GUESS_WORD
    assert "Harold Berg ≈" in cell(wizard, "Harald Berg", PreviewColumn.DETAILS)
    # A row goes to the affiliate: the Account column says so.
    assert not page.view.isColumnHidden(PreviewColumn.ACCOUNT)
    assert cell(wizard, "Luc Martin", PreviewColumn.ACCOUNT) == "Acme France"
    # Initech's row is left out, and the summary says how to take it.
    assert cell(wizard, "Pat Park", PreviewColumn.ACTION) == "Skipped"
    assert "&quot;Also take other companies&quot; takes them" in summary(wizard)
    assert "found by a name spelled differently (≈)" in summary(wizard)

    # The director leaves Luc out, then takes Initech's row after all: Luc stays out.
    model.set_included(row_of(wizard, "Luc Martin"), False)
    page.all_companies.click()
    wait_for_plan(qtbot, wizard)
    assert cell(wizard, "Pat Park", PreviewColumn.ACTION) == "New"
    assert cell(wizard, "Pat Park", PreviewColumn.ACCOUNT) == "Acme Group"
    assert cell(wizard, "Luc Martin", PreviewColumn.ACTION) == "Left out"

    # Harold is not Harald: nothing selected, the button is off; select him, click it.
    wizard.grab().save(str(tmp_path / "guess.png"))
    assert not page.as_new_button.isEnabled()
    page.view.selectRow(harold)
    assert page.as_new_button.isEnabled()
    page.as_new_button.click()
    wait_for_plan(qtbot, wizard)
    assert cell(wizard, "Harold Berg", PreviewColumn.ACTION) == "New"
    assert "a new person, as you said" in cell(wizard, "Harold Berg", PreviewColumn.DETAILS)
    # Second thoughts, and third: the same button matches him again, then makes him new.
    page.view.selectRow(harold)
    assert page.as_new_button.text() == "&Match again"
    page.as_new_button.click()
    wait_for_plan(qtbot, wizard)
    assert cell(wizard, "Harald Berg", PreviewColumn.ACTION) == GUESS_WORD
    page.view.selectRow(harold)
    page.as_new_button.click()
    wait_for_plan(qtbot, wizard)
    assert cell(wizard, "Harold Berg", PreviewColumn.ACTION) == "New"
    assert cell(wizard, "Luc Martin", PreviewColumn.ACTION) == "Left out"  # ticks kept
    assert "spelled differently" not in summary(wizard)
    wizard.grab().save(str(tmp_path / "as_new.png"))

    finish(qtbot, wizard)
    acme = names(window, small_portfolio.acme)
    assert {"Harald Berg", "Harold Berg", "Pat Park"} <= acme
    assert "Luc Martin" not in names(window, small_portfolio.acme_france)
    assert window.document.person(small_portfolio.harald)["job_title"] is None
    window.undo_action.trigger()
    assert dump(db) == before


def test_same_person_only_by_exact_name_makes_a_close_name_new(
    qtbot, window, small_portfolio, monkeypatch, tmp_path
):
    contacts = tmp_path / "acme.csv"
    contacts.write_text(HEADER + "Harold Berg,VP Sales,Acme Group\n", encoding="utf-8")
    window.select_account(small_portfolio.acme)
    wizard = open_wizard(qtbot, monkeypatch, window.import_action, contacts)
    page = wizard.preview_page
    plan = page.model.plan()
    assert plan is not None and plan.rows[0].action is Action.UPDATE and plan.rows[0].is_a_guess
    assert page.view.isColumnHidden(PreviewColumn.ACCOUNT)  # everyone goes into Acme Group
    page.exact_only.click()
    wait_for_plan(qtbot, wizard)
    assert cell(wizard, "Harold Berg", PreviewColumn.ACTION) == "New"
    assert summary(wizard).startswith("<b>1 new, 0 updates, 0 skipped")


def test_people_who_changed_jobs_read_as_having_left_and_moved(
    qtbot, window, small_portfolio, monkeypatch, db, tmp_path
):
    # Harald (Acme Group) is now at Initech, which is none of our accounts; Mia (Acme France)
    # is now at Globex. Their e-mail addresses say it is them.
    edits.set_stakeholder_field(db, small_portfolio.harald, "email", "harald@berg.example")
    edits.set_stakeholder_field(db, small_portfolio.mia, "email", "mia@chen.example")
    contacts = tmp_path / "connections.csv"
    contacts.write_text(
        "Name,Mail,Employer\n"
        "Harald Berg,harald@berg.example,Initech\n"
        "Mia Chen,mia@chen.example,Globex\n",
        encoding="utf-8",
    )
    before = dump(db)
    columns = {"Name": "full_name", "Mail": "email", "Employer": "company"}
    wizard = open_wizard(qtbot, monkeypatch, window.import_contacts_action, contacts, columns)
    assert cell(wizard, "Harald Berg", PreviewColumn.ACTION) == MOVED_AWAY_WORD
    assert cell(wizard, "Harald Berg", PreviewColumn.ACCOUNT) == "Acme Group"
    assert cell(wizard, "Harald Berg", PreviewColumn.DETAILS) == (
        "moved to Initech: marked as having left Acme Group"
    )
    assert cell(wizard, "Mia Chen", PreviewColumn.ACTION) == MOVED_HERE_WORD
    assert cell(wizard, "Mia Chen", PreviewColumn.ACCOUNT) == "Globex"
    assert "moved from Acme France: marked as having left there" in cell(
        wizard, "Mia Chen", PreviewColumn.DETAILS
    )
    wizard.grab().save(str(tmp_path / "moved.png"))
    finish(qtbot, wizard)
    assert window.document.person(small_portfolio.harald)["has_left"] is True
    assert window.document.person(small_portfolio.mia)["has_left"] is True
    assert "Mia Chen" in names(window, small_portfolio.globex)
    window.undo_action.trigger()
    assert dump(db) == before


def test_a_linkedin_export_updates_the_right_accounts_of_the_demo_from_the_menu(
    qtbot, db: Database, monkeypatch, answers, tmp_path
):
    from keyplan.store.demo import create_demo_portfolio
    from keyplan.store.people.queries import find_account
    from keyplan.ui.document import PortfolioDocument
    from keyplan.ui.shell.launch import open_document
    from keyplan.ui.shell.main_window import MainWindow

    create_demo_portfolio(db)
    window = MainWindow(PortfolioDocument(db), open_document)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    before = dump(db)
    source = Path(__file__).parents[2] / "data" / "import" / "linkedin_portfolio.csv"
    monkeypatch.setattr(dialogs, "ask_import_file", lambda _parent: str(source))
    window.import_contacts_action.trigger()
    wizard = [w for w in window.findChildren(ImportWizard) if w.isVisible()][-1]
    qtbot.waitUntil(lambda: wizard.contact_file is not None)
    assert wizard.columns_page.isComplete()  # a LinkedIn file needs no mapping
    wizard.grab().save(str(tmp_path / "columns.png"))
    wizard.next()
    wait_for_plan(qtbot, wizard)
    wizard.grab().save(str(tmp_path / "preview.png"))
    summary = wizard.preview_page.summary.text()
    assert "Into Castellani Foods S.p.A.: 1 new person, 2 updates." in summary
    assert "Initech (2), Globo Transportes (1)" in summary
    assert cell(wizard, "Giulia Ferraro", PreviewColumn.ACCOUNT) == "Castellani Foods S.p.A."
    assert cell(wizard, "Camille Lefèvre", PreviewColumn.ACCOUNT) == "Aldermark France SAS"
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.receipt is not None, timeout=10_000)
    castellani = find_account(db, "Castellani Foods S.p.A.")
    assert "Giulia Ferraro" in {p["full_name"] for p in window.document.people(castellani)}
    window.undo_action.trigger()
    assert dump(db) == before
