"""The first start: the user's own database is created with the demo, shown as a portfolio."""

from __future__ import annotations

from keyplan.ui.shell import launch, settings
from keyplan.ui.shell.main_window import MainWindow


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


def test_quitting_while_the_dashboard_still_reads_leaves_no_traceback(tmp_path):
    """The first start opens the dashboard, which reads on a worker; quitting at once waits."""
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    # The race it guards against showed about every other run; later starts reopen the
    # dashboard too, because the user left it open.
    for _attempt in range(3):
        result = subprocess.run(
            [sys.executable, "-m", "keyplan", "--exit-when-ready"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0
        assert "Traceback" not in result.stderr
        assert (tmp_path / "data" / "Keyplan" / "keyplan.db").exists()
