"""The base of every undo command: an edit already made, taken back and made again.

An editor performs each edit once before it pushes the command (so a refused edit raises at
once, with the user's message, and nothing is pushed); the first ``redo``, which Qt calls on
push, therefore does nothing. What changed is announced in one place: the hub's ``push``
announces a command once it is on the stack, and every later undo and redo announces after its
store step succeeds. An undo or redo the store refuses (a damaged or locked file) cannot raise
through Qt's C++ frames, so it is reported through the document's ``edit_failed`` signal and
announces nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from keyplan.domain.errors import KeyplanError
from keyplan.store.history.marks import undoing

if TYPE_CHECKING:
    from keyplan.ui.document.hub import PortfolioDocument


class DocumentCommand(QUndoCommand):
    """A command whose first redo has already happened in an editor."""

    def __init__(self, document: PortfolioDocument, text: str) -> None:
        super().__init__(text)
        self.document = document
        self._done = True

    def redo(self) -> None:
        if self._done:
            self._done = False  # made by the editor; the hub announces it once pushed
            return
        self._guarded(self.apply)

    def undo(self) -> None:
        with undoing():  # the change log marks what an undo writes; it never forgets
            self._guarded(self.revert)

    def _guarded(self, step: Callable[[], None]) -> None:
        try:
            step()
        except KeyplanError as error:
            self.document.report_failure(str(error))
            return
        self.announce()

    def apply(self) -> None:
        """Make the edit again in the store (redo)."""
        raise NotImplementedError

    def revert(self) -> None:
        """Take the edit back in the store (undo)."""
        raise NotImplementedError

    def announce(self) -> None:
        """Tell the views what this command changed, on the document's signals."""
        raise NotImplementedError
