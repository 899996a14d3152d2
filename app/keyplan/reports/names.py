"""Our team's names as a document prints them: plainly, without on-screen markers.

A team member's name may carry a marker meant for the user's own screen, such as
"Alex Morgan (you)" (the demo names its director that way). A plan is read by managers and
customers, to whom "you" is someone else: every PDF names the person plainly. The plan data
is cleaned once, before any page is built, so no section can print the marker by mistake.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

from keyplan.reports.print_limits import within_print_limits
from keyplan.store.plan.queries import PlanData

# "(you)", "(You)", "( you )" at the end of a name, with the spaces before it.
T = TypeVar("T", bound=Any)
_SCREEN_MARKER = re.compile(r"\s*\(\s*you\s*\)\s*$", re.IGNORECASE)


def plain_name(name: str | None) -> str | None:
    """A team member's name without an on-screen "(you)" marker; None stays None."""
    if name is None:
        return None
    plain = _SCREEN_MARKER.sub("", name)
    return plain or name  # a name that is nothing but the marker is left as it is


def plain_team_names(plan: PlanData) -> PlanData:
    """A copy of the plan whose team members' names are printed plainly everywhere, and
    every text within its field's limit (``print_limits``: an old database's 300,000-character
    name would keep the PDF running for minutes)."""
    plan = within_print_limits(plan)
    return dataclasses.replace(
        plan,
        team=_renamed(plan.team, "name"),
        owners=_renamed(plan.owners, "member_name"),
        people=_renamed(plan.people, "owners"),
        risks=_renamed(plan.risks, "owner"),
        actions=_renamed(plan.actions, "owner"),
        commitments=_renamed(plan.commitments, "by_member"),
        interactions=_renamed(plan.interactions, "team"),
    )


def _renamed(rows: tuple[T, ...], field: str) -> tuple[T, ...]:
    """The rows with their ``field`` (a name, or a tuple of names) printed plainly; a row
    whose names carry no marker is kept as it is (a plan has thousands of rows, few markers)."""
    return tuple(_row_renamed(row, field) for row in rows)


def _row_renamed(row: T, field: str) -> T:
    value = getattr(row, field)
    if isinstance(value, tuple):
        plain: object = tuple(plain_name(n) or n for n in value)
    else:
        plain = plain_name(value)
    return row if plain == value else dataclasses.replace(row, **{field: plain})
