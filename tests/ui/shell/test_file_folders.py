"""File dialogs start where the same kind of file went last time, else in Documents.

The real dialog functions run; only ``QFileDialog``'s static functions are scripted: they
record the folder the dialog would have opened in and answer with the user's choice.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from keyplan.ui import dialogs
from keyplan.ui.map import prompts
from keyplan.ui.shell import settings
from keyplan.ui.shell.file_folders import FileKind, documents_folder, last_folder, start_path
from keyplan.ui.transfer import exchange_actions


class ScriptedFileDialog:
    """Stands in for QFileDialog.getSaveFileName / getOpenFileName."""

    def __init__(self) -> None:
        self.started_in: list[str] = []  # the ``dir`` each dialog was opened with
        self.choices: list[str] = []  # what the user picks, "" to cancel

    def __call__(self, _parent, _title, start, _filter, *_rest) -> tuple[str, str]:
        self.started_in.append(start)
        return self.choices.pop(0), ""


@pytest.fixture(autouse=True)
def no_folders_remembered() -> None:
    """A machine where no file dialog was ever used (settings outlive a test)."""
    for kind in FileKind:
        settings.write(kind.value, "")


@pytest.fixture
def file_dialog(monkeypatch: pytest.MonkeyPatch) -> ScriptedFileDialog:
    scripted = ScriptedFileDialog()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", scripted)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", scripted)
    return scripted


def folder(tmp_path: Path, name: str) -> Path:
    made = tmp_path / name
    made.mkdir()
    return made


def test_a_second_export_starts_in_the_folder_of_the_first(
    qtbot, window, small_portfolio, file_dialog, tmp_path
):
    customers = folder(tmp_path, "Customers")
    window.select_account(small_portfolio.globex)
    file_dialog.choices += [str(customers / "globex.csv"), str(customers / "globex-2.csv")]

    exchange_actions.export_csv(window, "people")
    qtbot.waitUntil(lambda: (customers / "globex.csv").exists(), timeout=10_000)
    exchange_actions.export_csv(window, "people")
    qtbot.waitUntil(lambda: (customers / "globex-2.csv").exists(), timeout=10_000)

    first, second = (Path(start) for start in file_dialog.started_in)
    assert first == documents_folder() / "Globex people.csv"  # nothing remembered yet
    assert second == customers / "Globex people.csv"  # the folder of the first export


def test_csv_and_json_exports_share_a_folder_and_the_account_name_is_still_offered(
    qtbot, window, small_portfolio, file_dialog, tmp_path
):
    exports = folder(tmp_path, "Exports")
    window.select_account(small_portfolio.globex)
    file_dialog.choices += [str(exports / "globex.csv"), ""]  # the second dialog is cancelled
    exchange_actions.export_csv(window, "people")
    qtbot.waitUntil(lambda: (exports / "globex.csv").exists(), timeout=10_000)

    exchange_actions.export_json(window)

    assert Path(file_dialog.started_in[1]) == exports / "Globex.json"
    assert last_folder(FileKind.DATA_EXPORT) == exports  # cancelling forgot nothing


def test_each_kind_of_file_remembers_its_own_folder(file_dialog, tmp_path):
    plans, slides, crm = (folder(tmp_path, name) for name in ("Plans", "Slides", "CRM"))
    file_dialog.choices += [
        str(plans / "Acme plan"),  # PDF: ".pdf" is added
        str(slides / "Acme map.svg"),
        str(crm / "contacts.vcf"),
        str(slides / "Acme map 2.svg"),
        str(plans / "Globex plan.pdf"),
    ]
    assert dialogs.ask_save_pdf(None, "/home/x/Documents/Acme plan.pdf") == str(
        plans / "Acme plan.pdf"
    )
    prompts.ask_export_path(None, "Acme map.svg")
    dialogs.ask_import_file(None)
    prompts.ask_export_path(None, "Acme map.svg")
    dialogs.ask_save_pdf(None, "Globex plan.pdf")

    started = [Path(start) for start in file_dialog.started_in]
    assert started[1] == documents_folder() / "Acme map.svg"  # not where the PDF went
    assert started[2] == documents_folder()  # imports have their own folder too
    assert started[3] == slides / "Acme map.svg"
    assert started[4] == plans / "Globex plan.pdf"
    assert last_folder(FileKind.IMPORT_SOURCE) == crm


def test_a_folder_that_no_longer_exists_falls_back_to_documents(file_dialog, tmp_path):
    stick = folder(tmp_path, "USB stick")
    file_dialog.choices += [str(stick / "backup.db"), ""]
    dialogs.ask_open_database(None)
    assert last_folder(FileKind.DATABASE) == stick
    stick.rmdir()  # the stick was unplugged

    dialogs.ask_new_database(None)

    assert Path(file_dialog.started_in[1]) == documents_folder() / "keyplan.db"


def test_a_save_dialog_offers_only_the_name_of_a_suggested_path(tmp_path):
    elsewhere = folder(tmp_path, "Elsewhere")
    settings.write(FileKind.PDF_EXPORT.value, str(elsewhere))
    assert Path(start_path(FileKind.PDF_EXPORT, "/home/x/Acme plan.pdf")) == (
        elsewhere / "Acme plan.pdf"
    )
    assert Path(start_path(FileKind.PDF_EXPORT)) == elsewhere
