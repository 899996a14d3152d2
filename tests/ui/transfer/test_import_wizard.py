"""Stories of the import wizard: a director brings contacts into an account, sees first, undoes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from sqlalchemy import select

from keyplan.exchange.transfer.import_plan import Action
from keyplan.store.database import Database
from keyplan.store.models import Account, Stakeholder
from keyplan.ui import dialogs
from keyplan.ui.transfer.import_preview import PreviewColumn
from keyplan.ui.transfer.import_wizard import ImportWizard

DATA = Path(__file__).parents[2] / "data" / "import"


def dump(db: Database) -> dict:
    with db.read() as session:
        people = [dict(r) for r in session.execute(select(Stakeholder.__table__)).mappings()]
        accounts = [dict(r) for r in session.execute(select(Account.__table__)).mappings()]
    return {"people": people, "accounts": accounts}


def open_wizard(qtbot, window, monkeypatch, name: str) -> ImportWizard:
    monkeypatch.setattr(dialogs, "ask_import_file", lambda _parent: str(DATA / name))
    window.import_action.trigger()
    wizard = [w for w in window.findChildren(ImportWizard) if w.isVisible()][-1]
    qtbot.waitUntil(lambda: wizard.columns_page.isComplete() or wizard.contact_file is not None)
    return wizard


def go_to_preview(qtbot, wizard: ImportWizard) -> None:
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.planned, timeout=10_000)


def finish(qtbot, wizard: ImportWizard) -> None:
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.receipt is not None, timeout=10_000)


def names(window, account_id: int) -> set[str]:
    return {p["full_name"] for p in window.document.people(account_id)}


def test_crm_file_imports_with_preview_and_undo_takes_it_all_back(
    qtbot, window, small_portfolio, monkeypatch, db
):
    window.select_account(small_portfolio.globex)
    before = dump(db)
    wizard = open_wizard(qtbot, window, monkeypatch, "crm_contacts.csv")
    assert "CRM contact export" in wizard.columns_page.subTitle()
    assert wizard.columns_page.isComplete()
    go_to_preview(qtbot, wizard)
    page = wizard.preview_page
    # The file is Acme Group's CRM export: into Globex, its rows are another company's.
    assert page.summary.text().startswith("<b>0 new, 0 updates, 8 skipped (8 of 1 other")
    assert "Acme Group (8)" in page.summary.text()
    page.all_companies.click()  # the director means it: these people are Globex's now
    qtbot.waitUntil(lambda: page.planned, timeout=10_000)
    assert page.summary.text().startswith("<b>6 new, 0 updates, 2 skipped</b>")
    model = page.model
    assert model.rowCount() == 8
    assert model.index(6, PreviewColumn.DETAILS).data() == "no name in this row"
    assert "Nobody Known" in model.index(5, PreviewColumn.DETAILS).data()
    finish(qtbot, wizard)
    assert "Zoë Müller-Łukasiewicz" in names(window, small_portfolio.globex)
    assert window.undo_action.text() == "&Undo Import 6 people from crm_contacts.csv"
    window.undo_action.trigger()
    assert dump(db) == before
    window.redo_action.trigger()
    assert len(names(window, small_portfolio.globex)) == 6


def test_an_update_can_be_left_out_and_undo_restores_the_changed_fields(
    qtbot, window, small_portfolio, monkeypatch, db
):
    # Ingrid Olsen is at Acme already (CEO); the Outlook file has her and two new people.
    window.select_account(small_portfolio.acme)
    before = dump(db)
    wizard = open_wizard(qtbot, window, monkeypatch, "outlook_contacts.csv")
    go_to_preview(qtbot, wizard)
    model = wizard.preview_page.model
    plan = model.plan()
    assert plan is not None
    ingrid = next(i for i, r in enumerate(plan.rows) if r.name == "Ingrid Olsen")
    assert plan.rows[ingrid].action is Action.UPDATE
    # By default the file only fills what Keyplan lacks: her job title, set by the director,
    # is kept and the difference shown.
    details = model.index(ingrid, PreviewColumn.DETAILS).data()
    assert "fills 4: department 'Executive', e-mail" in details
    assert "1 differs, yours kept: job title 'CEO' (file: 'Chief Executive Officer')" in details
    text = wizard.preview_page.summary.text()
    assert "Updates fill 4 empty fields; 1 value in the file differs from yours and is kept" in text
    # The director wants the CRM's titles after all: one switch, the file is compared again.
    wizard.preview_page.overwrite.click()
    qtbot.waitUntil(lambda: wizard.preview_page.planned, timeout=10_000)
    details = model.index(ingrid, PreviewColumn.DETAILS).data()
    assert "overwrites 1: job title 'CEO' → 'Chief Executive Officer'" in details
    assert "updates overwrite 1 value of yours" in wizard.preview_page.summary.text()
    assert wizard.preview_page.summary.text().startswith("<b>2 new, 1 update, 0 skipped")
    model.set_included(ingrid, False)
    assert wizard.preview_page.summary.text().startswith("<b>2 new, 0 updates, 1 skipped")
    model.set_included(ingrid, True)
    finish(qtbot, wizard)
    ceo = window.document.person(small_portfolio.ingrid)
    assert ceo["job_title"] == "Chief Executive Officer"
    assert ceo["email"] == "ingrid.olsen@acme.example"
    window.undo_action.trigger()
    assert dump(db) == before


def test_unknown_columns_are_mapped_on_the_first_page_and_remembered(
    qtbot, window, small_portfolio, monkeypatch, own_mapping_memory
):
    window.select_account(small_portfolio.globex)
    wizard = open_wizard(qtbot, window, monkeypatch, "other_system.csv")
    page = wizard.columns_page
    assert wizard.needs_mapping
    # The column names tell the e-mail and the phone, not who is who: Next stays off.
    assert page.mapping() == {3: "email", 4: "phone"}
    assert not page.isComplete()
    page.choose("Person", "full_name")
    page.choose("Role", "job_title")
    page.choose("Tel", None)
    page.choose("Boss", "reports_to")
    assert page.isComplete()
    go_to_preview(qtbot, wizard)
    assert wizard.preview_page.summary.text().startswith("<b>3 new, 0 updates, 0 skipped")
    finish(qtbot, wizard)
    zoe = next(
        p
        for p in window.document.people(small_portfolio.globex)
        if p["full_name"].startswith("Zoë")
    )
    assert (zoe["job_title"], zoe.manager_name) == ("CFO", "Ingrid Olsen")
    assert own_mapping_memory.is_file()
    again = open_wizard(qtbot, window, monkeypatch, "other_system.csv")
    assert not again.needs_mapping  # remembered: read as mapped straight away
    assert again.contact_file is not None and again.contact_file.kind == "mapped"


def test_a_file_that_cannot_be_read_is_refused_and_nothing_changes(
    qtbot, window, small_portfolio, monkeypatch, answers, tmp_path, db
):
    garbage = tmp_path / "photo.csv"
    garbage.write_bytes(bytes(range(256)) * 8)
    before = dump(db)
    monkeypatch.setattr(dialogs, "ask_import_file", lambda _parent: str(garbage))
    window.import_action.trigger()
    qtbot.waitUntil(lambda: bool(answers.errors))
    assert "not a text file" in answers.errors[0] or "cannot be read" in answers.errors[0]
    assert dump(db) == before
    assert not window.undo_action.isEnabled()


def test_cancelling_the_file_question_opens_nothing(qtbot, window, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_import_file", lambda _parent: None)
    window.import_action.trigger()
    assert window.findChild(ImportWizard) is None


def test_vcard_import_runs_off_the_gui_thread_with_progress(
    qtbot, window, small_portfolio, monkeypatch
):
    window.select_account(small_portfolio.acme)
    wizard = open_wizard(qtbot, window, monkeypatch, "phone_v21.vcf")
    assert "vCard, UTF-8, 3 cards" in wizard.columns_page.subTitle()
    go_to_preview(qtbot, wizard)
    seen: list[int] = []
    wizard.preview_page.progress.valueChanged.connect(seen.append)
    finish(qtbot, wizard)
    assert seen and seen[-1] == 100
    people = {p["full_name"]: p for p in window.document.people(small_portfolio.acme)}
    assert people["Ελένη Παπαδοπούλου"].manager_name == "Zoë Müller-Łukasiewicz"


# ---- leaving people out, German headers, the text encoding ---------------------------------

GERMAN = "german_crm_cp1252.csv"
GERMAN_NAMES = {"Jürgen Weiß", "Björk Größer", "Ömer Çelik", "Änne Schäfer", "Klaus Häberle"}


def open_file(qtbot, window, monkeypatch, path: Path) -> ImportWizard:
    monkeypatch.setattr(dialogs, "ask_import_file", lambda _parent: str(path))
    window.import_action.trigger()
    wizard = [w for w in window.findChildren(ImportWizard) if w.isVisible()][-1]
    qtbot.waitUntil(lambda: wizard.contact_file is not None)
    return wizard


def row_of(wizard: ImportWizard, name: str) -> int:
    model = wizard.preview_page.model
    rows = range(model.rowCount())
    found = [r for r in rows if model.index(r, PreviewColumn.NAME).data() == name]
    assert len(found) == 1, f"{name} is not in the preview once"
    return found[0]


def click_tick_box(qtbot, wizard: ImportWizard, row: int) -> None:
    view = wizard.preview_page.view
    rect = view.visualRect(view.model().index(row, PreviewColumn.INCLUDE))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def press_space_on(qtbot, wizard: ImportWizard, row: int) -> None:
    view = wizard.preview_page.view
    view.selectRow(row)
    qtbot.keyClick(view, Qt.Key.Key_Space)


def summary(wizard: ImportWizard) -> str:
    return wizard.preview_page.summary.text()


def preview_names(wizard: ImportWizard) -> set[str]:
    model = wizard.preview_page.model
    return {model.index(r, PreviewColumn.NAME).data() for r in range(model.rowCount())}


def wait_for_reading(qtbot, wizard: ImportWizard) -> None:
    page = wizard.preview_page
    qtbot.waitUntil(lambda: not page.reading and page.planned, timeout=10_000)


def finish_button(wizard: ImportWizard):
    return wizard.button(QWizard.WizardButton.FinishButton)


def test_a_german_export_maps_itself_and_a_new_person_unticked_is_not_imported(
    qtbot, window, small_portfolio, monkeypatch, db
):
    window.select_account(small_portfolio.globex)
    before = dump(db)
    wizard = open_wizard(qtbot, window, monkeypatch, GERMAN)
    page = wizard.columns_page
    assert page.subTitle() == (
        f"{GERMAN}: German contacts export, Windows-1252, semicolon-separated, 5 rows."
    )
    assert not wizard.needs_mapping and page.isComplete()  # Next without touching anything
    shown = {
        page.table.item(r, 0).text(): page.combos[r].currentText()
        for r in range(page.table.rowCount())
    }
    assert shown["Vorname"] == "First name" and shown["Telefon geschäftlich"] == "Phone"
    assert shown["Vorgesetzter"] == "Reports to (manager's name)"
    assert shown["Firma"] == "Company"  # read since the import decides accounts by it
    assert shown["Anrede"] == "(not imported)"
    go_to_preview(qtbot, wizard)
    assert preview_names(wizard) == GERMAN_NAMES
    assert summary(wizard).startswith("<b>5 new, 0 updates, 0 skipped</b>")
    # The director leaves out Jürgen's assistant with a click, and Björk with the keyboard.
    assistant = row_of(wizard, "Änne Schäfer")
    click_tick_box(qtbot, wizard, assistant)
    assert summary(wizard).startswith("<b>4 new, 0 updates, 1 skipped (1 left out by you)</b>")
    model = wizard.preview_page.model
    assert model.index(assistant, PreviewColumn.ACTION).data() == "Left out"
    press_space_on(qtbot, wizard, row_of(wizard, "Björk Größer"))
    assert summary(wizard).startswith("<b>3 new, 0 updates, 2 skipped (2 left out by you)</b>")
    klaus = row_of(wizard, "Klaus Häberle")
    details = model.index(klaus, PreviewColumn.DETAILS).data()
    assert "Reports to Björk Größer, whom you left out" in details
    press_space_on(qtbot, wizard, row_of(wizard, "Björk Größer"))  # Björk comes back
    assert "left out" not in model.index(klaus, PreviewColumn.DETAILS).data()
    wizard.preview_page.select_none.click()
    assert summary(wizard).startswith("<b>0 new, 0 updates, 5 skipped (5 left out by you)</b>")
    assert not finish_button(wizard).isEnabled()
    wizard.preview_page.select_all.click()
    assert summary(wizard).startswith("<b>5 new, 0 updates, 0 skipped</b>")
    click_tick_box(qtbot, wizard, assistant)
    finish(qtbot, wizard)
    imported = names(window, small_portfolio.globex)
    assert imported == GERMAN_NAMES - {"Änne Schäfer"}
    people = {p["full_name"]: p for p in window.document.people(small_portfolio.globex)}
    assert people["Klaus Häberle"].manager_name == "Björk Größer"
    assert people["Jürgen Weiß"]["location"] == "München, Deutschland"
    assert window.undo_action.text() == f"&Undo Import 4 people from {GERMAN}"
    window.undo_action.trigger()
    assert dump(db) == before  # the whole import goes, and nothing of Änne was ever there


def test_choosing_the_encoding_reads_the_names_again_and_keeps_the_ticks(
    qtbot, window, small_portfolio, monkeypatch, tmp_path
):
    # The same export as an old Mac's Excel writes it: the guess takes it for Windows-1252.
    mac = tmp_path / "kontakte_mac.csv"
    mac.write_bytes((DATA / GERMAN).read_bytes().decode("cp1252").encode("mac_roman"))
    window.select_account(small_portfolio.globex)
    wizard = open_file(qtbot, window, monkeypatch, mac)
    go_to_preview(qtbot, wizard)
    choice = wizard.preview_page.encoding
    assert choice.combo.currentText() == "Automatic (Windows-1252)"
    assert "JŸrgen Wei§" in preview_names(wizard)
    click_tick_box(qtbot, wizard, 3)  # row 5 of the file: Änne, whatever her name reads as
    choice.choose("Mac Roman")
    assert not finish_button(wizard).isEnabled()  # not while the file is read again
    wait_for_reading(qtbot, wizard)
    assert preview_names(wizard) == GERMAN_NAMES
    assert choice.combo.currentText().startswith("Mac Roman")
    assert wizard.columns_page.encoding.combo.currentText().startswith("Mac Roman")
    assert "Mac Roman" in wizard.columns_page.subTitle()
    assert not wizard.preview_page.model.is_included(row_of(wizard, "Änne Schäfer"))
    assert summary(wizard).startswith("<b>4 new, 0 updates, 1 skipped (1 left out by you)</b>")
    finish(qtbot, wizard)
    assert names(window, small_portfolio.globex) == GERMAN_NAMES - {"Änne Schäfer"}


def test_an_encoding_the_file_is_not_in_is_refused_and_the_preview_stays(
    qtbot, window, small_portfolio, monkeypatch
):
    window.select_account(small_portfolio.globex)
    wizard = open_wizard(qtbot, window, monkeypatch, GERMAN)
    go_to_preview(qtbot, wizard)
    page = wizard.preview_page
    page.encoding.choose("UTF-8")
    qtbot.waitUntil(lambda: bool(page.encoding.problem.text()), timeout=10_000)
    assert page.encoding.problem.text() == (
        "This file cannot be read as UTF-8: line 1 holds a byte (0xE4) that is not UTF-8 "
        "text. Choose another encoding, or Automatic. Nothing changed: it is still read as "
        "Windows-1252 (guessed)."
    )
    assert page.encoding.problem.isVisible()
    assert page.encoding.combo.currentText() == "Automatic (Windows-1252)"
    assert preview_names(wizard) == GERMAN_NAMES
    assert summary(wizard).startswith("<b>5 new, 0 updates, 0 skipped</b>")
    assert finish_button(wizard).isEnabled()
    page.encoding.choose("ISO-8859-15")  # reads the same names: the message goes
    wait_for_reading(qtbot, wizard)
    assert not page.encoding.problem.isVisible()
    assert preview_names(wizard) == GERMAN_NAMES


def test_an_encoding_chosen_on_the_first_page_keeps_the_columns_mapped_by_hand(
    qtbot, window, small_portfolio, monkeypatch
):
    window.select_account(small_portfolio.globex)
    wizard = open_wizard(qtbot, window, monkeypatch, "other_system.csv")
    page = wizard.columns_page
    page.choose("Person", "full_name")
    page.choose("Role", "job_title")
    page.encoding.choose("ISO-8859-1")  # wrong on purpose: the file is UTF-8
    qtbot.waitUntil(lambda: "ISO-8859-1" in page.subTitle(), timeout=10_000)
    assert page.mapping() == {0: "full_name", 1: "job_title", 3: "email", 4: "phone"}
    examples = page.table.item(0, 1).text()
    assert "ZoÃ«" in examples
    page.encoding.choose(None)
    qtbot.waitUntil(lambda: "UTF-8" in page.subTitle(), timeout=10_000)
    assert page.encoding.combo.currentText() == "Automatic (UTF-8)"
    assert "Zoë" in page.table.item(0, 1).text()
    assert page.mapping() == {0: "full_name", 1: "job_title", 3: "email", 4: "phone"}


def test_a_crm_export_fills_gaps_flags_a_broken_row_and_new_departments(
    qtbot, window, small_portfolio, monkeypatch, db
):
    # Jürgen is at Acme with the director's English department and no phone number.
    from keyplan.store.people import edits

    jurgen = edits.add_stakeholder(
        db, small_portfolio.acme, "Jürgen Hoffmann", department="Finance",
        email="jurgen.hoffmann@aldermark.example",
    )  # fmt: skip
    window.select_account(small_portfolio.acme)
    wizard = open_wizard(qtbot, window, monkeypatch, "aldermark_outlook_de_cp1252.csv")
    go_to_preview(qtbot, wizard)
    model = wizard.preview_page.model
    text = summary(wizard)
    assert text.startswith("<b>4 new, 1 update, 1 skipped (1 looks broken)</b>")
    assert (
        "Departments new to Acme Group: Geschäftsführung, Finanzen, Einkauf, Vertrieb "
        "(it has Finance)." in text
    )
    broken = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "row 5")
    assert model.index(broken, PreviewColumn.ACTION).data() == "Skipped"
    assert (
        model.index(broken, PreviewColumn.DETAILS)
        .data()
        .startswith("looks broken: the name 'Bernd Lehmann;Aldermark Antriebstechnik GmbH\"' holds")
    )
    assert not model.is_tickable(broken)
    update = model.index(row_of(wizard, "Jürgen Hoffmann"), PreviewColumn.DETAILS).data()
    assert "department 'Finance' (file: 'Finanzen')" in update
    finish(qtbot, wizard)
    person = window.document.person(jurgen)
    assert (person["department"], person["phone"]) == ("Finance", "+49 711 5556856")
    assert not any("Bernd" in name for name in names(window, small_portfolio.acme))


def test_a_recognised_column_corrected_by_hand_is_read_so_and_remembered(
    qtbot, window, small_portfolio, monkeypatch, own_mapping_memory
):
    # In this org the Salesforce "Department" holds a sales region, not a department: the
    # director leaves it out on the first page; next month's export remembers that.
    window.select_account(small_portfolio.globex)
    wizard = open_wizard(qtbot, window, monkeypatch, "salesforce_dataloader.csv")
    page = wizard.columns_page
    assert not wizard.needs_mapping and page.isComplete()
    shown = {
        page.table.item(r, 0).text(): page.combos[r].currentText()
        for r in range(page.table.rowCount())
    }
    assert shown["Account.Name"] == "Company"
    assert shown["ReportsToId"] == "Reports to (manager's record id)"
    assert shown["Id"] == "Id of the row (CRM record id)"
    assert shown["Salutation"] == "(not imported)"
    page.choose("Department", None)
    go_to_preview(qtbot, wizard)
    assert wizard.preview_page.contact_file.kind == "mapped"
    assert all("department" not in c.values for c in wizard.preview_page.contact_file.contacts)
    wizard.preview_page.all_companies.click()  # the export is of another company
    qtbot.waitUntil(lambda: wizard.preview_page.planned, timeout=10_000)
    finish(qtbot, wizard)
    again = open_wizard(qtbot, window, monkeypatch, "salesforce_dataloader.csv")
    assert again.contact_file is not None and again.contact_file.kind == "mapped"
    assert "Department" not in again.contact_file.mapping_by_column()


def test_a_file_over_the_size_cap_is_refused_with_the_numbers_as_on_the_command_line(
    qtbot, window, answers, monkeypatch, tmp_path
):
    huge = tmp_path / "connections.csv"
    with open(huge, "wb") as file:
        file.truncate(250_000_000)  # sparse: takes no room, and is never read
    monkeypatch.setattr(dialogs, "ask_import_file", lambda _parent: str(huge))
    window.import_action.trigger()
    qtbot.waitUntil(lambda: bool(answers.errors), timeout=10_000)
    assert answers.errors == [
        "connections.csv is 250 MB; Keyplan reads contacts files up to 200 MB (100,000 rows). "
        "Split the file, or import it with: keyplan import --max-rows 125000 …"
    ]
