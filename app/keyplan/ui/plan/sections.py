"""The five sections of the Plan tab, in the order a planning session runs.

Each section is a widget with ``show_account(account_id)``; each gives something back at once
(how much of the picture is filled in, share of wallet, what is late) above what it edits.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from keyplan.domain.fields import ACCOUNT_FIELDS, BUSINESS_GROUPS
from keyplan.domain.money import money_totals, weighted_amount
from keyplan.domain.plan_fields import PlanTable
from keyplan.domain.plan_vocabulary import OpportunityStatus
from keyplan.ui.document import PortfolioDocument
from keyplan.ui.plan.account_fields import AccountFieldForm
from keyplan.ui.plan.table_box import PlanTableBox
from keyplan.ui.plan.tables import LAYOUTS
from keyplan.ui.plan.whitespace import WhitespaceView
from keyplan.ui.widgets import theme

MUTED = theme.Tone("#546e7a", "#b0bec5")  # a section's hints


class PlanSection(QWidget):
    """A section page: a heading, a line that sums it up, and its content below."""

    def __init__(
        self, document: PortfolioDocument, title: str, hint: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.title = title
        self.account_id: int | None = None
        heading = QLabel(title)
        heading.setStyleSheet("font-size: 17px; font-weight: 600;")
        self.hint = QLabel(hint)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(theme.text_style(MUTED))
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.hint)
        layout.addLayout(self.body, 1)

    def show_account(self, account_id: int | None) -> None:
        self.account_id = account_id


def scrolling(widget: QWidget) -> QScrollArea:
    """Put a tall section in a frameless scroll area."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(widget)
    return scroll


class BusinessSection(PlanSection):
    """1. The customer's business: mission to skills, and the plans that change their needs."""

    def __init__(self, document: PortfolioDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, "1 · Customer business", "", parent)
        self.forms: list[AccountFieldForm] = []
        grid = QGridLayout()
        for position, (title, fields) in enumerate(BUSINESS_GROUPS):
            group = QGroupBox(title)
            form = AccountFieldForm(document, fields, group)
            form.values_shown.connect(self._show_completeness)
            QVBoxLayout(group).addWidget(form)
            self.forms.append(form)
            grid.addWidget(group, position // 2, position % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 1)
        self.body.addLayout(grid)

    def show_account(self, account_id: int | None) -> None:
        super().show_account(account_id)
        for form in self.forms:
            form.show_account(account_id)

    def _show_completeness(self, values: dict[str, Any]) -> None:
        fields = [field for _title, group in BUSINESS_GROUPS for field in group]
        missing = [ACCOUNT_FIELDS[f].label.lower() for f in fields if not (values[f] or "").strip()]
        if not missing:
            self.hint.setText(f"All {len(fields)} questions answered. Keep them current.")
            return
        self.hint.setText(
            f"{len(fields) - len(missing)} of {len(fields)} answered · still open: "
            + ", ".join(missing)
        )


class PositionSection(PlanSection):
    """2. Our position: value proposition, revenue and share of wallet, the whitespace grid."""

    def __init__(self, document: PortfolioDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, "2 · Our position", "", parent)
        self.proposition = AccountFieldForm(document, ("value_proposition",))
        self.money = AccountFieldForm(document, ("annual_revenue", "potential"))
        self.money.values_shown.connect(self._show_wallet)
        self.whitespace = WhitespaceView(document)
        columns = QHBoxLayout()
        columns.addWidget(self.proposition, 3)
        columns.addWidget(self.money, 1)
        self.body.addLayout(columns)
        whitespace_title = QLabel("Whitespace: departments × our offerings")
        whitespace_title.setStyleSheet("font-weight: 600; font-size: 14px;")
        self.body.addWidget(whitespace_title)
        self.body.addWidget(self.whitespace)
        self.body.addStretch(1)
        document.plan_changed.connect(self._on_plan_changed)

    def show_account(self, account_id: int | None) -> None:
        super().show_account(account_id)
        self.proposition.show_account(account_id)
        self.money.show_account(account_id)
        self.whitespace.show_account(account_id)

    def _on_plan_changed(self, table: str, _account_id: int) -> None:
        if table == PlanTable.OPPORTUNITIES and self.account_id is not None:
            self._show_wallet(self.document.account_values(self.account_id))

    def _show_wallet(self, values: dict[str, Any]) -> None:
        if self.account_id is None:
            return
        opportunities = self.document.plan_rows(PlanTable.OPPORTUNITIES, self.account_id)
        self.hint.setText(wallet_text(values, opportunities))


def wallet_text(values: dict[str, Any], opportunities: list[dict[str, Any]]) -> str:
    """Revenue against potential, and what the open pipeline in the account's currency adds.

    Only opportunities in the account's own currency count towards the share of wallet:
    amounts in other currencies are never added to it (see ``domain/money.py``).
    """
    currency = values.get("currency") or ""
    revenue, potential = values.get("annual_revenue"), values.get("potential")
    if not revenue or not potential:
        return "Enter annual revenue and potential to see our share of the customer's wallet."
    parts = [
        f"{revenue / potential:.0%} share of wallet",
        f"{currency} {max(potential - revenue, 0):,.0f} still to win",
    ]
    weighted = money_totals(
        (
            (weighted_amount(row["value"], row["probability"]), row["currency"])
            for row in opportunities
            if row["status"] == OpportunityStatus.OPEN.value
        ),
        currency,
    ).get(currency, 0.0)
    if weighted:
        parts.append(f"weighted pipeline would take it to {(revenue + weighted) / potential:.0%}")
    return " · ".join(parts)


class TablesSection(PlanSection):
    """3 and 4: plan tables one above the other, each resizable against the others."""

    def __init__(
        self,
        document: PortfolioDocument,
        title: str,
        hint: str,
        tables: tuple[PlanTable, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(document, title, hint, parent)
        self.boxes = {table: PlanTableBox(document, LAYOUTS[table]) for table in tables}
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        for box in self.boxes.values():
            splitter.addWidget(box)
        self.body.addWidget(splitter, 1)

    def show_account(self, account_id: int | None) -> None:
        super().show_account(account_id)
        for box in self.boxes.values():
            box.show_account(account_id)


class GovernanceSection(PlanSection):
    """5. Governance: how often the plan is reviewed, and who from our team covers whom."""

    def __init__(self, document: PortfolioDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, "5 · Governance", "", parent)
        self.review = AccountFieldForm(
            document, ("review_cadence_days", "last_review_on"), labels_above=False
        )
        self.review.values_shown.connect(self._show_review)
        self.reviewed_button = QPushButton("Reviewed today")
        self.reviewed_button.setToolTip("Set the last plan review to today")
        self.reviewed_button.clicked.connect(self.mark_reviewed_today)
        review_row = QHBoxLayout()
        review_row.addWidget(self.review)
        review_row.addWidget(self.reviewed_button)
        review_row.addStretch(1)
        self.owners = PlanTableBox(document, LAYOUTS[PlanTable.RELATIONSHIP_OWNERS])
        self.boxes = {PlanTable.RELATIONSHIP_OWNERS: self.owners}
        self.body.addLayout(review_row)
        self.body.addWidget(self.owners, 1)

    def show_account(self, account_id: int | None) -> None:
        super().show_account(account_id)
        self.review.show_account(account_id)
        self.owners.show_account(account_id)

    def mark_reviewed_today(self) -> None:
        self.review.commit("last_review_on", date.today())

    def _show_review(self, values: dict[str, Any]) -> None:
        self.hint.setText(review_text(values, date.today()))


def review_text(values: dict[str, Any], today: date) -> str:
    """When the plan is next due for review, and whether that is overdue."""
    cadence, last = values.get("review_cadence_days"), values.get("last_review_on")
    if last is None:
        return "The plan has never been reviewed. Set a cadence and review it with the team."
    if not cadence:
        return f"Last reviewed {last.isoformat()}. Set a review cadence to get reminders."
    due = last + timedelta(days=cadence)
    days = (due - today).days
    if days < 0:
        return f"Review overdue by {-days} days (was due {due.isoformat()})."
    return f"Next review due {due.isoformat()}, in {days} days."
