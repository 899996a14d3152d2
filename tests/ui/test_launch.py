"""The first start: the user's own database is created with the demo, shown as a portfolio."""

from __future__ import annotations

from keyplan.ui import launch, settings
from keyplan.ui.main_window import MainWindow


def test_the_first_start_fills_the_demo_and_opens_on_the_dashboard(qtbot, tmp_path, monkeypatch):
    own = tmp_path / "data" / "keyplan.db"
    monkeypatch.setattr("keyplan.paths.default_database_path", lambda: own)
    monkeypatch.setattr(settings, "read", _fresh_settings(settings.read))
    document = launch._first_document(None)
    assert document is not None and own.exists()
    assert len(document.portfolio()) >= 5  # the demo's accounts
    window = MainWindow(document, launch.open_document)
    qtbot.addWidget(window)
    assert window.pages.currentWidget() is window.dashboard
    assert not window.tree.isVisibleTo(window)  # the dashboard lists the accounts itself


def test_a_second_start_reopens_the_same_file_without_a_second_demo(qtbot, tmp_path, monkeypatch):
    own = tmp_path / "data" / "keyplan.db"
    monkeypatch.setattr("keyplan.paths.default_database_path", lambda: own)
    monkeypatch.setattr(settings, "read", _fresh_settings(settings.read))
    first = launch._first_document(None)
    accounts = len(first.portfolio())
    first.database.close()
    second = launch._open_default_database()
    assert len(second.portfolio()) == accounts
    second.database.close()


def _fresh_settings(real_read):
    """Settings as on a machine that never ran Keyplan, except what this test writes."""

    def read(setting):
        if setting is settings.LAST_DATABASE:
            return ""
        return real_read(setting)

    return read
