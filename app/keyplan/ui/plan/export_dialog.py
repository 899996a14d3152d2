"""The export dialog: which document (internal, customer-safe, meeting brief), which paper, and
for a brief, who attends."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from keyplan.domain.plan_vocabulary import ExportVariant, PeopleShown

PAGE_SIZES = ("A4", "Letter")
FORMATS = {"pdf": "PDF document", "pptx": "PowerPoint deck (16:9, editable)"}
VARIANT_TEXTS = {
    ExportVariant.INTERNAL: "Internal plan: everything, for our team and management",
    ExportVariant.CUSTOMER: "Customer-safe plan: no internal assessments, to hand over the table",
    ExportVariant.BRIEF: "Meeting brief: one or two pages on the people you will meet",
}
PEOPLE_SHOWN_TEXTS = {
    PeopleShown.WORKED: "Only the people we work with (an owner or a meeting)",
    PeopleShown.ALL: "All of their people",
}
# Where US Letter is the paper in the printer; everywhere else it is A4.
LETTER_COUNTRIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Philippines,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
}


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What the user chose: the document, the paper, and the attendees of a brief."""

    variant: ExportVariant
    page_size: str
    people: tuple[str, ...] = ()
    people_shown: PeopleShown = PeopleShown.WORKED
    format: str = "pdf"  # or "pptx"


def default_page_size(locale: QLocale | None = None) -> str:
    """The paper size of the user's country."""
    country = (locale or QLocale()).territory()
    return "Letter" if country in LETTER_COUNTRIES else "A4"


class ExportDialog(QDialog):
    """Asks for an ``ExportOptions``; OK needs at least one attendee for a meeting brief.

    Args:
        people: the account's people as (name, "title · department") pairs.
    """

    def __init__(
        self,
        people: list[tuple[str, str]],
        parent: QWidget | None = None,
        for_printing: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Print" if for_printing else "Export plan")
        self.variants = QButtonGroup(self)
        variant_box = QGroupBox("Document")
        variant_layout = QVBoxLayout(variant_box)
        for position, (variant, text) in enumerate(VARIANT_TEXTS.items()):
            button = QRadioButton(text)
            button.setObjectName(f"variant_{variant.value}")
            button.setChecked(position == 0)
            self.variants.addButton(button, position)
            variant_layout.addWidget(button)
        self.page_size = QComboBox()
        self.page_size.addItems(PAGE_SIZES)
        self.page_size.setCurrentText(default_page_size())
        self.people_shown = QComboBox()
        self.people_shown.setObjectName("people_shown")
        for choice, text in PEOPLE_SHOWN_TEXTS.items():
            self.people_shown.addItem(text, choice.value)
        self.people_shown.setToolTip(
            "Whom the customer-safe plan lists: people nobody of ours knows would show no "
            "contact on our side"
        )
        self.format = QComboBox()
        self.format.setObjectName("format")
        for key, text in FORMATS.items():
            self.format.addItem(text, key)
        self.format.currentIndexChanged.connect(lambda _index: self._update())
        paper = QFormLayout()
        if not for_printing:  # paper is the only format a printer takes
            paper.addRow("Format", self.format)
        paper.addRow("Paper", self.page_size)
        paper.addRow("People listed", self.people_shown)
        self.attendees = self._build_attendees(people)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            "Print…" if for_printing else "Export…"
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(variant_box)
        layout.addLayout(paper)
        layout.addWidget(self.attendees, 1)
        layout.addWidget(self.buttons)
        self.variants.idToggled.connect(lambda *_args: self._update())
        self.resize(560, 520)
        self._update()

    def _build_attendees(self, people: list[tuple[str, str]]) -> QGroupBox:
        box = QGroupBox("Attendees of the meeting")
        self.filter = QLineEdit(placeholderText="Filter by name, title or department")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.people_list = QListWidget()
        for name, detail in people:
            item = QListWidgetItem(f"{name}  —  {detail}" if detail else name)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.people_list.addItem(item)
        self.people_list.itemChanged.connect(lambda _item: self._update())
        self.chosen_label = QLabel()
        layout = QVBoxLayout(box)
        layout.addWidget(self.filter)
        layout.addWidget(self.people_list, 1)
        layout.addWidget(self.chosen_label)
        return box

    # ---- reading and checking -----------------------------------------------------------

    def variant(self) -> ExportVariant:
        return list(VARIANT_TEXTS)[self.variants.checkedId()]

    def choose_variant(self, variant: ExportVariant) -> None:
        self.variants.button(list(VARIANT_TEXTS).index(variant)).setChecked(True)

    def chosen_people(self) -> tuple[str, ...]:
        items = (self.people_list.item(row) for row in range(self.people_list.count()))
        return tuple(
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        )

    def choose_people(self, names: list[str]) -> None:
        for row in range(self.people_list.count()):
            item = self.people_list.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in names
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def options(self) -> ExportOptions:
        is_brief = self.variant() is ExportVariant.BRIEF
        return ExportOptions(
            self.variant(),
            self.page_size.currentText(),
            self.chosen_people() if is_brief else (),
            PeopleShown(self.people_shown.currentData()),
            self.format.currentData(),
        )

    def choose_format(self, key: str) -> None:
        self.format.setCurrentIndex(self.format.findData(key))

    def choose_people_shown(self, choice: PeopleShown) -> None:
        self.people_shown.setCurrentIndex(self.people_shown.findData(choice.value))

    def _apply_filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        for row in range(self.people_list.count()):
            item = self.people_list.item(row)
            item.setHidden(bool(wanted) and wanted not in item.text().casefold())

    def _update(self) -> None:
        is_brief = self.variant() is ExportVariant.BRIEF
        chosen = len(self.chosen_people())
        self.attendees.setEnabled(is_brief)
        self.people_shown.setEnabled(self.variant() is ExportVariant.CUSTOMER)
        self.page_size.setEnabled(self.format.currentData() == "pdf")  # slides are 16:9
        self.chosen_label.setText(
            f"{chosen} chosen" if chosen else "Tick the people you will meet."
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not is_brief or chosen > 0)
