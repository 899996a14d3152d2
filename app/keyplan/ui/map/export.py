"""The map as a picture to paste into slides or print, or a diagram to edit: SVG, PNG, GraphML
(yEd), draw.io, paper.

The SVG, GraphML and draw.io files are written by ``keyplan.exchange.map`` from the one drawing
description (``keyplan.domain.map``); the PNG is that SVG painted by Qt, so the two pictures are
the same. The printout from the map tab still paints the scene, as on screen.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtSvg import QSvgRenderer

from keyplan.domain.errors import KeyplanError
from keyplan.exchange.map.formats import map_document
from keyplan.exchange.map.suffixes import SUFFIX_HELP, SUFFIXES
from keyplan.exchange.map.svg import map_title as svg_title
from keyplan.store.map.rows import MapData
from keyplan.store.safety.atomic_files import write_file_atomically
from keyplan.store.safety.output_paths import check_output_path
from keyplan.ui.map import style
from keyplan.ui.map.far_blocks import painting_cards
from keyplan.ui.map.legend import legend_size, paint_legend
from keyplan.ui.map.scene import MapScene
from keyplan.ui.widgets import theme

PICTURE_MARGIN = 24.0
TITLE_HEIGHT = 30.0
PNG_SCALE = 2.0  # crisp on a high-density screen or a projector
PNG_MAX_SIDE = 16000  # pixels: larger images fail to open in common viewers


def header_height() -> float:
    return TITLE_HEIGHT + legend_size().height() + 14.0


def picture_size(scene: MapScene) -> QSize:
    """The picture's size in scene units: the cards, the margin and the header."""
    content = scene.content_rect()
    width = max(content.width(), float(legend_size().width())) + 2 * PICTURE_MARGIN
    height = content.height() + header_height() + 2 * PICTURE_MARGIN
    return QSize(int(width + 0.5), int(height + 0.5))


def paint_picture(painter: QPainter, scene: MapScene, title: str) -> None:
    """Paint the whole picture in picture units, (0, 0) at the top left of the page."""
    with _plain(scene):
        _paint_page(painter, scene, title)


def _paint_page(painter: QPainter, scene: MapScene, title: str) -> None:
    size = picture_size(scene)
    painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor("white"))
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    font = QFont()
    font.setPixelSize(18)
    font.setWeight(QFont.Weight.DemiBold)
    painter.setFont(font)
    painter.setPen(QColor("#212121"))
    painter.drawText(
        QRectF(PICTURE_MARGIN, PICTURE_MARGIN, size.width(), TITLE_HEIGHT),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
        title,
    )
    paint_legend(painter, QPointF(PICTURE_MARGIN, PICTURE_MARGIN + TITLE_HEIGHT))
    content = scene.content_rect()
    if content.isEmpty():
        return
    target = QRectF(
        PICTURE_MARGIN, PICTURE_MARGIN + header_height(), content.width(), content.height()
    )
    with painting_cards(scene):  # the picture's own scale: every card paints itself
        scene.render(painter, target, content, Qt.AspectRatioMode.IgnoreAspectRatio)


@contextmanager
def _plain(scene: MapScene) -> Iterator[None]:
    """The scene as a picture shows it: no selection, paper's colours on a white background
    (a map printed from a dark window is still paper)."""
    selected = scene.selectedItems()
    background = scene.backgroundBrush()
    dark = theme.is_dark()
    scene.clearSelection()
    if dark:
        style.show_canvas(scene, dark=False)
    scene.setBackgroundBrush(QColor("white"))
    try:
        yield
    finally:
        if dark:
            style.show_canvas(scene, dark=True)
        scene.setBackgroundBrush(background)
        for item in selected:
            item.setSelected(True)


def map_title(scene: MapScene) -> str:
    account = scene.accounts.get(scene.account_id or -1)
    shown = [card.person for card in scene.cards.values() if card.isVisible()]
    seats = sum(1 for person in shown if person.is_vacancy)  # never counted as people
    name = account.name if account else "Keyplan"
    return svg_title(name, len(shown) - seats, date.today(), vacancies=seats)


def export_svg(scene: MapScene, path: str | Path, title: str | None = None) -> None:
    """Write the map as shown (filters, influence lines) as an SVG drawing, texts as text.

    Drawn by ``keyplan.exchange.map.svg``, the same writer as ``keyplan export-map``, so a map
    saved from the window and one made from the command line are the same picture.
    """
    export_document(scene, path, ".svg", title)


def export_document(
    scene: MapScene, path: str | Path, suffix: str, title: str | None = None
) -> None:
    """Write the map as shown as an SVG, GraphML (yEd) or draw.io file, from its drawing."""
    target = _writable(scene, path)
    text = _document(scene, suffix, title)
    write_file_atomically(target, text.encode("utf-8"))


def _document(scene: MapScene, suffix: str, title: str | None) -> str:
    shown = [scene.people[pid] for pid, card in scene.cards.items() if card.isVisible()]
    data = MapData(
        account_id=scene.account_id or -1,
        accounts=scene.accounts,
        people=list(scene.people.values()),
        lines=scene.lines,
        dotted=list(scene.dotted.links),
    )
    return map_document(
        data,
        suffix,
        title=title or map_title(scene),
        today=date.today(),
        people=shown,
        with_lines=scene.lines_visible,
    )


def export_png(scene: MapScene, path: str | Path, title: str | None = None) -> None:
    """Write the map as shown as a PNG image: the SVG drawing painted by Qt, at twice its
    size when that fits, so the PNG is the same picture as the SVG (one drawing)."""
    target = _writable(scene, path)
    write_file_atomically(target, svg_to_png(_document(scene, ".svg", title), target))


def svg_to_png(svg: str, target: Path) -> bytes:
    """An SVG drawing painted into PNG bytes (white background, ``PNG_SCALE`` when it fits)."""
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    size = renderer.defaultSize()
    scale = min(PNG_SCALE, PNG_MAX_SIDE / max(size.width(), size.height(), 1))
    image = QImage(
        max(1, int(size.width() * scale)),
        max(1, int(size.height() * scale)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    try:
        renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    finally:
        painter.end()
    return _png_bytes(image, target)


def _writable(scene: MapScene, path: str | Path) -> Path:
    """Where the picture may go: never over the open database or its files."""
    return check_output_path(path, scene.document.database.path)


def _png_bytes(image: QImage, target: Path) -> bytes:
    """The image encoded in memory, so that the file is written whole or not at all."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise KeyplanError(f"Cannot write {target}: the picture could not be encoded.")
    buffer.close()
    return bytes(data.data())


def export_file(scene: MapScene, path: str | Path, title: str | None = None) -> None:
    """Write an SVG, a PNG, a GraphML (yEd) or a draw.io file, as the file's suffix says."""
    suffix = Path(path).suffix.lower()
    if suffix == ".png":
        export_png(scene, path, title)
    elif suffix in SUFFIXES:
        export_document(scene, path, suffix, title)
    else:
        raise KeyplanError(f"Cannot export the map as '{suffix or path}': {SUFFIX_HELP}.")


def print_map(scene: MapScene, printer: QPrinter, title: str | None = None) -> None:
    """Print the map on one page, scaled to fit, landscape when the chart is wide."""
    title = title or map_title(scene)
    size = picture_size(scene)
    if size.width() > size.height():
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    painter = QPainter()
    if not painter.begin(printer):
        raise KeyplanError("The printer could not be started.")
    try:
        page = printer.pageRect(QPrinter.Unit.DevicePixel)
        scale = min(page.width() / size.width(), page.height() / size.height())
        painter.scale(scale, scale)
        paint_picture(painter, scene, title)
    finally:
        painter.end()


def export_account_png(
    location: str, account: str, out: Path, *, with_affiliates: bool, with_influence: bool
) -> int:
    """``keyplan export-map … --out FILE.png``: an account's map painted offscreen, as on
    screen; return how many people it shows."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # no window, so no display needed
    from PySide6.QtWidgets import QApplication

    from keyplan.store.database import open_database
    from keyplan.store.people.queries import find_account
    from keyplan.ui.document import PortfolioDocument
    from keyplan.ui.shell.fonts import register_fallback_fonts

    app = QApplication.instance() or QApplication(sys.argv[:1])
    register_fallback_fonts()  # names in any script, even on a machine without CJK fonts
    db = open_database(location, create=False)
    try:
        scene = MapScene(PortfolioDocument(db))
        scene.show_account(find_account(db, account), with_affiliates=with_affiliates)
        scene.set_lines_visible(with_influence)
        export_png(scene, out)
        return sum(1 for person in scene.people.values() if not person.is_vacancy)
    finally:
        db.close()
        app.processEvents()
