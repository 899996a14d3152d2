"""The buying centre of each open opportunity on screen: a tree of roles and people, red flags.

One top-level line per open opportunity (its stage and department beside it), under it the
roles in the order a director reads them, their people with stance, influence, our owner and
the last contact, and the red flags in words at the end.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from keyplan.domain.fields import STAKEHOLDER_FIELDS
from keyplan.domain.plan_vocabulary import OpportunityStage
from keyplan.domain.views.buying_centre import BuyingCentre
from keyplan.ui.widgets import theme

PersonIdRole = Qt.ItemDataRole.UserRole
COLUMNS = ("Opportunity · role", "Person", "Job title", "Stance", "Influence", "Owner",
           "Last contact")  # fmt: skip
FLAG_COLOUR = theme.FLAG


class BuyingCentreView(QTreeWidget):
    """Every open opportunity's buying centre, expanded."""

    person_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(list(COLUMNS))
        self.setAccessibleName("Buying centre of each open opportunity")
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        header = self.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.itemActivated.connect(self._activated)

    def show_centres(self, centres: list[BuyingCentre]) -> None:
        self.clear()
        if not centres:
            QTreeWidgetItem(self, ["No open opportunities."])
            return
        bold = QFont(self.font())
        bold.setBold(True)
        for centre in centres:
            top = QTreeWidgetItem(self, [centre.opportunity.name, _facts(centre)])
            top.setFont(0, bold)
            top.setFirstColumnSpanned(False)
            for role, people in centre.groups():
                if not people:
                    QTreeWidgetItem(top, [role, "none named"])
                for number, person in enumerate(people):
                    item = QTreeWidgetItem(
                        top,
                        [
                            role if number == 0 else "",
                            person.name,
                            person.job_title or "",
                            STAKEHOLDER_FIELDS["stance"].display(person.stance),
                            STAKEHOLDER_FIELDS["influence"].display(person.influence) or "—",
                            ", ".join(person.owners) or "nobody",
                            person.last_contact.isoformat() if person.last_contact else "never",
                        ],
                    )
                    item.setData(0, PersonIdRole, person.id)
            for warning in centre.red_flags:
                flag = QTreeWidgetItem(top, [f"RED FLAG — {warning.text}"])
                flag.setFirstColumnSpanned(True)
                flag.setFont(0, bold)
                flag.setForeground(0, QBrush(theme.colour(FLAG_COLOUR)))
            if not centre.red_flags:
                QTreeWidgetItem(top, ["No red flags."])
        self.expandAll()
        for item in (self.topLevelItem(i) for i in range(self.topLevelItemCount())):
            for child in (item.child(j) for j in range(item.childCount())):
                if child.text(0).startswith("RED FLAG"):
                    child.setFirstColumnSpanned(True)

    def red_flags(self) -> list[str]:
        """The red-flag lines shown, in order (for a reader of the view, and tests)."""
        return [
            child.text(0)
            for i in range(self.topLevelItemCount())
            for child in (
                self.topLevelItem(i).child(j) for j in range(self.topLevelItem(i).childCount())
            )
            if child.text(0).startswith("RED FLAG")
        ]

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        person_id = item.data(0, PersonIdRole)
        if person_id is not None:
            self.person_activated.emit(person_id)


def _facts(centre: BuyingCentre) -> str:
    opportunity = centre.opportunity
    parts = []
    if opportunity.stage:
        try:
            parts.append(OpportunityStage(opportunity.stage).label)
        except ValueError:
            parts.append(opportunity.stage)
    if opportunity.department:
        parts.append(opportunity.department)
    return " · ".join(parts)
