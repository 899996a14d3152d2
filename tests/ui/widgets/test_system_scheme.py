"""The system's colour scheme read as Qt's number answers what Qt's own call answers."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt

from keyplan.ui.widgets import system_scheme


def test_the_numbers_are_qts():
    assert Qt.ColorScheme.Unknown.value == system_scheme.UNKNOWN
    assert Qt.ColorScheme.Light.value == system_scheme.LIGHT
    assert Qt.ColorScheme.Dark.value == system_scheme.DARK


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the direct read is Linux's")
def test_on_linux_the_scheme_is_read_directly(qapp):
    assert system_scheme.native_reader() is not None


@pytest.mark.parametrize("direct", [True, False])
def test_the_answer_is_qts_whichever_way_it_is_read(qapp, monkeypatch, direct):
    # The platforms a test runs on here (offscreen, Xvfb) answer Unknown and ignore
    # setColorScheme: the read is checked against whatever Qt's own call answers.
    if not direct:
        monkeypatch.setattr(system_scheme, "native_reader", lambda: None)
    hints = qapp.styleHints()
    answer = system_scheme.system_colour_scheme(hints)
    assert answer == hints.colorScheme().value
    assert answer in (system_scheme.UNKNOWN, system_scheme.LIGHT, system_scheme.DARK)


def test_a_dark_system_gets_the_dark_palette(qapp, monkeypatch):
    from PySide6.QtGui import QPalette

    from keyplan.ui.widgets import theme

    style, before = qapp.style().name(), QPalette(qapp.palette())
    monkeypatch.delenv(theme.SCHEME_VARIABLE, raising=False)
    monkeypatch.setattr(theme, "system_colour_scheme", lambda _hints: system_scheme.DARK)
    try:
        theme.follow_system_colour_scheme(qapp)
        assert theme.is_dark()
    finally:
        qapp.setPalette(before)
        qapp.setStyle(style)
