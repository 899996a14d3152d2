"""A wrapped label answers the heights a plain QLabel would, laying its text out once a width."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from keyplan.ui.widgets.wrapped_label import WrappedLabel

TEXT = "63 people across 4 companies · 12 decision makers · 6 champions, 1 blocker " * 3


def _plain(text: str, font: QFont | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if font is not None:
        label.setFont(font)
    return label


def test_the_heights_are_those_of_a_wrapped_qlabel(qtbot):
    label = WrappedLabel(TEXT)
    qtbot.addWidget(label)
    plain = _plain(TEXT)
    qtbot.addWidget(plain)
    for width in (120, 300, 300, 650, 120, 2000):
        assert label.heightForWidth(width) == plain.heightForWidth(width)


def test_a_width_asked_again_is_not_laid_out_again(qtbot, monkeypatch):
    label = WrappedLabel(TEXT)
    qtbot.addWidget(label)
    laid_out = []
    measure = QLabel.heightForWidth
    monkeypatch.setattr(QLabel, "heightForWidth", lambda s, w: laid_out.append(w) or measure(s, w))
    for width in (300, 300, 650, 300, 650):
        label.heightForWidth(width)
    assert laid_out == [300, 650]


def test_new_text_and_a_new_font_are_measured_afresh(qtbot):
    label = WrappedLabel(TEXT)
    qtbot.addWidget(label)
    narrow = label.heightForWidth(200)
    label.setText("short")
    assert label.heightForWidth(200) == _plain("short").heightForWidth(200) < narrow
    big = QFont(label.font())
    big.setPixelSize(30)
    label.setFont(big)
    assert label.heightForWidth(200) == _plain("short", big).heightForWidth(200)
    assert label.heightForWidth(200) > _plain("short").heightForWidth(200)
