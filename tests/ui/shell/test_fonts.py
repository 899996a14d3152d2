"""Names in any script show on screen, even on a machine without Chinese fonts."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QRawFont

from keyplan.ui.shell.fonts import register_fallback_fonts


def test_the_bundled_fallback_font_is_registered_and_draws_chinese(qapp):
    assert register_fallback_fonts()
    assert "Droid Sans Fallback" in QFontDatabase.families()
    raw = QRawFont.fromFont(QFont("Droid Sans Fallback", 12))
    assert all(raw.supportsCharacter(ord(character)) for character in "王芳山田太郎")
