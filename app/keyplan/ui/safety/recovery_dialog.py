"""The start-up dialog for a damaged database: what is wrong, and the ways out.

It offers the newest good backup (when it was taken, what it holds), another backup, another
database, or quitting. The dialog only asks; ``ui/safety/recovery.py`` does what was chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from keyplan.domain.wording import count_of
from keyplan.store.safety.recovery import GoodBackup

ICON_SIZE = 48
DIALOG_WIDTH = 560


class RecoveryChoice(Enum):
    """What the user chose to do about the damaged database."""

    RESTORE_NEWEST = "restore"
    CHOOSE_BACKUP = "choose"
    OPEN_OTHER = "open"
    QUIT = "quit"


@dataclass(frozen=True)
class DamagedDatabase:
    """What the dialog tells the user: the file, what is wrong, and what can replace it."""

    path: Path
    problem: str  # the store's message, written for the user
    newest: GoodBackup | None
    backup_count: int  # every rolling backup found, usable or not


class RecoveryDialog(QDialog):
    """Says what is wrong with the database and offers the ways out, as big buttons."""

    def __init__(
        self,
        damaged: DamagedDatabase,
        parent: QWidget | None = None,
        *,
        now: datetime | None = None,
        closing_text: str = "Quit Keyplan",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyplan — database damaged")
        self.setMinimumWidth(DIALOG_WIDTH)
        self._choice = RecoveryChoice.QUIT  # closing the window is quitting
        now = now or datetime.now()
        self.buttons: dict[RecoveryChoice, QCommandLinkButton] = {}
        self._ways_out = QVBoxLayout()
        self._ways_out.setSpacing(2)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addLayout(self._heading(damaged))
        layout.addWidget(_line())
        if damaged.newest is not None:
            when = describe_when(damaged.newest.info.taken_at, now)
            layout.addWidget(_paragraph(_backup_sentence(damaged.newest, when)))
            self._add_way_out(
                RecoveryChoice.RESTORE_NEWEST,
                f"Restore the backup from {when.removeprefix('on ')}",
                f"{damaged.path.name} is then opened as usual. The damaged file is kept beside "
                f"it under a new name; nothing is deleted.",
            )
        else:
            layout.addWidget(_paragraph(_no_backup_sentence(damaged.backup_count)))
        if damaged.backup_count:
            self._add_way_out(
                RecoveryChoice.CHOOSE_BACKUP,
                "Choose another backup…",
                "An older backup, or a backup file you saved yourself.",
            )
        self._add_way_out(
            RecoveryChoice.OPEN_OTHER,
            "Open another database…",
            f"Work in another Keyplan file; {damaged.path.name} stays as it is.",
        )
        layout.addLayout(self._ways_out)
        closing = QDialogButtonBox()
        # At start-up there is nothing else open: closing is quitting. From File › Open, it
        # only cancels, and the window stays on the database it had.
        self.quit_button = closing.addButton(closing_text, QDialogButtonBox.ButtonRole.RejectRole)
        self.quit_button.clicked.connect(self.reject)
        layout.addWidget(closing)
        # Wrapped sentences: the height that fits this width, not Qt's square-ish guess.
        self.resize(DIALOG_WIDTH, layout.totalHeightForWidth(DIALOG_WIDTH))
        first = next(iter(self.buttons.values()))
        first.setDefault(True)
        first.setFocus()

    def choice(self) -> RecoveryChoice:
        """What the user chose; Quit when the dialog was closed."""
        return self._choice

    def _heading(self, damaged: DamagedDatabase) -> QHBoxLayout:
        icon = QLabel()
        style_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(style_icon.pixmap(ICON_SIZE, ICON_SIZE))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(f"<b>Keyplan cannot open {damaged.path.name}: the file is damaged.</b>")
        title.setWordWrap(True)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        title.setFont(font)
        problem = _paragraph(damaged.problem)
        where = _paragraph(str(damaged.path))
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # muted: a detail
        words = QVBoxLayout()
        words.addWidget(title)
        words.addWidget(problem)
        words.addWidget(where)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addLayout(words, 1)
        return row

    def _add_way_out(self, choice: RecoveryChoice, text: str, description: str) -> None:
        button = QCommandLinkButton(text, description)
        button.clicked.connect(lambda: self._choose(choice))
        self.buttons[choice] = button
        self._ways_out.addWidget(button)

    def _choose(self, choice: RecoveryChoice) -> None:
        self._choice = choice
        self.accept()


def describe_when(taken_at: datetime, now: datetime) -> str:
    """ "today at 08:10", "yesterday at 18:42", "on Tuesday 3 March 2026 at 18:42"."""
    clock = f"{taken_at:%H:%M}"
    if taken_at.date() == now.date():
        return f"today at {clock}"
    if taken_at.date() == (now - timedelta(days=1)).date():
        return f"yesterday at {clock}"
    return f"on {taken_at:%A} {taken_at.day} {taken_at:%B %Y} at {clock}"


def _backup_sentence(newest: GoodBackup, when: str) -> str:
    return (
        f"The newest good backup was taken {when} and holds {_contents(newest)}. "
        f"Changes made after that are not in it."
    )


def _no_backup_sentence(backup_count: int) -> str:
    if backup_count:
        return (
            f"None of the {backup_count} automatic backups of this file can be restored: they "
            f"are damaged too, or from a newer Keyplan."
        )
    return (
        "There are no automatic backups of this file to restore. If you saved a copy yourself "
        "(File\u00a0▸\u00a0Back\u00a0up\u00a0now…), open it with Open another database."
    )


def _contents(newest: GoodBackup) -> str:
    accounts, people = newest.contents.accounts, newest.contents.people
    return (
        f"{count_of(accounts, 'account', thousands=True)} and "
        f"{count_of(people, 'person', thousands=True)}"
    )


def _paragraph(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _line() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
