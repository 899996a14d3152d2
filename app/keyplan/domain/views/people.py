"""The plain records the views read: a person at the customer and a logged contact."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class ViewPerson:
    """A person at the customer as the views need them; ratings as stored words (or None)."""

    id: int
    name: str
    job_title: str | None = None
    department: str | None = None
    buying_role: str = "none"
    influence: str | None = None
    interest: str | None = None
    stance: str = "unknown"
    owners: tuple[str, ...] = ()
    last_contact: date | None = None


@dataclass(frozen=True, slots=True)
class ViewContact:
    """A logged interaction: when, with which of their people, by which of ours (names)."""

    occurred_on: date
    person_ids: tuple[int, ...]
    team: tuple[str, ...]
