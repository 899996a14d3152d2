"""The Plan tab: the account plan, section by section, in the order a planning session runs.

A list of the five sections on the left, the chosen section on the right. Every section shows
the selected account (and the affiliates below it) and edits it through the document, so every
change is an undo step, stored at once, and an undo anywhere updates what is shown here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from keyplan.domain.plan_fields import PlanTable
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.plan.sections import (
    BusinessSection,
    GovernanceSection,
    PlanSection,
    PositionSection,
    TablesSection,
    scrolling,
)
from keyplan.ui.plan.table_box import PlanTableBox


class PlanTab(QWidget):
    """The selected account's plan: customer business, our position, pursuits, work, governance."""

    def __init__(self, document: PortfolioDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.account_id: int | None = None
        self.sections: list[PlanSection] = [
            BusinessSection(document),
            PositionSection(document),
            TablesSection(
                document,
                "3 · Opportunities, competitors, risks",
                "What we pursue, who stands in the way, and what could go wrong.",
                (PlanTable.OPPORTUNITIES, PlanTable.COMPETITORS, PlanTable.RISKS),
            ),
            TablesSection(
                document,
                "4 · Objectives, actions, commitments",
                "What we aim for, who does what by when, and what we promised the customer.",
                (PlanTable.OBJECTIVES, PlanTable.ACTIONS, PlanTable.COMMITMENTS),
            ),
            GovernanceSection(document),
        ]
        self._build()

    def _build(self) -> None:
        self.section_list = QListWidget()
        self.section_list.setObjectName("plan_sections")
        self.section_list.setAccessibleName("Plan sections")
        self.section_list.setSpacing(2)
        self.section_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        for section in self.sections:
            scrolls = isinstance(section, (BusinessSection, PositionSection))
            self.stack.addWidget(scrolling(section) if scrolls else section)
            self.section_list.addItem(_list_title(section))
        # As wide as the longest title, whatever the font: no clipped or elided section names.
        metrics = self.section_list.fontMetrics()
        widest = max(metrics.horizontalAdvance(_list_title(s)) for s in self.sections)
        self.section_list.setFixedWidth(widest + 36)
        self.section_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.section_list.setCurrentRow(0)
        self.account_label = QLabel()
        self.account_label.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.account_label.setWordWrap(True)
        self.account_label.setFixedWidth(self.section_list.width())
        left = QVBoxLayout()
        left.addWidget(self.account_label)
        left.addWidget(self.section_list, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left)
        layout.addWidget(self.stack, 1)
        self.document.account_changed.connect(self._on_account_changed)

    # ---- showing ------------------------------------------------------------------------

    def show_account(self, account_id: int | None) -> None:
        self.account_id = account_id
        self.setEnabled(account_id is not None)
        self._show_name()
        for section in self.sections:
            section.show_account(account_id)

    def show_section(self, position: int) -> PlanSection:
        """Bring a section to the front (0 = customer business) and return it."""
        self.section_list.setCurrentRow(position)
        return self.sections[position]

    def table_box(self, table: PlanTable) -> PlanTableBox:
        """The editable table of a plan table, in whichever section shows it."""
        return next(
            section.boxes[table]
            for section in self.sections
            if table in getattr(section, "boxes", {})
        )

    def _show_name(self) -> None:
        if self.account_id is None:
            self.account_label.setText("No account selected")
            return
        self.account_label.setText(self.document.account_values(self.account_id)["name"])

    def _on_account_changed(self, account_id: int, field: str) -> None:
        if account_id == self.account_id and field == "name":
            self._show_name()


def _list_title(section: PlanSection) -> str:
    """The section's heading as the list shows it: "1  Customer business"."""
    number, _dot, title = section.title.partition(" · ")
    return f"{number}  {title}" if title else section.title
