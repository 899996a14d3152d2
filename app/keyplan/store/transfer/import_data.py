"""The plain data an import of people passes between its planner and the store.

Kept apart from ``import_writes`` (which needs SQLAlchemy and the models) so that reading a
file, matching it and printing the preview load neither: on a file database a dry run, or a
re-import with nothing new, never imports them (about a third of such a run's time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The stakeholder fields an import may fill, and how long each may be (the column sizes).
IMPORTED_FIELDS = {
    "full_name": 200,
    "job_title": 200,
    "department": 200,
    "email": 200,
    "phone": 60,
    "location": 200,
    "profile_url": 500,
}


@dataclass(frozen=True, slots=True)
class PersonWrite:
    """One person to add (``person_id`` None) or to change.

    ``manager_id`` names a person in the database; ``manager_new`` one of the new people by
    position in ``ImportWrite.new``. At most one of them is set.
    """

    person_id: int | None
    values: dict[str, Any]
    manager_id: int | None = None
    manager_new: int | None = None
    account_id: int | None = None  # a new person's account; None: the import's account
    dotted_id: int | None = None  # a "dotted line to" a stored person …
    dotted_new: int | None = None  # … or to one of the new people (by position)


@dataclass(frozen=True)
class ImportWrite:
    """People to add and to change; each new person goes to their own account or the import's.

    ``account_id`` None with people who have no account of their own: the account named
    ``account_name`` is created for them.
    """

    account_id: int | None
    account_name: str
    new: list[PersonWrite] = field(default_factory=list)
    updates: list[PersonWrite] = field(default_factory=list)

    def needs_own_account(self) -> bool:
        return any(write.account_id is None for write in self.new)
