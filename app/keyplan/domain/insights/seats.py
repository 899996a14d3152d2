"""Open positions the insights point out: a decision maker's seat nobody holds.

A vacancy is not a person: it is never counted among the people, in coverage or in the score
(nobody there to cover). But a decision maker's seat that is open is a finding an account
director must act on: who decides until it is filled, and who will fill it?
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from keyplan.domain.insights.facts import PersonFacts
from keyplan.domain.vocabulary import BuyingRole

#: The buying roles whose open seat is a finding (the store's SQL is built from this).
DECIDING_ROLES = (BuyingRole.DECISION_MAKER,)


@dataclass(frozen=True, slots=True)
class SeatFinding:
    """An open decision maker's seat, with the sentence that says what to do about it."""

    seat_id: int
    title: str
    reason: str


def vacant_decision_seats(seats: Iterable[PersonFacts]) -> tuple[SeatFinding, ...]:
    """The open positions that decide: each with its reason, by title."""
    found = [
        SeatFinding(seat.id, seat_title(seat.title, seat.name), _reason(seat.title or seat.name))
        for seat in seats
        if seat.buying_role in DECIDING_ROLES
    ]
    return tuple(sorted(found, key=lambda finding: finding.title.casefold()))


def seat_title(title: str | None, name: str) -> str:
    return title or name


def seat_headline(titles: Iterable[str]) -> str:
    """The dashboard's line for an account's open decision seats ("" when none)."""
    titles = list(titles)
    if not titles:
        return ""
    if len(titles) == 1:
        return f"Vacant seat: {titles[0]}"
    return f"{len(titles)} vacant seats: {', '.join(titles)}"


def _reason(title: str) -> str:
    return (
        f"The {title} seat is vacant: a decision maker's seat nobody holds. Find out who "
        f"decides until it is filled, and who is in line for it."
    )
