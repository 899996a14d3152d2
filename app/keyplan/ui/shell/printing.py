"""File › Print… (Ctrl+P) and File › Print preview…: the current view on paper.

What prints follows what the user looks at: the dashboard prints the dashboard; the Map tab
prints the map's pages; any other tab of an account asks which document (the internal plan,
the customer-safe plan or a meeting brief, as the export dialog does). Documents print the
very pages of their PDF (``reports.printing``), rendered with PDFium at the printer's
resolution and painted one PDF page per printed page, so a printout and the PDF match.
The system print dialog chooses the printer; the preview shows the same pages first.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from keyplan.domain.errors import KeyplanError
from keyplan.ui import dialogs
from keyplan.ui.plan.export_dialog import ExportOptions, default_page_size

if TYPE_CHECKING:
    from keyplan.ui.shell.main_window import MainWindow

MAX_DPI = 300  # enough for text on paper; a 600 dpi printer gets the same image scaled

# Paints the job on a printer that is ready (its dialog accepted); returns the pages printed.
Painter = Callable[[QPrinter], int]


def print_current_view(window: MainWindow, preview: bool = False) -> int:
    """Ask for a printer (or show the preview) and print what the window shows.

    Returns:
        The number of pages printed (0 when the user cancelled).
    """
    paint = _job_for(window)
    if paint is None:
        return 0
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if preview:
        dialog = QPrintPreviewDialog(printer, window)
        pages: list[int] = []
        dialog.paintRequested.connect(lambda target: pages.append(_safely(window, paint, target)))
        dialog.exec()
        return pages[-1] if pages else 0
    chooser = QPrintDialog(printer, window)
    if chooser.exec() != QDialog.DialogCode.Accepted:
        return 0
    return _safely(window, paint, printer)


def _safely(window: QWidget, paint: Painter, printer: QPrinter) -> int:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return paint(printer)
    except KeyplanError as error:
        dialogs.show_error(window, str(error), "Printing failed")
        return 0
    finally:
        QGuiApplication.restoreOverrideCursor()


def _job_for(window: MainWindow) -> Painter | None:
    """What to print for the current view, or None when there is nothing (or the user
    cancelled the choice of document)."""
    dashboard = getattr(window, "dashboard", None)
    if dashboard is not None and window.pages.currentWidget() is dashboard:
        return lambda printer: print_widget(dashboard, printer)
    if window.account_id is None:
        dialogs.show_info(window, "Choose an account to print its plan, brief or map.")
        return None
    database, account_id = window.document.database, window.account_id
    if window.current_tab_title() == "Map":
        size = default_page_size()
        return lambda printer: print_pdf(_pdf(database, account_id, "map", size), printer)
    options = dialogs.ask_print_options(window, _people(window, account_id))
    if not isinstance(options, ExportOptions):
        return None

    def paint(printer: QPrinter) -> int:
        pdf = _pdf(
            database,
            account_id,
            options.variant.value,
            options.page_size,
            list(options.people) or None,
            options.people_shown.value,
        )
        return print_pdf(pdf, printer)

    return paint


def _pdf(database, account_id: int, document: str, page_size: str, people=None, shown="worked"):
    printing = import_module("keyplan.reports.printing")  # ReportLab loads on first print
    return printing.printable_pdf(database, account_id, document, page_size, people, shown)


def _people(window: MainWindow, account_id: int) -> list[tuple[str, str]]:
    from keyplan.ui.plan.export_flow import _people as people_of

    return people_of(window.document, account_id)


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Paint every page of a PDF on the printer, one printed page per PDF page.

    Each page is rendered at the printer's resolution (at most ``MAX_DPI``) and fitted to
    the paper, turned to landscape for a landscape page. Returns the number of pages.
    """
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    painter = QPainter()
    dpi = min(printer.resolution(), MAX_DPI)
    printer.setFullPage(True)  # the PDF's pages carry their own margins
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            _orient(printer, width > height)
            if index == 0:
                if not painter.begin(printer):
                    raise KeyplanError("The printer could not be started.")
            else:
                printer.newPage()
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGB888,
            )
            painter.drawImage(_fitted(printer, image.width(), image.height()), image)
            page.close()
        return len(document)
    finally:
        if painter.isActive():
            painter.end()
        document.close()


def print_widget(widget: QWidget, printer: QPrinter) -> int:
    """Paint a widget (the dashboard) on one landscape page, scaled to fit. Returns 1."""
    _orient(printer, True)
    painter = QPainter()
    if not painter.begin(printer):
        raise KeyplanError("The printer could not be started.")
    try:
        target = _fitted(printer, widget.width(), widget.height())
        painter.translate(target.topLeft())
        painter.scale(
            target.width() / max(widget.width(), 1), target.height() / max(widget.height(), 1)
        )
        widget.render(painter, QPoint(0, 0))
    finally:
        painter.end()
    return 1


def _orient(printer: QPrinter, landscape: bool) -> None:
    wanted = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    if printer.pageLayout().orientation() != wanted:
        printer.setPageOrientation(wanted)  # between pages: honoured by PDF and most drivers


def _fitted(printer: QPrinter, width: float, height: float) -> QRectF:
    """The largest rectangle of the content's shape centred on the printable page."""
    page = printer.pageRect(QPrinter.Unit.DevicePixel)
    scale = min(page.width() / max(width, 1), page.height() / max(height, 1))
    w, h = width * scale, height * scale
    return QRectF(page.x() + (page.width() - w) / 2, page.y() + (page.height() - h) / 2, w, h)
