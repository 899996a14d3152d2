"""Render Keyplan's application icon from its SVG source into PNG, .ico and .icns files.

Run after changing ``resources/icons/keyplan.svg``; the results are committed, so neither a
build nor a start of the application needs an SVG renderer::

    .venv/bin/python packaging/render_icons.py

Writes, next to the SVG: ``keyplan-<size>.png`` for every size in ``PNG_SIZES`` (the window
icon, the Linux icon theme), ``keyplan.ico`` (Windows: the executable and its windows) and
``keyplan.icns`` (macOS: the application bundle). The PNGs are drawn by Qt's own SVG renderer,
each at its real size, so small icons are rasterised from the vector shapes, not scaled down
from a big bitmap; the .ico and .icns are assembled from those PNGs with Pillow.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICON_DIR = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG_SOURCE = ICON_DIR / "keyplan.svg"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
# Windows uses up to 256 px from an .ico; 24 px is what Explorer's small views ask for.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# The sizes macOS's .icns format stores as PNG; 1024 px is 512 px at 2x ("Retina").
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def png_path(size: int) -> Path:
    """Where the PNG of one size lives (also read by the application and the spec)."""
    return ICON_DIR / f"keyplan-{size}.png"


def render_png(svg: Path, size: int, target: Path) -> None:
    """Draw the SVG into a transparent square image of ``size`` pixels and save it as PNG."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"Could not write {target}")


def write_ico(target: Path) -> None:
    """A Windows icon holding one image per size, each rendered from the SVG at that size."""
    images = [_rendered(size) for size in ICO_SIZES]
    largest = images[-1]
    largest.save(
        target,
        format="ICO",
        sizes=[(size, size) for size in ICO_SIZES],
        append_images=images[:-1],
    )


def write_icns(target: Path) -> None:
    """A macOS icon: Pillow writes the PNG-based .icns format on any platform."""
    # Pillow fills every slot from the first image unless given one of the exact size: give
    # it all of them, so no slot is a blurred enlargement of a smaller one.
    images = [_rendered(size) for size in reversed(ICNS_SIZES)]
    images[0].save(target, format="ICNS", append_images=images[1:])


def _rendered(size: int):  # -> PIL.Image.Image
    """The PNG of this size as a Pillow image, rendering sizes that are not kept as PNG."""
    import tempfile

    from PIL import Image

    path = png_path(size)
    if not path.exists():
        path = Path(tempfile.mkdtemp(prefix="keyplan-icon-")) / f"{size}.png"
        render_png(SVG_SOURCE, size, path)
    with Image.open(path) as image:
        return image.convert("RGBA")


def main() -> int:
    # No window is shown: Qt only needs an application object for its image plug-ins.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for size in PNG_SIZES:
        render_png(SVG_SOURCE, size, png_path(size))
        print(f"wrote {png_path(size).relative_to(ICON_DIR.parents[1])}")
    for name, writer in (("keyplan.ico", write_ico), ("keyplan.icns", write_icns)):
        writer(ICON_DIR / name)
        print(f"wrote {(ICON_DIR / name).relative_to(ICON_DIR.parents[1])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
