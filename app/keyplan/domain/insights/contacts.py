"""One pass over an account's interactions, shared by every insight that asks "when?".

Reading tens of thousands of interactions once per account, instead of once per person, is what
keeps the portfolio dashboard linear in the size of the data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from keyplan.domain.insights.facts import AccountFacts, InteractionFacts

#: The window, in days before today, in which contact counts as "recent".
RECENT_DAYS = 90


@dataclass(frozen=True, slots=True)
class ContactLog:
    """When each person was last met, and which interactions fall in the recent window.

    Attributes:
        last_contact_on: person id -> date of the latest interaction on or before today.
        recent: interactions from ``today - RECENT_DAYS`` to today, both included.
        recent_team_member_ids: our people who took part in a recent interaction.
    """

    last_contact_on: Mapping[int, date]
    recent: tuple[InteractionFacts, ...]
    recent_team_member_ids: frozenset[int]

    def days_since_contact(self, person_id: int, today: date) -> int | None:
        """Days since the person was last met, or None if never."""
        last = self.last_contact_on.get(person_id)
        return None if last is None else (today - last).days


def contact_log(account: AccountFacts, today: date) -> ContactLog:
    """Read an account's interactions once.

    Interactions dated after today are planned meetings, not contact, so they are left out.

    Args:
        account: the account whose interactions to read.
        today: the date the insights are computed for.

    Returns:
        The last contact per person and the interactions of the recent window.
    """
    window_start = today - timedelta(days=RECENT_DAYS)
    last: dict[int, date] = {}
    recent: list[InteractionFacts] = []
    team: set[int] = set()
    for interaction in account.interactions:
        on = interaction.on
        if on > today:
            continue
        for person_id in interaction.person_ids:
            seen = last.get(person_id)
            if seen is None or on > seen:
                last[person_id] = on
        if on >= window_start:
            recent.append(interaction)
            team.update(interaction.team_member_ids)
    return ContactLog(
        last_contact_on=last, recent=tuple(recent), recent_team_member_ids=frozenset(team)
    )
