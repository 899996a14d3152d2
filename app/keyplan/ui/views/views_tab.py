"""The "Who's who" tab: three other views of the selected account's people.

Power / interest (a grid one rates people on by dragging), the buying centre of each open
opportunity, and the team × stakeholder matrix. All three are computed from the account's plan
data by ``reports.views.plan_views`` — the same answers the internal plan prints — and follow
the document: an edited person, a logged meeting or a new opportunity shows at once (or, when
the tab is hidden, the next time it is shown).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget
from typing_extensions import override

from keyplan.domain.errors import KeyplanError
from keyplan.reports.views.plan_views import plan_buying_centres, plan_grid, plan_team_matrix
from keyplan.ui import dialogs
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.views.buying_centre_view import BuyingCentreView
from keyplan.ui.views.power_grid import PowerInterestView
from keyplan.ui.views.team_matrix_view import TeamMatrixView

#: The sub-tabs' titles; "Power / interest" and "Buying centre" as the internal plan names them.
GRID, BUYING, MATRIX = "Power / interest", "Buying centre", "Team × stakeholders"


class StakeholderViewsTab(QWidget):
    """The selected account's people seen by power and interest, by buying role, by our team."""

    person_activated = Signal(int)

    def __init__(self, document: PortfolioDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.account_id: int | None = None
        self.today_provider = date.today  # tests pin the day
        self._stale = False
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.print_button = QPushButton("Export as PDF…")
        self.print_button.setToolTip(
            "The three views on paper (A4), as the internal plan prints them"
        )
        self.print_button.clicked.connect(self.export_pdf)
        self.export_task: object | None = None
        self.grid = PowerInterestView()
        self.grid.person_moved.connect(self.move_person)
        self.buying = BuyingCentreView()
        self.matrix = TeamMatrixView()
        self.views = QTabWidget()
        for widget, title in ((self.grid, GRID), (self.buying, BUYING), (self.matrix, MATRIX)):
            widget.person_activated.connect(self.person_activated)
            self.views.addTab(widget, title)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.print_button)
        column = QVBoxLayout(self)
        column.addLayout(heading)
        column.addWidget(self.views, 1)
        for signal in (
            document.people_changed,
            document.person_changed,
            document.interactions_changed,
            document.account_changed,
            document.plan_changed,
            document.roster_changed,
        ):
            signal.connect(self._on_data_changed)

    # ---- showing --------------------------------------------------------------------------

    def show_account(self, account_id: int | None) -> None:
        self.account_id = account_id
        self.refresh()

    def show_view(self, title: str) -> QWidget:
        """Bring one of the three views to the front and return it."""
        index = next(i for i in range(self.views.count()) if self.views.tabText(i) == title)
        self.views.setCurrentIndex(index)
        return self.views.widget(index)

    def refresh(self) -> None:
        """Read the account's plan again and draw the three views from it."""
        self._stale = False
        self._refresh_timer.stop()
        if self.account_id is None:
            self.title.setText("No account selected")
            self.setEnabled(False)
            return
        self.setEnabled(True)
        try:
            plan = self.document.plan_data(self.account_id, self.today_provider())
        except KeyplanError as error:  # the account went (a teammate deleted it)
            self.title.setText(str(error))
            return
        self.title.setText(plan.name)
        self.grid.set_read_only(bool(self.document.database.read_only_reason))
        self.grid.show_grid(plan_grid(plan))
        self.buying.show_centres(plan_buying_centres(plan))
        self.matrix.show_matrix(plan_team_matrix(plan))

    def _on_data_changed(self, *_args: object) -> None:
        if self.isVisible():
            self._refresh_timer.start()
        else:
            self._stale = True

    @override
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # ---- editing --------------------------------------------------------------------------

    def move_person(self, person_id: int, influence: str, interest: str) -> None:
        """A person dropped on a cell: ask why (optional), then change both ratings at once."""
        if self.grid.cell_of(person_id) == (influence, interest):
            return  # dropped where they already are
        note = dialogs.ask_text(
            self,
            "Why the move?",
            "What did you see or hear? (optional — leave empty to skip)",
        )
        try:
            self.document.place_on_grid(person_id, influence, interest, note or "")
        except KeyplanError as error:
            dialogs.show_error(self, str(error))

    # ---- printing -------------------------------------------------------------------------

    def export_pdf(self) -> None:
        """Ask where, then write the three views as a PDF off the GUI thread."""
        if self.account_id is None or self.export_task is not None:
            return
        from keyplan.ui.shell.file_folders import FileKind

        name = self.document.account_values(self.account_id)["name"]
        name = "".join("-" if char in '/\\:*?"<>|' else char for char in name)
        suggested = f"{name} - who's who {self.today_provider().isoformat()}.pdf"
        path = dialogs.ask_save_file(
            self, "Export the views as PDF", suggested, "PDF files (*.pdf)", ".pdf",
            FileKind.PDF_EXPORT,
        )  # fmt: skip
        if not path or dialogs.refuse_output(self, path, self.document.database.path):
            return
        from keyplan.ui.background import run_task

        database, account_id, today = self.document.database, self.account_id, self.today_provider()

        def work(_report: object) -> object:
            from keyplan.reports.views.views_pdf import export_views_pdf

            return export_views_pdf(database, account_id, path, today=today)

        self.print_button.setEnabled(False)
        self.export_task = run_task(
            work,
            on_success=lambda _path: self._export_ended(f"Saved {path}", None),
            on_error=lambda error: self._export_ended(None, str(error)),
        )

    def _export_ended(self, message: str | None, error: str | None) -> None:
        self.export_task = None
        self.print_button.setEnabled(True)
        if error:
            dialogs.show_error(self, error)
        elif message:
            dialogs.show_info(self, message)
