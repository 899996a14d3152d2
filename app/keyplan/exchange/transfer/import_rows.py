"""One row of a contacts file as an import plans it: new, update or skip, where, and why.

Shared by the planner (``import_plan.py``), the matching (``import_matching.py``), the
managers (``import_managers.py``) and the preview's words (``import_preview_text.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

# A person: ("person", id) for someone in the database, ("row", index) for a row of the file.
Ref = tuple[str, int]


class Action(StrEnum):
    NEW = "new"
    UPDATE = "update"
    SKIP = "skip"


class Match(StrEnum):
    """How an update found the person it changes, surest first."""

    PROFILE = "profile"  # the same profile URL
    EMAIL = "email"  # the same e-mail address
    EXACT = "exact"  # the same name, letter for letter (case aside)
    FOLDED = "folded"  # the same name but for accents or punctuation ("Jonsson", "Jönsson")
    CLOSE = "close"  # a name close enough ("Eirik" for "Erik"): a guess the user must see


# Matches a person is sure of: what ``--exact-only`` accepts, and what needs no "≈" mark.
SURE_MATCHES = frozenset({Match.PROFILE, Match.EMAIL, Match.EXACT})


@dataclass
class PlannedRow:
    """What the import does with one contact.

    Attributes:
        where: "row 7" or "card 3".
        name: the person's name (the stored one for an update).
        action: new, update or skip.
        reason: why a row is skipped, or how an update found its person.
        notes: what the user should know about the row (a manager not found, a line refused).
        person_id: the person an update changes.
        values: the fields to write (for an update only the changed ones).
        changes: for an update, field -> (stored value, file value) of what it writes.
        kept: for a person already there, field -> (stored value, file value) where the file
            differs from a value the user has and theirs is kept (not ``overwrite``).
        broken: the row cannot be right (see ``broken_rows.py``); it is skipped.
        manager: the resolved "reports to", or None.
        included: False when the user left this row out (a new person or an update).
        account_id: the account the row goes to (None: the account the import creates).
        account_name: that account's name.
        file_name: the name as the file writes it.
        match: how an update found its person (None for a new person or a skip).
        company: the company the file gives for the row.
        other_company: skipped because the row is of a company the import does not take.
        moved_from: a person elsewhere this row shows has changed jobs: marked as left.
        level_guessed: the new person's level comes from their title, not from the file.
    """

    where: str
    name: str
    action: Action
    reason: str = ""
    notes: list[str] = field(default_factory=list)
    person_id: int | None = None
    values: dict[str, Any] = field(default_factory=dict)
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    kept: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    broken: bool = False
    manager: Ref | None = None
    manager_name: str | None = None
    included: bool = True
    account_id: int | None = None
    account_name: str = ""
    file_name: str = ""
    match: Match | None = None
    company: str = ""
    other_company: bool = False
    moved_from: int | None = None
    level_guessed: bool = False

    @property
    def written(self) -> bool:
        return self.action is not Action.SKIP and self.included

    @property
    def ref(self) -> Ref | None:
        if self.action is Action.UPDATE and self.person_id is not None:
            return ("person", self.person_id)
        return None

    @property
    def is_a_guess(self) -> bool:
        """An update found by a name that is not the file's, letter for letter."""
        return self.action is Action.UPDATE and self.match in (Match.FOLDED, Match.CLOSE)


def is_empty(value: Any) -> bool:
    """Whether a stored value counts as not known (None, or only spaces)."""
    return value is None or not str(value).strip()
