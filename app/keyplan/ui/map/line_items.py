"""The lines of the map: reporting lines (one item for all of them) and influence arrows.

All reporting lines are drawn by one item, in vertical strips: a re-layout of thousands of cards
then rebuilds the paths of the strips whose lines changed instead of moving thousands of items,
and only when a paint shows them: a re-parent shifts lines far out of the window too.
While cards are dragged, the lines touching them are drawn straight to where the cards are now,
until the drop re-runs the layout.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem, QWidget
from typing_extensions import override  # typing.override arrives in 3.12

from keyplan.domain.layout import Connector
from keyplan.domain.layout.model import Point
from keyplan.exchange.map import design as design
from keyplan.store.map.queries import MapLine
from keyplan.ui.map import style

CardRect = Callable[[int], QRectF | None]
_LINE_Z = 0.5
STRIP_WIDTH = 2000.0  # scene units: about ten cards
_SELECTED_LINE_Z = 3.0
_SHAPE_WIDTH = 10.0  # where a click picks a line: 5 units either side of the curve


class ReportingLines(QGraphicsItem):
    """Every reporting line of the chart, as orthogonal connectors from the layout.

    The lines are kept in vertical strips, each its own path, so that painting the few cards
    on screen strokes the lines of those strips only, not every line of a wide chart.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(0.0)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)  # exposedRect
        self._connectors: tuple[Connector, ...] = ()
        self._moving: set[int] = set()
        # While cards are dragged: their lines, and the strips that held them drawn without
        # them (every other strip is drawn as it is).
        self._dragged_lines: list[Connector] = []
        self._without_dragged: dict[int, tuple[QRectF, QPainterPath]] = {}
        self._members: dict[int, dict[int, Connector]] = {}  # strip -> report id -> line
        self._strip_of: dict[int, int] = {}  # report id -> strip
        self._paths: dict[int, tuple[QRectF, QPainterPath]] = {}
        # Strips whose lines changed, drawn again when a paint first shows them: a rectangle
        # holding their lines from before and after (too large only costs a rebuild).
        self._stale: dict[int, QRectF] = {}
        self._live = QPainterPath()
        self._bounds = QRectF()
        self._within: QRectF | None = None  # holds every line, when the layout said so

    def set_connectors(
        self,
        connectors: tuple[Connector, ...],
        redrawn: dict[int, Connector | None] | None = None,
        within: QRectF | None = None,
    ) -> None:
        """Draw the layout's connectors, all of them as the layout says.

        Args:
            connectors: every reporting line.
            redrawn: the lines that changed since the last call (None: gone), by report id,
                when the layout knows: only the strips holding those lines (before or after)
                are redrawn.
            within: a rectangle known to hold every line (the chart's bounds: each line runs
                between two cards), which spares uniting the rectangles of every strip.
        """
        if redrawn is None or not self._members:
            self._index(connectors)
        else:
            self._redraw(redrawn)
        self._within = within
        self._connectors, self._moving = connectors, set()
        self._dragged_lines, self._without_dragged, self._live = [], {}, QPainterPath()
        self._refresh_bounds()

    def drawn_strips(self) -> list[tuple[QRectF, QPainterPath]]:
        """Every strip as it is painted: its bounding rectangle and its path."""
        self._build_stale(None)
        return list(self._paths.values())

    def _index(self, connectors: tuple[Connector, ...]) -> None:
        self._members, self._strip_of, self._stale = {}, {}, {}
        for connector in connectors:
            strip = _strip_key(connector)
            self._members.setdefault(strip, {})[connector.report_id] = connector
            self._strip_of[connector.report_id] = strip
        self._paths = {strip: _strip(lines.values()) for strip, lines in self._members.items()}

    def _redraw(self, redrawn: dict[int, Connector | None]) -> None:
        """Moves the changed lines between strips; their strips wait for a paint (stale)."""
        members, strip_of = self._members, self._strip_of
        # The strips that lost or gained a line, in the order met: strips are painted in
        # the order they went stale, and where lines of two strips cross, the last is on top.
        touched: dict[int, None] = {}
        arrived: dict[int, list[Point]] = {}  # strip -> the points of the lines it gained
        # A re-parent shifts hundreds of lines, most of them within their strip: each is taken
        # out and put back (its strip's path keeps the order of its lines), in one loop.
        for report_id, connector in redrawn.items():
            strip = strip_of.pop(report_id, None)
            if strip is not None:
                del members[strip][report_id]
                touched[strip] = None
            if connector is not None:
                points = connector.points
                strip = _strip_key(connector)
                lines = members.get(strip)
                if lines is None:
                    members[strip] = lines = {}
                lines[report_id] = connector
                strip_of[report_id] = strip
                touched[strip] = None
                gained = arrived.get(strip)
                if gained is None:
                    arrived[strip] = list(points)
                else:
                    gained.extend(points)
        for strip in touched:
            self._mark_stale(strip)
        # One rectangle per strip for all the lines it gained, not one per line.
        for strip, points in arrived.items():
            self._stale[strip] = self._stale[strip].united(_points_rect(points))
        for strip in [strip for strip in self._stale if not members[strip]]:
            del members[strip], self._stale[strip]

    def _mark_stale(self, strip: int) -> None:
        """The strip's path is out of date; its rectangle holds its lines from before."""
        if strip not in self._stale:
            old = self._paths.pop(strip, None)
            self._stale[strip] = old[0] if old is not None else QRectF()

    def _build_stale(self, exposed: QRectF | None) -> None:
        """Draw again the stale strips that show in ``exposed`` (None: all of them)."""
        for strip, rect in list(self._stale.items()):
            if exposed is None or rect.intersects(exposed):
                del self._stale[strip]
                self._paths[strip] = _strip(self._members[strip].values())

    def start_following(self, moving: set[int]) -> None:
        """Cards are about to be dragged: their lines are drawn by ``follow_cards`` from now.

        Only the strips that held those lines are drawn again without them: the others stay
        as they are, and the drop that ends the drag has only those few to let go of.
        """
        self._moving = set(moving)
        self._dragged_lines = [c for c in self._connectors if self._touches_moving(c)]
        members, strip_of = self._members, self._strip_of
        held = {strip_of[c.report_id] for c in self._dragged_lines if c.report_id in strip_of}
        self._without_dragged = {
            strip: _strip(c for c in members[strip].values() if not self._touches_moving(c))
            for strip in held
        }

    def follow_cards(self, card_rect: CardRect) -> None:
        """Draw the lines touching the dragged cards straight to where those cards are now."""
        live = QPainterPath()
        for connector in self._dragged_lines:
            manager, report = card_rect(connector.manager_id), card_rect(connector.report_id)
            if manager is not None and report is not None:
                _straight_link(live, manager, report)
        self._live = live
        self._refresh_bounds()

    @property
    def following(self) -> bool:
        """True while some cards are dragged (their lines drawn straight to them)."""
        return bool(self._moving)

    def stop_following(self) -> None:
        self._moving = set()
        self._dragged_lines, self._without_dragged, self._live = [], {}, QPainterPath()
        self._refresh_bounds()

    def _touches_moving(self, connector: Connector) -> bool:
        return connector.manager_id in self._moving or connector.report_id in self._moving

    def _refresh_bounds(self) -> None:
        bounds = self._live.boundingRect()
        if self._within is not None:
            bounds = bounds.united(self._within)
        else:
            for strip, _path in self._paths.values():  # a dragged card's strip holds less
                bounds = bounds.united(strip)
            for strip in self._stale.values():
                bounds = bounds.united(strip)
        bounds.adjust(-2.0, -2.0, 2.0, 2.0)
        if bounds != self._bounds:  # moving the item in the scene's index costs ~1 ms
            self.prepareGeometryChange()
            self._bounds = bounds
        self.update()

    @override
    def boundingRect(self) -> QRectF:
        return self._bounds

    @override
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        zoom = option.levelOfDetailFromTransform(painter.worldTransform())
        pen = QPen(style.CONNECTOR_COLOUR, max(1.6, 1.0 / max(zoom, 0.01)))
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        exposed = option.exposedRect.adjusted(-2.0, -2.0, 2.0, 2.0)
        self._build_stale(exposed)
        strips: Iterable[tuple[QRectF, QPainterPath]] = self._paths.values()
        if self._without_dragged:  # while cards are dragged
            dragged = self._without_dragged
            strips = [dragged.get(key, drawn) for key, drawn in self._paths.items()]
        for strip, path in strips:
            if strip.intersects(exposed):
                painter.drawPath(path)
        if not self._live.isEmpty():
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawPath(self._live)


def _strip_key(connector: Connector) -> int:
    return int(connector.points[0][0] // STRIP_WIDTH)


def _points_rect(points: list[Point]) -> QRectF:
    """A rectangle holding these points, a unit wider each side (never empty, for
    ``intersects``)."""
    xs, ys = zip(*points, strict=True)  # plain floats compare faster than points
    left, right = min(xs) - 1.0, max(xs) + 1.0
    top, bottom = min(ys) - 1.0, max(ys) + 1.0
    return QRectF(left, top, right - left, bottom - top)


def _strip(connectors: Iterable[Connector]) -> tuple[QRectF, QPainterPath]:
    """One strip's connectors as one path of polylines, with a rectangle holding them (a unit
    wider each side: a strip of straight vertical lines alone would have an empty one, which
    intersects nothing, and never be painted)."""
    path = QPainterPath()
    for connector in connectors:
        points = connector.points
        path.moveTo(*points[0])
        for point in points[1:]:
            path.lineTo(*point)
    return path.boundingRect().adjusted(-1.0, -1.0, 1.0, 1.0), path


def _straight_link(path: QPainterPath, manager: QRectF, report: QRectF) -> None:
    path.moveTo(manager.center().x(), manager.bottom())
    path.lineTo(report.center().x(), report.top())


class InfluenceArrow(QGraphicsItem):
    """An influence line: a curved, dashed, coloured arrow from one card to another."""

    def __init__(self, line: MapLine, names: tuple[str, str]) -> None:
        super().__init__()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        # Over the reporting lines but under the cards, so a long line never hides a name;
        # a selected line comes to the front.
        self.setZValue(_LINE_Z)
        # Painted once into a pixmap (of the part in the window, for a long line): antialiased
        # dashes cost 0.3 to 1 ms a line, and an edit that moves cards repaints the whole view.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.line = line
        kind = line.kind if line.kind in style.LINE_COLOURS else "influences"
        self.colour: QColor = style.LINE_COLOURS[kind]
        self.dashes = style.LINE_DASHES[kind]
        self.has_head = kind not in style.SYMMETRIC_KINDS
        self._path = QPainterPath()
        self._head = QPolygonF()
        self._dots: tuple[QPointF, ...] = ()  # both ends of an alliance or rivalry
        self._shape: QPainterPath | None = QPainterPath()
        self._bounds = QRectF()
        verb = {"ally": "is an ally of", "rival": "is a rival of"}.get(kind, f"— {kind} →")
        note = f"\n{line.note}" if line.note else ""
        self.setToolTip(f"{names[0]} {verb} {names[1]} (strength {line.strength}){note}")

    @property
    def line_id(self) -> int:
        return self.line.id

    def midpoint(self) -> QPointF:
        """A point halfway along the curve (where a click selects the line)."""
        return self._path.pointAtPercent(0.5)

    @override
    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: object) -> object:
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.setZValue(_SELECTED_LINE_Z if value else _LINE_Z)
        return super().itemChange(change, value)

    def set_ends(self, source: QRectF, target: QRectF) -> None:
        """Run the curve from the edge of the source card to the edge of the target card."""
        self.prepareGeometryChange()
        self._path, self._head, self._dots = influence_curve(source, target, self.has_head)
        self._shape = None  # made when a click or the rubber band asks: most moves never do
        reach = _SHAPE_WIDTH / 2 + 4.0
        self._bounds = (
            self._path.boundingRect()
            .united(self._head.boundingRect())
            .adjusted(-reach, -reach, reach, reach)
        )

    @override
    def boundingRect(self) -> QRectF:
        return self._bounds

    @override
    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(_SHAPE_WIDTH)
            self._shape = stroker.createStroke(self._path)
            self._shape.addPolygon(self._head)
        return self._shape

    @override
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        width = 1.4 + 0.5 * self.line.strength
        if option.state & QStyle.StateFlag.State_Selected:
            halo = QColor(style.SELECTION_COLOUR)
            halo.setAlpha(90)
            halo_pen = QPen(halo, width + 7.0)
            halo_pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(halo_pen)
            painter.drawPath(self._path)
        pen = QPen(self.colour, width)
        pen.setDashPattern(self.dashes)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colour)
        if self.has_head:
            painter.drawPolygon(self._head)
        for dot in self._dots:
            painter.drawEllipse(dot, style.END_DOT_RADIUS, style.END_DOT_RADIUS)


def influence_curve(
    source: QRectF, target: QRectF, with_head: bool
) -> tuple[QPainterPath, QPolygonF, tuple[QPointF, ...]]:
    """The curve of ``map_design.influence_curve`` between two cards, as a Qt path, its arrow
    head and its end dots: the same marks as the exported pictures and the printed map."""
    curve = design.influence_curve(_box(source), _box(target), with_head)
    if curve is None:
        return QPainterPath(), QPolygonF(), ()
    path = QPainterPath(QPointF(*curve.start))
    path.quadTo(QPointF(*curve.control), QPointF(*curve.end))
    head = QPolygonF([QPointF(*point) for point in curve.head])
    return path, head, tuple(QPointF(*point) for point in curve.end_dots)


def _box(rect: QRectF) -> tuple[float, float, float, float]:
    return (rect.x(), rect.y(), rect.width(), rect.height())
