"""The import wizard's choice of text encoding, for when the guess reads the names wrong.

"Automatic" names what was detected; the others are ``TEXT_ENCODINGS``. Each page of the
wizard has one of these; the wizard keeps them showing the same choice. A choice the file
cannot be read in is refused by the wizard, which puts the choice back and says why here.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from keyplan.exchange.transfer.text_files import TEXT_ENCODINGS
from keyplan.ui.widgets import theme

AUTOMATIC = "Automatic"


class EncodingChoice(QWidget):
    """ "Text encoding: [Automatic (Windows-1252) ▾]", and a line for a refused choice.

    ``problem`` is a label of its own, for the page to place where a long message fits.
    ``chosen`` carries the encoding's name, or None for automatic.
    """

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setToolTip(
            "The file's text encoding. Choose another when names show odd characters "
            "(JŸrgen, FranÃ§ois): the file is read again at once."
        )
        self.combo.addItem(AUTOMATIC, None)
        for encoding in TEXT_ENCODINGS:
            self.combo.addItem(encoding.label, encoding.name)
        self.combo.setMaxVisibleItems(len(TEXT_ENCODINGS) + 1)
        # As wide as "Automatic (UTF-8 with BOM)"; the open list shows the longer labels whole.
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(24)
        self.combo.view().setMinimumWidth(self.combo.view().sizeHintForColumn(0) + 24)
        label = QLabel("Text &encoding:")
        label.setBuddy(self.combo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.combo)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(theme.text_style(theme.WARNING))
        self.problem.hide()
        self.combo.activated.connect(lambda _index: self.chosen.emit(self.combo.currentData()))

    def show_choice(self, encoding: str | None, detected: str) -> None:
        """Show the encoding in use (None: automatic, which found ``detected``)."""
        self.combo.setItemText(0, f"{AUTOMATIC} ({detected})" if detected else AUTOMATIC)
        self.combo.setCurrentIndex(max(0, self.combo.findData(encoding)))

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def choose(self, encoding: str | None) -> None:
        """Choose an encoding by name, None for automatic (what a user does with the list)."""
        index = self.combo.findData(encoding)
        if index < 0:
            raise ValueError(f"no encoding called {encoding!r} in the list")
        self.combo.setCurrentIndex(index)
        self.combo.activated.emit(index)
