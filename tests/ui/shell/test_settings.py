"""Settings are written only when they change: every start and close used to write the same
last database, place and geometry again, each a sync of the settings file (about 10 ms)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from keyplan.ui.shell import settings


def _settings_file() -> Path:
    return Path(QSettings("Keyplan", "Keyplan").fileName())


def test_writing_the_value_already_stored_leaves_the_file_alone():
    settings.write(settings.FOLDER_PDF_EXPORTS, "/tmp/reports")
    settings.write(settings.RECENT_DATABASES, ["/tmp/a.db", "/tmp/b.db"])
    before = _settings_file().stat().st_mtime_ns
    _settings_file().touch()
    touched = _settings_file().stat().st_mtime_ns
    if touched == before:  # a coarse clock: make the difference visible
        import os

        os.utime(_settings_file(), ns=(before - 10**9, before - 10**9))
        touched = _settings_file().stat().st_mtime_ns

    settings.write(settings.FOLDER_PDF_EXPORTS, "/tmp/reports")
    settings.write(settings.RECENT_DATABASES, ["/tmp/a.db", "/tmp/b.db"])

    assert _settings_file().stat().st_mtime_ns == touched


def test_a_changed_value_is_written_and_read_back():
    settings.write(settings.FOLDER_PDF_EXPORTS, "/tmp/reports")
    settings.write(settings.FOLDER_PDF_EXPORTS, "/tmp/other")
    settings.write(settings.RECENT_DATABASES, ["/tmp/a.db"])

    assert settings.read(settings.FOLDER_PDF_EXPORTS) == "/tmp/other"
    assert settings.read(settings.RECENT_DATABASES) == ["/tmp/a.db"]
    assert "/tmp/other" in _settings_file().read_text(encoding="utf-8")


def test_an_empty_text_is_written_over_a_stored_one():
    settings.write(settings.USER_NAME, "Sofie")
    settings.write(settings.USER_NAME, "")

    assert settings.read(settings.USER_NAME) == ""
