"""File › Print… (Ctrl+P): the current view on paper, the same pages as its PDF."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog

from keyplan.domain.plan_vocabulary import ExportVariant
from keyplan.reports.printing import printable_pdf
from keyplan.ui import dialogs
from keyplan.ui.plan.export_dialog import ExportOptions
from keyplan.ui.shell import printing


@pytest.fixture
def print_to_file(monkeypatch, tmp_path):
    """The system print dialog, answered with "print to this PDF file"; records each opening."""
    opened: list[QPrinter] = []
    out = tmp_path / "printed.pdf"

    def exec_(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(72)  # keeps the test's images small
        opened.append(printer)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    return opened, out


def _pages(path: Path) -> int:
    return len(PdfReader(path).pages)


def test_printing_a_pdf_to_a_pdf_printer_gives_the_same_number_of_pages(
    db, small_portfolio, tmp_path, qapp
):
    pdf = printable_pdf(db, small_portfolio.acme, "internal")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    printer.setResolution(100)
    count = printing.print_pdf(pdf, printer)
    expected = len(PdfReader(io.BytesIO(pdf)).pages)
    assert count == expected == _pages(tmp_path / "out.pdf")
    assert expected > 3


def test_ctrl_p_on_the_plan_tab_asks_which_document_then_prints_its_pdf_pages(
    window, qtbot, monkeypatch, small_portfolio, db, print_to_file
):
    opened, out = print_to_file
    window.select_account(small_portfolio.acme)
    window.show_tab("Plan")
    asked = []

    def ask(_parent, people):
        asked.append(people)
        return ExportOptions(ExportVariant.BRIEF, "A4", ("Harald Berg",))

    monkeypatch.setattr(dialogs, "ask_print_options", ask)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: out.exists(), timeout=20000)
    assert len(opened) == 1 and asked
    brief = printable_pdf(db, small_portfolio.acme, "brief", people=["Harald Berg"])
    assert _pages(out) == len(PdfReader(io.BytesIO(brief)).pages)


def test_ctrl_p_on_the_map_tab_prints_the_maps_pages_without_asking(
    window, qtbot, monkeypatch, small_portfolio, db, print_to_file
):
    opened, out = print_to_file
    window.select_account(small_portfolio.acme)
    window.show_tab("Map")
    monkeypatch.setattr(dialogs, "ask_print_options", lambda *_a: pytest.fail("asked"))
    window.print_action.trigger()
    assert len(opened) == 1
    the_map = printable_pdf(db, small_portfolio.acme, "map")
    assert _pages(out) == len(PdfReader(io.BytesIO(the_map)).pages) == 1
    page = PdfReader(out).pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape, as the PDF's map page


def test_the_dashboard_prints_on_one_landscape_page(window, print_to_file):
    opened, out = print_to_file
    window.show_dashboard()
    assert window.print_view() == 1
    assert len(opened) == 1 and _pages(out) == 1


def test_cancelling_the_print_dialog_prints_nothing(window, monkeypatch, small_portfolio):
    monkeypatch.setattr(QPrintDialog, "exec", lambda _d: QDialog.DialogCode.Rejected)
    window.select_account(small_portfolio.acme)
    window.show_tab("Map")
    assert window.print_view() == 0


def test_print_preview_shows_the_same_pages(window, monkeypatch, small_portfolio, tmp_path):
    window.select_account(small_portfolio.acme)
    window.show_tab("Map")
    counted = []

    def exec_(dialog: QPrintPreviewDialog) -> int:
        printer = QPrinter()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "preview.pdf"))
        printer.setResolution(72)
        dialog.paintRequested.emit(printer)
        counted.append(True)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    assert window.print_view(preview=True) == 1 and counted
