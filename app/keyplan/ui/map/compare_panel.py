"""The side panel that compares two dates of the map: pick them, read the changes, step months.

"From" and "To" offer today, whole months back and the account's named snapshots; the slider
steps "From" through the last twelve months. The list names each change; choosing one selects
its card. The panel only asks (``range_changed``) and shows (``show_changes``): the Map tab
reads the comparison through the document and hands it to the scene's marks.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from keyplan.domain.history.compare import MapChange
from keyplan.domain.history.wording import Names, change_text, day_text

if TYPE_CHECKING:
    from keyplan.store.history.named_snapshots import NamedSnapshot

MONTHS_BACK = 12
# A list longer than this is read by nobody, and filling it cost more than the comparison:
# the marks on the map show every change, the list the first ones.
MOST_LISTED = 300
PersonIdRole = Qt.ItemDataRole.UserRole + 1
_NOW = "now"


def months_ago(now: datetime, months: int) -> datetime:
    """The same moment ``months`` calendar months earlier (the day kept where it exists)."""
    year, month = divmod(now.month - 1 - months, 12)
    year, month = now.year + year, month + 1
    for day in range(now.day, 0, -1):
        try:
            return now.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return now - timedelta(days=30 * months)


class ComparePanel(QWidget):
    """Two dates, a month slider, and the list of what changed between them."""

    range_changed = Signal()  # the dates were changed: compare again
    person_chosen = Signal(int)  # a change was chosen in the list: select that card
    snapshot_requested = Signal()  # "Take snapshot…" pressed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compare_panel")
        self.from_box, self.to_box = QComboBox(), QComboBox()
        self.from_box.setObjectName("compare_from")
        self.to_box.setObjectName("compare_to")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("compare_months")
        self.slider.setRange(0, MONTHS_BACK)
        self.slider.setInvertedAppearance(True)  # left is a year ago, right is now
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider_label = QLabel()
        self.changes_list = QListWidget()
        self.changes_list.setObjectName("compare_changes")
        self.changes_list.setWordWrap(True)  # a long change wraps instead of being cut off
        self.changes_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.snapshot_button = QPushButton("Take snapshot…")
        self.snapshot_button.setToolTip("Name the map as it is now, to compare with later")
        self._snapshots: list[NamedSnapshot] = []
        self._build()
        self.set_snapshots([])
        self.from_box.setCurrentIndex(self.from_box.findData(1))
        self.slider.setValue(1)
        self.from_box.currentIndexChanged.connect(self._from_chosen)
        self.to_box.currentIndexChanged.connect(lambda _i: self.range_changed.emit())
        self.slider.valueChanged.connect(self._slid)
        self.changes_list.currentItemChanged.connect(self._chosen)
        self.changes_list.itemClicked.connect(self._chosen)
        self.snapshot_button.clicked.connect(self.snapshot_requested.emit)

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow("From", self.from_box)
        form.addRow("To", self.to_box)
        layout = QVBoxLayout(self)
        title = QLabel("<b>Compare two dates</b>")
        layout.addWidget(title)
        layout.addLayout(form)
        steps = QHBoxLayout()
        steps.addWidget(QLabel("12 months ago"))
        steps.addStretch(1)
        steps.addWidget(QLabel("now"))
        layout.addWidget(self.slider)
        layout.addLayout(steps)
        layout.addWidget(self.slider_label)
        layout.addWidget(self.summary)
        layout.addWidget(self.changes_list, 1)
        layout.addWidget(self.snapshot_button)
        self.setMinimumWidth(260)

    # ---- the dates --------------------------------------------------------------------------

    def set_snapshots(self, snapshots: Sequence[NamedSnapshot]) -> None:
        """Offer these named snapshots in both boxes, keeping what was chosen."""
        self._snapshots = list(snapshots)
        for box, default in ((self.from_box, 1), (self.to_box, _NOW)):
            chosen = box.currentData() if box.count() else default
            box.blockSignals(True)
            box.clear()
            box.addItem("Now", _NOW)
            for months in (1, 3, 6, 12):
                box.addItem(f"{months} month{'s' if months > 1 else ''} ago", months)
            for snapshot in self._snapshots:
                box.addItem(f"“{snapshot.name}” ({day_text(snapshot.taken_at)})", snapshot.id)
            index = box.findData(chosen)
            box.setCurrentIndex(index if index >= 0 else box.findData(default))
            box.blockSignals(False)

    def dates(self, now: datetime | None = None) -> tuple[datetime, datetime]:
        """The two moments chosen (earlier first)."""
        now = now or datetime.now(UTC).replace(tzinfo=None)  # the log's times are UTC
        first, second = self._moment(self.from_box, now), self._moment(self.to_box, now)
        return min(first, second), max(first, second)

    def _moment(self, box: QComboBox, now: datetime) -> datetime:
        data = box.currentData()
        if data == _NOW or data is None:
            return now
        if isinstance(data, int) and box.currentText().endswith("ago"):
            return months_ago(now, data)
        snapshot = next((s for s in self._snapshots if s.id == data), None)
        return snapshot.taken_at if snapshot is not None else now

    def _from_chosen(self, _index: int) -> None:
        data = self.from_box.currentData()
        if isinstance(data, int) and self.from_box.currentText().endswith("ago"):
            self.slider.blockSignals(True)
            self.slider.setValue(data)
            self.slider.blockSignals(False)
        self.range_changed.emit()

    def _slid(self, months: int) -> None:
        """The slider steps 'From' month by month (any month, not just the listed ones)."""
        self.from_box.blockSignals(True)
        index = self.from_box.findData(months) if months in (1, 3, 6, 12) else -1
        if months == 0:
            index = self.from_box.findData(_NOW)
        if index < 0:
            self.from_box.addItem(f"{months} months ago", months)
            index = self.from_box.count() - 1
        self.from_box.setCurrentIndex(index)
        self.from_box.blockSignals(False)
        self.range_changed.emit()

    # ---- the changes ------------------------------------------------------------------------

    def show_changes(self, changes: Sequence[MapChange], names: Names, start: datetime) -> None:
        """List the changes, one line each: "Ingrid Olsen — moved: nobody → Harald Berg"."""
        self.changes_list.blockSignals(True)
        self.changes_list.clear()
        for change in changes[:MOST_LISTED]:
            item = QListWidgetItem(f"{change.name} — {change_text(change, names)}")
            item.setData(PersonIdRole, change.person_id)
            item.setToolTip(item.text())
            self.changes_list.addItem(item)
        if len(changes) > MOST_LISTED:
            more = QListWidgetItem(
                f"… and {len(changes) - MOST_LISTED:,} more: choose dates closer together"
            )
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            self.changes_list.addItem(more)
        self.changes_list.blockSignals(False)
        self.slider_label.setText(f"From {day_text(start)} to {self.to_box.currentText().lower()}")
        counts: dict[str, int] = {}
        for change in changes:
            counts[change.kind] = counts.get(change.kind, 0) + 1
        words = [f"{counts[k]} {k}" for k in ("joined", "left", "moved", "changed") if k in counts]
        self.summary.setText(", ".join(words) if words else "No changes between these dates.")

    def texts(self) -> list[str]:
        return [self.changes_list.item(row).text() for row in range(self.changes_list.count())]

    def _chosen(self, item: QListWidgetItem | None, *_rest: object) -> None:
        if item is not None and item.data(PersonIdRole) is not None:
            self.person_chosen.emit(int(item.data(PersonIdRole)))
