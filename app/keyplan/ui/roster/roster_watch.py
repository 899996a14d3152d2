"""Telling a view what a roster change means for it, so that most changes cost it nothing.

``roster_changed`` carries no details, and re-reading every person of a 10,000-person account
for an offering's new description would freeze the window for seconds. A view that shows team
members by name keeps a ``TeamWatch`` and asks it, on each ``roster_changed``, whether its lists
of choices changed and whether rows it shows can name someone differently now. Plain Python,
cheap to import: the views that use it are built at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

TeamReader = Callable[[], list[tuple[int, str]]]


@dataclass(frozen=True, slots=True)
class TeamChange:
    choices: bool  # the list of team members to choose from changed
    rows: bool  # rows may name team members differently (a rename, a delete, an undo of one)


class TeamWatch:
    """Remembers our team's (id, name) pairs between roster changes."""

    def __init__(self, read: TeamReader) -> None:
        self._read = read
        self._names: dict[int, str] | None = None  # read on first use: nothing at start-up
        self._seen: set[int] = set()

    def change(self) -> TeamChange:
        """What changed since the last call or ``start`` (unknown before either: everything)."""
        names = dict(self._read())
        before, self._names = self._names, names
        if before is None:
            self._seen = set(names)
            return TeamChange(choices=True, rows=True)
        newcomers = set(names) - self._seen
        self._seen |= set(names)
        if names == before:
            return TeamChange(choices=False, rows=False)
        # Someone never seen before owns nothing yet; anyone else (a rename, a delete, a delete
        # undone) may appear in rows already shown.
        only_newcomers = (
            all(names.get(i) == name for i, name in before.items())
            and set(names) - set(before) <= newcomers
        )
        return TeamChange(choices=True, rows=not only_newcomers)

    def start(self) -> None:
        """Read the team once, when the view first reads its rows, so changes can be compared."""
        if self._names is None:
            self._names = dict(self._read())
            self._seen = set(self._names)
