"""A small trend line: interactions per month, drawn with QPainter in a table cell.

The shape says at a glance whether contact is drying up, steady or picking up; beside it, the
last month's count and the busiest month's ("3 / max 7") give the line its scale, since a line
scaled to its own peak looks the same at 1 and at 40 a month. The tooltip has every month.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget
from typing_extensions import override  # typing.override arrives in 3.12

from keyplan.ui.widgets import theme

LINE = theme.LINK
AREA = QColor(21, 101, 192, 40)
LAST_POINT = theme.LAST_POINT
EMPTY = QColor("#b0bec5")


def sparkline_points(values: Sequence[int], rect: QRectF) -> list[QPointF]:
    """Where each value goes in ``rect``: evenly spaced, zero at the bottom, the peak at the top.

    Args:
        values: the counts, oldest first.
        rect: the area to draw in.

    Returns:
        One point per value (none for no values).
    """
    if not values:
        return []
    peak = max(max(values), 1)
    step = rect.width() / max(len(values) - 1, 1)
    return [
        QPointF(rect.left() + n * step, rect.bottom() - rect.height() * value / peak)
        for n, value in enumerate(values)
    ]


def paint_sparkline(painter: QPainter, rect: QRectF, values: Sequence[int]) -> None:
    """Draw a trend line with a light area under it and a dot on the latest value.

    A flat line at the bottom, in grey, means no interactions at all in the period.
    """
    points = sparkline_points(values, rect)
    if not points:
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if max(values) == 0:
        painter.setPen(QPen(EMPTY, 1.2, Qt.PenStyle.DashLine))
        painter.drawLine(points[0], points[-1])
        painter.restore()
        return
    line = QPainterPath(points[0])
    for point in points[1:]:
        line.lineTo(point)
    area = QPainterPath(line)
    area.lineTo(QPointF(points[-1].x(), rect.bottom()))
    area.lineTo(QPointF(points[0].x(), rect.bottom()))
    area.closeSubpath()
    painter.fillPath(area, AREA)
    painter.setPen(QPen(theme.colour(LINE), 1.5))
    painter.drawPath(line)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(theme.colour(LAST_POINT))
    painter.drawEllipse(points[-1], 2.5, 2.5)
    painter.restore()


SCALE_WIDTH = 44  # the labels to the right of the line
LABEL = theme.SECONDARY
MUTED_LABEL = theme.MUTED


def scale_labels(values: Sequence[int]) -> tuple[str, str]:
    """The last value and the peak, as printed beside the line: ("3", "max 7")."""
    if not values:
        return "", ""
    return str(values[-1]), f"max {max(values)}"


def paint_scale(painter: QPainter, rect: QRectF, values: Sequence[int]) -> None:
    """The last month's count (bold, level with the line's end) over the busiest month's."""
    last, peak = scale_labels(values)
    if not last:
        return
    painter.save()
    font = painter.font()
    font.setPointSizeF(max(font.pointSizeF() * 0.8, 6.5))
    halves = (QRectF(rect.left(), rect.top(), rect.width(), rect.height() / 2),
              QRectF(rect.left(), rect.center().y(), rect.width(), rect.height() / 2))  # fmt: skip
    align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    painter.setFont(font)
    painter.setPen(theme.colour(MUTED_LABEL))
    painter.drawText(halves[0], align, peak)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(theme.colour(LABEL))
    painter.drawText(halves[1], align, last)
    painter.restore()


class SparklineDelegate(QStyledItemDelegate):
    """Paints the sequence a model gives under ``values_role`` as a sparkline."""

    def __init__(self, values_role: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values_role = values_role

    @override
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # The style draws the cell's background and selection; the line goes on top.
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter)
        values = index.data(self.values_role) or ()
        rect = QRectF(option.rect).adjusted(6, 5, -6, -5)
        line = rect.adjusted(0, 0, -SCALE_WIDTH - 4, 0)
        paint_sparkline(painter, line, values)
        paint_scale(painter, rect.adjusted(rect.width() - SCALE_WIDTH, -3, 0, 3), values)

    @override
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(150, 24)
