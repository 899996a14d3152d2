"""Keyplan's icon for its windows, given once the first window is up.

Making ``QIcon`` ready builds its enum classes (``ThemeIcon`` alone has a hundred-odd members)
and the icon names six files: some 3 ms the first window need not wait for. The window system
shows the icon a turn of the event loop later. A dialog that comes before the window (a
passphrase, a damaged file) gets it first.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon

ICON_SIZES = (16, 32, 48, 64, 128, 256)  # the PNGs in resources/icons (512 px: icon themes)


def application_icon() -> QIcon:
    """Keyplan's icon in every rendered size; Qt reads a PNG only when that size is drawn."""
    from keyplan.resources import resource_path

    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource_path("icons", f"keyplan-{size}.png")), QSize(size, size))
    return icon


def give_the_application_its_icon() -> None:
    """Every window of the application shows Keyplan's icon (once given, nothing more)."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication) and app.windowIcon().isNull():
        app.setWindowIcon(application_icon())
