"""One person's card on the map: stance colour, texts, badges, markers, with level of detail.

Close up a card shows everything; zoomed out it shows the name in a large font; far out only
its stance colour, so a chart of thousands is still recognisable as a picture of where we are
strong and where we are not. The item only draws: moving it and what a drop means are the
interactions' business, and its data comes from the scene.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsRectItem,
    QStyleOptionGraphicsItem,
    QWidget,
)
from typing_extensions import override  # typing.override arrives in 3.12

from keyplan.store.map.queries import MapPerson
from keyplan.ui.map import style
from keyplan.ui.map.card_face import (
    PROFILE_MARK_WIDTH,
    Badge,
    CardFace,
    card_face,
    tooltip,
)
from keyplan.ui.map.drop_mark import DropMark, outline
from keyplan.ui.map.far_blocks import card_is_plain
from keyplan.ui.map.far_name import paint_far_name

_W, _H = style.CARD_WIDTH, style.CARD_HEIGHT
_CARD = QRectF(0.0, 0.0, _W, _H)
_BOUNDS = _CARD.adjusted(-5.0, -5.0, 5.0, 5.0)  # room for the outlines drawn outside
# A rect item's bounding rect is its rect grown by half its (never drawn) default pen: the rect
# is shrunk by as much, so that the bounds are _BOUNDS, answered by Qt without calling Python.
_HALF_PEN = QPen().widthF() / 2
_ITEM_RECT = _BOUNDS.adjusted(_HALF_PEN, _HALF_PEN, -_HALF_PEN, -_HALF_PEN)
# Looked up once: a Qt enum member read in Python costs as much as painting a far-out card.
_SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
_DEVICE_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache
_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


class DropState(Enum):
    """How a card looks while another card is dragged over it."""

    NONE = 0
    ACCEPT = 1  # releasing here makes the dragged person report to this one
    REFUSE = 2  # releasing here would close a reporting cycle


class CardItem(QGraphicsRectItem):
    """A person's card; its position is the top-left corner, in scene units.

    A rect item only so that Qt knows its bounds without a call into Python (the scene asks
    for them several times per card while it builds its index and paints); it paints itself.
    """

    # Defaults on the class: a new card stores only its person, tag and account name.
    drop_state = DropState.NONE
    highlighted = False  # a decision maker while that filter is on
    dimmed = False
    _face: CardFace | None = None
    _cached = False  # painted once close enough to show more than a block of colour
    _far = False  # the map is seen from far out (``FarBlocks``)
    in_blocks = False  # painted by the map's FarBlocks, not by itself
    _drop_mark: DropMark | None = None  # made when a drag first aims at the card

    def __init__(self, person: MapPerson, tag: str | None, account_name: str | None) -> None:
        super().__init__(_ITEM_RECT)
        self.setFlags(_SELECTABLE)
        self.setZValue(1.0)
        self.person, self.tag, self.account_name = person, tag, account_name
        if person.has_left:
            self._update_opacity()

    @property
    def person_id(self) -> int:
        return self.person.id

    def set_person(self, person: MapPerson, tag: str | None, account_name: str | None) -> None:
        """Show new data; the face is fitted again on the next close-up paint."""
        self.person, self.tag, self.account_name = person, tag, account_name
        self._face = None
        self._update_opacity()
        self.update()
        self._far_look_changed()

    def set_marks(self, *, highlighted: bool, dimmed: bool) -> None:
        if (highlighted, dimmed) != (self.highlighted, self.dimmed):
            self.highlighted, self.dimmed = highlighted, dimmed
            self._update_opacity()
            self.update()
            self._far_look_changed()

    def set_drop_state(self, state: DropState) -> None:
        """Mark the card as what a drag aims at (or not): the mark is drawn over the card by a
        child item, so the card's own picture stays as it is (``DropMark``)."""
        if state is not self.drop_state:
            self.drop_state = state
            if state is DropState.NONE:
                if self._drop_mark is not None:
                    self._drop_mark.hide()
            else:
                if self._drop_mark is None:
                    self._drop_mark = DropMark(self)
                accepted = state is DropState.ACCEPT
                self._drop_mark.show_in(
                    style.DROP_OK_COLOUR if accepted else style.DROP_REFUSED_COLOUR
                )
            self._far_look_changed()

    def set_far(self, far: bool, *, selected: bool) -> bool:
        """The map is seen from far out (or not): a plain card is then painted by the map's
        ``FarBlocks``. Returns whether that changed for this card."""
        self._far = far
        return self._hand_to_blocks(selected)

    def _hand_to_blocks(self, selected: bool) -> bool:
        plain = self._far and card_is_plain(self, selected=selected)
        if plain == self.in_blocks:
            return False
        self.in_blocks = plain
        self.setFlag(_NO_CONTENTS, plain)  # Qt skips the card's paint while it is a block
        if not plain:
            self.update()
        return True

    def _far_look_changed(self) -> None:
        """Far out, a changed card may now paint itself, or its block a new colour."""
        if self._far:
            self._hand_to_blocks(self.isSelected())
            blocks = getattr(self.scene(), "far_blocks", None)
            if blocks is not None:
                blocks.invalidate()

    def tooltip_text(self, today: date) -> str:
        return tooltip(self.person, self.account_name, today)

    def centre(self) -> QPointF:
        return self.pos() + QPointF(_W / 2, _H / 2)

    def scene_card_rect(self) -> QRectF:
        return _CARD.translated(self.pos())

    def _update_opacity(self) -> None:
        opacity = style.LEFT_OPACITY if self.person.has_left else 1.0
        opacity = min(opacity, style.DIMMED_OPACITY) if self.dimmed else opacity
        if opacity != self.opacity():
            self.setOpacity(opacity)

    # ---- QGraphicsItem --------------------------------------------------------------------

    @override
    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(_CARD, style.CARD_RADIUS, style.CARD_RADIUS)
        return path

    @override
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        zoom = option.levelOfDetailFromTransform(painter.worldTransform())
        if zoom >= style.BLOCK_ZOOM and not self._cached:
            self._cache_from_now()
        key = style.stance_key(self.person)
        edge = style.STANCE_EDGE[key]
        if self.person.is_vacancy:
            _paint_vacancy(painter, self._fitted_face, zoom)
        elif zoom < style.BLOCK_ZOOM:
            painter.fillRect(_CARD, edge)  # far out: a block of the stance colour
        else:
            face = self._fitted_face()
            self._paint_body(painter, style.STANCE_FILL[key], edge, bool(face.uncertain))
            if zoom < style.DETAIL_ZOOM:
                paint_far_name(painter, face.far_name)
            else:
                _paint_details(painter, face)
        if self.highlighted or self.isSelected():
            self._paint_outlines(painter, self.isSelected())  # not most cards, most of the time

    def _cache_from_now(self) -> None:
        """From its first close-up paint on, the card paints once into a pixmap per zoom.

        A card's face is text, badges and dots: a re-parent that moves hundreds of cards then
        only blits them where they now stand. Not at build: far out a card is a block of colour,
        cheaper to fill than to blit, and a chart of thousands would fill the pixmap cache with
        cards no one reads. Qt paints the card once more, into its cache, on the next frame.
        """
        self._cached = True
        self.setCacheMode(_DEVICE_CACHE)

    def _fitted_face(self) -> CardFace:
        if self._face is None:
            self._face = card_face(self.person, self.tag, date.today())
        return self._face

    def _paint_body(self, painter: QPainter, fill: QColor, edge: QColor, uncertain: bool) -> None:
        radius = style.CARD_RADIUS
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(_CARD, radius, radius)
        # The stance band: a rounded strip whose inner half is painted over square.
        painter.setBrush(edge)
        painter.drawRoundedRect(QRectF(0.0, 0.0, 2 * style.BAND_WIDTH, _H), radius, radius)
        painter.fillRect(QRectF(style.BAND_WIDTH, 0.0, style.BAND_WIDTH, _H), fill)
        pen = QPen(edge, 1.2)
        if uncertain:  # a rating without recent evidence: a dashed outline, also in grey print
            pen = QPen(style.INK, style.UNCERTAIN_EDGE_WIDTH)
            pen.setDashPattern(list(style.UNCERTAIN_DASH))  # in pen widths, as in the drawing
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(_CARD, radius, radius)

    def _paint_outlines(self, painter: QPainter, selected: bool) -> None:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if self.highlighted:
            outline(painter, style.DECISION_MAKER_COLOUR, 3.0, 2.0)
        if selected:
            outline(painter, style.SELECTION_COLOUR, 2.5, 3.5 if self.highlighted else 2.0)


def _paint_vacancy(painter: QPainter, fitted: Callable[[], CardFace], zoom: float) -> None:
    """An open position: a white seat with a dashed border, its title and note, no marks.
    Its texts are fitted (``fitted``) only when they show."""
    painter.setPen(QPen(style.MUTED_INK, 1.4, Qt.PenStyle.DashLine))
    painter.setBrush(style.VACANCY_FILL)
    painter.drawRoundedRect(_CARD, style.CARD_RADIUS, style.CARD_RADIUS)
    if zoom < style.BLOCK_ZOOM:
        return
    face = fitted()
    left, width = style.TEXT_LEFT, _W - style.TEXT_LEFT - style.TEXT_RIGHT
    middle = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    if zoom < style.DETAIL_ZOOM:
        paint_far_name(painter, face.far_name)
        return
    painter.setPen(style.MUTED_INK)
    painter.setFont(style.card_font("name"))
    painter.drawText(QRectF(left, 5.0, width, 18.0), middle, face.name)
    painter.setFont(style.card_font("title"))
    painter.drawText(QRectF(left, 23.0, width, 16.0), middle, face.title)
    painter.setFont(style.card_font("small"))
    painter.drawText(QRectF(left, 39.0, width, 15.0), middle, face.department)


def _paint_details(painter: QPainter, face: CardFace) -> None:
    left, width = style.TEXT_LEFT, _W - style.TEXT_LEFT - style.TEXT_RIGHT
    middle = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    painter.setPen(style.INK)
    painter.setFont(style.card_font("name"))
    painter.drawText(QRectF(left, 5.0, width, 18.0), middle, face.name)
    painter.setFont(style.card_font("title"))
    painter.drawText(QRectF(left, 23.0, width, 16.0), middle, face.title)
    painter.setPen(style.MUTED_INK)
    painter.setFont(style.card_font("small"))
    painter.drawText(QRectF(left, 39.0, width, 15.0), middle, face.department)
    if face.tag:
        _paint_tag(painter, face, _W - style.TEXT_RIGHT - face.tag_width, 40.0)
    _paint_bottom_row(painter, face, left, 59.0)
    if face.profile:  # at the end of the name's line, which was elided to leave it room
        _paint_profile_mark(painter, face.profile, _W - style.TEXT_RIGHT, 8.0)


def _paint_profile_mark(painter: QPainter, mark: str, right: float, y: float) -> None:
    """A small muted square at the end of the name's line: "in" for a LinkedIn profile, an
    arrow out of the card for any other. Discreet on purpose: a fact, not a call to action."""
    rect = QRectF(right - PROFILE_MARK_WIDTH, y, PROFILE_MARK_WIDTH, 12.0)
    painter.setPen(QPen(style.MUTED_INK, 1.0))
    painter.setBrush(style.BADGE_FILL)
    painter.drawRoundedRect(rect, 2.5, 2.5)
    if mark == "in":
        painter.setFont(style.card_font("badge"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "in")
        return
    # An arrow pointing up and out, drawn rather than typed: no font needs the glyph.
    start, tip = rect.bottomLeft() + QPointF(3.5, -3.0), rect.topRight() + QPointF(-3.5, 3.0)
    painter.drawLine(start, tip)
    painter.drawLine(tip, tip + QPointF(-4.0, 0.0))
    painter.drawLine(tip, tip + QPointF(0.0, 4.0))


def _paint_tag(painter: QPainter, face: CardFace, x: float, y: float) -> None:
    rect = QRectF(x, y, face.tag_width, 13.0)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.TAG_FILL)
    painter.drawRoundedRect(rect, 3.0, 3.0)
    painter.setPen(QColor("white"))
    painter.setFont(style.card_font("badge"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, face.tag)


def _paint_bottom_row(painter: QPainter, face: CardFace, x: float, y: float) -> None:
    painter.setFont(style.card_font("badge"))
    for badge in face.badges:
        x += _paint_badge(painter, badge, x, y) + 4.0
    x += 3.0
    _paint_strength(painter, face.strength, x, y + 8.0)
    right = _W - style.TEXT_RIGHT
    if face.owner:
        right -= _paint_owner(painter, face.owner, right, y) + 5.0
    if face.stale:
        right -= _paint_clock(painter, right, y + 8.0) + 5.0
    elif face.never_contacted:
        right -= _paint_never_met(painter, right, y + 8.0) + 5.0
    if face.left:
        _paint_badge(painter, Badge("LEFT", 30.0, style.MUTED_INK, style.MUTED_INK), right - 30, y)


def _paint_badge(painter: QPainter, badge: Badge, x: float, y: float) -> float:
    rect = QRectF(x, y, badge.width, 16.0)
    painter.setPen(QPen(badge.border, 1.0))
    painter.setBrush(style.BADGE_FILL)
    painter.drawRoundedRect(rect, 3.0, 3.0)
    painter.setPen(badge.ink)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, badge.text)
    return badge.width


def _paint_strength(painter: QPainter, strength: int, x: float, centre_y: float) -> None:
    """Relationship strength as four dots, filled from the left (0 = four empty dots)."""
    for dot in range(4):
        filled = dot < strength
        painter.setPen(QPen(style.OWNER_COLOUR, 1.0))
        painter.setBrush(QBrush(style.OWNER_COLOUR) if filled else Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(x + 3.5 + dot * 9.0, centre_y), 3.2, 3.2)


def _paint_owner(painter: QPainter, mark: str, right: float, y: float) -> float:
    """The initials of our relationship owner in a dark disc; returns the width used."""
    width = 18.0 if len(mark) <= 2 else 24.0
    rect = QRectF(right - width, y - 1.0, width, 18.0)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(style.OWNER_COLOUR)
    painter.drawRoundedRect(rect, 9.0, 9.0)
    painter.setPen(QColor("white"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, mark)
    return width


def _paint_never_met(painter: QPainter, right: float, centre_y: float) -> float:
    """The "never contacted" marker: an empty, dashed clock face (no contact to count from)."""
    radius = 7.0
    pen = QPen(style.STALE_COLOUR, 1.6)
    pen.setDashPattern([1.0, 1.0])  # in pen widths: 1.6 on, 1.6 off, as in the SVG
    painter.setPen(pen)
    painter.setBrush(QColor("white"))
    painter.drawEllipse(QPointF(right - radius, centre_y), radius, radius)
    return 2 * radius


def _paint_clock(painter: QPainter, right: float, centre_y: float) -> float:
    """The "stale" marker: a small clock face; returns the width used."""
    radius = 7.0
    centre = QPointF(right - radius, centre_y)
    painter.setPen(QPen(style.STALE_COLOUR, 1.6))
    painter.setBrush(QColor("white"))
    painter.drawEllipse(centre, radius, radius)
    painter.drawLine(centre, centre + QPointF(0.0, -4.5))
    painter.drawLine(centre, centre + QPointF(3.5, 0.0))
    return 2 * radius
