"""At a laptop's 1,280 × 800 the dashboard's "What to fix first" shows its text in full."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt

from keyplan.store.demo import create_demo_portfolio
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.insights.dashboard_model import DashboardColumn
from keyplan.ui.shell.launch import open_document
from keyplan.ui.shell.main_window import MainWindow


def text_fits(page, row: int, column: int) -> bool:
    """The cell's text, wrapped at word boundaries in its width, fits its height."""
    index = page.proxy.index(row, column)
    rect = page.table.visualRect(index)
    margin = 2 * (
        page.table.style().pixelMetric(page.table.style().PixelMetric.PM_FocusFrameHMargin) + 1
    )
    needed = page.table.fontMetrics().boundingRect(
        QRect(0, 0, rect.width() - margin, 10_000),
        int(Qt.TextFlag.TextWordWrap),
        index.data(),
    )
    return needed.height() <= rect.height() and needed.width() <= rect.width() - margin


def test_every_reason_of_the_demo_is_readable_in_a_1280_window(qtbot, db, answers):
    create_demo_portfolio(db)
    window = MainWindow(PortfolioDocument(db), open_document)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_dashboard()
    qtbot.waitUntil(lambda: page.model.loaded, timeout=10_000)
    qtbot.wait(20)  # the rows take their wrapped height on the next turn

    rows = range(page.proxy.rowCount())
    assert page.table.horizontalScrollBar().maximum() == 0, "no column pushed out of view"
    cut = [page.proxy.index(r, DashboardColumn.TOP_REASON).data() for r in rows
           if not text_fits(page, r, DashboardColumn.TOP_REASON)]  # fmt: skip
    assert cut == []
    names = [page.proxy.index(r, DashboardColumn.ACCOUNT).data() for r in rows
             if not text_fits(page, r, DashboardColumn.ACCOUNT)]  # fmt: skip
    assert names == []
