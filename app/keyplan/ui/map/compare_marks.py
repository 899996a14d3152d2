"""What changed between two dates, drawn over the map's cards: one decoration layer.

The cards are not touched: one item above them paints every mark (a pill "NEW", a faded and
crossed card for who left, a dashed line from a moved card to where it was, a before → after
badge under a changed card), so the map's own drawing stays as it is and the marks go away
by removing one item. People deleted since the first date have no card; they get a faded,
crossed ghost card in a row under the map. The layer takes no mouse button: dragging, clicking
and selecting work through it as without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget
from typing_extensions import override

from keyplan.domain.history.compare import CHANGED, JOINED, LEFT, MOVED, MapChange
from keyplan.domain.history.wording import Names, badge_text
from keyplan.ui.map import style

NEW_COLOUR = QColor("#1e8e3e")
LEFT_COLOUR = QColor("#c5221f")
MOVED_COLOUR = QColor("#e37400")
BADGE_FILL = QColor("#fff8e1")
BADGE_EDGE = QColor("#f9ab00")
GHOST_GAP = 60.0
MOST_BADGE_LINES = 3
WORDS_FROM_SCALE = 0.4  # below this zoom the marks' words are unreadable: not drawn
#: Below this zoom a card is a block of colour (``style.BLOCK_ZOOM``): so are its marks, drawn
#: a colour at a time in one call each (thousands of marks, one by one, cost 1.5 s to paint).
BATCH_BELOW_SCALE = style.BLOCK_ZOOM


_NOWHERE = QRectF()  # every mark's reach until it is built: shared, never changed in place


def _nowhere() -> QRectF:
    return _NOWHERE  # not a new QRectF per card: thousands are made, each replaced at once


@dataclass(slots=True)
class CardMarks:
    """The marks of one card: where it is, and what to draw on it."""

    rect: QRectF
    joined: bool = False
    left: bool = False
    ghost_name: str | None = None  # a person with no card any more (deleted)
    moved_from: QPointF | None = None  # the old manager's card, when it is on the map
    moved_label: str | None = None
    badges: list[MapChange] = field(default_factory=list)  # worded only when painted
    reach: QRectF = field(default_factory=_nowhere)  # where its marks paint (set once built)


class CompareMarks(QGraphicsItem):
    """The marks of one comparison, over the cards of the map."""

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(5.0)  # above cards (1) and lines
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        # Qt fills ``exposedRect`` with the part being painted only with this flag; without
        # it every mark of a large map was painted at every repaint, seen or not.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)
        self.marks: dict[int, CardMarks] = {}
        self.names = Names({}, {})
        self._bounds = QRectF()
        self._font = QFont()
        self._font.setPointSizeF(7.5)
        self._bold = QFont(self._font)
        self._bold.setBold(True)

    def show_changes(
        self,
        changes: list[MapChange],
        card_rects: dict[int, QRectF],
        names: Names,
        below: QRectF,
    ) -> None:
        """Mark these changes on the cards at ``card_rects`` (scene rects, by person id).

        ``below``: the area of the map; ghost cards of deleted people go in a row under it.
        """
        self.prepareGeometryChange()
        self.marks = {}
        self.names = names
        ghosts = 0
        marks_of, rect_of = self.marks, card_rects.get
        for change in changes:
            person = change.person_id
            rect = rect_of(person)
            if rect is None:
                if change.kind != LEFT:
                    continue  # a card filtered out of view: nothing to mark
                rect = _ghost_rect(below, ghosts)
                ghosts += 1
                marks_of[person] = CardMarks(rect, left=True, ghost_name=change.name)
                continue
            marks = marks_of.get(person)
            if marks is None:  # not setdefault: most people have several changes
                marks = marks_of[person] = CardMarks(rect)
            if change.kind == CHANGED:  # most changes of a year: a line of the badge
                marks.badges.append(change)
            else:
                _add(marks, change, card_rects, names)
        bounds = QRectF()
        for marks in marks_of.values():
            marks.reach = reach = _reach(marks)
            bounds = bounds.united(reach)
        self._bounds = bounds
        self.update()

    def clear(self) -> None:
        self.show_changes([], {}, Names({}, {}), QRectF())

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
        exposed = option.exposedRect  # type: ignore[attr-defined]
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Too small to read (the whole tree in view): colours and shapes only, no words.
        scale = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        shown = [marks for marks in self.marks.values() if marks.reach.intersects(exposed)]
        if scale < BATCH_BELOW_SCALE:
            _paint_far(painter, shown)
            return
        words = scale >= WORDS_FROM_SCALE
        for marks in shown:
            self._paint_card_marks(painter, marks, words)

    def _paint_card_marks(self, painter: QPainter, marks: CardMarks, words: bool) -> None:
        rect = marks.rect
        if marks.ghost_name is not None:
            _paint_ghost(painter, rect, marks.ghost_name if words else "", self._font)
        if marks.left:
            _paint_crossed(painter, rect)
            self._pill(painter, rect.topLeft(), "LEFT", LEFT_COLOUR, words)
        if marks.joined:
            self._pill(painter, rect.topLeft(), "NEW", NEW_COLOUR, words)
        if marks.moved_label is not None:
            _paint_moved(painter, rect, marks.moved_from)
            self._pill(painter, rect.topLeft(), marks.moved_label, MOVED_COLOUR, words)
        if marks.badges:
            self._badge(painter, rect, marks.badges, words)

    def _pill(
        self, painter: QPainter, corner: QPointF, text: str, colour: QColor, words: bool
    ) -> None:
        metrics = QFontMetricsF(self._bold)
        width = min(metrics.horizontalAdvance(text) + 10, style.CARD_WIDTH) if words else 40
        pill = QRectF(corner.x(), corner.y() - 17, width, 15)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(pill, 7, 7)
        if not words:
            return
        painter.setPen(QColor("white"))
        painter.setFont(self._bold)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - 8)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, shown)

    def _badge(
        self, painter: QPainter, rect: QRectF, changes: list[MapChange], words: bool
    ) -> None:
        lines = changes if not words else [badge_text(c, self.names) for c in changes]
        shown = lines[:MOST_BADGE_LINES]
        if len(lines) > MOST_BADGE_LINES:
            shown[-1] = f"… and {len(lines) - MOST_BADGE_LINES + 1} more"
        metrics = QFontMetricsF(self._font)
        box = QRectF(rect.left(), rect.bottom() + 3, rect.width(), 4 + 13 * len(shown))
        painter.setPen(QPen(BADGE_EDGE, 1))
        painter.setBrush(BADGE_FILL)
        painter.drawRoundedRect(box, 4, 4)
        if not words:
            return
        painter.setPen(QColor("#3c4043"))
        painter.setFont(self._font)
        for number, line in enumerate(shown):
            text = metrics.elidedText(str(line), Qt.TextElideMode.ElideRight, box.width() - 8)
            painter.drawText(QPointF(box.left() + 4, box.top() + 12 + 13 * number), text)


def _add(marks: CardMarks, change: MapChange, card_rects: dict[int, QRectF], names: Names) -> None:
    if change.kind == JOINED:
        marks.joined = True
    elif change.kind == LEFT:
        marks.left = True
    elif change.kind == MOVED:
        old = card_rects.get(change.old) if change.old is not None else None
        # Under the old manager's card; its centre worked out as QRectF.center does, in
        # floats: each Qt object made from Python costs more than the arithmetic.
        if old is None:
            marks.moved_from = None
        else:
            marks.moved_from = QPointF(old.x() + old.width() / 2, old.bottom())
        marks.moved_label = f"moved from {names.person(change.old)}"
    elif change.kind == CHANGED:
        marks.badges.append(change)


def _reach(marks: CardMarks) -> QRectF:
    """Where a card's marks may paint: the pill above, the badge below, the old place."""
    reach = marks.rect.adjusted(-10, -24, 10, 16 + 14 * MOST_BADGE_LINES)
    old_place = marks.moved_from
    if old_place is not None:  # a point grown by 5 each way, made at once
        reach = reach.united(QRectF(old_place.x() - 5, old_place.y() - 5, 10, 10))
    return reach


def _ghost_rect(below: QRectF, number: int) -> QRectF:
    step = style.CARD_WIDTH + 20
    columns = max(1, int(max(below.width(), step) // step))
    row, column = divmod(number, columns)
    x = below.left() + column * step
    y = below.bottom() + GHOST_GAP + row * (style.CARD_HEIGHT + 40)
    return QRectF(x, y, style.CARD_WIDTH, style.CARD_HEIGHT)


def _paint_far(painter: QPainter, shown: list[CardMarks]) -> None:
    """The marks of a whole large map at once: a coloured bar over each marked card (green
    new, red left, orange moved, amber changed) and one line per move to its old place."""
    bars: dict[int, list[QRectF]] = {}
    lines: list[QLineF] = []
    for marks in shown:
        rect = marks.rect
        if marks.ghost_name is not None or marks.left:
            colour = 0
        elif marks.joined:
            colour = 1
        elif marks.moved_label is not None:
            colour = 2
            old_place = marks.moved_from
            if old_place is not None:  # to the card's centre (as QRectF.center, in floats)
                centre_x, centre_y = rect.x() + rect.width() / 2, rect.y() + rect.height() / 2
                lines.append(QLineF(old_place.x(), old_place.y(), centre_x, centre_y))
        else:
            colour = 3
        bars.setdefault(colour, []).append(rect)
    painter.setPen(Qt.PenStyle.NoPen)
    for colour, rects in bars.items():
        painter.setBrush(_FAR_COLOURS[colour])
        painter.drawRects(rects)
    if lines:
        painter.setPen(QPen(MOVED_COLOUR, 0))  # cosmetic: one pixel at any zoom
        painter.drawLines(lines)


_FAR_COLOURS = (LEFT_COLOUR, NEW_COLOUR, MOVED_COLOUR, BADGE_EDGE)


def _paint_ghost(painter: QPainter, rect: QRectF, name: str, font: QFont) -> None:
    painter.setPen(QPen(QColor("#9aa0a6"), 1.2, Qt.PenStyle.DashLine))
    painter.setBrush(QColor(255, 255, 255, 200))
    painter.drawRoundedRect(rect, 6, 6)
    painter.setPen(QColor("#80868b"))
    painter.setFont(font)
    painter.drawText(rect.adjusted(8, 6, -8, -6), Qt.AlignmentFlag.AlignCenter, name)


def _paint_crossed(painter: QPainter, rect: QRectF) -> None:
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 150))  # faded
    painter.drawRoundedRect(rect, 6, 6)
    painter.setPen(QPen(LEFT_COLOUR, 2))
    painter.drawLine(QLineF(rect.topLeft(), rect.bottomRight()))
    painter.drawLine(QLineF(rect.bottomLeft(), rect.topRight()))


def _paint_moved(painter: QPainter, rect: QRectF, old_place: QPointF | None) -> None:
    pen = QPen(MOVED_COLOUR, 2, Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect.adjusted(-4, -4, 4, 4), 8, 8)
    if old_place is not None:  # where it hung before: under its old manager
        top = QPointF(rect.center().x(), rect.top() - 4)
        painter.drawLine(QLineF(old_place, top))
        painter.setBrush(MOVED_COLOUR)
        painter.drawEllipse(old_place, 4, 4)
