"""The questions the map asks (a menu of line kinds, a file name, a printer), in one place.

Each one blocks in a modal loop, which waits forever in an offscreen test: the map asks through
these functions and the tests replace them (monkeypatch), as with ``keyplan.ui.dialogs``.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QWidget

from keyplan.domain.plan_vocabulary import InfluenceKind
from keyplan.ui.shell.file_folders import FileKind, in_last_folder

IMAGE_FILTER = ";;".join(
    (
        "SVG drawing (*.svg)",
        "PNG image (*.png)",
        "GraphML for yEd (*.graphml)",
        "draw.io diagram (*.drawio)",
    )
)
_SUFFIX_OF_FILTER = {"png": ".png", "graphml": ".graphml", "drawio": ".drawio"}
#: The kind menu's last choice: not an influence line but a dotted (matrix) reporting line.
DOTTED_LINE = "dotted_line"


def choose_influence_kind(parent: QWidget | None, at: QPoint) -> str | None:
    """Ask which kind of influence line to draw, with a menu at a screen position.

    Returns:
        An ``InfluenceKind`` value, ``DOTTED_LINE`` (the first person also reports to the
        second, on a dotted line), or None when the menu was dismissed.
    """
    menu = QMenu(parent)
    menu.setTitle("Kind of line")
    for kind in InfluenceKind:
        menu.addAction(kind.label).setData(kind.value)
    menu.addSeparator()
    menu.addAction("Dotted line: also reports to").setData(DOTTED_LINE)
    chosen = menu.exec(at)
    return chosen.data() if chosen is not None else None


def ask_export_path(parent: QWidget | None, suggested: str) -> str | None:
    """Ask where to save the map as a picture or diagram; the file's suffix says which format."""
    path, chosen_filter = in_last_folder(
        FileKind.MAP_EXPORT,
        QFileDialog.getSaveFileName,
        parent,
        "Export map",
        suggested,
        IMAGE_FILTER,
    )
    if not path:
        return None
    if not path.lower().endswith((".svg", ".png", ".graphml", ".drawio")):
        chosen = chosen_filter.lower()
        path += next((s for key, s in _SUFFIX_OF_FILTER.items() if f"*.{key}" in chosen), ".svg")
    return path


def ask_printer(parent: QWidget | None) -> QPrinter | None:
    """Let the user choose a printer and its settings; None when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer
