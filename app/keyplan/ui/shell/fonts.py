"""The fonts Keyplan brings for the screen: names in any script, on any machine.

The PDFs embed DejaVu Sans and Droid Sans Fallback (``reports/fonts.py``); the windows and the
map's PNG use the system's fonts. A laptop without a Chinese, Japanese or Korean font then
drew 王芳 as two boxes. Registering the bundled fallback font (about 1 ms: Qt reads it only
when a glyph is missing elsewhere) lets Qt's font fallback find those glyphs.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

FALLBACK_FONT = "DroidSansFallbackFull.ttf"


def register_fallback_fonts() -> bool:
    """Make the bundled fallback font available to every widget; False if it is missing."""
    from keyplan.resources import resource_path

    return QFontDatabase.addApplicationFont(str(resource_path("fonts", FALLBACK_FONT))) != -1
