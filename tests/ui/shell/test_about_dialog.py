"""Help › About: what the user learns there, and the buttons that open the data folders."""

from __future__ import annotations

import platform
from importlib.metadata import metadata
from importlib.metadata import version as installed_version
from pathlib import Path

import pytest
from PySide6.QtCore import qVersion

from keyplan.paths import default_database_path
from keyplan.ui import dialogs
from keyplan.ui.shell.about_dialog import AboutDialog, AboutFacts
from keyplan.ui.shell.app_icon import application_icon
from keyplan.ui.shell.main_window import MainWindow


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders the dialog asked the desktop to open (nothing is really opened)."""
    folders: list[str] = []
    monkeypatch.setattr(dialogs, "open_in_desktop", folders.append)
    return folders


def open_about(window: MainWindow, qtbot) -> AboutDialog:
    help_menu = next(
        action.menu() for action in window.menuBar().actions() if action.text() == "&Help"
    )
    about = next(action for action in help_menu.actions() if action.text() == "&About Keyplan")
    about.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None, "Help › About Keyplan opened no About dialog"
    qtbot.waitExposed(dialog)
    return dialog


def facts(tmp_path: Path, **changes: object) -> AboutFacts:
    values: dict[str, object] = {
        "version": "1.2.3",
        "licence": "MIT",
        "database": str(tmp_path / "elsewhere" / "team.db"),
        "database_folder": tmp_path / "elsewhere",
        "data_folder": tmp_path / "Keyplan",
        "qt_version": "6.9.0",
        "pyside_version": "6.9.0",
        "python_version": "3.12.1",
    }
    values.update(changes)
    return AboutFacts(**values)  # type: ignore[arg-type]


def test_about_shows_version_licence_database_and_the_versions_below(window, qtbot, db_path):
    dialog = open_about(window, qtbot)

    assert dialog.isModal(), "About must not let the user edit behind it"
    heading = dialog.title_label.text()
    assert f"Version {installed_version('keyplan')}" in heading
    assert f"Licence: {metadata('keyplan')['License']}" in heading
    assert dialog.database_label.text() == str(db_path)
    assert dialog.data_folder_label.text() == str(default_database_path().parent)
    assert f"Qt {qVersion()}" in dialog.versions_label.text()
    assert f"Python {platform.python_version()}" in dialog.versions_label.text()
    assert dialog.icon_label.pixmap().width() == 64 * dialog.icon_label.pixmap().devicePixelRatio()


def test_the_application_icon_has_every_size_a_desktop_asks_for(qtbot):
    icon = application_icon()

    sizes = {size.width() for size in icon.availableSizes()}
    assert sizes >= {16, 32, 48, 64, 128, 256}
    small = icon.pixmap(16, 16).toImage()
    assert small.width() == 16
    # Drawn, not blank: the corner is transparent, a report card at the bottom left white.
    assert small.pixelColor(0, 0).alpha() == 0
    assert small.pixelColor(4, 12).lightness() > 200


def test_closing_about_leaves_the_window_as_it_was(window, qtbot):
    dialog = open_about(window, qtbot)
    title = window.windowTitle()
    with qtbot.waitSignal(dialog.destroyed):
        dialog.reject()
    assert window.findChild(AboutDialog) is None
    assert window.windowTitle() == title


def test_open_data_folder_asks_the_desktop_to_show_it(qtbot, tmp_path, opened):
    (tmp_path / "Keyplan").mkdir()
    dialog = AboutDialog(facts(tmp_path))
    qtbot.addWidget(dialog)

    dialog.open_data_button.click()

    assert opened == [str(tmp_path / "Keyplan")]


def test_a_database_outside_the_data_folder_gets_a_button_of_its_own(qtbot, tmp_path, opened):
    (tmp_path / "Keyplan").mkdir()
    dialog = AboutDialog(facts(tmp_path))
    qtbot.addWidget(dialog)

    assert dialog.open_database_button is not None
    dialog.open_database_button.click()

    assert opened == [str(tmp_path / "elsewhere")]


def test_a_database_in_the_data_folder_needs_no_second_button(qtbot, tmp_path):
    folder = tmp_path / "Keyplan"
    dialog = AboutDialog(
        facts(tmp_path, database=str(folder / "keyplan.db"), database_folder=folder)
    )
    qtbot.addWidget(dialog)

    assert dialog.open_database_button is None


def test_a_data_folder_never_created_cannot_be_opened(qtbot, tmp_path, opened):
    dialog = AboutDialog(facts(tmp_path))  # tmp_path / "Keyplan" does not exist
    qtbot.addWidget(dialog)

    assert not dialog.open_data_button.isEnabled()
    assert "does not exist" in dialog.open_data_button.toolTip()
    dialog.open_data_button.click()  # a disabled button does nothing
    assert opened == []


def test_a_team_database_shows_its_address_and_no_folder_button(qtbot, tmp_path):
    address = "postgresql+psycopg://ann:***@db.example.com/keyplan"
    dialog = AboutDialog(facts(tmp_path, database=address, database_folder=None))
    qtbot.addWidget(dialog)

    assert dialog.database_label.text() == address
    assert dialog.open_database_button is None


def test_paths_are_shown_as_plain_text_not_markup(qtbot, tmp_path):
    odd = str(tmp_path / "<b>R&D</b>" / "keyplan.db")
    dialog = AboutDialog(facts(tmp_path, database=odd))
    qtbot.addWidget(dialog)

    assert dialog.database_label.text() == odd
    assert dialog.database_label.textFormat().name == "PlainText"
