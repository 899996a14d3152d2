"""The system's colour scheme, read as Qt's number without PySide6's ``Qt`` enums.

``QStyleHints.colorScheme()`` answers with a ``Qt.ColorScheme`` member, and PySide6 builds
the whole ``Qt`` namespace (93 enum classes, some 20 ms, a tenth of the start) the first time
anything returns one of them. The first window needs no other ``Qt`` enum, so on Linux the
answer is read straight from Qt's own library, already loaded by then (about 3 ms with
``ctypes``). Anywhere that does not work (another system, a Qt not from the PySide6 wheel, a
Qt whose symbol differs), the ordinary call answers: the same number, only slower.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable

from PySide6.QtGui import QStyleHints

# Qt.ColorScheme's values (tests/ui/widgets/test_system_scheme.py checks them against Qt's).
UNKNOWN, LIGHT, DARK = 0, 1, 2

# `Qt::ColorScheme QStyleHints::colorScheme() const`, as the Linux C++ compilers name it.
_COLOR_SCHEME_SYMBOL = "_ZNK11QStyleHints11colorSchemeEv"


def system_colour_scheme(hints: QStyleHints) -> int:
    """The colour scheme the system asks for: UNKNOWN, LIGHT or DARK."""
    reader = native_reader()
    if reader is None:
        return int(hints.colorScheme().value)
    import shiboken6  # loaded with PySide6

    return reader(shiboken6.getCppPointer(hints)[0])


@functools.cache
def native_reader() -> Callable[[int], int] | None:
    """Qt's own ``QStyleHints::colorScheme``, or None where it cannot be reached safely."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    import PySide6

    library_path = os.path.join(os.path.dirname(PySide6.__file__), "Qt", "lib", "libQt6Gui.so.6")
    try:
        # RTLD_NOLOAD: only the library this process already runs, never a second Qt.
        library = ctypes.CDLL(library_path, mode=os.RTLD_NOLOAD)
        function = library[_COLOR_SCHEME_SYMBOL]
    except (OSError, AttributeError):
        return None
    function.restype = ctypes.c_int
    function.argtypes = [ctypes.c_void_p]
    return function  # type: ignore[no-any-return]
