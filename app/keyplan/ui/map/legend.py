"""The map's legend: what the colours, badges, markers and line styles mean.

Painted by one function, so the legend on screen and the one in an exported picture agree.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget
from typing_extensions import override  # typing.override arrives in 3.12

from keyplan.domain.plan_vocabulary import InfluenceKind
from keyplan.domain.vocabulary import Stance
from keyplan.exchange.map import design
from keyplan.ui.map import style

ROW_HEIGHT = 18.0
BADGE_TEXT = style.LEGEND_BADGES  # the same words as the SVG's and the PDF's legends
# On screen the band carries no letter: an uncertain stance is a "?" badge after it. One row
# with the marks (a fifth row would hide more of the chart behind the legend).
MARKS_TEXT = style.LEGEND_MARKS + " · dashed card, ?, DM?, H?: a rating without recent evidence"
DOTTED_LABEL, SEAT_LABEL = design.DOTTED_LABEL, design.VACANCY_LABEL  # as in every picture


def legend_font() -> QFont:
    font = QFont()
    font.setPixelSize(11)
    return font


def legend_size(width: float | None = None) -> QSize:
    """The size ``paint_legend`` needs: its rows as wide as the widest, or, within ``width``,
    the two rows of words wrapped to it (the colours and lines stay one row each)."""
    metrics = QFontMetricsF(legend_font())
    samples = max(_stance_row_width(metrics), _line_row_width(metrics))
    words = max(metrics.horizontalAdvance(BADGE_TEXT), metrics.horizontalAdvance(MARKS_TEXT))
    room = max(samples, min(words, width)) if width is not None else max(samples, words)
    rows = 2 + sum(_rows_of(metrics, text, room) for text in (BADGE_TEXT, MARKS_TEXT))
    return QSize(int(room) + 1, int(rows * ROW_HEIGHT) + 1)


def paint_legend(painter: QPainter, origin: QPointF, width: float | None = None) -> None:
    """Paint the legend's rows with their top-left corner at ``origin``; the rows of words
    wrap within ``width`` when one is given (``legend_size(width)``)."""
    painter.save()
    painter.setFont(legend_font())
    metrics = QFontMetricsF(legend_font())
    room = float(legend_size(width).width())
    x, y = origin.x(), origin.y()
    for stance in Stance:
        x = _swatch(painter, metrics, x, y, stance.value, stance.label)
    x = origin.x()
    y += ROW_HEIGHT
    for kind in InfluenceKind:
        x = _line_sample(painter, metrics, x, y, kind.value, kind.label)
    x = _matrix_samples(painter, metrics, x, y)
    painter.setPen(style.MUTED_INK)
    y += ROW_HEIGHT
    for text in (BADGE_TEXT, MARKS_TEXT):
        height = _rows_of(metrics, text, room) * ROW_HEIGHT
        painter.drawText(QRectF(origin.x(), y, room, height), _WRAPPED, text)
        y += height
    painter.restore()


def _rows_of(metrics: QFontMetricsF, text: str, width: float) -> int:
    """How many legend rows ``text`` takes, wrapped between words within ``width``."""
    lines = metrics.boundingRect(QRectF(0.0, 0.0, width, 1e6), _WRAPPED, text).height()
    return max(1, round(lines / metrics.lineSpacing()))


_WRAPPED = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
_LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _swatch(
    painter: QPainter, metrics: QFontMetricsF, x: float, y: float, stance: str, label: str
) -> float:
    painter.setPen(QPen(style.STANCE_EDGE[stance], 1.2))
    painter.setBrush(style.STANCE_FILL[stance])
    painter.drawRoundedRect(QRectF(x, y + 4.0, 16.0, 11.0), 2.0, 2.0)
    painter.fillRect(QRectF(x, y + 4.0, 4.0, 11.0), style.STANCE_EDGE[stance])
    painter.setPen(style.INK)
    painter.drawText(QRectF(x + 20.0, y, 200.0, ROW_HEIGHT), _LEFT_MIDDLE, label)
    return x + 20.0 + metrics.horizontalAdvance(label) + 12.0


def _line_sample(
    painter: QPainter, metrics: QFontMetricsF, x: float, y: float, kind: str, label: str
) -> float:
    pen = QPen(style.LINE_COLOURS[kind], 2.0)
    pen.setDashPattern(style.LINE_DASHES[kind])
    painter.setPen(pen)
    middle = y + ROW_HEIGHT / 2
    painter.drawLine(QPointF(x, middle), QPointF(x + 26.0, middle))
    # The same ends as the lines on the map: an arrow head, or a dot at both ends.
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.LINE_COLOURS[kind])
    if kind in style.SYMMETRIC_KINDS:
        for end in (x, x + 26.0):
            painter.drawEllipse(QPointF(end, middle), 3.0, 3.0)
    else:
        tip = x + 28.0
        head = [QPointF(tip, middle), QPointF(tip - 8, middle - 4), QPointF(tip - 8, middle + 4)]
        painter.drawPolygon(QPolygonF(head))
    painter.setPen(style.INK)
    painter.drawText(QRectF(x + 30.0, y, 200.0, ROW_HEIGHT), _LEFT_MIDDLE, label)
    return x + 30.0 + metrics.horizontalAdvance(label) + 12.0


def _matrix_samples(painter: QPainter, metrics: QFontMetricsF, x: float, y: float) -> float:
    """A dotted reporting line and an open position (a dashed seat), after the line kinds."""
    pen = QPen(style.DOTTED_COLOUR, 2.0)
    pen.setDashPattern(list(design.DOTTED_DASHES))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    middle = y + ROW_HEIGHT / 2
    painter.drawLine(QPointF(x, middle), QPointF(x + 26.0, middle))
    painter.setPen(style.INK)
    painter.drawText(QRectF(x + 30.0, y, 200.0, ROW_HEIGHT), _LEFT_MIDDLE, DOTTED_LABEL)
    x += 30.0 + metrics.horizontalAdvance(DOTTED_LABEL) + 12.0
    painter.setPen(QPen(style.MUTED_INK, 1.2, Qt.PenStyle.DashLine))
    painter.setBrush(style.VACANCY_FILL)
    painter.drawRoundedRect(QRectF(x, y + 4.0, 16.0, 11.0), 2.0, 2.0)
    painter.setPen(style.INK)
    painter.drawText(QRectF(x + 20.0, y, 200.0, ROW_HEIGHT), _LEFT_MIDDLE, SEAT_LABEL)
    return x + 20.0 + metrics.horizontalAdvance(SEAT_LABEL) + 12.0


def _stance_row_width(metrics: QFontMetricsF) -> float:
    return sum(20.0 + metrics.horizontalAdvance(s.label) + 12.0 for s in Stance)


def _line_row_width(metrics: QFontMetricsF) -> float:
    kinds = sum(30.0 + metrics.horizontalAdvance(k.label) + 12.0 for k in InfluenceKind)
    return (
        kinds
        + 30.0
        + metrics.horizontalAdvance(DOTTED_LABEL)
        + 12.0
        + 20.0
        + (metrics.horizontalAdvance(SEAT_LABEL) + 12.0)
    )


class LegendPanel(QWidget):
    """The legend floating in a corner of the map's view."""

    MARGIN = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._width: float | None = None
        self.fit_width(None)

    def fit_width(self, width: float | None) -> None:
        """At most ``width`` pixels wide (the view's): the rows of words wrap to it, rather than
        run past the view's edge, cut."""
        self._width = None if width is None else width - 2 * self.MARGIN
        size = legend_size(self._width)
        self.setFixedSize(size.width() + 2 * self.MARGIN, size.height() + 2 * self.MARGIN)

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(style.LEGEND_EDGE, 1.0))
        painter.setBrush(style.LEGEND_FACE)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6.0, 6.0)
        paint_legend(painter, QPointF(self.MARGIN, self.MARGIN), self._width)
        painter.end()
