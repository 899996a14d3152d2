"""Our team's names as a document prints them: plainly, without on-screen markers.

A team member's name may carry a marker meant for the user's own screen, such as
"Alex Morgan (you)" (the demo names its director that way). A plan is read by managers and
customers, to whom "you" is someone else: every PDF names the person plainly. The plan data
is cleaned once, before any page is built, so no section can print the marker by mistake.
"""

from __future__ import annotations

import dataclasses
import re

from keyplan.reports.print_limits import within_print_limits
from keyplan.store.plan.queries import PlanData

# "(you)", "(You)", "( you )" at the end of a name, with the spaces before it.
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
        team=tuple(dataclasses.replace(m, name=plain_name(m.name)) for m in plan.team),
        owners=tuple(
            dataclasses.replace(o, member_name=plain_name(o.member_name)) for o in plan.owners
        ),
        people=tuple(
            dataclasses.replace(p, owners=tuple(plain_name(n) or n for n in p.owners))
            for p in plan.people
        ),
        risks=tuple(dataclasses.replace(r, owner=plain_name(r.owner)) for r in plan.risks),
        actions=tuple(dataclasses.replace(a, owner=plain_name(a.owner)) for a in plan.actions),
        commitments=tuple(
            dataclasses.replace(c, by_member=plain_name(c.by_member)) for c in plan.commitments
        ),
        interactions=tuple(
            dataclasses.replace(i, team=tuple(plain_name(n) or n for n in i.team))
            for i in plan.interactions
        ),
    )
