"""The dashboard's trend line carries its scale: the last month's count and the busiest's."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from keyplan.ui.insights.sparkline import SCALE_WIDTH, paint_scale, scale_labels


def test_the_labels_are_the_last_value_and_the_peak():
    assert scale_labels([2, 7, 0, 3]) == ("3", "max 7")
    assert scale_labels([]) == ("", "")


def test_the_labels_are_painted_inside_the_cell(qapp):
    image = QImage(SCALE_WIDTH, 24, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_scale(painter, QRectF(0, 0, SCALE_WIDTH, 24), [1, 17, 4])
    painter.end()
    dark = [
        x
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).lightness() < 200
    ]
    assert dark, "something was drawn"
    assert min(dark) > 0, "'max 17' is not cut at the left edge"
