"""The coverage grid as a heat map: departments down, levels across, painted with QPainter.

Each cell is coloured by the best relationship in it and says "engaged/known"; a diamond marks
a cell where a decision maker sits (red when nobody there is engaged). Clicking a cell with
people in it announces it, so the tab can list those people next to the map.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from keyplan.domain.insights import Coverage, CoverageCell
from keyplan.domain.vocabulary import Level
from keyplan.reports.insights.insights_text import cell_line, level_name
from keyplan.ui.insights import palette
from keyplan.ui.widgets import theme

CellKey = tuple[str, Level | None]

MARGIN = 4
MIN_CELL_WIDTH = 64
MAX_LABEL_WIDTH = 190
DIAMOND = 5  # half-width of the decision-maker marker, in pixels


@dataclass(frozen=True)
class _Geometry:
    """Where things go, worked out once per size and font (not on every paint)."""

    label_width: int
    header_height: int
    cell_width: int
    cell_height: int

    def cell_rect(self, row: int, column: int) -> QRect:
        left = MARGIN + self.label_width + column * self.cell_width
        top = MARGIN + self.header_height + row * self.cell_height
        return QRect(left, top, self.cell_width, self.cell_height)


class CoverageHeatMap(QWidget):
    """Paints a ``Coverage`` and reports clicks on its cells."""

    cell_clicked = Signal(str, object)  # department, level (a Level, or None for "unknown")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.coverage: Coverage | None = None
        self.selected: CellKey | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Coverage heat map")

    # ---- data ---------------------------------------------------------------------------

    def set_coverage(self, coverage: Coverage | None) -> None:
        """Show a grid (None: nothing); a selected cell that still exists stays selected."""
        self.coverage = coverage
        if self.selected is not None and not self._has(self.selected):
            self.selected = None
        self.updateGeometry()
        self.update()

    def select_cell(self, department: str | None, level: Level | None) -> None:
        """Outline one cell (None: no cell)."""
        self.selected = None if department is None else (department, level)
        self.update()

    def cell(self, department: str, level: Level | None) -> CoverageCell:
        assert self.coverage is not None
        return self.coverage.cell(department, level)

    def cell_rect(self, department: str, level: Level | None) -> QRect:
        """Where a cell is drawn (an empty rectangle when the grid has no such cell)."""
        if self.coverage is None or not self._has((department, level)):
            return QRect()
        row = self.coverage.departments.index(department)
        column = self.coverage.levels.index(level)
        return self._geometry().cell_rect(row, column)

    def cell_at(self, point: QPoint) -> CellKey | None:
        """The cell under a point, or None."""
        if self.coverage is None:
            return None
        geometry = self._geometry()
        x = point.x() - MARGIN - geometry.label_width
        y = point.y() - MARGIN - geometry.header_height
        if x < 0 or y < 0:
            return None
        column, row = x // geometry.cell_width, y // geometry.cell_height
        if row >= len(self.coverage.departments) or column >= len(self.coverage.levels):
            return None
        return self.coverage.departments[row], self.coverage.levels[column]

    def _has(self, key: CellKey) -> bool:
        assert self.coverage is not None
        return key[0] in self.coverage.departments and key[1] in self.coverage.levels

    # ---- geometry -----------------------------------------------------------------------

    def _geometry(self) -> _Geometry:
        metrics = QFontMetrics(self.font())
        departments = self.coverage.departments if self.coverage else ()
        levels = self.coverage.levels if self.coverage else ()
        label = max((metrics.horizontalAdvance(d) for d in departments), default=60) + 16
        header = max((metrics.horizontalAdvance(level_name(v)) for v in levels), default=0)
        return _Geometry(
            label_width=min(label, MAX_LABEL_WIDTH),
            header_height=metrics.height() + 10,
            cell_width=max(MIN_CELL_WIDTH, header + 16),
            cell_height=max(30, metrics.height() + 14),
        )

    def sizeHint(self) -> QSize:
        geometry = self._geometry()
        rows = len(self.coverage.departments) if self.coverage else 1
        columns = len(self.coverage.levels) if self.coverage else len(Level)
        return QSize(
            2 * MARGIN + geometry.label_width + columns * geometry.cell_width,
            2 * MARGIN + geometry.header_height + max(rows, 1) * geometry.cell_height,
        )

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    # ---- painting -----------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.coverage is None or not self.coverage.departments:
            painter.setPen(theme.readable(palette.MUTED))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Nobody known yet")
            return
        geometry = self._geometry()
        self._paint_headers(painter, geometry)
        for row, department in enumerate(self.coverage.departments):
            for column, level in enumerate(self.coverage.levels):
                cell = self.coverage.cells.get((department, level))
                self._paint_cell(painter, geometry.cell_rect(row, column), cell)
        if self.selected is not None:
            rect = self.cell_rect(*self.selected)
            painter.setPen(QPen(theme.readable(palette.LINK), 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))

    def _paint_headers(self, painter: QPainter, geometry: _Geometry) -> None:
        assert self.coverage is not None
        painter.setPen(theme.readable(palette.MUTED))
        bold = QFont(self.font())
        bold.setBold(True)
        painter.setFont(bold)
        for column, level in enumerate(self.coverage.levels):
            rect = geometry.cell_rect(0, column)
            header = QRect(rect.left(), MARGIN, rect.width(), geometry.header_height)
            painter.drawText(header, Qt.AlignmentFlag.AlignCenter, level_name(level))
        painter.setFont(self.font())
        painter.setPen(theme.colour(theme.SECONDARY))
        metrics = QFontMetrics(self.font())
        for row, department in enumerate(self.coverage.departments):
            rect = geometry.cell_rect(row, 0)
            label = QRect(MARGIN, rect.top(), geometry.label_width - 8, rect.height())
            text = metrics.elidedText(department, Qt.TextElideMode.ElideRight, label.width())
            painter.drawText(
                label, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text
            )

    def _paint_cell(self, painter: QPainter, rect: QRect, cell: CoverageCell | None) -> None:
        inner = rect.adjusted(2, 2, -2, -2)
        if cell is None or not cell.person_ids:
            painter.setPen(QPen(palette.EMPTY_BORDER, 1, Qt.PenStyle.DotLine))
            painter.setBrush(palette.EMPTY_CELL)
            painter.drawRoundedRect(inner, 3, 3)
            return
        fill = palette.STRENGTH_FILL[cell.best_strength]
        painter.setPen(QPen(fill.darker(115), 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(inner, 3, 3)
        font = QFont(self.font())
        font.setBold(cell.engaged)
        painter.setFont(font)
        painter.setPen(palette.text_on(fill))
        text = f"{cell.engaged_count}/{len(cell.person_ids)}"
        painter.drawText(inner, Qt.AlignmentFlag.AlignCenter, text)
        painter.setFont(self.font())
        if cell.has_decision_maker:
            self._paint_diamond(painter, inner, uncovered=not cell.engaged)

    def _paint_diamond(self, painter: QPainter, rect: QRect, *, uncovered: bool) -> None:
        centre = QPointF(rect.right() - DIAMOND - 2, rect.top() + DIAMOND + 2)
        diamond = QPolygonF(
            [
                centre + QPointF(0, -DIAMOND),
                centre + QPointF(DIAMOND, 0),
                centre + QPointF(0, DIAMOND),
                centre + QPointF(-DIAMOND, 0),
            ]
        )
        painter.setPen(QPen(QColor("#ffffff"), 1))
        painter.setBrush(palette.RED if uncovered else QColor("#1a237e"))
        painter.drawPolygon(diamond)

    # ---- the mouse ----------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        key = self.cell_at(event.position().toPoint())
        if key is None or event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.select_cell(*key)
        self.cell_clicked.emit(key[0], key[1])

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        key = self.cell_at(event.position().toPoint())
        has_people = key is not None and bool(self.cell(*key).person_ids)
        cursor = Qt.CursorShape.PointingHandCursor if has_people else Qt.CursorShape.ArrowCursor
        self.setCursor(cursor)
        super().mouseMoveEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            key = self.cell_at(event.pos())
            if key is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), cell_line(self.cell(*key)), self)
            return True
        return super().event(event)
